package notebooks_test

import (
	"context"
	"regexp"
	"strings"
	"testing"
)

// scriptOpen matches any script element that is not one of the chart option blocks.
var scriptOpen = regexp.MustCompile(`(?i)<script(?:\s+type="application/json"\s+class="chart-spec")?`)

// FuzzRender feeds arbitrary pages (front matter, markdown, chart blocks) to the renderer:
// it must never panic, and no input may produce an executable script element.
func FuzzRender(f *testing.F) {
	for _, seed := range []string{
		"---\ntitle: T\ndescription: D\n---\n# Titre\n",
		"---\ntitle: [unclosed\n---\n",
		"# A\n\n" + chartBlock,
		"```chart\ntype: pie\ndata: budget\nx: quartier\ny: count()\n```\n",
		"```chart\n: :\n```\n",
		"<script>alert(1)</script>\n[x](javascript:alert(1))",
		"---\n---\n---\n",
	} {
		f.Add(seed)
	}
	fx := newFixture(f)
	f.Fuzz(func(t *testing.T, src string) {
		r, err := fx.r.Render(context.Background(), src)
		if err != nil {
			return
		}
		for _, m := range scriptOpen.FindAllString(r.HTML, -1) {
			if !strings.Contains(m, "application/json") {
				t.Fatalf("executable script in output of %q:\n%s", src, r.HTML)
			}
		}
	})
}
