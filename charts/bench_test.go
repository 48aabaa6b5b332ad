package charts_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"sync"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"atelier/charts"
	"atelier/datasets"
)

// The city ledger of the performance issue, as in datasets/query's benchmarks: 10M rows,
// quartier (30 values) and categorie (200) dictionary-encoded, annee, montant.
var (
	ledgerOnce  sync.Once
	bigLedger   arrow.Table
	benchBlocks = []string{
		"type: bar\ndata: grand-livre\nx: quartier\ny: sum(montant)\nsort: -y\nlimit: 10\nothers: Autres\nformat: currency\n",
		"type: line\ndata: grand-livre\nx: annee\ny: sum(montant)\nseries: quartier\nwhere: quartier in (\"Carro\", \"Île\", \"Jonquières\")\n",
		"type: bar\ndata: grand-livre\nx: categorie\ny: sum(montant)\nwhere: annee = 2023 and quartier = \"Carro\"\nlimit: 10\n",
		"type: pie\ndata: grand-livre\nx: quartier\ny: share(montant)\nlimit: 6\nothers: Autres\n",
		"type: number\ndata: grand-livre\nx: annee\ny: sum(montant)\nwhere: quartier = \"Carro\"\nformat: currency\n",
		"type: table\ndata: grand-livre\nx: quartier\ny: sum(montant), mean(montant), count()\n",
		"type: heatmap\ndata: grand-livre\nx: annee\nseries: quartier\ny: mean(montant)\n",
		"type: area\ndata: grand-livre\nx: annee\ny: count()\ncumulative: true\nwhere: annee between 2018 and 2022\n",
		"type: treemap\ndata: grand-livre\nx: categorie\ny: sum(montant)\nwhere: categorie contains \"01\"\n",
		"type: bar\ndata: grand-livre\nx: annee\ny: sum(montant)\nseries: quartier\nstack: percent\nwhere: quartier in (\"Carro\", \"Île\")\n",
	}
)

func ledgerCatalogue(b *testing.B) *fakeCatalogue {
	b.Helper()
	ledgerOnce.Do(func() { bigLedger = buildBigLedger(10_000_000) })
	return &fakeCatalogue{tables: map[datasets.Name][]arrow.Table{"grand-livre": {bigLedger}}, meta: datasets.Meta{Source: "Ville"}}
}

func buildBigLedger(rows int) arrow.Table {
	quartiers := []string{"Carro", "Jonquières", "Île", "Ferrières"}
	for i := len(quartiers); i < 30; i++ {
		quartiers = append(quartiers, fmt.Sprintf("Quartier d'Été n°%d", i))
	}
	dict := func() arrow.DataType {
		return &arrow.DictionaryType{IndexType: arrow.PrimitiveTypes.Int16, ValueType: arrow.BinaryTypes.String}
	}
	schema := arrow.NewSchema([]arrow.Field{{Name: "quartier", Type: dict()}, {Name: "annee", Type: arrow.PrimitiveTypes.Int64},
		{Name: "categorie", Type: dict()}, {Name: "montant", Type: arrow.PrimitiveTypes.Float64}}, nil)
	r := rand.New(rand.NewPCG(42, 42))
	var recs []arrow.RecordBatch
	for lo := 0; lo < rows; lo += 1 << 20 {
		bld := array.NewRecordBuilder(memory.NewGoAllocator(), schema)
		for i := lo; i < min(lo+1<<20, rows); i++ {
			_ = bld.Field(0).(*array.BinaryDictionaryBuilder).AppendString(quartiers[r.IntN(len(quartiers))])
			bld.Field(1).(*array.Int64Builder).Append(2015 + int64(r.IntN(10)))
			_ = bld.Field(2).(*array.BinaryDictionaryBuilder).AppendString(fmt.Sprintf("Catégorie %03d", r.IntN(200)))
			bld.Field(3).(*array.Float64Builder).Append(float64(r.IntN(1_000_000)) / 100)
		}
		recs = append(recs, bld.NewRecordBatch())
		bld.Release()
	}
	return array.NewTableFromRecords(schema, recs)
}

func parseAll(b *testing.B) []*charts.Spec {
	var specs []*charts.Spec
	for _, src := range benchBlocks {
		s, err := charts.Parse(src)
		if err != nil {
			b.Fatal(err)
		}
		specs = append(specs, s)
	}
	return specs
}

// BenchmarkPageOfTenCharts builds the ten charts of a page over the 10M-row ledger, as a
// save does: the cache is emptied first.
func BenchmarkPageOfTenCharts(b *testing.B) {
	cat, specs := ledgerCatalogue(b), parseAll(b)
	b.ResetTimer()
	for b.Loop() {
		charts.ResetCache()
		for _, s := range specs {
			if _, err := charts.Build(context.Background(), cat, s); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkCachedChart builds a chart already built: the cost of a page rendered again.
func BenchmarkCachedChart(b *testing.B) {
	cat, specs := ledgerCatalogue(b), parseAll(b)
	if _, err := charts.Build(context.Background(), cat, specs[0]); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := charts.Build(context.Background(), cat, specs[0]); err != nil {
			b.Fatal(err)
		}
	}
}
