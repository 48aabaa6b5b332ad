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
	return &fakeCatalogue{
		tables: map[datasets.Name][]arrow.Table{"piege": {newTable(t,
			col{payloads[0], cells},
			col{payloads[1], []any{1.5, 2.5, 3.0, 4.0, 5.0}},
		)}},
		meta: datasets.Meta{Source: payloads[0]},
	}
}

func TestHostileTextStaysData(t *testing.T) {
	for _, typ := range []string{"bar", "line", "pie"} {
		t.Run(typ, func(t *testing.T) {
			src := "type: " + typ + "\ndata: piege\ntitle: \"" + strings.ReplaceAll(payloads[0]+payloads[1], `"`, `\"`) + "\"\n" +
				"x: \"" + payloads[0] + "\"\ny: sum(" + payloads[1] + ")\n"
			spec, err := charts.Parse(src)
			if err != nil {
				t.Fatal(err)
			}
			c, err := charts.Build(context.Background(), hostileCatalogue(t), spec)
			if err != nil {
				t.Fatal(err)
			}
			raw := string(c.Options)
			for _, bad := range []string{"<", ">", "go-echarts.github.io", "echarts.min.js"} {
				if strings.Contains(raw, bad) {
					t.Errorf("options contain %q raw: %s", bad, raw)
				}
			}
			got := jsonStrings(t, c.Options)
			for _, want := range []string{payloads[0], payloads[1], payloads[0] + payloads[1], "somme de " + payloads[1]} {
				if !slices.Contains(got, want) {
					t.Errorf("options lost %q exactly; strings: %q", want, got)
				}
			}
			if c.Title != payloads[0]+payloads[1] || c.Table.Columns[0] != payloads[0] || c.Citation != "Source : "+payloads[0] {
				t.Errorf("plain text altered: title %q, column %q, citation %q", c.Title, c.Table.Columns[0], c.Citation)
			}
		})
	}
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
