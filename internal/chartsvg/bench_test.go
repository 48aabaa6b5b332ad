package chartsvg_test

import (
	"context"
	"fmt"
	"runtime"
	"testing"

	"atelier/internal/chartsvg"
)

// BenchmarkDrawWarm is the save-time cost of one chart once the engine is warm (a bar chart
// of ten communes, drawn anew each time: no cache hit), and the memory one runtime holds.
func BenchmarkDrawWarm(b *testing.B) {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	e := chartsvg.New(sources(b), chartsvg.Options{Runtimes: 1})
	cats := []string{"Marseille", "Aix-en-Provence", "Arles", "Martigues", "Aubagne", "Istres", "Salon-de-Provence", "La Ciotat", "Vitrolles", "Marignane"}
	draw := func(i int) {
		vals := []float64{873076, 147478, 52886, 48568, 47208, 43993, 45979, 36245, 34137, 32477}
		vals[0] += float64(i)
		if _, _, err := e.DrawSVG(context.Background(), barSpec(cats, vals, ""), 990, 400, "t", "d"); err != nil {
			b.Fatal(err)
		}
	}
	draw(-1) // loads ECharts
	runtime.GC()
	runtime.ReadMemStats(&after)
	// CPU time beside wall time: on a machine shared with other work, wall time also counts
	// the waits for a core.
	i, start := 0, cpuMillis()
	for b.Loop() {
		draw(i)
		i++
	}
	b.ReportMetric((cpuMillis()-start)/float64(i), "cpu-ms/op")
	mb := float64(after.HeapInuse-before.HeapInuse) / 1e6
	b.ReportMetric(mb, "engine-MB")
	fmt.Printf("chart drawing: %.1f MB of heap per warm runtime (2 at most)\n", mb)
}
