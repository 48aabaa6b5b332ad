package query_test

import (
	"cmp"
	"context"
	"slices"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/google/go-cmp/cmp/cmpopts"

	gocmp "github.com/google/go-cmp/cmp"

	"atelier/datasets/query"
)

func TestTopGroups(t *testing.T) {
	rows := randomLedger(3, 4000)
	tbl := ledgerTable(t, checkedMem(t), rows, 512, true)
	p := query.Plan{
		GroupBy:    []string{"categorie"},
		Aggregates: []query.Aggregate{{Func: query.Sum, Column: "montant"}},
		Where:      mustParse(t, `annee = 2023 or annee = 2020`),
		Sort:       []query.Order{{Column: 1, Desc: true}},
		Limit:      5,
	}
	got, err := query.Run(context.Background(), tbl, p)
	if err != nil {
		t.Fatal(err)
	}
	ref := reference(rows, func(r ledgerRow) bool { return r.annee == 2023 || r.annee == 2020 }, func(r ledgerRow) string { return r.categorie })
	type kv struct {
		k string
		v float64
	}
	var want []kv
	for k, g := range ref {
		want = append(want, kv{k, g.sum})
	}
	slices.SortFunc(want, func(a, b kv) int { return cmp.Compare(b.v, a.v) })
	if got.Total != len(want) {
		t.Errorf("Total = %d, want %d", got.Total, len(want))
	}
	var gotKV []kv
	for _, r := range got.Rows {
		gotKV = append(gotKV, kv{r[0].Str, r[1].Float})
	}
	opt := gocmp.Comparer(func(a, b float64) bool { return a-b < 0.005 && b-a < 0.005 })
	if d := gocmp.Diff(want[:5], gotKV, opt, gocmp.AllowUnexported(kv{})); d != "" {
		t.Errorf("top 5 (-want +got):\n%s", d)
	}
}

func TestDefaultOrderIsFrench(t *testing.T) {
	rows := randomLedger(5, 2000)
	tbl := ledgerTable(t, checkedMem(t), rows, 300, false)
	got, err := query.Run(context.Background(), tbl, query.Plan{GroupBy: []string{"quartier"}, Aggregates: []query.Aggregate{{Func: query.Count}}})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, r := range got.Rows {
		names = append(names, r[0].String())
	}
	want := []string{"Carro", "Ferrières", "Île", "Jonquières", "Les Salins", "Œuvre", "Saint-Pierre", "null"}
	if d := gocmp.Diff(want, names); d != "" {
		t.Errorf("order (-want +got):\n%s", d)
	}
}

func TestProjectTopRows(t *testing.T) {
	rows := randomLedger(11, 6000)
	for _, dict := range []bool{false, true} {
		tbl := ledgerTable(t, checkedMem(t), rows, 1000, dict)
		p := query.Plan{
			Columns: []string{"quartier", "montant"},
			Where:   mustParse(t, `annee >= 2020`),
			Sort:    []query.Order{{Column: 1, Desc: true}},
			Limit:   10,
		}
		got, err := query.Run(context.Background(), tbl, p)
		if err != nil {
			t.Fatal(err)
		}
		var want []float64
		var matched int64
		for _, r := range rows {
			if r.annee >= 2020 {
				matched++
				if r.montant != nil {
					want = append(want, *r.montant)
				}
			}
		}
		slices.SortFunc(want, func(a, b float64) int { return cmp.Compare(b, a) })
		var gotM []float64
		for _, r := range got.Rows {
			gotM = append(gotM, r[1].Float)
		}
		if d := gocmp.Diff(want[:10], gotM); d != "" {
			t.Errorf("top rows (-want +got):\n%s", d)
		}
		if got.Matched != matched || got.Total != int(matched) {
			t.Errorf("Matched, Total = %d, %d; want %d", got.Matched, got.Total, matched)
		}
	}
}

func TestProjectKeepsTableOrder(t *testing.T) {
	rows := randomLedger(12, 3000)
	tbl := ledgerTable(t, checkedMem(t), rows, 250, false)
	got, err := query.Run(context.Background(), tbl, query.Plan{Columns: []string{"categorie", "jour"}, Where: mustParse(t, "actif = vrai"), Limit: 20})
	if err != nil {
		t.Fatal(err)
	}
	var want, gotS []string
	for _, r := range rows {
		if r.actif && len(want) < 20 {
			want = append(want, r.categorie+" "+r.jour.Format("2006-01-02"))
		}
	}
	for _, r := range got.Rows {
		gotS = append(gotS, r[0].Str+" "+r[1].String())
	}
	if d := gocmp.Diff(want, gotS); d != "" {
		t.Errorf("rows (-want +got):\n%s", d)
	}
}

// TestTimestampsAndMisalignedChunks covers timestamp filters by day and tables whose
// columns are chunked differently.
func TestTimestampsAndMisalignedChunks(t *testing.T) {
	mem := checkedMem(t)
	ts := &arrow.TimestampType{Unit: arrow.Second, TimeZone: "UTC"}
	schema := arrow.NewSchema([]arrow.Field{{Name: "quand", Type: ts}, {Name: "n", Type: arrow.PrimitiveTypes.Int32}}, nil)
	base := day(2024, 3, 1).Unix()
	var tsChunks, nChunks []arrow.Array
	for c := 0; c < 3; c++ { // 3 chunks of 100 timestamps, one per hour
		b := array.NewTimestampBuilder(mem, ts)
		for i := 0; i < 100; i++ {
			b.Append(arrow.Timestamp(base + int64(c*100+i)*3600))
		}
		tsChunks = append(tsChunks, b.NewArray())
		b.Release()
	}
	for c := 0; c < 2; c++ { // 2 chunks of 150 ints
		b := array.NewInt32Builder(mem)
		for i := 0; i < 150; i++ {
			b.Append(int32(c*150 + i))
		}
		nChunks = append(nChunks, b.NewArray())
		b.Release()
	}
	tbl := array.NewTableFromSlice(schema, [][]arrow.Array{tsChunks, nChunks})
	defer tbl.Release()
	for _, a := range append(tsChunks, nChunks...) {
		a.Release()
	}
	p := query.Plan{Where: mustParse(t, `quand = 2024-03-02 and n > 20,5`),
		Aggregates: []query.Aggregate{{Func: query.Count}, {Func: query.Sum, Column: "n"}, {Func: query.Min, Column: "quand"}}}
	got, err := query.Run(context.Background(), tbl, p)
	if err != nil {
		t.Fatal(err)
	}
	// Hours 24..47 are 2 March; n equals the hour.
	want := []query.Value{{Kind: query.Int, Int: 24}, {Kind: query.Int}, {Kind: query.Time, Time: day(2024, 3, 2)}}
	for h := int64(24); h < 48; h++ {
		want[1].Int += h
	}
	if d := gocmp.Diff(want, got.Rows[0], cmpopts.EquateComparable()); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}

func TestRunStopsWhenCancelled(t *testing.T) {
	tbl := ledgerTable(t, checkedMem(t), randomLedger(2, 5000), 100, false)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := query.Run(ctx, tbl, query.Plan{GroupBy: []string{"quartier"}, Aggregates: []query.Aggregate{{Func: query.Count}}})
	if err != context.Canceled {
		t.Errorf("got %v, want context.Canceled", err)
	}
}

func TestPlanErrors(t *testing.T) {
	tbl := ledgerTable(t, checkedMem(t), randomLedger(2, 10), 10, false)
	tests := []struct {
		plan query.Plan
		want string
	}{
		{query.Plan{}, "rien à calculer : indiquez des colonnes ou un agrégat"},
		{query.Plan{Columns: []string{"annee"}, Sort: []query.Order{{Column: 1}}}, "tri sur la colonne n° 2, hors du résultat"},
		{query.Plan{GroupBy: []string{"annee"}, Aggregates: []query.Aggregate{{Func: query.Max, Column: "categorie"}}},
			"max(categorie) : la colonne « categorie » est de type texte ; max demande des nombres ou des dates"},
	}
	for _, tt := range tests {
		_, err := query.Run(context.Background(), tbl, tt.plan)
		checkFault(t, err, tt.want)
	}
}

// TestProjectTiesKeepTableOrder sorts on a column without nulls and with many ties: the
// first rows of the table win among equals, whatever worker saw them.
func TestProjectTiesKeepTableOrder(t *testing.T) {
	rows := randomLedger(13, 8000)
	tbl := ledgerTable(t, checkedMem(t), rows, 900, false)
	got, err := query.Run(context.Background(), tbl, query.Plan{
		Columns: []string{"annee", "categorie"}, Where: mustParse(t, "actif = faux"),
		Sort: []query.Order{{Column: 0, Desc: true}}, Limit: 15})
	if err != nil {
		t.Fatal(err)
	}
	var want, gotS []string
	for _, r := range rows {
		if !r.actif && r.annee == 2024 && len(want) < 15 {
			want = append(want, r.categorie)
		}
	}
	for _, r := range got.Rows {
		gotS = append(gotS, r[1].Str)
	}
	if d := gocmp.Diff(want, gotS); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
}
