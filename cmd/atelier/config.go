package main

import (
	"context"
	"database/sql"
	"flag"
	"io"
	"os"
	"path/filepath"
	"time"

	"atelier/datasets"
	"atelier/internal/accounts"
	"atelier/internal/database"
	"atelier/notebooks"
)

// Config is everything the binary can be told, from flags and ATELIER_* variables.
type Config struct {
	Addr    string
	DataDir string
	// PublicURL is the address residents get (QR code, share links, offline file): it wins
	// over the LAN address found when listening on all interfaces.
	PublicURL string
	Demo      bool
	Limits    datasets.Limits
	Timeout   Timeouts
}

// Timeouts are the HTTP server's; they close slow clients (slowloris) and stuck handlers.
type Timeouts struct {
	ReadHeader, Read, Write, Idle time.Duration
}

func defaultConfig() Config {
	return Config{
		Addr:      envOr("ATELIER_ADDR", "127.0.0.1:8080"),
		DataDir:   envOr("ATELIER_DATA", "./data"),
		PublicURL: os.Getenv("ATELIER_PUBLIC_URL"),
		Limits:    datasets.DefaultLimits,
		Timeout:   Timeouts{ReadHeader: 10 * time.Second, Read: 5 * time.Minute, Write: 5 * time.Minute, Idle: 2 * time.Minute},
	}
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

// newFlags returns a flag set that reports to stderr and fills the data directory flag,
// which every subcommand has.
func newFlags(name string, cfg *Config, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&cfg.DataDir, "data", cfg.DataDir, "dossier des données (atelier.db et datasets/)")
	return fs
}

// app is the domain wired on one data directory.
type app struct {
	db       *sql.DB
	datasets *datasets.Store
	pages    *notebooks.Store
	accounts *accounts.Store
}

func openApp(ctx context.Context, cfg Config) (*app, error) {
	if err := os.MkdirAll(cfg.DataDir, 0o755); err != nil {
		return nil, err
	}
	db, err := database.Open(ctx, filepath.Join(cfg.DataDir, "atelier.db"))
	if err != nil {
		return nil, err
	}
	ds, err := datasets.OpenStore(ctx, db, filepath.Join(cfg.DataDir, "datasets"), cfg.Limits)
	if err != nil {
		db.Close()
		return nil, err
	}
	pages, err := notebooks.OpenStore(ctx, db, notebooks.NewRenderer(ds, rendererOptions()...))
	if err != nil {
		ds.Close()
		db.Close()
		return nil, err
	}
	pages.Follow(ds)
	acc, err := accounts.OpenStore(ctx, db, 0)
	if err != nil {
		ds.Close()
		db.Close()
		return nil, err
	}
	return &app{db: db, datasets: ds, pages: pages, accounts: acc}, nil
}

func (a *app) Close() error {
	a.datasets.Close()
	return a.db.Close()
}
