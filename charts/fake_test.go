package charts_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"atelier/datasets"
	"atelier/internal/fault"
)

// fakeCatalogue is a hand-written Catalogue over in-memory tables.
type fakeCatalogue struct {
	tables map[datasets.Name][]arrow.Table // version n at index n-1
	meta   datasets.Meta
}

func (c *fakeCatalogue) Table(_ context.Context, name datasets.Name, version int) (arrow.Table, datasets.Meta, error) {
	vs := c.tables[name]
	if version == 0 {
		version = len(vs)
	}
	if version < 1 || version > len(vs) {
		return nil, datasets.Meta{}, fault.New(fault.NotFound, "jeu de données introuvable")
	}
	m := c.meta
	m.Name, m.Version = name, version
	return vs[version-1], m, nil
}

func (c *fakeCatalogue) Names(context.Context) ([]datasets.Name, error) {
	var out []datasets.Name
	for n := range c.tables {
		out = append(out, n)
	}
	return out, nil
}

// col is a column for newTable: values are string, int64, float64, bool, time.Time (a
// date) or nil (null); the first non-nil value decides the type.
type col struct {
	name string
	vals []any
}

// newTable builds a one-chunk Arrow table, released at the end of the test.
func newTable(t testing.TB, cols ...col) arrow.Table {
	t.Helper()
	mem := memory.NewGoAllocator()
	var fields []arrow.Field
	var arrs []arrow.Array
	for _, c := range cols {
		a := buildArray(mem, c.vals)
		fields = append(fields, arrow.Field{Name: c.name, Type: a.DataType(), Nullable: true})
		arrs = append(arrs, a)
	}
	schema := arrow.NewSchema(fields, nil)
	rec := array.NewRecordBatch(schema, arrs, int64(len(cols[0].vals)))
	tbl := array.NewTableFromRecords(schema, []arrow.RecordBatch{rec})
	rec.Release()
	for _, a := range arrs {
		a.Release()
	}
	t.Cleanup(tbl.Release)
	return tbl
}

func buildArray(mem memory.Allocator, vals []any) arrow.Array {
	var b array.Builder
	for _, v := range vals {
		switch v.(type) {
		case string:
			b = array.NewStringBuilder(mem)
		case int64, int:
			b = array.NewInt64Builder(mem)
		case float64:
			b = array.NewFloat64Builder(mem)
		case bool:
			b = array.NewBooleanBuilder(mem)
		case time.Time:
			b = array.NewDate32Builder(mem)
		default:
			continue
		}
		break
	}
	defer b.Release()
	for _, v := range vals {
		switch v := v.(type) {
		case nil:
			b.AppendNull()
		case string:
			b.(*array.StringBuilder).Append(v)
		case int:
			b.(*array.Int64Builder).Append(int64(v))
		case int64:
			b.(*array.Int64Builder).Append(v)
		case float64:
			b.(*array.Float64Builder).Append(v)
		case bool:
			b.(*array.BooleanBuilder).Append(v)
		case time.Time:
			b.(*array.Date32Builder).Append(arrow.Date32FromTime(v))
		default:
			panic(fmt.Sprintf("newTable: %T", v))
		}
	}
	return b.NewArray()
}

// communes is a small population table, accents and a null included.
func communes(t testing.TB) arrow.Table {
	return newTable(t,
		col{"libgeo", []any{"Marseille", "Aix-en-Provence", "Martigues", "Istres", "Salon-de-Provence", "Aubagne", "Éguilles", nil}},
		col{"dep", []any{"13", "13", "13", "13", "13", "13", "13", "13"}},
		col{"p21_pop", []any{873076, 147478, 48568, 44271, 45528, 47208, 8025, 100}},
		col{"% Votants", []any{48.25, 55.5, 51.75, 49.0, 50.5, 52.25, 61.0, nil}},
	)
}

// ledger is a small budget table with years, for lines and series.
func ledger(t testing.TB) arrow.Table {
	q := []any{"Carro", "Carro", "Carro", "Jonquières", "Jonquières", "Jonquières", "Île", "Île"}
	y := []any{2022, 2023, 2024, 2022, 2023, 2024, 2022, 2024}
	m := []any{1200.5, 1500.25, 1800.0, 900.0, 950.0, 1000.0, 300.0, 450.0}
	return newTable(t, col{"quartier", q}, col{"annee", y}, col{"montant", m})
}

func catalogue(t testing.TB) *fakeCatalogue {
	return &fakeCatalogue{
		tables: map[datasets.Name][]arrow.Table{
			"population-communes": {communes(t), communes(t)},
			"budget":              {ledger(t)},
		},
		meta: datasets.Meta{Source: "INSEE", Licence: "Licence Ouverte"},
	}
}
