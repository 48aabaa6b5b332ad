package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"
)

// server is the real binary's serve command running in-process on a free port.
type server struct {
	URL     string
	DataDir string
	stop    context.CancelFunc
	done    chan error
	log     *bytes.Buffer
}

// startServer runs `atelier serve -addr 127.0.0.1:0 -data DIR args...` and waits until it
// listens. The server stops when the test ends.
func startServer(t testing.TB, dataDir string, args ...string) *server {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	s := &server{DataDir: dataDir, stop: cancel, done: make(chan error, 1), log: &bytes.Buffer{}}
	go func() {
		err := run(ctx, append([]string{"serve", "-addr", "127.0.0.1:0", "-data", dataDir}, args...), nil, pw, s.log)
		pw.CloseWithError(io.EOF)
		s.done <- err
	}()
	lines := bufio.NewScanner(pr)
	addr := make(chan string, 1)
	go func() {
		for lines.Scan() {
			if u, ok := strings.CutPrefix(lines.Text(), "atelier écoute sur "); ok {
				addr <- u
			}
		}
	}()
	select {
	case s.URL = <-addr:
	case err := <-s.done:
		t.Fatalf("serve stopped before listening: %v\n%s", err, s.log)
	case <-time.After(60 * time.Second):
		t.Fatalf("serve did not listen within 60 s\n%s", s.log)
	}
	t.Cleanup(func() {
		cancel()
		if err := <-s.done; err != nil {
			t.Errorf("serve: %v", err)
		}
	})
	return s
}

// runCommand runs one atelier subcommand and returns its standard output.
func runCommand(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), args, strings.NewReader(""), &out, &errOut)
	if err != nil {
		return out.String() + errOut.String(), err
	}
	return out.String(), nil
}

func get(t *testing.T, url string) (*http.Response, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(body)
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := t.TempDir() + "/" + name
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}
