package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"atelier/internal/atomicfile"
	"atelier/internal/web"
	"atelier/notebooks"
)

// cmdExportPage writes a page as one self-contained HTML file: `atelier export page SLUG -o page.html`.
func cmdExportPage(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg := defaultConfig()
	fs := newFlags("export page", &cfg, stderr)
	out := fs.String("o", "", "fichier HTML à écrire (par défaut : la sortie standard)")
	// Flags may come before or after the slug, as the documented form puts -o last.
	if err := fs.Parse(args); err != nil || fs.NArg() < 1 {
		fmt.Fprintln(stderr, "utilisation : atelier export page [-data DIR] SLUG -o page.html")
		return errUsage
	}
	rawSlug := fs.Arg(0)
	if err := fs.Parse(fs.Args()[1:]); err != nil || fs.NArg() != 0 {
		fmt.Fprintln(stderr, "utilisation : atelier export page [-data DIR] SLUG -o page.html")
		return errUsage
	}
	slug, err := notebooks.ParseSlug(rawSlug)
	if err != nil {
		return err
	}
	a, err := openApp(ctx, cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	var buf bytes.Buffer
	if err := web.ExportPage(ctx, a.pages, slug, &buf); err != nil {
		return err
	}
	if *out == "" {
		_, err = stdout.Write(buf.Bytes())
		return err
	}
	// The path is the operator's own choice on their machine, not a name from the web.
	root, err := os.OpenRoot(filepath.Dir(*out))
	if err != nil {
		return err
	}
	defer root.Close()
	if err := atomicfile.WriteBytes(root, filepath.Base(*out), buf.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s écrit (%d Ko)\n", *out, buf.Len()>>10)
	return nil
}
