package charts_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// goldenBlocks are blocks whose ECharts options are kept in testdata/<name>.json.
var goldenBlocks = map[string]string{
	"bar":            "type: bar\ndata: population-communes\ntitle: Population par commune\nx: libgeo\ny: sum(p21_pop)\nsort: -y\nlimit: 5\nunit: habitants\n",
	"bar-horizontal": "type: bar\ndata: population-communes\nx: libgeo\ny: sum(p21_pop)\nlimit: 3\nothers: Autres\nhorizontal: true\n",
	"bar-series":     "type: bar\ndata: budget\nx: annee\ny: sum(montant)\nseries: quartier\nstack: true\nformat: currency\n",
	"line":           "type: line\ndata: budget\nx: annee\ny: mean(montant)\nunit: €\n",
	"pie":            "type: pie\ndata: budget\nx: quartier\ny: sum(montant)\n",
	"bar-percent":    "type: bar\ndata: population-communes\nx: libgeo\ny: \"% Votants\"\nformat: percent\nsort: -y\n",
	"bar-stack-100":  "type: bar\ndata: budget\nx: annee\ny: sum(montant)\nseries: quartier\nstack: percent\ndecal: true\ntheme: impression\n",
	"area":           "type: area\ndata: budget\nx: annee\ny: sum(montant), count()\ncumulative: true\nsubtitle: Depuis 2022\n",
	"donut":          "type: donut\ndata: budget\nx: quartier\ny: share(montant)\n",
	"heatmap":        "type: heatmap\ndata: budget\nx: annee\nseries: quartier\ny: sum(montant)\n",
	"treemap":        "type: treemap\ndata: budget\nx: quartier\ny: sum(montant)\n",
	"scatter":        "type: scatter\ndata: budget\nx: annee\ny: montant\nsize: montant\nlabel: quartier\n",
}

func TestOptionsGolden(t *testing.T) {
	for name, src := range goldenBlocks {
		t.Run(name, func(t *testing.T) {
			c, err := build(t, src)
			if err != nil {
				t.Fatal(err)
			}
			ncats := len(c.Table.Rows)
			if c.Type == "heatmap" || c.Type == "scatter" {
				ncats = -1 // not one point per table row
			}
			checkECharts(t, c.Type, c.Options, ncats)
			var pretty bytes.Buffer
			if err := json.Indent(&pretty, c.Options, "", "  "); err != nil {
				t.Fatal(err)
			}
			pretty.WriteByte('\n')
			path := filepath.Join("testdata", name+".json")
			if *update {
				if err := os.WriteFile(path, pretty.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if got := pretty.String(); got != string(want) {
				t.Errorf("options differ from %s (go test -update to accept):\n%s", path, got)
			}
		})
	}
}

// checkECharts checks what ECharts needs of an option object: a category axis holding the
// categories and a value axis for bars and lines, series of the right type and length, and
// nothing that could carry code.
func checkECharts(t *testing.T, typ string, raw json.RawMessage, ncats int) {
	t.Helper()
	var o struct {
		XAxis  []map[string]any `json:"xAxis"`
		YAxis  []map[string]any `json:"yAxis"`
		Series []struct {
			Type string `json:"type"`
			Data []any  `json:"data"`
		} `json:"series"`
		Toolbox map[string]any `json:"toolbox"`
	}
	if err := json.Unmarshal(raw, &o); err != nil {
		t.Fatal(err)
	}
	if len(o.Series) == 0 {
		t.Fatal("no series")
	}
	series := map[string]string{"area": "line", "donut": "pie"}[typ]
	if series == "" {
		series = typ
	}
	cartesian := typ == "bar" || typ == "line" || typ == "area"
	for _, s := range o.Series {
		if s.Type != series {
			t.Errorf("series type %q, want %q", s.Type, series)
		}
		if cartesian && ncats >= 0 && len(s.Data) != ncats {
			t.Errorf("series has %d points for %d categories", len(s.Data), ncats)
		}
	}
	if o.Toolbox["show"] != false {
		t.Errorf("toolbox = %v, want hidden", o.Toolbox)
	}
	if cartesian {
		cat, val := o.XAxis, o.YAxis
		if len(cat) == 1 && cat[0]["type"] == "value" {
			cat, val = val, cat // horizontal bars
		}
		timed := len(cat) == 1 && cat[0]["type"] == "time" && cat[0]["data"] == nil
		if !timed && (len(cat) != 1 || cat[0]["type"] != "category" || len(cat[0]["data"].([]any)) != ncats) {
			t.Errorf("category axis = %v, want type category with %d labels, or a time axis", cat, ncats)
		}
		if len(val) != 1 || val[0]["type"] != "value" {
			t.Errorf("value axis = %v, want type value", val)
		}
	}
	walkKeys(t, raw)
}

// walkKeys fails on keys through which ECharts would run code or markup.
func walkKeys(t *testing.T, raw json.RawMessage) {
	t.Helper()
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				if strings.Contains(strings.ToLower(k), "formatter") || k == "renderItem" || k == "rich" {
					t.Errorf("options carry %q", k)
				}
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		}
	}
	walk(v)
}
