package datasets

import (
	"math/rand"
	"strconv"
	"testing"
)

// TestFastFloatMatchesStrconv checks the fast path against strconv on random decimals: it
// must round exactly as ParseFloat does, or decline.
func TestFastFloatMatchesStrconv(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 200000; i++ {
		s := strconv.FormatInt(rng.Int63n(1_000_000_000_000_000), 10)
		if k := rng.Intn(len(s) + 3); k > 0 {
			for len(s) < k {
				s = "0" + s
			}
			s = s[:len(s)-k] + "." + s[len(s)-k:]
			if s[0] == '.' {
				s = "0" + s
			}
		}
		if rng.Intn(2) == 0 {
			s = "-" + s
		}
		want, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatal(err)
		}
		if got, ok := fastFloat([]byte(s)); ok && got != want {
			t.Fatalf("fastFloat(%q) = %v, want %v", s, got, want)
		}
	}
}

// TestPlainDecimalMatchesGeneralPath checks the decimal fast path against the general one.
func TestPlainDecimalMatchesGeneralPath(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	for i := 0; i < 100000; i++ {
		s := strconv.FormatInt(rng.Int63n(1_000_000_000_000), 10)
		k := 1 + rng.Intn(len(s))
		if k == len(s) {
			s = "0" + s
		}
		s = s[:len(s)-k] + [...]string{".", ","}[rng.Intn(2)] + s[len(s)-k:]
		if rng.Intn(2) == 0 {
			s = "-" + s
		}
		if rng.Intn(3) == 0 {
			s += "%"
		}
		fast, ok := plainDecimal([]byte(s))
		if !ok {
			continue
		}
		var scratch [64]byte
		norm := scratch[:0]
		for _, c := range []byte(s) {
			switch c {
			case ',':
				norm = append(norm, '.')
			case '%':
			default:
				norm = append(norm, c)
			}
		}
		want, err := strconv.ParseFloat(string(norm), 64)
		if err != nil || fast.f != want || fast.percent != (s[len(s)-1] == '%') {
			t.Fatalf("plainDecimal(%q) = %v, %v; want %v", s, fast.f, fast.percent, want)
		}
	}
}
