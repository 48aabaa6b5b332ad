package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"atelier/internal/fault"
	"atelier/notebooks"
)

func cmdPageImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg := defaultConfig()
	fs := newFlags("page import", &cfg, stderr)
	slugFlag := fs.String("slug", "", "adresse de la page (par défaut : tirée du nom du fichier)")
	publish := fs.Bool("publish", false, "publier la page (sinon elle reste en brouillon)")
	if err := fs.Parse(args); err != nil || fs.NArg() != 1 {
		fmt.Fprintln(stderr, "utilisation : atelier page import [-data DIR] [-slug S] [-publish] FICHIER.md")
		return errUsage
	}
	slug := notebooks.SlugFrom(strings.TrimSuffix(filepath.Base(fs.Arg(0)), filepath.Ext(fs.Arg(0))))
	if *slugFlag != "" {
		var err error
		if slug, err = notebooks.ParseSlug(*slugFlag); err != nil {
			return err
		}
	}
	md, err := os.ReadFile(fs.Arg(0))
	if err != nil {
		return err
	}
	a, err := openApp(ctx, cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	base := 0
	if cur, err := a.pages.Get(ctx, slug); err == nil {
		base = cur.Revision // a file from the command line replaces the page: it is the author's copy
	} else if fault.KindOf(err) != fault.NotFound {
		return err
	}
	p, err := a.pages.Save(ctx, slug, string(md), "ligne de commande", base)
	if err != nil {
		return err
	}
	if *publish {
		if err := a.pages.SetStatus(ctx, slug, notebooks.Published); err != nil {
			return err
		}
		p.Status = notebooks.Published
	}
	fmt.Fprintf(stdout, "%s révision %d (%s) : %d graphiques\n", p.Slug, p.Revision, p.Status, p.Charts)
	return nil
}

func cmdPageExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg := defaultConfig()
	fs := newFlags("page export", &cfg, stderr)
	if err := fs.Parse(args); err != nil || fs.NArg() != 1 {
		fmt.Fprintln(stderr, "utilisation : atelier page export [-data DIR] SLUG")
		return errUsage
	}
	slug, err := notebooks.ParseSlug(fs.Arg(0))
	if err != nil {
		return err
	}
	a, err := openApp(ctx, cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	p, err := a.pages.Get(ctx, slug)
	if err != nil {
		return err
	}
	_, err = io.WriteString(stdout, p.Markdown)
	return err
}
