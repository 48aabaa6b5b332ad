package charts_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"

	"atelier/charts"
	"atelier/datasets"
)

// Payloads that run as script if options are written into a page with go-echarts'
// renderer (see SECURITY.md, "Script injection").
var payloads = []string{`</script><script>alert(1)</script>`, `__f__alert(1)__f__`}

func hostileCatalogue(t *testing.T) *fakeCatalogue {
	cells := []any{payloads[0], payloads[1], `<img src=x onerror=alert(1)>`, "{{.}}", "javascript:alert(1)"}
	square := `{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}`
	return &fakeCatalogue{
		tables: map[datasets.Name][]arrow.Table{
			"piege": {newTable(t,
				col{payloads[0], cells},
				col{payloads[1], []any{1.5, 2.5, 3.0, 4.0, 5.0}},
				col{"autre", []any{2.0, 1.0, 4.0, 3.0, 6.0}},
				col{"groupe", []any{payloads[1], payloads[0], payloads[1], payloads[0], "{{.}}"}},
			)},
			"formes-sans-nom": {newTable(t,
				col{payloads[1], cells},
				col{"geometry", []any{square, square, square, square, square}},
			)},
			"formes": {newTable(t,
				col{"code", cells},
				col{"nom", []any{payloads[1], payloads[0], "<b>x</b>", "{{.}}", "javascript:alert(1)"}},
				col{"geometry", []any{square, square, square, square, square}},
			)},
		},
		meta: datasets.Meta{Source: payloads[0]},
	}
}

// hostileBlocks draw the hostile table with every type: payloads in the title, the
// subtitle, the categories, the column names, the series and the shapes' names.
func hostileBlocks() map[string]string {
	title := "title: \"" + strings.ReplaceAll(payloads[0]+payloads[1], `"`, `\"`) + "\"\nsubtitle: \"" + payloads[0] + "\"\n"
	x := "x: \"" + payloads[0] + "\"\n"
	y := "y: sum(" + payloads[1] + ")\n"
	blocks := map[string]string{}
	for _, typ := range []string{"bar", "line", "area", "pie", "donut", "treemap", "table"} {
		blocks[typ] = "type: " + typ + "\ndata: piege\n" + title + x + y
	}
	blocks["bar stacked"] = "type: bar\ndata: piege\n" + title + x + y + "series: groupe\nstack: percent\ndecal: true\n"
	blocks["heatmap"] = "type: heatmap\ndata: piege\n" + title + x + y + "series: groupe\n"
	blocks["scatter"] = "type: scatter\ndata: piege\n" + title + "x: autre\ny: \"" + payloads[1] + "\"\nlabel: \"" + payloads[0] + "\"\nseries: groupe\n"
	blocks["number"] = "type: number\ndata: piege\n" + title + x + y
	blocks["map keyed by a hostile property"] = "type: map\ndata: piege\ngeo: formes-sans-nom\n" + title + "key: \"" + payloads[0] + "\"\ngeokey: \"" + payloads[1] + "\"\n" + y
	blocks["map"] = "type: map\ndata: piege\ngeo: formes\n" + title + "key: \"" + payloads[0] + "\"\n" + y
	return blocks
}

func TestHostileTextStaysData(t *testing.T) {
	for typ, src := range hostileBlocks() {
		t.Run(typ, func(t *testing.T) {
			spec, err := charts.Parse(src)
			if err != nil {
				t.Fatal(err)
			}
			c, err := charts.Build(context.Background(), hostileCatalogue(t), spec)
			if err != nil {
				t.Fatal(err)
			}
			for what, raw := range map[string]string{"options": string(c.Options), "map": mapJSON(t, c)} {
				for _, bad := range []string{"<", ">", "go-echarts.github.io", "echarts.min.js"} {
					if strings.Contains(raw, bad) {
						t.Errorf("%s contain %q raw: %s", what, bad, raw)
					}
				}
			}
			got := jsonStrings(t, c.Options)
			if c.Map != nil {
				got = append(got, jsonStrings(t, c.Map.GeoJSON)...)
			}
			got = append(got, c.Title, c.Subtitle, c.Description)
			for _, row := range c.Table.Rows {
				got = append(got, row...)
			}
			got = append(got, c.Table.Columns...)
			for _, want := range []string{payloads[0], payloads[1], payloads[0] + payloads[1]} {
				if !slices.Contains(got, want) {
					t.Errorf("%s lost %q exactly; strings: %q", typ, want, got)
				}
			}
			if c.Title != payloads[0]+payloads[1] || c.Subtitle != payloads[0] || c.Citation != "Source : "+payloads[0] {
				t.Errorf("plain text altered: title %q, subtitle %q, citation %q", c.Title, c.Subtitle, c.Citation)
			}
			if c.Type != "table" && c.Type != "number" {
				walkKeys(t, c.Options)
			}
		})
	}
}

// mapJSON is the map's GeoJSON as the page embeds it, or "".
func mapJSON(t *testing.T, c *charts.Chart) string {
	t.Helper()
	if c.Map == nil {
		return ""
	}
	b, err := json.Marshal(c.Map)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// jsonStrings decodes every string in a JSON document.
func jsonStrings(t *testing.T, raw json.RawMessage) []string {
	t.Helper()
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	var out []string
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case string:
			out = append(out, v)
		case map[string]any:
			for _, x := range v {
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(v)
	return out
}

func TestFormatterKeyRejected(t *testing.T) {
	for _, key := range []string{"formatter", "valueFormatter", "renderItem", "tooltip", "options"} {
		_, err := charts.Parse("type: bar\ndata: budget\nx: a\ny: count()\n" + key + ": \"function(){alert(1)}\"\n")
		if err == nil || !strings.Contains(err.Error(), "ligne 5 : clé « "+key+" »") {
			t.Errorf("%s: got %v, want an unknown-key error at line 5", key, err)
		}
	}
}

func TestManyCategoriesAreCapped(t *testing.T) {
	names := make([]any, 1200)
	vals := make([]any, 1200)
	for i := range names {
		names[i] = fmt.Sprintf("bureau %04d", i)
		vals[i] = int64(i)
	}
	cat := &fakeCatalogue{tables: map[datasets.Name][]arrow.Table{"bureaux": {newTable(t, col{"bureau", names}, col{"votants", vals})}}}
	spec, err := charts.Parse("type: bar\ndata: bureaux\nx: bureau\ny: sum(votants)\n")
	if err != nil {
		t.Fatal(err)
	}
	c, err := charts.Build(context.Background(), cat, spec)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Table.Rows) != charts.MaxCategories {
		t.Errorf("%d rows, want %d", len(c.Table.Rows), charts.MaxCategories)
	}
	if want := "Seules les 500 premières valeurs sur 1\u202f200 sont montrées."; !strings.Contains(c.Description, want) {
		t.Errorf("description %q lacks %q", c.Description, want)
	}
	checkECharts(t, "bar", c.Options, charts.MaxCategories)
}
