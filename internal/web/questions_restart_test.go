package web_test

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"atelier/datasets"
	"atelier/internal/accounts"
	"atelier/internal/database"
	"atelier/internal/demo"
	"atelier/internal/web"
	"atelier/notebooks"
)

// serveDir serves the demo content from dir, which may hold a previous run's database.
func serveDir(t *testing.T, dir string) (*httptest.Server, func()) {
	t.Helper()
	ctx := context.Background()
	db, err := database.Open(ctx, filepath.Join(dir, "atelier.db"))
	if err != nil {
		t.Fatal(err)
	}
	ds, err := datasets.OpenStore(ctx, db, filepath.Join(dir, "datasets"), datasets.DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	pages, err := notebooks.OpenStore(ctx, db, notebooks.NewRenderer(ds))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Load(ctx, ds, pages); err != nil {
		t.Fatal(err)
	}
	acc, err := accounts.OpenStore(ctx, db, bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	acc.Add(ctx, testEmail, testPassword, accounts.Facilitator)
	srv, err := web.New(web.Deps{Datasets: ds, Pages: pages, Accounts: acc, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	return ts, func() { ts.Close(); ds.Close(); db.Close() }
}

func TestAnOpenQuestionSurvivesARestart(t *testing.T) {
	dir := t.TempDir()
	ts, stop := serveDir(t, dir)
	c := newClient(t, ts)
	c.login(testEmail, testPassword, "/")
	setState(t, c, "2", "open")
	p := newPhone(t, ts)
	if status, body := p.answer("2", `"Istres"`); status != 200 {
		t.Fatalf("answer = %d %s", status, body)
	}
	stop()

	ts, stop = serveDir(t, dir)
	defer stop()
	p.ts = ts // the same phone, its cookie kept, on the restarted server
	if q := p.get(quiz + "/questions/2"); q["state"] != "open" || q["answers"] != 1.0 {
		t.Fatalf("after the restart: %v", q)
	}
	if status, _ := p.answer("2", `"Martigues"`); status != 200 {
		t.Fatal("answer after the restart refused")
	}
	if q := p.get(quiz + "/questions/2"); q["answers"] != 1.0 {
		t.Errorf("the phone's answer was counted twice across the restart: %v", q)
	}
}
