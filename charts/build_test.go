package charts_test

import (
	"context"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"atelier/charts"
	"atelier/datasets"
)

// build parses and builds a block against the test catalogue.
func build(t *testing.T, src string) (*charts.Chart, error) {
	t.Helper()
	spec, err := charts.Parse(src)
	if err != nil {
		t.Fatalf("Parse: %v", err)
	}
	return charts.Build(context.Background(), catalogue(t), spec)
}

const nn = "\u202f" // narrow no-break space

func TestBuild(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		desc  string
		table charts.Table
		fmt   charts.Format
	}{
		{"bar top 3 with unit", "type: bar\ndata: population-communes\nx: libgeo\ny: sum(p21_pop)\nlimit: 3\nunit: habitants\n",
			"Barres : somme de p21_pop par libgeo (3 valeurs). La plus forte : Marseille avec 873" + nn + "076" + nn + "habitants ; la plus faible : Martigues avec 48" + nn + "568" + nn + "habitants. 3 valeurs montrées sur 8.",
			charts.Table{Columns: []string{"libgeo", "Somme de p21_pop (habitants)"}, Numeric: []bool{false, true}, Rows: [][]string{
				{"Marseille", "873" + nn + "076"}, {"Aix-en-Provence", "147" + nn + "478"}, {"Martigues", "48" + nn + "568"}}},
			charts.Format{Kind: "number", Unit: "habitants"}},
		{"line trend in euros", "type: line\ndata: budget\nx: annee\ny: sum(montant)\nformat: currency\n",
			"Courbe : somme de montant par annee (3 valeurs). De 2" + nn + "400,50" + nn + "€ (2022) à 3" + nn + "250,00" + nn + "€ (2024), soit une hausse de 35,4" + nn + "%. Maximum : 3" + nn + "250,00" + nn + "€ (2024).",
			charts.Table{Columns: []string{"annee", "Somme de montant (€)"}, Numeric: []bool{false, true}, Rows: [][]string{
				{"2022", "2" + nn + "400,50"}, {"2023", "2" + nn + "450,25"}, {"2024", "3" + nn + "250,00"}}},
			charts.Format{Kind: "currency", Currency: "EUR", Decimals: 2}},
		{"pie share", "type: pie\ndata: budget\nx: quartier\ny: count()\n",
			"Secteurs : nombre de lignes par quartier (3 valeurs). La plus grande part : Carro, 37,5" + nn + "% du total (3).",
			charts.Table{Columns: []string{"quartier", "Nombre de lignes"}, Numeric: []bool{false, true}, Rows: [][]string{
				{"Carro", "3"}, {"Jonquières", "3"}, {"Île", "2"}}},
			charts.Format{Kind: "number"}},
		{"series pivot, French order, missing cell", "type: bar\ndata: budget\nx: annee\ny: sum(montant)\nseries: quartier\nstack: true\n",
			"Barres : somme de montant par annee, selon quartier (Carro, Île, Jonquières) (3 valeurs).",
			charts.Table{Columns: []string{"annee", "Carro", "Île", "Jonquières"}, Numeric: []bool{false, true, true, true}, Rows: [][]string{
				{"2022", "1" + nn + "200,50", "300,00", "900,00"}, {"2023", "1" + nn + "500,25", "(vide)", "950,00"}, {"2024", "1" + nn + "800,00", "450,00", "1" + nn + "000,00"}}},
			charts.Format{Kind: "number", Decimals: 2}},
		{"others, filter, horizontal", "type: bar\ndata: population-communes\nx: libgeo\ny: sum(p21_pop)\nwhere: p21_pop > 40000\nlimit: 3\nothers: Autres\nhorizontal: true\n",
			"Barres : somme de p21_pop par libgeo (4 valeurs). La plus forte : Marseille avec 873" + nn + "076 ; la plus faible : Martigues avec 48" + nn + "568. Les 3 autres valeurs sont regroupées dans « Autres ». Données retenues : les lignes où p21_pop est supérieur à 40000 (6 lignes sur 8).",
			charts.Table{Columns: []string{"libgeo", "Somme de p21_pop"}, Numeric: []bool{false, true}, Rows: [][]string{
				{"Marseille", "873" + nn + "076"}, {"Aix-en-Provence", "147" + nn + "478"}, {"Martigues", "48" + nn + "568"}, {"Autres", "137" + nn + "007"}}},
			charts.Format{Kind: "number"}},
		{"percent, bare column, null key", "type: bar\ndata: population-communes\nx: libgeo\ny: \"% Votants\"\nformat: percent\nsort: y\nlimit: 2\n",
			"Barres : % Votants par libgeo (2 valeurs). La plus forte : Istres avec 49,00" + nn + "% ; la plus faible : Marseille avec 48,25" + nn + "%. 2 valeurs montrées sur 8.",
			charts.Table{Columns: []string{"libgeo", "% Votants"}, Numeric: []bool{false, true}, Rows: [][]string{
				{"Marseille", "48,25" + nn + "%"}, {"Istres", "49,00" + nn + "%"}}},
			charts.Format{Kind: "percent", Decimals: 2}},
		{"count by a column with a null, nulls last", "type: bar\ndata: population-communes@1\nx: libgeo\ny: count()\nsort: -x\n",
			"Barres : nombre de lignes par libgeo (8 valeurs). Toutes valent 1.",
			charts.Table{Columns: []string{"libgeo", "Nombre de lignes"}, Numeric: []bool{false, true}, Rows: [][]string{
				{"Salon-de-Provence", "1"}, {"Martigues", "1"}, {"Marseille", "1"}, {"Istres", "1"}, {"Éguilles", "1"},
				{"Aubagne", "1"}, {"Aix-en-Provence", "1"}, {"(vide)", "1"}}},
			charts.Format{Kind: "number"}},
		{"empty result", "type: bar\ndata: budget\nx: quartier\ny: sum(montant)\nwhere: annee > 3000\n",
			"Barres : somme de montant par quartier (0 valeurs). Aucune donnée ne correspond. Données retenues : les lignes où annee est supérieur à 3000 (0 lignes sur 8).",
			charts.Table{Columns: []string{"quartier", "Somme de montant"}, Numeric: []bool{false, true}},
			charts.Format{Kind: "number"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := build(t, tt.src)
			if err != nil {
				t.Fatal(err)
			}
			if c.Description != tt.desc {
				t.Errorf("Description:\ngot  %q\nwant %q", c.Description, tt.desc)
			}
			if d := cmp.Diff(tt.table, c.Table, cmpopts.IgnoreFields(charts.Table{}, "Raw")); d != "" {
				t.Errorf("Table (-want +got):\n%s", d)
			}
			if c.Format != tt.fmt {
				t.Errorf("Format = %+v, want %+v", c.Format, tt.fmt)
			}
			if c.Citation != "Source : INSEE — Licence Ouverte" || c.Height != 400 {
				t.Errorf("Citation, Height = %q, %d", c.Citation, c.Height)
			}
		})
	}
}

func TestBuildMeta(t *testing.T) {
	c, err := build(t, "type: bar\ndata: population-communes@1\ntitle: Population\nx: libgeo\ny: sum(p21_pop)\nheight: 600\n")
	if err != nil {
		t.Fatal(err)
	}
	if c.Type != "bar" || c.Title != "Population" || c.Height != 600 || c.Dataset != "population-communes" || c.Version != 1 {
		t.Errorf("Type, Title, Height, Dataset, Version = %q, %q, %d, %q, %d", c.Type, c.Title, c.Height, c.Dataset, c.Version)
	}
	c, err = build(t, "type: line\ndata: population-communes\nx: libgeo\ny: max(p21_pop)\n")
	if err != nil {
		t.Fatal(err)
	}
	if c.Version != 2 || c.Title != "Maximum de p21_pop par libgeo" {
		t.Errorf("latest version, default title = %d, %q", c.Version, c.Title)
	}
}

func TestBuildErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
		line            int
	}{
		{"unknown column with suggestion", "type: bar\ndata: population-communes\nx: libgeo\ny: sum(p21pop)\n",
			"ligne 4 : colonne « p21pop » inconnue — vouliez-vous dire « p21_pop » ?", 4},
		{"unknown x", "type: bar\ndata: population-communes\nx: libgoe\ny: count()\n",
			"ligne 3 : colonne « libgoe » inconnue — vouliez-vous dire « libgeo » ?", 3},
		{"unknown column without suggestion", "type: bar\ndata: budget\nx: zzzzzzzz\ny: count()\n",
			"ligne 3 : colonne « zzzzzzzz » inconnue (colonnes : quartier, annee, montant)", 3},
		{"unknown series", "type: bar\ndata: budget\nx: annee\ny: count()\nseries: quartiers\n",
			"ligne 5 : colonne « quartiers » inconnue — vouliez-vous dire « quartier » ?", 5},
		{"unknown dataset", "type: bar\ndata: budjet\nx: a\ny: count()\n",
			"ligne 2 : jeu de données « budjet » introuvable — vouliez-vous dire « budget » ?", 2},
		{"unknown dataset, far", "type: bar\ndata: elections-2024\nx: a\ny: count()\n",
			"ligne 2 : jeu de données « elections-2024 » introuvable", 2},
		{"missing version", "type: bar\ndata: budget@7\nx: a\ny: count()\n",
			"ligne 2 : le jeu de données « budget » n'a pas de version 7 : retirez « @7 » pour prendre la dernière", 2},
		{"sum of text", "type: bar\ndata: budget\nx: annee\ny: sum(quartier)\n",
			"ligne 4 : sum(quartier) : la colonne « quartier » est de type texte ; sum demande une colonne de nombres (count() ou distinct(quartier) conviennent)", 4},
		{"bare text y", "type: bar\ndata: budget\nx: annee\ny: quartier\n",
			"ligne 4 : la colonne « quartier » est de type texte : y doit être un nombre, ou count() pour compter les lignes", 4},
		{"where unknown column", "type: bar\ndata: budget\nx: annee\ny: count()\nwhere: anne = 2024\n",
			"ligne 5 : « where », position 1 : colonne « anne » inconnue — vouliez-vous dire « annee » ?", 5},
		{"where number against text", "type: bar\ndata: budget\nx: annee\ny: count()\nwhere: annee > \"2020\"\n",
			"ligne 5 : « where », position 9 : « annee » est une colonne de nombres : comparez-la à un nombre sans guillemets, par exemple annee > 10000", 5},
		{"too many series", "type: bar\ndata: population-communes\nx: dep\ny: count()\nseries: p21_pop\n",
			"", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := build(t, tt.src)
			if tt.want == "" {
				if err != nil {
					t.Fatalf("8 series should be fine: %v", err)
				}
				return
			}
			checkBlockErr(t, err, tt.want, tt.line)
		})
	}
}

func TestBuildAccentsSpacesAndDates(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2024, 3, d, 0, 0, 0, 0, time.UTC) }
	cat := &fakeCatalogue{tables: map[datasets.Name][]arrow.Table{"elections": {newTable(t,
		col{"Libellé du bureau", []any{"École Jean-Jaurès", "Mairie annexe", "École Jean-Jaurès"}},
		col{"% Votants", []any{48.5, 51.25, 50.0}},
		col{"Date du scrutin", []any{day(10), day(10), day(17)}},
	)}}}
	tests := []struct {
		src  string
		rows [][]string
	}{
		{"type: bar\ndata: elections\nx: Libellé du bureau\ny: mean(% Votants)\nformat: percent\n",
			[][]string{{"École Jean-Jaurès", "49,25" + nn + "%"}, {"Mairie annexe", "51,25" + nn + "%"}}},
		{"type: line\ndata: elections\nx: Date du scrutin\ny: count()\nwhere: `Libellé du bureau` != \"Mairie annexe\"\n",
			[][]string{{"10/03/2024", "1"}, {"17/03/2024", "1"}}},
	}
	for _, tt := range tests {
		spec, err := charts.Parse(tt.src)
		if err != nil {
			t.Fatal(err)
		}
		c, err := charts.Build(context.Background(), cat, spec)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(tt.rows, c.Table.Rows); d != "" {
			t.Errorf("%s: rows (-want +got):\n%s", tt.src, d)
		}
		checkECharts(t, spec.Type, c.Options, len(tt.rows))
	}
}
