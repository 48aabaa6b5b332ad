package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"

	"atelier/datasets"
	"atelier/datasets/fetch"
	"atelier/internal/fault"
)

func cmdImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg := defaultConfig()
	fs := newFlags("import", &cfg, stderr)
	name := fs.String("name", "", "nom du jeu de données (par défaut : tiré du nom du fichier)")
	title := fs.String("title", "", "titre du jeu de données")
	description := fs.String("description", "", "description du jeu de données")
	source := fs.String("source", "", "producteur des données, par exemple « INSEE »")
	sourceURL := fs.String("source-url", "", "lien vers la page des données sur le portail")
	licence := fs.String("licence", "", "licence, par exemple « Licence Ouverte 2.0 »")
	dataDate := fs.String("date", "", "date des données, par exemple « 2024 » ou « 2024-01-31 »")
	sheet := fs.String("sheet", "", "XLSX : la feuille à lire (par défaut la première qui a des valeurs)")
	force := fs.Bool("force", false, "importer même si un graphique d'une page publiée ou non listée ne se dessinerait plus")
	if err := fs.Parse(args); err != nil || fs.NArg() != 1 {
		fmt.Fprintln(stderr, "utilisation : atelier import [-data DIR] [-name NOM] [-title TITRE] [-sheet FEUILLE] [-force] FICHIER|URL")
		return errUsage
	}
	req := datasets.ImportRequest{Title: *title, Description: *description, Source: *source, SourceURL: *sourceURL,
		Licence: *licence, DataDate: *dataDate, Sheet: *sheet}
	if *name != "" {
		n, err := datasets.ParseName(*name)
		if err != nil {
			return err
		}
		req.Name = n
	}
	arg := fs.Arg(0)
	if strings.HasPrefix(arg, "http://") || strings.HasPrefix(arg, "https://") {
		f, err := fetch.New(cfg.Limits.MaxFileBytes).Fetch(ctx, arg)
		if err != nil {
			return err
		}
		req.FileName, req.Body = f.Name, bytes.NewReader(f.Body)
		if req.SourceURL == "" {
			req.SourceURL = arg
		}
	} else {
		f, err := os.Open(arg)
		if err != nil {
			return err
		}
		defer f.Close()
		req.FileName, req.Body = filepath.Base(arg), f // a file is mapped, not read
	}

	a, err := openApp(ctx, cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	report, err := checkUpdate(ctx, a, req, *force)
	if err != nil {
		fmt.Fprint(stdout, report)
		return err
	}
	meta, err := a.datasets.Import(ctx, req)
	if err != nil {
		return err
	}
	printMeta(stdout, meta) // first: its first line is stable for scripts
	fmt.Fprint(stdout, report)
	return nil
}

// checkUpdate reports what a new version of an existing dataset would change and which
// charts would break; it refuses, with nothing changed, to break a page that anonymous
// visitors read, unless forced.
func checkUpdate(ctx context.Context, a *app, req datasets.ImportRequest, force bool) (string, error) {
	named, err := a.datasets.RecipeFor(ctx, req)
	if err != nil {
		return "", err
	}
	if _, err := a.datasets.Meta(ctx, named.Name, 0); fault.KindOf(err) == fault.NotFound {
		return "", nil // a new dataset: nothing to compare, and the file is read once
	}
	next, err := a.datasets.Preview(ctx, req)
	if err != nil {
		return "", err
	}
	defer next.Release()
	report, err := a.pages.ReportFor(ctx, a.datasets, next)
	if err != nil || report.Diff.Current == 0 {
		return "", err
	}
	breaking := report.Breaking()
	if len(breaking) == 0 || force {
		return report.Text(), nil
	}
	slugs := make([]string, len(breaking))
	for i, p := range breaking {
		slugs[i] = string(p.Slug)
	}
	return report.Text(), fault.New(fault.Conflict, "rien n'a été importé : des graphiques ne se dessineraient plus sur %s, lue(s) par le public ; corrigez le fichier ou les pages, ou relancez avec -force pour importer quand même",
		strings.Join(slugs, ", "))
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
