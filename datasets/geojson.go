package datasets

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strconv"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"atelier/internal/fault"
)

// A GeoJSON FeatureCollection becomes a table with one row per feature, so that a map chart
// can join it to a data table like any other dataset: one column per property, plus the
// geometry as compact JSON text. JSON already says what is a string, so a quoted "13056"
// stays text: the producer meant a code.

type featureCollection struct {
	Type     string            `json:"type"`
	Features []json.RawMessage `json:"features"`
}

type feature struct {
	Properties json.RawMessage `json:"properties"`
	Geometry   json.RawMessage `json:"geometry"`
}

// geoColumn gathers one property's raw JSON values, one per feature (nil when missing).
type geoColumn struct {
	name string
	vals []json.RawMessage
}

func readGeoJSON(ctx context.Context, buf []byte, enc string, lim Limits, mem memory.Allocator) (*Loaded, error) {
	var fc featureCollection
	if err := json.Unmarshal(buf, &fc); err != nil {
		return nil, jsonFault(err)
	}
	if fc.Type != "FeatureCollection" {
		return nil, fault.New(fault.Unsupported,
			"ce fichier JSON n'est pas une FeatureCollection GeoJSON : atelier lit les CSV et les FeatureCollection")
	}
	if len(fc.Features) == 0 {
		return nil, fault.New(fault.Unprocessable, "le fichier est vide : la FeatureCollection n'a aucun objet")
	}
	if lim.MaxRows > 0 && len(fc.Features) > lim.MaxRows {
		return nil, fault.New(fault.Unprocessable,
			"le fichier a plus de %d objets, la limite (MaxRows)", lim.MaxRows)
	}
	props, geoms, err := collectFeatures(ctx, fc.Features, lim)
	if err != nil {
		return nil, err
	}
	geoms, simplified, err := simplifyGeometries(ctx, geoms, lim)
	if err != nil {
		return nil, err
	}
	raw := make([]string, 0, len(props)+1)
	raw = append(raw, "geometry") // first, so that a property called geometry is renamed
	for _, p := range props {
		raw = append(raw, p.name)
	}
	names := columnNames(raw)
	cols := make([]column, 0, len(props)+1)
	for i, p := range props {
		cols = append(cols, buildGeoColumn(names[i+1], p.vals, mem))
	}
	g := buildGeoColumn(names[0], geoms, mem)
	g.field.Type = arrow.BinaryTypes.String
	cols = append(cols, g)
	return &Loaded{Table: newTable(cols), Format: "geojson", Encoding: enc, Warnings: simplified}, nil
}

// collectFeatures splits each feature into its properties, in order of first appearance,
// and its geometry.
func collectFeatures(ctx context.Context, features []json.RawMessage, lim Limits) ([]*geoColumn, []json.RawMessage, error) {
	var props []*geoColumn
	index := map[string]*geoColumn{}
	geoms := make([]json.RawMessage, len(features))
	for i, raw := range features {
		if i&1023 == 0 && ctx.Err() != nil {
			return nil, nil, ctx.Err()
		}
		var f feature
		if err := json.Unmarshal(raw, &f); err != nil {
			return nil, nil, fault.New(fault.Unprocessable, "objet n° %d : ce n'est pas un objet GeoJSON", i+1)
		}
		geoms[i] = compactJSON(f.Geometry)
		err := eachProperty(f.Properties, func(k string, v json.RawMessage) error {
			p := index[k]
			if p == nil {
				if lim.MaxColumns > 0 && len(props)+1 >= lim.MaxColumns {
					return fault.New(fault.Unprocessable,
						"le fichier a plus de %d propriétés, la limite (MaxColumns)", lim.MaxColumns)
				}
				p = &geoColumn{name: k, vals: make([]json.RawMessage, len(features))}
				index[k] = p
				props = append(props, p)
			}
			p.vals[i] = v
			return nil
		})
		if err != nil {
			return nil, nil, err
		}
	}
	return props, geoms, nil
}

// eachProperty calls fn for each key of a JSON object, in the file's order (a map would
// lose it, and the order is how the producer presents the columns).
func eachProperty(obj json.RawMessage, fn func(string, json.RawMessage) error) error {
	obj = bytes.TrimSpace(obj)
	if len(obj) == 0 || bytes.Equal(obj, []byte("null")) {
		return nil
	}
	dec := json.NewDecoder(bytes.NewReader(obj))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return fault.New(fault.Unprocessable, "les propriétés d'un objet GeoJSON doivent être un objet JSON")
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return jsonFault(err)
		}
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return jsonFault(err)
		}
		if err := fn(t.(string), v); err != nil {
			return err
		}
	}
	return nil
}

func compactJSON(v json.RawMessage) json.RawMessage {
	v = bytes.TrimSpace(v)
	if len(v) == 0 || bytes.Equal(v, []byte("null")) {
		return nil
	}
	var b bytes.Buffer
	if json.Compact(&b, v) != nil {
		return v
	}
	return b.Bytes()
}

func jsonFault(err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fault.Wrap(fault.Unprocessable, err, "JSON invalide à la position %d : vérifiez les virgules, guillemets et accolades autour de cet endroit", syn.Offset)
	case errors.As(err, &typ):
		return fault.Wrap(fault.Unprocessable, err, "JSON inattendu à la position %d : ce n'est pas une FeatureCollection GeoJSON", typ.Offset)
	}
	return fault.Wrap(fault.Unprocessable, err, "JSON invalide : le fichier est peut-être tronqué")
}

// geoType decides a property column's type: all strings → utf8, all integers that fit
// int64 → int64, all numbers → float64, all booleans → bool, anything mixed → utf8.
func geoType(vals []json.RawMessage) colType {
	typ, seen := tText, false
	for _, v := range vals {
		if v == nil || string(v) == "null" {
			continue
		}
		var t colType
		switch c := v[0]; {
		case c == 't' || c == 'f':
			t = tBool
		case c == '-' || c-'0' <= 9:
			t = jsonNumberType(v)
		default:
			return tText
		}
		switch {
		case !seen:
			typ, seen = t, true
		case typ == tInt && t == tFloat, typ == tFloat && t == tInt:
			typ = tFloat
		case typ != t:
			return tText
		}
	}
	return typ
}

func jsonNumberType(v json.RawMessage) colType {
	if bytes.ContainsAny(v, ".eE") {
		f, err := strconv.ParseFloat(string(v), 64)
		if err != nil || significant(v) > maxSignificant || f != f {
			return tText
		}
		return tFloat
	}
	if _, err := strconv.ParseInt(string(v), 10, 64); err != nil {
		return tText // beyond int64: kept exactly as text
	}
	return tInt
}

func buildGeoColumn(name string, vals []json.RawMessage, mem memory.Allocator) column {
	typ := geoType(vals)
	col := column{field: arrow.Field{Name: name, Nullable: true}}
	if typ == tText {
		if days, ok := jsonDates(vals, mem); ok {
			col.field.Type, col.arr = arrow.FixedWidthTypes.Date32, days
			return col
		}
	}
	var b array.Builder
	switch typ {
	case tBool:
		col.field.Type, b = arrow.FixedWidthTypes.Boolean, array.NewBooleanBuilder(mem)
	case tInt:
		col.field.Type, b = arrow.PrimitiveTypes.Int64, array.NewInt64Builder(mem)
	case tFloat:
		col.field.Type, b = arrow.PrimitiveTypes.Float64, array.NewFloat64Builder(mem)
	default:
		col.field.Type, b = arrow.BinaryTypes.String, array.NewStringBuilder(mem)
	}
	defer b.Release()
	b.Reserve(len(vals))
	for _, v := range vals {
		appendJSON(b, v)
	}
	col.arr = b.NewArray()
	return col
}

func appendJSON(b array.Builder, v json.RawMessage) {
	if v == nil || string(v) == "null" {
		b.AppendNull()
		return
	}
	switch b := b.(type) {
	case *array.BooleanBuilder:
		b.Append(v[0] == 't')
	case *array.Int64Builder:
		n, _ := strconv.ParseInt(string(v), 10, 64)
		b.Append(n)
	case *array.Float64Builder:
		f, _ := strconv.ParseFloat(string(v), 64)
		b.Append(f)
	case *array.StringBuilder:
		var s string
		if v[0] == '"' && json.Unmarshal(v, &s) == nil {
			b.Append(s)
			return
		}
		b.Append(string(compactJSON(v)))
	}
}

// jsonDates reads a column whose values are all strings holding dates (ISO or
// dd/mm/yyyy), as JSON exports write them, as date32.
func jsonDates(vals []json.RawMessage, mem memory.Allocator) (arrow.Array, bool) {
	out := make([]arrow.Date32, len(vals))
	valid := make([]bool, len(vals))
	seen := false
	for i, v := range vals {
		if v == nil || string(v) == "null" {
			continue
		}
		var s string
		if v[0] != '"' || json.Unmarshal(v, &s) != nil {
			return nil, false
		}
		d, ok := parseDate([]byte(s))
		if !ok {
			return nil, false
		}
		out[i], valid[i], seen = arrow.Date32(d), true, true
	}
	if !seen {
		return nil, false
	}
	b := array.NewDate32Builder(mem)
	defer b.Release()
	b.AppendValues(out, valid)
	return b.NewArray(), true
}
