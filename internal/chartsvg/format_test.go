package chartsvg_test

import (
	"testing"

	"github.com/dop251/goja"
)

// TestFormatsAsIntl runs chartformat.js in goja (which has no Intl), as the server does, and
// finds what Chromium's Intl gives for fr-FR and en-GB: one formatter for both engines.
func TestFormatsAsIntl(t *testing.T) {
	vm := goja.New()
	_ = vm.Set("window", vm.GlobalObject())
	src := sources(t)
	if _, err := vm.RunScript("chartformat.js", string(src.Scripts[0].Body)); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ expr, want string }{
		{`fr.formatNumber(1234567.125, {maximumFractionDigits: 2})`, "1\u202f234\u202f567,13"},
		{`fr.formatNumber(1.005, {maximumFractionDigits: 2})`, "1,01"},
		{`fr.formatNumber(-0.4, {maximumFractionDigits: 0})`, "-0"},
		{`fr.formatNumber(1234567, {maximumFractionDigits: 1, notation: 'compact'})`, "1,2\u00a0M"},
		{`fr.formatNumber(999999999, {maximumFractionDigits: 1, notation: 'compact'})`, "1\u00a0Md"},
		{`fr.formatNumber(-1234.5, {style: 'currency', currency: 'EUR', maximumFractionDigits: 2, minimumFractionDigits: 0})`, "-1\u202f234,5\u00a0€"},
		{`fr.makeFormat({kind: 'percent', decimals: 1}).plain(49.94)`, "49,9\u202f%"},
		{`fr.makeFormat({kind: 'currency', decimals: 0}).plain(1234)`, "1\u202f234\u00a0€"},
		{`fr.makeFormat({kind: 'number', decimals: 0}).axis(150000)`, "150\u202f000"},
		{`fr.formatDate(new Date(2024, 1, 3, 14, 5), 'minute')`, "3 février 2024 à 14:05"},
		{`en.formatNumber(1234567.125, {maximumFractionDigits: 2})`, "1,234,567.13"},
		{`en.formatNumber(1500000000, {maximumFractionDigits: 1, notation: 'compact'})`, "1.5bn"},
		{`en.formatNumber(-1234.5, {style: 'currency', currency: 'USD', maximumFractionDigits: 2, minimumFractionDigits: 0})`, "-US$1,234.5"},
		{`en.makeFormat({kind: 'percent', decimals: 1}).plain(49.94)`, "49.9%"},
		{`en.formatDate(new Date(2024, 1, 3), 'day')`, "3 February 2024"},
	} {
		v, err := vm.RunString(`(function () { var fr = atelierFormat.create('fr'), en = atelierFormat.create('en'); return ` + c.expr + `; })()`)
		if err != nil {
			t.Fatalf("%s: %v", c.expr, err)
		}
		if got := v.String(); got != c.want {
			t.Errorf("%s = %q, want %q", c.expr, got, c.want)
		}
	}
}
