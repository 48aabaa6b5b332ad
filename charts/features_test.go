package charts_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"atelier/charts"
)

func TestNumberChart(t *testing.T) {
	c, err := build(t, "type: number\ndata: budget\nx: annee\ny: sum(montant)\nformat: currency\n")
	if err != nil {
		t.Fatal(err)
	}
	want := &charts.Figure{Value: "3" + nn + "250,00" + nn + "€", Number: 3250, Label: "Somme de montant", At: "2024",
		Comparison: "+35,4" + nn + "% depuis 2022", Change: 35.38, Trend: "hausse"}
	got := c.Figure
	if got == nil {
		t.Fatal("no figure")
	}
	got.Change = float64(int(got.Change*100)) / 100
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	if c.Description != "Chiffre clé : somme de montant, 3"+nn+"250,00"+nn+"€ en 2024, +35,4"+nn+"% depuis 2022." || string(c.Options) != "{}" {
		t.Errorf("description %q, options %s", c.Description, c.Options)
	}
	c, err = build(t, "type: number\ndata: budget\ny: count()\nwhere: quartier = \"Carro\"\n")
	if err != nil {
		t.Fatal(err)
	}
	if c.Figure.Value != "3" || c.Figure.Comparison != "" || !strings.Contains(c.Description, "quartier vaut Carro (3 lignes sur 8)") {
		t.Errorf("figure %+v, description %q", c.Figure, c.Description)
	}
}

func TestShapes(t *testing.T) {
	tests := []struct {
		name string
		src  string
		rows [][]string
	}{
		{"cumulative", "type: line\ndata: budget\nx: annee\ny: sum(montant)\ncumulative: true\n",
			[][]string{{"2022", "2" + nn + "400,50"}, {"2023", "4" + nn + "850,75"}, {"2024", "8" + nn + "100,75"}}},
		{"others keep the minimum", "type: bar\ndata: population-communes\nx: libgeo\ny: min(p21_pop)\nlimit: 2\nothers: Autres\n",
			[][]string{{"Marseille", "873" + nn + "076"}, {"Aix-en-Provence", "147" + nn + "478"}, {"Autres", "100"}}},
		{"others of a mean weigh the rest", "type: bar\ndata: budget\nx: quartier\ny: mean(montant)\nlimit: 1\nothers: Autres\n",
			[][]string{{"Carro", "1" + nn + "500,25"}, {"Autres", "720,00"}}},
		{"others of means by series", "type: bar\ndata: budget\nx: quartier\ny: mean(montant)\nseries: annee\nlimit: 1\nothers: Autres\n",
			[][]string{{"Carro", "1" + nn + "200,50", "1" + nn + "500,25", "1" + nn + "800,00"}, {"Autres", "600,00", "950,00", "725,00"}}},
		{"others add shares", "type: pie\ndata: budget\nx: quartier\ny: share()\nlimit: 1\nothers: Autres\n",
			[][]string{{"Carro", "37,5" + nn + "%"}, {"Autres", "62,5" + nn + "%"}}},
		{"two measures, as a list", "type: bar\ndata: budget\nx: quartier\ny:\n  - sum(montant)\n  - count()\nsort: x\n",
			[][]string{{"Carro", "4" + nn + "500,75", "3,00"}, {"Île", "750,00", "2,00"}, {"Jonquières", "2" + nn + "850,00", "3,00"}}},
		{"100 % stacked", "type: bar\ndata: budget\nx: annee\ny: sum(montant)\nseries: quartier\nstack: 100%\n",
			[][]string{{"2022", "50,01" + nn + "%", "12,50" + nn + "%", "37,49" + nn + "%"}, {"2023", "61,23" + nn + "%", "(vide)", "38,77" + nn + "%"}, {"2024", "55,38" + nn + "%", "13,85" + nn + "%", "30,77" + nn + "%"}}},
		{"table without x", "type: table\ndata: budget\ny: sum(montant), count()\n",
			[][]string{{"8" + nn + "100,75", "8,00"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := build(t, tt.src)
			if err != nil {
				t.Fatal(err)
			}
			if d := cmp.Diff(tt.rows, c.Table.Rows); d != "" {
				t.Errorf("rows (-want +got):\n%s", d)
			}
		})
	}
}

func TestPresentation(t *testing.T) {
	c, err := build(t, "type: bar\ndata: budget\ntitle: Budget : 2022 à 2024\nsubtitle: En euros courants\nx: annee\ny: sum(montant)\nseries: quartier\ntheme: projecteur\ndecal: oui\n")
	if err != nil {
		t.Fatal(err)
	}
	if c.Theme != "projecteur" || c.Format.Theme != "projecteur" || c.Subtitle != "En euros courants" || c.Title != "Budget : 2022 à 2024" {
		t.Errorf("theme %q/%q, subtitle %q, title %q", c.Theme, c.Format.Theme, c.Subtitle, c.Title)
	}
	for _, want := range []string{`"decal":{"show":true}`, `"subtext":"En euros courants"`} {
		if !strings.Contains(string(c.Options), want) {
			t.Errorf("options lack %s", want)
		}
	}
}

func TestFeatureErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
		line            int
	}{
		{"French function", "type: bar\ndata: budget\nx: annee\ny: moyenne(montant)\n", "ligne 4 : fonction « moyenne » inconnue — vouliez-vous dire « mean » ?", 4},
		{"French bucket", "type: bar\ndata: budget\nx: année(jour)\ny: count()\n", "ligne 3 : fonction « année » inconnue — vouliez-vous dire « year » ?", 3},
		{"bucket of a number", "type: bar\ndata: budget\nx: year(annee)\ny: count()\n", "ligne 3 : year(annee) : la colonne « annee » est de type nombre ; year demande une colonne de dates", 3},
		{"share of text", "type: pie\ndata: budget\nx: annee\ny: share(quartier)\n", "ligne 4 : share(quartier) : la colonne « quartier » est de type texte ; share demande une colonne de nombres (count() ou distinct(quartier) conviennent)", 4},
		{"theme typo", "type: bar\ndata: budget\nx: annee\ny: count()\ntheme: sombr\n", "ligne 5 : « theme » vaut clair, sombre, projecteur ou impression (reçu « sombr ») — vouliez-vous dire « sombre » ?", 5},
		{"others with a median", "type: bar\ndata: budget\nx: annee\ny: median(montant)\nlimit: 1\nothers: Autres\n", "ligne 6 : « others » regroupe le reste : il demande count(), sum(…), share(…), mean(…), min(…) ou max(…), pas median", 6},
		{"cumulative mean", "type: line\ndata: budget\nx: annee\ny: mean(montant)\ncumulative: true\n", "ligne 5 : « cumulative » additionne les valeurs le long de x : il demande count(), sum(…) ou share(…), pas mean", 5},
		{"many y with series", "type: bar\ndata: budget\nx: annee\ny: sum(montant), count()\nseries: quartier\n", "ligne 4 : plusieurs valeurs dans « y » et « series » font trop de séries : gardez l'un ou l'autre", 4},
		{"many y on a pie", "type: pie\ndata: budget\nx: annee\ny: [sum(montant), count()]\n", "ligne 4 : un camembert (pie) montre une seule valeur : gardez un seul élément dans « y »", 4},
		{"mixed y", "type: bar\ndata: budget\nx: annee\ny: [sum(montant), montant]\n", "ligne 4 : les valeurs de « y » sont toutes des agrégats, comme sum(a), sum(b), ou toutes des colonnes ; « sum(montant) » et « montant » ne se mélangent pas", 4},
		{"heatmap without series", "type: heatmap\ndata: budget\nx: annee\ny: count()\n", "ligne 1 : une carte de chaleur (heatmap) croise deux colonnes : ajoutez « series », la colonne des lignes", 1},
		{"scatter of an aggregate", "type: scatter\ndata: budget\nx: annee\ny: sum(montant)\n", "ligne 4 : un nuage de points (scatter) place chaque ligne : y doit être une colonne de nombres, pas sum(montant)", 4},
		{"size on bars", "type: bar\ndata: budget\nx: annee\ny: count()\nsize: montant\n", "ligne 5 : « size » ne s'applique qu'à un nuage de points (scatter), pas à un graphique en barres (bar)", 5},
		{"bad stack", "type: bar\ndata: budget\nx: annee\ny: count()\nseries: quartier\nstack: moitié\n", "ligne 6 : « stack » vaut true, false ou percent (reçu « moitié ») : percent empile jusqu'à 100 %", 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			spec, err := charts.Parse(tt.src)
			if err == nil {
				_, err = charts.Build(t.Context(), catalogue(t), spec)
			}
			checkBlockErr(t, err, tt.want, tt.line)
		})
	}
}

func TestSelectionWords(t *testing.T) {
	tests := []struct{ where, want string }{
		{`quartier = "Carro"`, "les lignes où quartier vaut Carro (3 lignes sur 8)"},
		{`annee >= 2023 and annee <= 2024`, "les lignes où annee est entre 2023 et 2024 (5 lignes sur 8)"},
		{`quartier in ("Carro", "Île") and montant > 1000,5`, "les lignes où quartier vaut Carro ou Île et montant est supérieur à 1" + nn + "000,5 (3 lignes sur 8)"},
		{`not annee between 2023 and 2024 or quartier contains "île"`, "les lignes où annee n'est pas entre 2023 et 2024 ou quartier contient « île » (4 lignes sur 8)"},
		{`montant is null or annee != 2022`, "les lignes où montant est vide ou annee est différent de 2022 (5 lignes sur 8)"},
		{`annee = 2022 and (quartier = "Carro" or quartier = "Île")`, "Données retenues : 2 lignes sur 8."},
		{`not (annee = 2022 and quartier = "Carro")`, "Données retenues : 7 lignes sur 8."},
		{`quartier in ("a", "b", "c", "d", "e", "f", "g", "h", "Carro")`, "les lignes où quartier prend l'une de 9 valeurs choisies (3 lignes sur 8)"},
	}
	for _, tt := range tests {
		t.Run(tt.where, func(t *testing.T) {
			c, err := build(t, "type: bar\ndata: budget\nx: annee\ny: count()\nwhere: "+tt.where+"\n")
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(c.Description, tt.want) {
				t.Errorf("description %q lacks %q", c.Description, tt.want)
			}
			for _, raw := range []string{"`", `"`, " and ", " or ", ">=", "!="} {
				if strings.Contains(c.Description, raw) {
					t.Errorf("description %q shows the syntax %q", c.Description, raw)
				}
			}
		})
	}
}
