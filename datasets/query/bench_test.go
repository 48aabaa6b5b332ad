package query_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"atelier/datasets/query"
)

// benchRows is the size of the generated city ledger of the performance issue.
const benchRows = 10_000_000

var (
	benchOnce   sync.Once
	benchTables map[string]arrow.Table
)

// cityLedger builds, once, the 10M-row ledger: quartier (30 accented values), annee
// 2015–2024, categorie (200 values, skewed), montant; with text stored plainly ("utf8")
// and dictionary-encoded ("dict"), in chunks of 1 Mi rows as a reader would produce.
func cityLedger(b *testing.B, enc string) arrow.Table {
	b.Helper()
	benchOnce.Do(func() {
		benchTables = map[string]arrow.Table{"utf8": buildLedger(false), "dict": buildLedger(true)}
	})
	return benchTables[enc]
}

func buildLedger(dict bool) arrow.Table {
	quartiers := []string{"Carro", "Jonquières", "Île", "Ferrières"}
	for i := len(quartiers); i < 30; i++ {
		quartiers = append(quartiers, fmt.Sprintf("Quartier d'Été n°%d", i))
	}
	var cats []string
	for i := 0; i < 200; i++ {
		cats = append(cats, fmt.Sprintf("Catégorie %03d", i))
	}
	text := func() arrow.DataType {
		if dict {
			return &arrow.DictionaryType{IndexType: arrow.PrimitiveTypes.Int16, ValueType: arrow.BinaryTypes.String}
		}
		return arrow.BinaryTypes.String
	}
	schema := arrow.NewSchema([]arrow.Field{
		{Name: "quartier", Type: text()}, {Name: "annee", Type: arrow.PrimitiveTypes.Int64},
		{Name: "categorie", Type: text()}, {Name: "montant", Type: arrow.PrimitiveTypes.Float64},
	}, nil)
	r := rand.New(rand.NewPCG(42, 42))
	zipf := rand.NewZipf(r, 1.2, 1, uint64(len(cats)-1))
	var recs []arrow.RecordBatch
	mem := memory.NewGoAllocator()
	for lo := 0; lo < benchRows; lo += 1 << 20 {
		bld := array.NewRecordBuilder(mem, schema)
		for i := lo; i < min(lo+1<<20, benchRows); i++ {
			appendText(bld.Field(0), quartiers[r.IntN(len(quartiers))])
			bld.Field(1).(*array.Int64Builder).Append(2015 + int64(r.IntN(10)))
			appendText(bld.Field(2), cats[zipf.Uint64()])
			bld.Field(3).(*array.Float64Builder).Append(float64(r.IntN(10_000_00)) / 100)
		}
		recs = append(recs, bld.NewRecordBatch())
		bld.Release()
	}
	return array.NewTableFromRecords(schema, recs)
}

func appendText(b array.Builder, s string) {
	switch b := b.(type) {
	case *array.StringBuilder:
		b.Append(s)
	case *array.BinaryDictionaryBuilder:
		if err := b.AppendString(s); err != nil {
			panic(err)
		}
	}
}

func benchPlan(b *testing.B, p query.Plan) {
	for _, enc := range []string{"utf8", "dict"} {
		b.Run(enc, func(b *testing.B) {
			tbl := cityLedger(b, enc)
			b.ResetTimer()
			for b.Loop() {
				res, err := query.Run(context.Background(), tbl, p)
				if err != nil || len(res.Rows) == 0 {
					b.Fatal(err, res)
				}
			}
		})
	}
}

func mustWhere(src string) query.Expr {
	e, err := query.ParseWhere(src)
	if err != nil {
		panic(err)
	}
	return e
}

// BenchmarkGroupBy: group by (quartier, annee), sum, mean and count of montant.
func BenchmarkGroupBy(b *testing.B) {
	benchPlan(b, query.Plan{GroupBy: []string{"quartier", "annee"}, Aggregates: []query.Aggregate{
		{Func: query.Sum, Column: "montant"}, {Func: query.Mean, Column: "montant"}, {Func: query.Count}}})
}

// BenchmarkFilterGroupTop: one quartier and year, by categorie, top 10 by sum.
func BenchmarkFilterGroupTop(b *testing.B) {
	benchPlan(b, query.Plan{
		Where:   mustWhere(`annee = 2023 and quartier = "Carro"`),
		GroupBy: []string{"categorie"}, Aggregates: []query.Aggregate{{Func: query.Sum, Column: "montant"}},
		Sort: []query.Order{{Column: 1, Desc: true}}, Limit: 10})
}

// BenchmarkFilterTopRows: rows since 2020, the 10 largest amounts.
func BenchmarkFilterTopRows(b *testing.B) {
	benchPlan(b, query.Plan{
		Where:   mustWhere(`annee >= 2020`),
		Columns: []string{"quartier", "categorie", "montant"},
		Sort:    []query.Order{{Column: 2, Desc: true}}, Limit: 10})
}
