package web

import "fmt"

// ChartScript is one embedded static script that the server's chart drawing runs.
type ChartScript struct {
	Name string
	Body []byte
}

// chartScriptNames are what internal/chartsvg loads, in order: ECharts' full bundle (every
// chart type), then the formats and the option preparation the browser runs too.
var chartScriptNames = []string{"vendor/echarts/echarts.min.js", "chartformat.js", "chartoptions.js"}

// ChartScripts returns the scripts for drawing charts on the server, as embedded in the
// binary: cmd/atelier hands them to internal/chartsvg, so that the server and the browser
// draw from the same files.
func ChartScripts() ([]ChartScript, error) {
	var out []ChartScript
	for _, name := range chartScriptNames {
		body, err := staticFS.ReadFile("static/" + name)
		if err != nil {
			return nil, fmt.Errorf("web: %s is not embedded (run `make assets`): %w", name, err)
		}
		out = append(out, ChartScript{Name: name, Body: body})
	}
	return out, nil
}
