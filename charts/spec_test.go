package charts_test

import (
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"atelier/charts"
	"atelier/datasets/query"
	"atelier/internal/fault"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want charts.Spec
	}{
		{"design example", `type: bar                      # bar, line, pie
data: population-communes@3
title: Population par commune
x: libgeo
y: sum(p21_pop)
where: dep = "13" and p21_pop > 10000
sort: -y
limit: 10
horizontal: true
unit: habitants
height: 420
`, charts.Spec{Type: "bar", Data: "population-communes", Version: 3, Title: "Population par commune", X: "libgeo",
			Y: "sum(p21_pop)", Agg: &query.Aggregate{Func: query.Sum, Column: "p21_pop"}, Where: `dep = "13" and p21_pop > 10000`,
			Sort: "-y", Limit: 10, Horizontal: true, Unit: "habitants", Height: 420}},
		{"names with spaces and accents", "type: bar\ndata: elections\nx: Libellé du bureau\ny: mean(% Votants)\nformat: percent\n",
			charts.Spec{Type: "bar", Data: "elections", X: "Libellé du bureau", Y: "mean(% Votants)",
				Agg: &query.Aggregate{Func: query.Mean, Column: "% Votants"}, Format: "percent"}},
		{"bare column, backquotes", "type: line\ndata: budget\nx: \"`annee`\"\ny: montant\n",
			charts.Spec{Type: "line", Data: "budget", X: "annee", Y: "montant"}},
		{"series, stack, others", "type: bar\ndata: budget\nx: annee\ny: count()\nseries: quartier\nstack: oui\nlimit: 5\nothers: Autres\n",
			charts.Spec{Type: "bar", Data: "budget", X: "annee", Y: "count()", Agg: &query.Aggregate{Func: query.Count},
				Series: "quartier", Stack: true, Limit: 5, Others: "Autres"}},
		{"values YAML reserves", "type: bar\ndata: elections\nx: Libellé du bureau\ny: % Votants\nwhere: `% Votants` > 50 and `Libellé du bureau` != 'l''école'\n",
			charts.Spec{Type: "bar", Data: "elections", X: "Libellé du bureau", Y: "% Votants", Where: "`% Votants` > 50 and `Libellé du bureau` != 'l''école'"}},
		{"pie, quoted values", "type: pie\ndata: \"budget\"\nx: quartier\ny: 'sum(montant)'\ntitle: \"Où va l'argent : 2024\"\n",
			charts.Spec{Type: "pie", Data: "budget", X: "quartier", Y: "sum(montant)", Agg: &query.Aggregate{Func: query.Sum, Column: "montant"},
				Title: "Où va l'argent : 2024"}},
		{"French colons in plain values, comments, CRLF", "type: pie   # camembert\r\ndata: budget\r\nx: quartier\r\ny: count()\r\n" +
			"title: Martigues, municipales 2014, premier tour : voix par liste   # titre\r\nunit: voix :\r\n",
			charts.Spec{Type: "pie", Data: "budget", X: "quartier", Y: "count()", Agg: &query.Aggregate{Func: query.Count},
				Title: "Martigues, municipales 2014, premier tour : voix par liste", Unit: "voix :"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := charts.Parse(tt.src)
			if err != nil {
				t.Fatal(err)
			}
			opts := []cmp.Option{cmpopts.IgnoreUnexported(charts.Spec{}), cmpopts.IgnoreFields(charts.Spec{}, "Filter", "Measures")}
			if d := cmp.Diff(&tt.want, got, opts...); d != "" {
				t.Errorf("(-want +got):\n%s", d)
			}
			if (got.Filter != nil) != (got.Where != "") {
				t.Errorf("Filter = %v for where %q", got.Filter, got.Where)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	const head = "type: bar\ndata: budget\n"
	tests := []struct {
		name, src, want string
		line            int
	}{
		{"unknown key formatter", head + "x: annee\ny: count()\nformatter: function(){}\n",
			"ligne 5 : clé « formatter » inconnue — vouliez-vous dire « format » ?", 5},
		{"unknown key far from any", head + "x: a\ny: count()\nzzz: 1\n",
			"ligne 5 : clé « zzz » inconnue (clés : type, data, title, subtitle, x, y, series, where, sort, limit, others, stack, horizontal, cumulative, size, label, geo, key, geokey, unit, format, theme, decal, height)", 5},
		{"map key on a bar", head + "x: a\ny: count()\ngeo: communes\n",
			"ligne 5 : « geo » ne s'applique qu'à une carte (map), pas à un graphique en barres (bar)", 5},
		{"duplicate key", head + "x: a\nx: b\ny: count()\n", "ligne 4 : clé « x » en double (déjà donnée ligne 3)", 4},
		{"unknown type", "type: barre\ndata: budget\nx: a\ny: count()\n", "ligne 1 : type « barre » inconnu — vouliez-vous dire « bar » ?", 1},
		{"map with x", "type: map\ndata: budget\nx: a\ny: count()\n", "ligne 3 : une carte (map) relie les formes par « key » : remplacez « x » par key: a", 3},
		{"French type", "type: camembert\ndata: budget\nx: a\ny: count()\n", "ligne 1 : type « camembert » inconnu — vouliez-vous dire « pie » ?", 1},
		{"pie without x", "type: pie\ndata: budget\ny: count()\n",
			"ligne 1 : un camembert (pie) a besoin de « x » : la colonne dont chaque valeur fait une part", 1},
		{"bar without x", head + "y: count()\n", "ligne 1 : il manque la clé « x » (la colonne des catégories)", 1},
		{"no data", "type: bar\nx: a\ny: count()\n", "il manque la clé « data » (le nom du jeu de données)", 0},
		{"negative limit", head + "x: a\ny: count()\nlimit: -3\n", "ligne 5 : « limit » doit être un nombre entier entre 1 et 10000 (reçu « -3 »)", 5},
		{"limit not a number", head + "x: a\ny: count()\nlimit: dix\n", "ligne 5 : « limit » doit être un nombre entier entre 1 et 10000 (reçu « dix »)", 5},
		{"bad sort", head + "x: a\ny: count()\nsort: desc\n", "ligne 5 : « sort » vaut y, -y, x ou -x (reçu « desc ») : -y trie du plus grand au plus petit", 5},
		{"unknown function", head + "x: a\ny: somme(b)\n", "ligne 4 : fonction « somme » inconnue — vouliez-vous dire « sum » ?", 4},
		{"close function", head + "x: a\ny: summ(b)\n", "ligne 4 : fonction « summ » inconnue — vouliez-vous dire « sum » ?", 4},
		{"where with et", head + "x: a\ny: count()\nwhere: dep = \"13\" et pop > 3\n",
			"ligne 5 : « where », position 12 : « et » inattendu — écrivez « and »", 5},
		{"bad dataset name", "type: bar\ndata: Population Communes\nx: a\ny: count()\n",
			"ligne 2 : nom de jeu de données « Population Communes » invalide : il doit commencer par une lettre minuscule ou un chiffre, puis ne contenir que des minuscules, des chiffres et des tirets (64 caractères au plus)", 2},
		{"bad version", "type: bar\ndata: budget@zero\nx: a\ny: count()\n", "ligne 2 : version « zero » invalide : écrivez par exemple budget@3", 2},
		{"list value", head + "x: [a, b]\ny: count()\n", "ligne 3 : « x » attend une seule valeur sur la ligne, pas une liste ni des sous-clés", 3},
		{"empty value", head + "x:\ny: count()\n", "ligne 3 : « x » est vide : donnez-lui une valeur ou retirez la ligne", 3},
		{"not yaml", "type: bar\n  data: : x\n", "ligne 2 : le bloc n'est pas lisible : écrivez une clé par ligne, sous la forme « clé: valeur »", 2},
		{"not a mapping", "juste du texte\n", "ligne 1 : le bloc doit être une liste de clés, une par ligne, sous la forme « clé: valeur »", 1},
		{"empty", "", "bloc de graphique vide : indiquez au moins type, data, x et y", 0},
		{"horizontal line", "type: line\ndata: budget\nx: a\ny: count()\nhorizontal: true\n", "ligne 5 : « horizontal » ne s'applique qu'à un graphique en barres (bar), pas à une courbe (line)", 5},
		{"bad bool", head + "x: a\ny: count()\nhorizontal: peut-être\n", "ligne 5 : « horizontal » vaut true ou false (reçu « peut-être »)", 5},
		{"others without limit", head + "x: a\ny: count()\nothers: Autres\n", "ligne 5 : « others » regroupe ce qui dépasse « limit » : ajoutez par exemple limit: 10", 5},
		{"others with distinct", head + "x: a\ny: distinct(b)\nlimit: 3\nothers: Autres\n", "ligne 6 : « others » regroupe le reste : il demande count(), sum(…), share(…), mean(…), min(…) ou max(…), pas distinct", 6},
		{"stack without series", head + "x: a\ny: count()\nstack: true\n", "ligne 5 : « stack » empile des séries : ajoutez « series » ou plusieurs valeurs dans « y »", 5},
		{"pie with series", "type: pie\ndata: budget\nx: a\ny: count()\nseries: b\n", "ligne 5 : un camembert (pie) n'a qu'une série : retirez « series »", 5},
		{"bad format", head + "x: a\ny: count()\nformat: js\n", "ligne 5 : « format » vaut percent, number ou currency (reçu « js »)", 5},
		{"height too small", head + "x: a\ny: count()\nheight: 10\n", "ligne 5 : « height » doit être un nombre entier entre 150 et 2000 (reçu « 10 »)", 5},
		{"nested key", head + "x: a\ny: count()\nformat:\n  kind: percent\n", "ligne 6 : « format » attend une seule valeur sur la ligne, pas une liste ni des sous-clés", 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := charts.Parse(tt.src)
			checkBlockErr(t, err, tt.want, tt.line)
		})
	}
}

// checkBlockErr checks that err is an Invalid fault with the message, wrapping an *Error
// at the line.
func checkBlockErr(t *testing.T, err error, want string, line int) {
	t.Helper()
	var f *fault.Error
	if !errors.As(err, &f) || f.Kind != fault.Invalid {
		t.Fatalf("got %v, want an Invalid fault %q", err, want)
	}
	if f.Message != want {
		t.Errorf("got  %s\nwant %s", f.Message, want)
	}
	var be *charts.Error
	if !errors.As(err, &be) || be.Line != line {
		t.Errorf("got %#v, want a *charts.Error at line %d", be, line)
	}
}
