package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"atelier/internal/demo"
	"atelier/internal/web"
)

func cmdServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg := defaultConfig()
	fs := newFlags("serve", &cfg, stderr)
	fs.StringVar(&cfg.Addr, "addr", cfg.Addr, "adresse d'écoute")
	fs.BoolVar(&cfg.Demo, "demo", false, "charger le contenu de démonstration (ce qui existe déjà est gardé)")
	if err := fs.Parse(args); err != nil {
		return errUsage
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))
	a, err := openApp(ctx, cfg)
	if err != nil {
		return err
	}
	defer a.Close()
	if cfg.Demo {
		added, err := demo.Load(ctx, a.datasets, a.pages)
		if err != nil {
			return fmt.Errorf("démo : %w", err)
		}
		for _, what := range added {
			log.Info("démo chargée", "ajout", what)
		}
	}
	srv, err := web.New(web.Deps{Datasets: a.datasets, Pages: a.pages, Accounts: a.accounts, Log: log, Limits: cfg.Limits})
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	// Tests start the server on :0 and read the address from this line.
	fmt.Fprintf(stdout, "atelier écoute sur http://%s\n", ln.Addr())
	// Long-lived streams (followers, live pages) run until their request's context ends:
	// every request's context descends from streams, which Shutdown cancels first, so
	// Ctrl-C does not wait for the end of a council meeting.
	streams, stopStreams := context.WithCancel(context.Background())
	defer stopStreams()
	hs := &http.Server{
		Handler:           srv.Handler(),
		BaseContext:       func(net.Listener) context.Context { return streams },
		ReadHeaderTimeout: cfg.Timeout.ReadHeader,
		ReadTimeout:       cfg.Timeout.Read,
		WriteTimeout:      cfg.Timeout.Write,
		IdleTimeout:       cfg.Timeout.Idle,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	hs.RegisterOnShutdown(stopStreams)
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutdown); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
