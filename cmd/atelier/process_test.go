package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// asBinary makes the test binary run atelier's main instead of the tests: the tests below
// start it as a real process (signals, exit codes, two processes on one data directory).
const asBinary = "ATELIER_TEST_AS_BINARY"

func TestMain(m *testing.M) {
	if os.Getenv(asBinary) == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// atelierProcess prepares `atelier args...` as a process of its own.
func atelierProcess(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(exe, args...)
	cmd.Env = append(os.Environ(), asBinary+"=1")
	return cmd
}

// startServeProcess starts `atelier serve` on a free loopback port and returns its address.
func startServeProcess(t *testing.T, dataDir string, args ...string) (*exec.Cmd, string, *strings.Builder) {
	t.Helper()
	cmd := atelierProcess(t, append([]string{"serve", "-addr", "127.0.0.1:0", "-data", dataDir}, args...)...)
	stderr := &strings.Builder{}
	cmd.Stderr = stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	lines := bufio.NewScanner(out)
	for lines.Scan() {
		if u, ok := strings.CutPrefix(lines.Text(), "atelier écoute sur http://"); ok {
			go io.Copy(io.Discard, out)
			return cmd, u, stderr
		}
	}
	t.Fatalf("serve stopped before listening:\n%s", stderr)
	return nil, "", nil
}

// follow opens the page's follower stream from the loopback address local and returns
// once the server has answered (it subscribes the follower before its first line).
func follow(addr, slug string, local net.IP) (net.Conn, error) {
	d := net.Dialer{LocalAddr: &net.TCPAddr{IP: local}, Timeout: 30 * time.Second}
	c, err := d.Dial("tcp", addr)
	if err != nil {
		return nil, err
	}
	fmt.Fprintf(c, "GET /p/%s/follow HTTP/1.1\r\nHost: %s\r\nAccept: text/event-stream\r\n\r\n", slug, addr)
	r := bufio.NewReader(c)
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			c.Close()
			return nil, fmt.Errorf("before the stream began: %w", err)
		}
		if strings.HasPrefix(line, "HTTP/1.1 ") && !strings.HasPrefix(line, "HTTP/1.1 200") {
			c.Close()
			return nil, fmt.Errorf("follow answered %s", strings.TrimSpace(line))
		}
		if strings.HasPrefix(line, "retry:") {
			return c, nil
		}
	}
}

// followMany opens n follower streams, spread over loopback addresses (127.0.0.2 to
// 127.0.0.251) as the phones of a room would come from many addresses.
func followMany(t *testing.T, addr, slug string, n int) []net.Conn {
	t.Helper()
	conns := make([]net.Conn, n)
	errs := make(chan error, n)
	var wg sync.WaitGroup
	sem := make(chan struct{}, 32)
	for i := range n {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			c, err := follow(addr, slug, net.IPv4(127, 0, 0, byte(2+i%250)))
			conns[i] = c
			if err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatalf("follower: %v", err)
	}
	t.Cleanup(func() {
		for _, c := range conns {
			c.Close()
		}
	})
	return conns
}

// TestCtrlCEndsEveryStreamAndExitsZero: Ctrl-C with 500 followers connected ends every
// stream and exits 0. Before, shutdown waited for the streams until its deadline and exited
// 1 (« context deadline exceeded »). How long it takes is printed, not asserted: a timing
// belongs to make bench, and under -race on a loaded machine it swings.
func TestCtrlCEndsEveryStreamAndExitsZero(t *testing.T) {
	cmd, addr, stderr := startServeProcess(t, t.TempDir(), "-demo")
	conns := followMany(t, addr, "martigues-en-chiffres", 500)

	start := time.Now()
	if err := cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	err := cmd.Wait()
	took := time.Since(start)
	t.Logf("serve stopped %v after SIGINT with %d followers", took, len(conns))
	if err != nil {
		t.Fatalf("serve exited with %v after %v:\n%s", err, took, stderr)
	}
	deadline := time.Now().Add(5 * time.Second)
	for i, c := range conns { // every stream was ended, none left hanging
		c.SetReadDeadline(deadline)
		if _, err := io.Copy(io.Discard, c); err != nil {
			t.Fatalf("follower %d: its stream did not end: %v", i, err)
		}
	}
}

func TestImportsFromSeveralProcessesAtOnceGetDistinctVersions(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join("..", "..", "internal", "demo", "files", "insee-population-2021.csv")
	const n = 4 // the server and `atelier import`, and then some
	cmds := make([]*exec.Cmd, n)
	outs := make([]strings.Builder, n)
	for i := range cmds {
		cmds[i] = atelierProcess(t, "import", "-data", dir, "-name", "population", src)
		cmds[i].Stdout, cmds[i].Stderr = &outs[i], &outs[i]
	}
	for _, c := range cmds { // all started before any can finish
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
	}
	var versions []int
	for i, c := range cmds {
		if err := c.Wait(); err != nil {
			t.Errorf("import %d: %v\n%s", i+1, err, outs[i].String())
			continue
		}
		var v int
		if _, err := fmt.Sscanf(outs[i].String(), "population version %d :", &v); err != nil {
			t.Errorf("import %d printed %q", i+1, outs[i].String())
		}
		versions = append(versions, v)
	}
	slices.Sort(versions)
	if want := []int{1, 2, 3, 4}; !slices.Equal(versions, want) {
		t.Fatalf("versions %v; want %v, one each", versions, want)
	}
	ctx := context.Background()
	cfg := defaultConfig()
	cfg.DataDir = dir
	a, err := openApp(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	for _, v := range versions { // every version's files are whole and its own
		tbl, m, err := a.datasets.Table(ctx, "population", v)
		if err != nil || tbl.NumRows() != 34995 || m.Rows != 34995 {
			t.Errorf("version %d: %v rows, err %v; want 34995", v, m.Rows, err)
		}
	}
}
