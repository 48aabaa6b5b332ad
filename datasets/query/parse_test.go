package query_test

import (
	"context"
	"errors"
	"testing"

	"atelier/datasets/query"
	"atelier/internal/fault"
)

func TestParseWhere(t *testing.T) {
	tests := []struct {
		src, want string
	}{
		{`p21_pop > 10000`, "`p21_pop` > 10000"},
		{`dep = "13" and p21_pop > 10000`, "(`dep` = \"13\" and `p21_pop` > 10000)"},
		{`a = 1 or b = 2 and c = 3`, "(`a` = 1 or (`b` = 2 and `c` = 3))"},
		{`(a = 1 or b = 2) and c = 3`, "((`a` = 1 or `b` = 2) and `c` = 3)"},
		{`taux >= 12,5`, "`taux` >= 12.5"},
		{`taux <= 12.5`, "`taux` <= 12.5"},
		{`solde > -3`, "`solde` > -3"},
		{"`% Votants` > 50", "`% Votants` > 50"},
		{"`a``b` = 1", "`a``b` = 1"},
		{`Libellé_du_bureau != "École Jean-Jaurès"`, "`Libellé_du_bureau` != \"École Jean-Jaurès\""},
		{`date >= 2020-01-31`, "`date` >= 2020-01-31"},
		{`date < 31/01/2020`, "`date` < 2020-01-31"},
		{`10000 < pop`, "`pop` > 10000"},
		{`NOT actif = vrai`, "not `actif` = true"},
		{`x = faux AND y <> 2`, "(`x` = false and `y` != 2)"},
		{`x ≥ 2 and y ≠ "a"`, "(`x` >= 2 and `y` != \"a\")"},
		{`nom = 'l''Estaque'`, "`nom` = \"l'Estaque\""},
		{`nom = « Carro »`, "`nom` = \"Carro\""},
		{`nom = "dit \"le\" chef"`, "`nom` = \"dit \\\"le\\\" chef\""},
		{`q = null`, "`q` = null"},
		{`q != vide`, "`q` != null"},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			e, err := query.ParseWhere(tt.src)
			if err != nil {
				t.Fatal(err)
			}
			if got := e.String(); got != tt.want {
				t.Errorf("got %s, want %s", got, tt.want)
			}
		})
	}
}

func TestParseWhereErrors(t *testing.T) {
	tests := []struct {
		src, want string
	}{
		{`pop > 10000 et dep = "13"`, "position 13 : « et » inattendu — écrivez « and »"},
		{`pop > `, "position 7 : il manque une valeur après « > »"},
		{`pop`, "position 4 : il manque une comparaison après « pop » (=, !=, <, <=, >, >=)"},
		{``, "condition vide"},
		{`(pop > 1`, "position 1 : parenthèse ouverte ici jamais fermée"},
		{`pop > 1)`, "position 8 : « ) » inattendu"},
		{`nom = "Carro`, "position 7 : guillemet fermant \" manquant"},
		{"`pop > 1", "position 1 : accent grave fermant ` manquant pour le nom de colonne"},
		{`pop > 1 and`, "position 12 : la condition s'arrête trop tôt"},
		{`a = b`, "position 1 : « a » et « b » sont deux colonnes : comparez une colonne à une valeur"},
		{`1 = 2`, "position 1 : une comparaison doit porter sur une colonne, pas sur deux valeurs"},
		{`d = 2020-02-30`, "position 5 : date « 2020-02-30 » invalide"},
		{`pop ! 3`, "position 5 : caractère « ! » inattendu"},
		{`q < null`, "position 3 : seuls = et != s'appliquent à null"},
		{`pop = 1 pop = 2`, "position 9 : « pop » inattendu"},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			_, err := query.ParseWhere(tt.src)
			checkFault(t, err, tt.want)
		})
	}
}

// checkFault checks that err is an Invalid *fault.Error with the given French message.
func checkFault(t *testing.T, err error, want string) {
	t.Helper()
	var f *fault.Error
	if !errors.As(err, &f) || f.Kind != fault.Invalid {
		t.Fatalf("got %v, want an Invalid fault %q", err, want)
	}
	if f.Message != want {
		t.Errorf("got  %s\nwant %s", f.Message, want)
	}
}

func TestBindErrors(t *testing.T) {
	tbl := ledgerTable(t, checkedMem(t), randomLedger(1, 10), 10, false)
	tests := []struct {
		where string
		plan  query.Plan
		want  string
	}{
		{where: `quartiers = "Carro"`, want: "position 1 : colonne « quartiers » inconnue — vouliez-vous dire « quartier » ?"},
		{where: `zzz = 1`, want: "position 1 : colonne « zzz » inconnue (colonnes : quartier, annee, categorie, montant, jour, actif)"},
		{where: `annee = "2020"`, want: "position 9 : « annee » est une colonne de nombres : comparez-la à un nombre sans guillemets, par exemple annee > 10000"},
		{where: `quartier = 13`, want: "position 12 : « quartier » est une colonne de texte : mettez la valeur entre guillemets, par exemple quartier = \"13\""},
		{where: `jour > 12`, want: "position 8 : « jour » est une colonne de dates : écrivez la date sous la forme 2020-01-31"},
		{where: `actif > vrai`, want: "position 9 : « actif » est une colonne de booléens : écrivez actif = vrai ou actif = faux"},
		{plan: query.Plan{Aggregates: []query.Aggregate{{Func: query.Sum, Column: "quartier"}}},
			want: "sum(quartier) : la colonne « quartier » est de type texte ; sum demande une colonne de nombres (count() ou distinct(quartier) conviennent)"},
		{plan: query.Plan{GroupBy: []string{"Categorei"}, Aggregates: []query.Aggregate{{Func: query.Count}}},
			want: "colonne « Categorei » inconnue — vouliez-vous dire « categorie » ?"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			p := tt.plan
			if tt.where != "" {
				p.Where = mustParse(t, tt.where)
				p.Columns = []string{"annee"}
			}
			_, err := query.Run(context.Background(), tbl, p)
			checkFault(t, err, tt.want)
		})
	}
}

func TestParseAggregate(t *testing.T) {
	tests := []struct {
		src  string
		want query.Aggregate
		ok   bool
		err  string
	}{
		{"count()", query.Aggregate{Func: query.Count}, true, ""},
		{"sum(% Votants)", query.Aggregate{Func: query.Sum, Column: "% Votants"}, true, ""},
		{"MEAN( `prix (€)` )", query.Aggregate{Func: query.Mean, Column: "prix (€)"}, true, ""},
		{"p21_pop", query.Aggregate{}, false, ""},
		{"Libellé du bureau", query.Aggregate{}, false, ""},
		{"smu(x)", query.Aggregate{}, true, "fonction « smu » inconnue — vouliez-vous dire « sum » ?"},
		{"sum()", query.Aggregate{}, true, "sum() demande une colonne, par exemple sum(population)"},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			got, ok, err := query.ParseAggregate(tt.src)
			if tt.err != "" {
				checkFault(t, err, tt.err)
				return
			}
			if err != nil || ok != tt.ok || got != tt.want {
				t.Errorf("got %+v %v %v, want %+v %v", got, ok, err, tt.want, tt.ok)
			}
		})
	}
}
