package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"text/tabwriter"

	"atelier/datasets"
)

func cmdImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg := defaultConfig()
	fs := newFlags("import", &cfg, stderr)
	name := fs.String("name", "", "nom du jeu de données (par défaut : tiré du nom du fichier)")
	title := fs.String("title", "", "titre du jeu de données")
	source := fs.String("source", "", "producteur des données, par exemple « INSEE »")
	licence := fs.String("licence", "", "licence, par exemple « Licence Ouverte 2.0 »")
	if err := fs.Parse(args); err != nil || fs.NArg() != 1 {
		fmt.Fprintln(stderr, "utilisation : atelier import [-data DIR] [-name NOM] [-title TITRE] FICHIER")
		return errUsage
	}
	req := datasets.ImportRequest{Title: *title, Source: *source, Licence: *licence, FileName: filepath.Base(fs.Arg(0))}
	if *name != "" {
		n, err := datasets.ParseName(*name)
		if err != nil {
			return err
		}
		req.Name = n
	}
	f, err := os.Open(fs.Arg(0))
	if err != nil {
		return err
	}
	defer f.Close()
	req.Body = f

	a, err := openApp(ctx, cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	meta, err := a.datasets.Import(ctx, req)
	if err != nil {
		return err
	}
	if _, err := a.pages.RefreshUsing(ctx, meta.Name); err != nil {
		return err
	}
	printMeta(stdout, meta)
	return nil
}

// printMeta is the import's report: the first line is stable for scripts.
func printMeta(w io.Writer, m datasets.Meta) {
	fmt.Fprintf(w, "%s version %d : %d lignes, %d colonnes\n", m.Name, m.Version, m.Rows, len(m.Columns))
	tw := tabwriter.NewWriter(w, 2, 4, 2, ' ', 0)
	for _, c := range m.Columns {
		fmt.Fprintf(tw, "  %s\t%s\t%d vides\n", c.Name, c.Type, c.Nulls)
	}
	tw.Flush()
	for _, warn := range m.Warnings {
		if warn.Column != "" {
			fmt.Fprintf(w, "attention : colonne « %s » : %s\n", warn.Column, warn.Message)
		} else {
			fmt.Fprintf(w, "attention : %s\n", warn.Message)
		}
	}
}
