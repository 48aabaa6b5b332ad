package datasets_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"atelier/datasets"
)

// BenchmarkRead reads each shared data file; b.SetBytes makes go test print MB/s.
func BenchmarkRead(b *testing.B) {
	files, err := filepath.Glob("testdata/*.*")
	if err != nil {
		b.Fatal(err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(filepath.Base(f), func(b *testing.B) {
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				l, err := datasets.Read(context.Background(), f, bytes.NewReader(data), datasets.DefaultLimits, memory.DefaultAllocator)
				if err != nil {
					b.Fatal(err)
				}
				l.Table.Release()
			}
		})
	}
}

// BenchmarkLargeFile reads a generated 1-million-row file with the usual cell kinds
// (codes with a leading zero, text, integers, decimals with a point and a comma, ISO dates,
// percentages): about 55 MB, big enough that splitting and conversion dominate.
func BenchmarkLargeFile(b *testing.B) {
	var buf bytes.Buffer
	buf.WriteString("code;nom;population;lat;lon;date;part\n")
	for i := range 1_000_000 {
		fmt.Fprintf(&buf, "%05d;Commune %d;%d;%d.%04d;%d,%03d;2024-%02d-%02d;%d,%d%%\n",
			1000+i%90000, i%5000, i*7%100000, 43+i%5, i%10000, 5+i%3, i%1000, 1+i%12, 1+i%28, i%100, i%10)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		l, err := datasets.Read(context.Background(), "x.csv", bytes.NewReader(data), datasets.DefaultLimits, memory.DefaultAllocator)
		if err != nil {
			b.Fatal(err)
		}
		l.Table.Release()
	}
}
