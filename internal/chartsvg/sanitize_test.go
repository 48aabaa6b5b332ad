package chartsvg_test

import (
	"math"
	"strings"
	"testing"

	"atelier/internal/chartsvg"
)

// forbidden are what must never reach a page from a drawing: script, event attributes,
// styles the page's CSP refuses, references outside the drawing.
var forbidden = []string{"<script", "<style", " style=", ` onload="`, ` onerror="`, ` onclick="`, "<img", "<image",
	"<foreignObject", "<a ", "href", "javascript:", "CDATA", "http://evil"}

func TestSanitizeKeepsTheDrawingAndDropsTheRest(t *testing.T) {
	raw := `<svg width="300" height="200" xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 300 200" onload="alert(1)">
<style><![CDATA[ .zr0-cls-1:hover { cursor:pointer; } ]]></style>
<script>alert(1)</script>
<defs><clipPath id="zr0-c0"><path d="M0 0L300 0L300 200Z"/></clipPath></defs>
<g clip-path="url(#zr0-c0)"><path d="M1 1L2 2" fill="url(http://evil/x)" stroke="#333" class="zr0-cls-1" onclick="alert(1)"/></g>
<text style="font-size:12px;font-family:sans-serif;fill:url(javascript:alert(1));behavior:url(x.htc)" fill="#54555a" transform="translate(10 20)">48&#x202F;568 &lt;b&gt;</text>
<image href="http://evil/x.png" width="10" height="10"/>
<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>
<a href="javascript:alert(1)"><text>lien</text></a>
</svg>`
	got, err := chartsvg.Sanitize(raw, `Titre </script><script>alert(1)</script>`, "Description ]]> <img src=x onerror=alert(1)>", "c1-")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range forbidden {
		if strings.Contains(got, f) {
			t.Errorf("the drawing keeps %q:\n%s", f, got)
		}
	}
	for _, want := range []string{
		`role="img"`, `aria-labelledby="c1-title"`, `aria-describedby="c1-desc"`,
		`<title id="c1-title">Titre &lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>`,
		`<desc id="c1-desc">Description ]]&gt; &lt;img src=x onerror=alert(1)&gt;</desc>`,
		`<clipPath id="c1-zr0-c0">`, `clip-path="url(#c1-zr0-c0)"`, // ids prefixed: several charts in one page
		`font-size="12px"`, `font-family="sans-serif"`, `fill="#54555a"`, // style became attributes
		"48\u202f568 &lt;b&gt;</text>",
		`viewBox="0 0 300 200"`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the drawing lacks %s:\n%s", want, got)
		}
	}
}

func TestSanitizeRefusesWhatIsNotAnSVG(t *testing.T) {
	for name, raw := range map[string]string{
		"html":      `<html><body><svg></svg></body></html>`,
		"broken":    `<svg><text style="a:"b"">x</text></svg>`,
		"empty":     ``,
		"too large": `<svg>` + strings.Repeat("<g></g>", chartsvg.MaxSVGBytes/7+1) + `</svg>`,
	} {
		if got, err := chartsvg.Sanitize(raw, "t", "d", "p-"); err == nil {
			t.Errorf("%s: got %q, want an error", name, got)
		}
	}
}

// The widths Chromium measures on Debian (canvas measureText, 12px system-ui = DejaVu Sans).
func TestMeasureTextAsTheBrowser(t *testing.T) {
	for text, want := range map[string]float64{
		"Aix-en-Proven...":          94.863,
		"Aix-en-Provence":           97.400,
		"AV":                        15.650,
		"é":                         7.383,
		"Châteauneuf-les-Martigues": 161.713,
	} {
		if got := chartsvg.MeasureText(text, "12px system-ui, sans-serif"); math.Abs(got-want) > 0.01 {
			t.Errorf("%q: %.3f px, want %.3f", text, got, want)
		}
	}
	if r, b := chartsvg.MeasureText("Population", "12px sans-serif"), chartsvg.MeasureText("Population", "bolder 12px sans-serif"); b <= r {
		t.Errorf("bold %.2f px is not wider than regular %.2f px", b, r)
	}
}
