package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"

	"atelier/internal/accounts"
	"atelier/internal/fault"
)

// cmdUserAdd makes an account. The password is read from stdin, never from a flag, so that
// it stays out of the shell history and the process list.
func cmdUserAdd(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	cfg := defaultConfig()
	fs := newFlags("user add", &cfg, stderr)
	email := fs.String("email", "", "adresse électronique du compte")
	roleFlag := fs.String("role", string(accounts.Facilitator), "rôle : facilitator ou admin")
	if err := fs.Parse(args); err != nil || *email == "" || fs.NArg() != 0 {
		fmt.Fprintln(stderr, "utilisation : atelier user add [-data DIR] -email E [-role facilitator|admin] < mot-de-passe")
		return errUsage
	}
	role, err := accounts.ParseRole(*roleFlag)
	if err != nil {
		return err
	}
	line, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && err != io.EOF {
		return err
	}
	password := strings.TrimRight(line, "\r\n")
	if password == "" {
		return fault.New(fault.Invalid, "aucun mot de passe reçu : envoyez-le sur l'entrée standard, par exemple « echo … | atelier user add -email … »")
	}
	a, err := openApp(ctx, cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	u, err := a.accounts.Add(ctx, *email, password, role)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "compte %s créé (%s)\n", u.Email, u.Role)
	return nil
}
