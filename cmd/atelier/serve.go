package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"atelier/internal/demo"
	"atelier/internal/web"
)

func cmdServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg := defaultConfig()
	fs := newFlags("serve", &cfg, stderr)
	fs.StringVar(&cfg.Addr, "addr", cfg.Addr, "adresse d'écoute")
	fs.StringVar(&cfg.PublicURL, "public-url", cfg.PublicURL, "adresse donnée aux téléphones de la salle (QR code, liens), ex. http://192.168.1.20:8080")
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
	if err := checkPublicURL(cfg.PublicURL); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	room := web.RoomFor(cfg.PublicURL, ln.Addr())
	srv, err := web.New(web.Deps{Datasets: a.datasets, Pages: a.pages, Accounts: a.accounts, Log: log, Limits: cfg.Limits, Room: room})
	if err != nil {
		ln.Close()
		return err
	}
	logRoom(log, room)
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

// checkPublicURL refuses an address phones could not open: it must be http(s)://host[:port].
func checkPublicURL(raw string) error {
	if raw == "" {
		return nil
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return fmt.Errorf("-public-url %q : donnez une adresse complète, par exemple http://192.168.1.20:8080 ou https://atelier.ville.fr", raw)
	}
	return nil
}

// logRoom says, at start, what the phones in the room will be given.
func logRoom(log *slog.Logger, room web.Room) {
	switch {
	case room.PublicURL != "":
		log.Info("adresse donnée à la salle", "url", room.PublicURL)
	case len(room.LAN) > 0:
		log.Info("adresses du réseau local données à la salle", "urls", strings.Join(room.LAN, " "))
	default:
		log.Warn("atelier n'écoute que sur cet ordinateur : les téléphones ne pourront pas rejoindre ; lancez « atelier serve -addr 0.0.0.0:8080 » ou donnez -public-url")
	}
}
