package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"atelier/internal/fault"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		if msg, ok := fault.Message(err); ok {
			fmt.Fprintln(os.Stderr, "atelier :", msg)
		} else if !errors.Is(err, errUsage) {
			fmt.Fprintln(os.Stderr, "atelier :", err)
		}
		os.Exit(1)
	}
}

var errUsage = errors.New("usage")

const usage = `atelier — les données ouvertes de la ville, en pages et en graphiques

Utilisation :
  atelier serve  [-addr 127.0.0.1:8080] [-data ./data] [-demo]
  atelier import [-data DIR] [-name NOM] [-title TITRE] FICHIER
  atelier page import [-data DIR] [-slug S] [-publish] FICHIER.md
  atelier page export [-data DIR] SLUG
  atelier export page [-data DIR] SLUG -o page.html   (un fichier qui s'ouvre sans serveur ni réseau)
  atelier user add [-data DIR] -email E [-role facilitator|admin]   (mot de passe lu sur l'entrée standard)
`

// run is main without the process: tests call it with their own arguments and streams.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return errUsage
	}
	switch args[0] {
	case "serve":
		return cmdServe(ctx, args[1:], stdout, stderr)
	case "import":
		return cmdImport(ctx, args[1:], stdout, stderr)
	case "page":
		if len(args) > 1 && args[1] == "import" {
			return cmdPageImport(ctx, args[2:], stdout, stderr)
		}
		if len(args) > 1 && args[1] == "export" {
			return cmdPageExport(ctx, args[2:], stdout, stderr)
		}
	case "export":
		if len(args) > 1 && args[1] == "page" {
			return cmdExportPage(ctx, args[2:], stdout, stderr)
		}
	case "user":
		if len(args) > 1 && args[1] == "add" {
			return cmdUserAdd(ctx, args[2:], stdin, stdout, stderr)
		}
	case "help", "-h", "-help", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return errUsage
}
