package localfmt

import (
	"math"
	"testing"
	"time"
)

const nb = "\u202f"

func TestInt(t *testing.T) {
	for _, c := range []struct {
		lang string
		n    int64
		want string
	}{
		{"fr", 0, "0"}, {"fr", 999, "999"}, {"fr", 48568, "48" + nb + "568"},
		{"fr", -1234567, "-1" + nb + "234" + nb + "567"}, {"en", 1234567, "1,234,567"},
		{"de", 1000, "1" + nb + "000"},
	} {
		if got := Int(c.lang, c.n); got != c.want {
			t.Errorf("Int(%s, %d) = %q, want %q", c.lang, c.n, got, c.want)
		}
	}
}

func TestDecimal(t *testing.T) {
	for _, c := range []struct {
		lang string
		f    float64
		dec  int
		want string
	}{
		{"fr", 147478, 0, "147" + nb + "478"}, {"fr", 12.5, 1, "12,5"}, {"en", 1234.5, 2, "1,234.50"},
		{"fr", -0.04, 1, "0,0"}, {"fr", -0.06, 1, "-0,1"}, {"fr", math.NaN(), 0, "non défini"},
		{"en", math.Inf(-1), 0, "-∞"}, {"fr", 1234567.891, 2, "1" + nb + "234" + nb + "567,89"},
		{"fr", -1234.5, 1, "-1" + nb + "234,5"}, {"fr", 0.5, 0, "0"}, // round half to even, like strconv
	} {
		if got := Decimal(c.lang, c.f, c.dec); got != c.want {
			t.Errorf("Decimal(%s, %v, %d) = %q, want %q", c.lang, c.f, c.dec, got, c.want)
		}
	}
}

func TestFloat(t *testing.T) {
	for _, c := range []struct {
		lang string
		f    float64
		want string
	}{
		{"fr", 1234.5, "1" + nb + "234,5"}, {"en", 1234.5, "1,234.5"}, {"fr", 0.125, "0,125"},
		{"fr", -0.5, "-0,5"}, {"fr", -3, "-3"}, {"en", 1e6, "1,000,000"},
	} {
		if got := Float(c.lang, c.f); got != c.want {
			t.Errorf("Float(%s, %v) = %q, want %q", c.lang, c.f, got, c.want)
		}
	}
}

func TestBytes(t *testing.T) {
	for _, c := range []struct {
		lang string
		n    int64
		want string
	}{
		{"fr", 800, "800" + nb + "octets"}, {"fr", 12 << 10, "12" + nb + "Ko"},
		{"fr", 200 << 20, "200" + nb + "Mo"}, {"fr", 3 << 19, "1,5" + nb + "Mo"},
		{"fr", 1 << 30, "1" + nb + "Go"}, {"en", 3 << 29, "1.5 GB"},
		{"en", 2048, "2 KB"},
	} {
		if got := Bytes(c.lang, c.n); got != c.want {
			t.Errorf("Bytes(%s, %d) = %q, want %q", c.lang, c.n, got, c.want)
		}
	}
}

func TestDates(t *testing.T) {
	at := time.Date(2026, 12, 12, 10, 0, 0, 0, time.Local)
	if got := Moment("fr", at); got != "12 décembre 2026 à 10:00" {
		t.Errorf("Moment fr = %q", got)
	}
	if got := Moment("en", at); got != "12 December 2026, 10:00" {
		t.Errorf("Moment en = %q", got)
	}
	if got := Day("fr", at); got != "12/12/2026" {
		t.Errorf("Day fr = %q", got)
	}
	if got := Day("en", time.Date(2024, 1, 31, 0, 0, 0, 0, time.UTC)); got != "2024-01-31" {
		t.Errorf("Day en = %q", got)
	}
}
