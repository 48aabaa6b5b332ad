package chartsvg_test

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"atelier/internal/chartsvg"
)

// sources reads the scripts the web package embeds (ECharts is built by `make assets`).
func sources(t testing.TB) chartsvg.Sources {
	t.Helper()
	dir := filepath.Join("..", "web", "static")
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatalf("%v (run `make assets`)", err)
		}
		return b
	}
	return chartsvg.Sources{
		ECharts: read("vendor/echarts/echarts.min.js"),
		Scripts: []chartsvg.Script{
			{Name: "chartformat.js", Body: read("chartformat.js")},
			{Name: "chartoptions.js", Body: read("chartoptions.js")},
		},
	}
}

func barSpec(categories []string, values []float64, extra string) []byte {
	cats, _ := json.Marshal(categories)
	vals, _ := json.Marshal(values)
	return []byte(`{"type":"bar","options":{"xAxis":{"type":"category","data":` + string(cats) + `},"yAxis":{"type":"value"},` +
		`"series":[{"type":"bar","data":` + string(vals) + `}],"tooltip":{}` + extra + `},"format":{"kind":"number","unit":"habitants","decimals":0}}`)
}

// texts are the contents of the drawing's text elements, in order.
func texts(svg string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`<text[^>]*>([^<]*)</text>`).FindAllStringSubmatch(svg, -1) {
		out = append(out, html.UnescapeString(m[1]))
	}
	return out
}

func TestDrawHostileChartTextStaysText(t *testing.T) {
	e := chartsvg.New(sources(t), chartsvg.Options{})
	for _, h := range []string{`</script><script>alert(1)</script>`, `<img src=x onerror=alert(1)>`, `]]><svg onload=alert(1)>`} {
		title, _ := json.Marshal(h)
		spec := barSpec([]string{h, "b"}, []float64{1, 2}, `,"title":{"text":`+string(title)+`}`)
		svg, _, err := e.DrawSVG(context.Background(), spec, 1000, 400, h, h)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range forbidden {
			if strings.Contains(svg, f) {
				t.Errorf("the drawing of %q holds %q:\n%s", h, f, svg)
			}
		}
		if n := strings.Count(svg, "<svg"); n != 1 {
			t.Errorf("%q: %d svg elements, want 1", h, n)
		}
		shown := texts(svg)
		if !slices.Contains(shown, h) { // the title, drawn in the chart
			t.Errorf("the drawing does not show %q as text: %q", h, shown)
		}
		var escaped strings.Builder
		_ = xml.EscapeText(&escaped, []byte(h))
		if !strings.Contains(svg, `-title">`+escaped.String()+"</title>") || !strings.Contains(svg, `-desc">`+escaped.String()+"</desc>") {
			t.Errorf("%q: no title or description holding it as text:\n%.500s", h, svg)
		}
	}
}

func TestDrawWritesFrenchNumbers(t *testing.T) {
	e := chartsvg.New(sources(t), chartsvg.Options{})
	svg, height, err := e.DrawSVG(context.Background(), barSpec([]string{"Martigues", "Istres"}, []float64{48568, 43000}, ""), 336, 400, "t", "d")
	if err != nil {
		t.Fatal(err)
	}
	if height != 353 { // a phone: about square, as atelier.js lays it out
		t.Errorf("height %d, want 353", height)
	}
	got := strings.Join(texts(svg), "|")
	for _, want := range []string{"10\u202f000", "50\u202f000", "Martigues", "Istres"} {
		if !strings.Contains(got, want) {
			t.Errorf("axis labels %q lack %q", got, want)
		}
	}
}

func TestDrawInterruptsASlowChartAndRecovers(t *testing.T) {
	e := chartsvg.New(sources(t), chartsvg.Options{Runtimes: 1, Timeout: time.Millisecond})
	many := make([]float64, 200000)
	cats := make([]string, len(many))
	for i := range many {
		many[i], cats[i] = float64(i), fmt.Sprint(i)
	}
	if _, _, err := e.DrawSVG(context.Background(), barSpec(cats, many, ""), 1000, 400, "t", "d"); !errors.Is(err, chartsvg.ErrTimeout) {
		t.Fatalf("err = %v, want ErrTimeout", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, _, err := e.DrawSVG(ctx, barSpec([]string{"a"}, []float64{1}, ""), 300, 300, "t", "d"); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: err = %v", err)
	}
	if created := e.Created(); created != 1 {
		t.Errorf("%d runtimes created, want 1 (the interrupted one is dropped, none made since)", created)
	}
}

func TestDrawKeepsToItsRuntimesAndCaches(t *testing.T) {
	e := chartsvg.New(sources(t), chartsvg.Options{Runtimes: 2})
	var wg sync.WaitGroup
	errs := make(chan error, 6)
	for i := range 6 {
		wg.Go(func() {
			_, _, err := e.DrawSVG(context.Background(), barSpec([]string{"a", "b"}, []float64{1, float64(i)}, ""), 400, 300, "t", "d")
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if n := e.Created(); n > 2 {
		t.Errorf("%d runtimes for 6 charts, want at most 2", n)
	}
	a, _, _ := e.DrawSVG(context.Background(), []byte(`{"type":"bar","options":{}}`), 400, 300, "t", "d")
	if _, _, err := e.DrawSVG(context.Background(), []byte(`{"type":"bar"}`), 400, 300, "t", "d"); err == nil {
		t.Error("a spec without options drew")
	}
	if b, _, _ := e.DrawSVG(context.Background(), []byte(`{"type":"bar","options":{}}`), 400, 300, "t", "d"); a != b || a == "" {
		t.Error("the same chart drew differently the second time")
	}
}
