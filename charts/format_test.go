package charts_test

import (
	"testing"
	"time"

	"atelier/charts"
	"atelier/datasets/query"
)

func TestFormatValue(t *testing.T) {
	tests := []struct {
		f    charts.Format
		v    float64
		want string
	}{
		{charts.Format{Kind: "percent", Decimals: 1}, 12.5, "12,5\u202f%"},
		{charts.Format{Kind: "number", Unit: "habitants"}, 147478, "147\u202f478\u202fhabitants"},
		{charts.Format{Kind: "currency", Currency: "EUR", Decimals: 2}, 1500.25, "1\u202f500,25\u202f€"},
		{charts.Format{Kind: "number", Unit: "€", Decimals: 2}, -3, "-3,00\u202f€"},
	}
	for _, tt := range tests {
		if got := tt.f.Value(tt.v); got != tt.want {
			t.Errorf("%+v.Value(%v) = %q, want %q", tt.f, tt.v, got, tt.want)
		}
	}
}

func TestLabel(t *testing.T) {
	day := time.Date(2020, 1, 31, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		v    query.Value
		want string
	}{
		{query.Value{Kind: query.Text, Str: "Île"}, "Île"},
		{query.Value{Kind: query.Text, Null: true}, "(vide)"},
		{query.Value{Kind: query.Int, Int: 2023}, "2023"},
		{query.Value{Kind: query.Float, Float: 12.5}, "12,5"},
		{query.Value{Kind: query.Date, Time: day}, "31/01/2020"},
		{query.Value{Kind: query.Time, Time: day.Add(14*time.Hour + 5*time.Minute)}, "31/01/2020 14:05"},
		{query.Value{Kind: query.Bool, Bool: true}, "oui"},
	}
	for _, tt := range tests {
		if got := charts.Label(tt.v); got != tt.want {
			t.Errorf("Label(%v) = %q, want %q", tt.v, got, tt.want)
		}
	}
}
