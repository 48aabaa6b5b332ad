package query_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"

	"atelier/datasets/query"
)

func TestParseWhereWords(t *testing.T) {
	tests := []struct {
		src, want string
	}{
		{`codgeo in ("13056", "13047")`, "`codgeo` in (\"13056\", \"13047\")"},
		{`annee in (2019,2020; 2021)`, "`annee` in (2019, 2020, 2021)"},
		{`annee IN (12.5, -3)`, "`annee` in (12.5, -3)"},
		{`codgeo not in ("13056")`, "not `codgeo` in (\"13056\")"},
		{`annee between 2019 and 2021 and x = 1`, "((`annee` between 2019 and 2021) and `x` = 1)"},
		{`jour not between 01/01/2020 and 2020-12-31`, "not (`jour` between 2020-01-01 and 2020-12-31)"},
		{`nom contains "Saint"`, "`nom` contains \"Saint\""},
		{`nom not contains 'x'`, "not `nom` contains \"x\""},
		{`pop is null`, "`pop` = null"},
		{`pop IS NOT NULL or pop is vide`, "(`pop` != null or `pop` = null)"},
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
			again, err := query.ParseWhere(e.String())
			if err != nil || again.String() != e.String() {
				t.Errorf("canonical form does not read back: %v %v", again, err)
			}
		})
	}
}

func TestParseWhereWordsErrors(t *testing.T) {
	tests := []struct {
		src, want string
	}{
		{`c in ()`, "position 7 : la liste de « in » est vide"},
		{`c in ("a", b)`, "position 12 : « b » : écrivez une valeur ici, pas une colonne (un texte se met entre guillemets)"},
		{`c in ("a"`, "position 6 : parenthèse ouverte ici jamais fermée"},
		{`c in "a"`, "position 6 : après « in », ouvrez une parenthèse : c in (\"a\", \"b\")"},
		{`a between 1`, "position 12 : écrivez a between 2019 and 2023 : il manque « and » et la seconde borne"},
		{`a between null and 3`, "position 1 : « between » demande deux valeurs, pas null"},
		{`a contains 3`, "position 12 : après « contains », écrivez un texte entre guillemets : a contains \"Saint\""},
		{`a is 3`, "position 6 : après « is », écrivez null ou not null"},
		{`a not = 3`, "position 3 : après « a not », écrivez in (…), between … and … ou contains \"…\""},
		{`a foo 3`, "position 3 : « foo » inattendu"},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			_, err := query.ParseWhere(tt.src)
			checkFault(t, err, tt.want)
		})
	}
}

// TestWordsMatchReference filters the ledger with the word forms and compares the count
// and sum with plain loops, on plain and dictionary-encoded text.
func TestWordsMatchReference(t *testing.T) {
	rows := randomLedger(11, 6000)
	has := func(r ledgerRow, qs ...string) bool {
		for _, q := range qs {
			if r.quartier != nil && *r.quartier == q {
				return true
			}
		}
		return false
	}
	tests := []struct {
		where string
		keep  func(ledgerRow) bool
	}{
		{`quartier in ("Carro", "Île", "Nulle part")`, func(r ledgerRow) bool { return has(r, "Carro", "Île") }},
		// not keeps every row its operand does not keep, nulls included.
		{`quartier not in ("Carro")`, func(r ledgerRow) bool { return r.quartier == nil || *r.quartier != "Carro" }},
		{`annee in (2016, 2018) and quartier in ("Œuvre", null)`, func(r ledgerRow) bool {
			return (r.annee == 2016 || r.annee == 2018) && (r.quartier == nil || *r.quartier == "Œuvre")
		}},
		{`annee between 2017 and 2019`, func(r ledgerRow) bool { return r.annee >= 2017 && r.annee <= 2019 }},
		{`montant between 100,5 and 2000`, func(r ledgerRow) bool { return r.montant != nil && *r.montant >= 100.5 && *r.montant <= 2000 }},
		{`jour between 2020-03-01 and 31/03/2020`, func(r ledgerRow) bool {
			return !r.jour.Before(day(2020, 3, 1)) && !r.jour.After(day(2020, 3, 31))
		}},
		{`quartier contains "SAINT" or quartier contains "è"`, func(r ledgerRow) bool {
			return r.quartier != nil && (strings.Contains(*r.quartier, "Saint") || strings.Contains(*r.quartier, "è"))
		}},
		{`montant is null`, func(r ledgerRow) bool { return r.montant == nil }},
		{`quartier is not null and montant is not null`, func(r ledgerRow) bool { return r.quartier != nil && r.montant != nil }},
	}
	for _, dict := range []bool{false, true} {
		tbl := ledgerTable(t, checkedMem(t), rows, 1000, dict)
		for _, tt := range tests {
			t.Run(tt.where+dictName(dict), func(t *testing.T) {
				got, err := query.Run(context.Background(), tbl, query.Plan{Where: mustParse(t, tt.where), Aggregates: allAggs})
				if err != nil {
					t.Fatal(err)
				}
				compareGroups(t, got, 0, reference(rows, tt.keep, func(ledgerRow) string { return "" }))
			})
		}
	}
}

func TestWordsBindErrors(t *testing.T) {
	tbl := ledgerTable(t, checkedMem(t), randomLedger(1, 10), 10, false)
	tests := []struct{ where, want string }{
		{`annee contains "20"`, "position 1 : « contains » cherche un texte dans une colonne de texte ; « annee » est une colonne de type nombre"},
		{`annee in (2020, "2021")`, "position 17 : « annee » est une colonne de nombres : comparez-la à un nombre sans guillemets, par exemple annee > 10000"},
		{`quartier between 1 and 2`, "position 18 : « quartier » est une colonne de texte : mettez la valeur entre guillemets, par exemple quartier = \"1\""},
	}
	for _, tt := range tests {
		_, err := query.Run(context.Background(), tbl, query.Plan{Where: mustParse(t, tt.where), Columns: []string{"annee"}})
		checkFault(t, err, tt.want)
	}
}

func TestShareAndDateBuckets(t *testing.T) {
	rows := randomLedger(5, 5000)
	tbl := ledgerTable(t, checkedMem(t), rows, 777, true)
	res, err := query.Run(context.Background(), tbl, query.Plan{
		GroupBy:    []string{"year(jour)", "month(jour)", "weekday(jour)"},
		Aggregates: []query.Aggregate{{Func: query.Share}, {Func: query.Share, Column: "montant"}, {Func: query.Count}},
		Sort:       []query.Order{{Column: 3, Desc: true}}, Limit: 5,
	})
	if err != nil {
		t.Fatal(err)
	}
	type key struct {
		y       int
		m       time.Month
		weekday int
	}
	count, sum, total := map[key]int64{}, map[key]float64{}, 0.0
	for _, r := range rows {
		wd := int(r.jour.Weekday())
		if wd == 0 {
			wd = 7
		}
		k := key{r.jour.Year(), r.jour.Month(), wd}
		count[k]++
		if r.montant != nil {
			sum[k] += *r.montant
			total += *r.montant
		}
	}
	if res.Total != len(count) || len(res.Rows) != 5 {
		t.Fatalf("%d groups, %d rows; want %d groups, 5 rows", res.Total, len(res.Rows), len(count))
	}
	if c := res.Columns; c[0].Name != "year(jour)" || c[0].Kind != query.Int || c[1].Kind != query.Date || c[2].Kind != query.Int || c[3].Kind != query.Float {
		t.Errorf("columns = %+v", c)
	}
	for _, row := range res.Rows {
		k := key{int(row[0].Int), row[1].Time.Month(), int(row[2].Int)}
		if row[1].Time.Day() != 1 || row[1].Time.Year() != k.y {
			t.Errorf("month bucket %v is not the first day of a month of %d", row[1].Time, k.y)
		}
		checkFloat(t, strconv.Itoa(k.y), "share()", row[3], float64(count[k])/float64(len(rows))*100, true)
		checkFloat(t, strconv.Itoa(k.y), "share(montant)", row[4], sum[k]/total*100, true)
		checkInt(t, strconv.Itoa(k.y), "count", row[5], count[k])
	}
	_, err = query.Run(context.Background(), tbl, query.Plan{GroupBy: []string{"year(annee)"}, Aggregates: []query.Aggregate{{Func: query.Count}}})
	checkFault(t, err, "year(annee) : la colonne « annee » est de type nombre ; year demande une colonne de dates")
}

// TestUnseenDictionaryValues: a dictionary holds every value of its chunk, but only the
// values of selected rows make groups.
func TestUnseenDictionaryValues(t *testing.T) {
	rows := randomLedger(17, 3000)
	tbl := ledgerTable(t, checkedMem(t), rows, 1000, true)
	res, err := query.Run(context.Background(), tbl, query.Plan{Where: mustParse(t, `quartier = "Carro"`),
		GroupBy: []string{"quartier"}, Aggregates: []query.Aggregate{{Func: query.Count}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Rows) != 1 || res.Rows[0][0].Str != "Carro" || res.Total != 1 {
		t.Errorf("rows %v, total %d; want only Carro", res.Rows, res.Total)
	}
}

// TestBucketsOfTimestamps buckets a timestamp column, instants before 1970 and nulls included.
func TestBucketsOfTimestamps(t *testing.T) {
	mem := checkedMem(t)
	typ := &arrow.TimestampType{Unit: arrow.Second, TimeZone: "UTC"}
	b := array.NewTimestampBuilder(mem, typ)
	defer b.Release()
	instants := []string{"1969-12-31T23:59:59Z", "1970-01-01T00:00:00Z", "2024-02-29T23:00:00Z", "2024-03-01T01:00:00Z", ""}
	for _, s := range instants {
		if s == "" {
			b.AppendNull()
			continue
		}
		tm, _ := time.Parse(time.RFC3339, s)
		b.Append(arrow.Timestamp(tm.Unix()))
	}
	arr := b.NewArray()
	defer arr.Release()
	schema := arrow.NewSchema([]arrow.Field{{Name: "quand", Type: typ, Nullable: true}}, nil)
	rec := array.NewRecordBatch(schema, []arrow.Array{arr}, int64(arr.Len()))
	defer rec.Release()
	tbl := array.NewTableFromRecords(schema, []arrow.RecordBatch{rec})
	defer tbl.Release()
	res, err := query.Run(context.Background(), tbl, query.Plan{GroupBy: []string{"month(quand)"}, Aggregates: []query.Aggregate{{Func: query.Count}}})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range res.Rows {
		got = append(got, r[0].String()+"="+r[1].String())
	}
	want := []string{"1969-12-01=1", "1970-01-01=1", "2024-02-01=1", "2024-03-01=1", "null=1"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("got %v, want %v", got, want)
	}
}
