package query_test

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
)

// ledgerRow is one row of the test ledger, as plain Go values for the reference loop.
type ledgerRow struct {
	quartier  *string // nil is null
	annee     int64
	categorie string
	montant   *float64
	jour      time.Time
	actif     bool
}

var quartiers = []string{"Carro", "Jonquières", "Île", "Ferrières", "Saint-Pierre", "Les Salins", "Œuvre"}

// randomLedger makes n rows with nulls in quartier and montant.
func randomLedger(seed uint64, n int) []ledgerRow {
	r := rand.New(rand.NewPCG(seed, 1))
	rows := make([]ledgerRow, n)
	for i := range rows {
		row := &rows[i]
		if r.IntN(20) > 0 {
			q := quartiers[r.IntN(len(quartiers))]
			row.quartier = &q
		}
		row.annee = 2015 + int64(r.IntN(10))
		row.categorie = fmt.Sprintf("cat-%02d", r.IntN(25))
		if r.IntN(15) > 0 {
			m := float64(r.IntN(1_000_000)) / 100 // cents, like a ledger
			row.montant = &m
		}
		row.jour = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(800))
		row.actif = r.IntN(2) == 0
	}
	return rows
}

// ledgerTable builds an Arrow table from rows, cut into chunks of chunk rows. With dict,
// quartier is dictionary-encoded, as a reader may store low-cardinality text.
func ledgerTable(t testing.TB, mem memory.Allocator, rows []ledgerRow, chunk int, dict bool) arrow.Table {
	t.Helper()
	var qType arrow.DataType = arrow.BinaryTypes.String
	if dict {
		qType = &arrow.DictionaryType{IndexType: arrow.PrimitiveTypes.Int32, ValueType: arrow.BinaryTypes.String}
	}
	schema := arrow.NewSchema([]arrow.Field{
		{Name: "quartier", Type: qType, Nullable: true},
		{Name: "annee", Type: arrow.PrimitiveTypes.Int64},
		{Name: "categorie", Type: arrow.BinaryTypes.String},
		{Name: "montant", Type: arrow.PrimitiveTypes.Float64, Nullable: true},
		{Name: "jour", Type: arrow.FixedWidthTypes.Date32},
		{Name: "actif", Type: arrow.FixedWidthTypes.Boolean},
	}, nil)
	var recs []arrow.RecordBatch
	for lo := 0; lo < len(rows); lo += chunk {
		b := array.NewRecordBuilder(mem, schema)
		for _, row := range rows[lo:min(lo+chunk, len(rows))] {
			appendRow(b, row, dict)
		}
		recs = append(recs, b.NewRecordBatch())
		b.Release()
	}
	tbl := array.NewTableFromRecords(schema, recs)
	for _, r := range recs {
		r.Release()
	}
	t.Cleanup(tbl.Release)
	return tbl
}

func appendRow(b *array.RecordBuilder, row ledgerRow, dict bool) {
	switch {
	case row.quartier == nil:
		b.Field(0).AppendNull()
	case dict:
		if err := b.Field(0).(*array.BinaryDictionaryBuilder).AppendString(*row.quartier); err != nil {
			panic(err)
		}
	default:
		b.Field(0).(*array.StringBuilder).Append(*row.quartier)
	}
	b.Field(1).(*array.Int64Builder).Append(row.annee)
	b.Field(2).(*array.StringBuilder).Append(row.categorie)
	if row.montant == nil {
		b.Field(3).AppendNull()
	} else {
		b.Field(3).(*array.Float64Builder).Append(*row.montant)
	}
	b.Field(4).(*array.Date32Builder).Append(arrow.Date32FromTime(row.jour))
	b.Field(5).(*array.BooleanBuilder).Append(row.actif)
}

// checkedMem returns an allocator that fails the test if a buffer leaks.
func checkedMem(t *testing.T) *memory.CheckedAllocator {
	t.Helper()
	mem := memory.NewCheckedAllocator(memory.NewGoAllocator())
	t.Cleanup(func() { mem.AssertSize(t, 0) })
	return mem
}
