package datasets_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"atelier/datasets"
	"atelier/datasets/internal/ledger"
	"atelier/datasets/query"
	"atelier/internal/database"
)

// The ledger benchmarks need the 0.9 GB file of datasets/internal/ledger, written once
// under os.TempDir(). ATELIER_LEDGER_ROWS makes it smaller while iterating.
func ledgerFile(b *testing.B) (string, int64) {
	b.Helper()
	rows := ledger.Rows
	if s := os.Getenv("ATELIER_LEDGER_ROWS"); s != "" {
		rows, _ = strconv.Atoi(s)
	}
	p, err := ledger.Ensure(rows)
	if err != nil {
		b.Fatal(err)
	}
	fi, err := os.Stat(p)
	if err != nil {
		b.Fatal(err)
	}
	return p, fi.Size()
}

// peakRSS resets and reads the process's peak resident size (Linux: /proc/self/status).
func resetPeakRSS() { os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) }

func peakRSS() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}

func openBenchStore(b *testing.B, dir string) *datasets.Store {
	b.Helper()
	ctx := context.Background()
	db, err := database.Open(ctx, filepath.Join(dir, "atelier.db"))
	if err != nil {
		b.Fatal(err)
	}
	lim := datasets.DefaultLimits
	lim.MaxFileBytes = 4 << 30
	s, err := datasets.OpenStore(ctx, db, filepath.Join(dir, "datasets"), lim)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close(); db.Close() })
	return s
}

// BenchmarkLedgerImport imports the ledger file through Store.Import, as `atelier import`
// does, and prints one line per figure: MB/s, peak RSS and the loaded table's size, each
// against the file size.
func BenchmarkLedgerImport(b *testing.B) {
	path, size := ledgerFile(b)
	dir := b.TempDir()
	s := openBenchStore(b, dir)
	b.SetBytes(size)
	var peak, table int64
	for b.Loop() {
		runtime.GC()
		debug.FreeOSMemory()
		resetPeakRSS()
		f, err := os.Open(path)
		if err != nil {
			b.Fatal(err)
		}
		m, err := s.Import(context.Background(), datasets.ImportRequest{Name: "ledger", FileName: "ledger.csv", Body: f})
		f.Close()
		if err != nil {
			b.Fatal(err)
		}
		peak = max(peak, peakRSS())
		tbl, _, err := s.Table(context.Background(), "ledger", m.Version)
		if err != nil {
			b.Fatal(err)
		}
		table = datasets.TableBytes(tbl)
	}
	mb := float64(size) / 1e6
	b.ReportMetric(float64(peak)/float64(size), "peak/file")
	b.ReportMetric(float64(table)/float64(size), "table/file")
	fmt.Printf("ledger-import file-MB %.0f peak-RSS-MB %.0f table-MB %.0f nproc %d\n",
		mb, float64(peak)/1e6, float64(table)/1e6, runtime.NumCPU())
}

// BenchmarkReopen measures a restart: OpenStore, then Table on the stored ledger, until
// the table can be queried.
func BenchmarkReopen(b *testing.B) {
	path, _ := ledgerFile(b)
	dir := b.TempDir()
	s := openBenchStore(b, dir)
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	_, err = s.Import(context.Background(), datasets.ImportRequest{Name: "ledger", FileName: "ledger.csv", Body: f})
	f.Close()
	if err != nil {
		b.Fatal(err)
	}
	s.Close()
	for b.Loop() {
		start := time.Now()
		s := openBenchStore(b, dir)
		tbl, _, err := s.Table(context.Background(), "ledger", 0)
		if err != nil {
			b.Fatal(err)
		}
		if tbl.NumRows() == 0 {
			b.Fatal("empty")
		}
		b.ReportMetric(float64(time.Since(start).Milliseconds()), "ms/reopen")
		s.Close()
	}
}

// BenchmarkLedgerRead is the reader alone, from the file (in the page cache after the first
// run), without storing anything.
func BenchmarkLedgerRead(b *testing.B) {
	path, size := ledgerFile(b)
	lim := datasets.DefaultLimits
	lim.MaxFileBytes = 4 << 30
	b.SetBytes(size)
	cpu0 := cpuTime()
	for b.Loop() {
		data, err := os.Open(path) // mapped by Read, as `atelier import` does
		if err != nil {
			b.Fatal(err)
		}
		l, err := datasets.Read(context.Background(), "ledger.csv", data, lim, memory.DefaultAllocator)
		data.Close()
		if err != nil {
			b.Fatal(err)
		}
		l.Table.Release()
	}
	// On a shared machine wall time says little: CPU time per MB does not depend on the
	// other processes, and MB/s at 2 idle cores is about size / (cpu / nproc).
	cpu := (cpuTime() - cpu0).Seconds() / float64(b.N)
	b.ReportMetric(cpu, "cpu-s/op")
	fmt.Printf("ledger-read file-MB %.0f cpu-s %.2f MB/s-if-idle %.0f nproc %d\n",
		float64(size)/1e6, cpu, float64(size)/1e6/(cpu/float64(runtime.NumCPU())), runtime.NumCPU())
}

// cpuTime is the process's user and system CPU time so far.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkLedgerGroupBy sums montant by quartier (30 values) and by categorie (200),
// both dictionary-encoded, over the stored (memory-mapped) ledger.
func BenchmarkLedgerGroupBy(b *testing.B) {
	path, _ := ledgerFile(b)
	dir := b.TempDir()
	s := openBenchStore(b, dir)
	f, err := os.Open(path)
	if err != nil {
		b.Fatal(err)
	}
	_, err = s.Import(context.Background(), datasets.ImportRequest{Name: "ledger", FileName: "ledger.csv", Body: f})
	f.Close()
	if err != nil {
		b.Fatal(err)
	}
	tbl, _, err := s.Table(context.Background(), "ledger", 0)
	if err != nil {
		b.Fatal(err)
	}
	for _, by := range []string{"quartier", "categorie"} {
		b.Run(by, func(b *testing.B) {
			for b.Loop() {
				res, err := query.Run(context.Background(), tbl, query.Plan{GroupBy: []string{by},
					Aggregates: []query.Aggregate{{Func: query.Sum, Column: "montant"}}})
				if err != nil || len(res.Rows) == 0 {
					b.Fatal(err)
				}
			}
		})
	}
}
