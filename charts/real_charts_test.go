package charts_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"atelier/charts"
)

// buildReal parses and builds a block against the real files.
func buildReal(t *testing.T, src string) *charts.Chart {
	t.Helper()
	spec, err := charts.Parse(src)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	c, err := charts.Build(context.Background(), realCatalogue(t), spec)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	return c
}

func TestRealCharts(t *testing.T) {
	const communes13 = `codgeo in ("13056", "13047", "13001", "13004", "13005", "13103", "13117")`
	tests := []struct {
		name     string
		src      string
		desc     []string // substrings of the description
		firstRow []string // the first row of the table
		rows     int      // rows of the table; -1 to skip
		check    func(t *testing.T, c *charts.Chart)
	}{
		{"in filter, horizontal bars, unit", "type: bar\ndata: population-communes\ntitle: Population : sept communes\nx: libgeo\ny: sum(p21_pop)\nwhere: " + communes13 + "\nhorizontal: true\nunit: habitants\n",
			[]string{"La plus forte : Aix-en-Provence avec 147" + nn + "478" + nn + "habitants", "les lignes où codgeo vaut 13056, 13047, 13001, 13004, 13005, 13103 ou 13117 (7 lignes sur 34" + nn + "995)"},
			[]string{"Aix-en-Provence", "147" + nn + "478"}, 7, nil},
		{"between on codes in words", "type: bar\ndata: population-communes\nx: libgeo\ny: sum(p21_pop)\nwhere: codgeo >= \"13001\" and codgeo <= \"13119\"\nlimit: 5\nothers: Autres communes\n",
			[]string{"les lignes où codgeo est entre 13001 et 13119 (118 lignes sur 34" + nn + "995)", "« Autres communes »"},
			[]string{"Aix-en-Provence", "147" + nn + "478"}, 6, nil},
		{"share and donut", "type: donut\ndata: population-communes\nx: libgeo\ny: share(p21_pop)\nwhere: codgeo between \"13201\" and \"13216\"\nlimit: 4\nothers: Autres arrondissements\n",
			[]string{"Anneau : part de p21_pop par libgeo", "entre 13201 et 13216 (16 lignes"}, nil, 5,
			func(t *testing.T, c *charts.Chart) {
				if c.Format.Kind != "percent" {
					t.Errorf("format %+v, want percent", c.Format)
				}
				total := 0.0
				for _, r := range c.Table.Raw {
					total += mustFloat(t, r[1])
				}
				if total < 99.99 || total > 100.01 {
					t.Errorf("shares add up to %v", total)
				}
			}},
		{"legislatives: mean of % Votants by commune, min in others", "type: bar\ndata: legislatives-2024\nx: Libellé commune\ny: min(% Votants), max(% Votants)\nsort: -y\nlimit: 5\nothers: Autres\nformat: percent\n",
			[]string{"Barres : minimum de % Votants et maximum de % Votants par Libellé commune"}, nil, 6,
			func(t *testing.T, c *charts.Chart) {
				if len(c.Table.Columns) != 3 || c.Table.Columns[1] != "Minimum de % Votants" {
					t.Errorf("columns %q", c.Table.Columns)
				}
			}},
		{"legislatives: 100 % stacked votes", "type: bar\ndata: legislatives-2024\nx: Libellé commune\ny: sum(Exprimés), sum(Abstentions)\nstack: percent\nwhere: `Libellé commune` contains \"brest\"\n",
			[]string{"en part du total de chaque barre", "Libellé commune contient « brest »"}, nil, -1,
			func(t *testing.T, c *charts.Chart) {
				for _, r := range c.Table.Raw {
					if s := mustFloat(t, r[1]) + mustFloat(t, r[2]); s < 99.99 || s > 100.01 {
						t.Errorf("%s adds up to %v", r[0], s)
					}
				}
			}},
		{"legislatives: scatter with size and labels", "type: scatter\ndata: legislatives-2024\nx: Inscrits\ny: % Votants\nsize: Votants\nlabel: Code BV\n",
			[]string{"Nuage de points : % Votants selon Inscrits (201 points)."}, nil, 201, nil},
		{"dvf: sum of values by month, area on a time axis", "type: area\ndata: dvf-2020\nx: month(Date mutation)\ny: sum(Valeur fonciere)\nformat: currency\ncumulative: true\n",
			[]string{"Aire : somme de Valeur fonciere par mois de Date mutation, en cumul"}, nil, -1,
			func(t *testing.T, c *charts.Chart) {
				if !strings.Contains(string(c.Options), `"type":"time"`) {
					t.Errorf("no time axis: %s", c.Options)
				}
			}},
		{"dvf: count by weekday", "type: bar\ndata: dvf-2020\nx: weekday(Date mutation)\ny: count()\n",
			[]string{"par jour de la semaine de Date mutation"}, nil, -1,
			func(t *testing.T, c *charts.Chart) {
				for _, r := range c.Table.Rows {
					if !strings.HasSuffix(r[0], "di") {
						t.Errorf("weekday label %q", r[0])
					}
				}
			}},
		{"dvf: number with comparison", "type: number\ndata: dvf-2020\nx: year(Date mutation)\ny: count()\n",
			[]string{"Chiffre clé : nombre de lignes, "}, nil, -1, nil},
		{"dvf: series by weekday", "type: bar\ndata: dvf-2020\nx: Nature mutation\nseries: weekday(Date mutation)\ny: sum(Valeur fonciere)\nstack: true\n",
			[]string{"selon jour de la semaine de Date mutation (lundi, mardi, mercredi, jeudi, vendredi)"}, nil, -1, nil},
		{"dvf: heatmap", "type: heatmap\ndata: dvf-2020\nx: weekday(Date mutation)\nseries: Nature mutation\ny: count()\n",
			[]string{"Carte de chaleur : nombre de lignes par jour de la semaine de Date mutation et Nature mutation", "La plus forte :"}, nil, -1, nil},
		{"is null: communes without population", "type: number\ndata: population-communes\ny: count()\nwhere: p21_pop is null\n",
			[]string{"Chiffre clé : nombre de lignes, 26.", "les lignes où p21_pop est vide (26 lignes sur 34" + nn + "995)"}, nil, -1, nil},
		{"is not null and not in", "type: bar\ndata: population-communes\nx: libgeo\ny: sum(p21_pop)\nwhere: p21_pop is not null and codgeo not in (\"13055\") and codgeo between \"13201\" and \"13216\"\nlimit: 1\n",
			[]string{"p21_pop est renseigné et codgeo ne vaut pas 13055 et codgeo est entre 13201 et 13216 (16 lignes sur 34" + nn + "995)"}, nil, 1, nil},
		{"treemap", "type: treemap\ndata: population-communes\nx: libgeo\ny: sum(p21_pop)\nwhere: codgeo between \"13201\" and \"13216\"\n",
			[]string{"Carte proportionnelle", "La plus grande part : Marseille 13e  Arrondissement, 10,6" + nn + "% du total"}, []string{"Marseille 13e  Arrondissement", "92" + nn + "261"}, 16, nil},
		{"table with two measures", "type: table\ndata: legislatives-2024\nx: Libellé commune\ny: [sum(Inscrits), sum(Votants)]\nsort: -y\nlimit: 3\n",
			[]string{"Tableau : somme de Inscrits et somme de Votants par Libellé commune"}, nil, 3,
			func(t *testing.T, c *charts.Chart) {
				if c.Type != "table" || string(c.Options) != "{}" || c.Table.Rows[0][0] != "Brest" {
					t.Errorf("type %q, options %s, rows %q", c.Type, c.Options, c.Table.Rows)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := buildReal(t, tt.src)
			for _, want := range tt.desc {
				if !strings.Contains(c.Description, want) {
					t.Errorf("description lacks %q:\n%s", want, c.Description)
				}
			}
			if tt.rows >= 0 && len(c.Table.Rows) != tt.rows {
				t.Errorf("%d rows, want %d: %q", len(c.Table.Rows), tt.rows, c.Table.Rows)
			}
			if tt.firstRow != nil && (len(c.Table.Rows) == 0 || strings.Join(c.Table.Rows[0], "|") != strings.Join(tt.firstRow, "|")) {
				t.Errorf("first row %q, want %q", c.Table.Rows[:min(1, len(c.Table.Rows))], tt.firstRow)
			}
			if tt.check != nil {
				tt.check(t, c)
			}
			if c.Type != "table" && c.Type != "number" {
				walkKeys(t, c.Options)
			}
			if !json.Valid(c.Options) {
				t.Errorf("options are not JSON")
			}
		})
	}
}
