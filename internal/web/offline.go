package web

import (
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"regexp"
	"strings"

	"atelier/notebooks"
)

// An offline file is opened from disk (file://), with no server behind it and often no
// network: what it links to must be inside it, or be left out, or point at the server's
// public address. Its Content-Security-Policy, in a <meta> tag, allows only its own inline
// script and style (by hash) and data: images, so that nothing loads from another host
// (SECURITY.md: the offline file has a CSP of its own).

// offlineCSP allows exactly the two scripts and the style the file carries.
func offlineCSP(css string, scripts ...string) string {
	hash := func(s string) string {
		sum := sha256.Sum256([]byte(s))
		return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
	}
	var src []string
	for _, s := range scripts {
		src = append(src, hash(s))
	}
	return "default-src 'none'; script-src " + strings.Join(src, " ") + "; style-src " + hash(css) +
		"; img-src data:; font-src data:; connect-src 'none'; form-action 'none'; base-uri 'none'"
}

// imgRE matches the images goldmark writes; the page's HTML is ours, rendered on save.
var imgRE = regexp.MustCompile(`<img src="([^"]*)" alt="([^"]*)"[^>]*>`)

// offlineHTML makes the page's HTML whole for reading from disk: each chart's CSV becomes
// a data: download, images that are not already inside it give way to their text, and the
// links that only the server can answer point at its public address.
func offlineHTML(p *notebooks.Page, base string) string {
	html := imgRE.ReplaceAllStringFunc(p.HTML, func(tag string) string {
		m := imgRE.FindStringSubmatch(tag)
		if strings.HasPrefix(m[1], "data:image/") {
			return tag
		}
		return `<span class="image-offline">` + m[2] + `</span>`
	})
	for n := len(p.Tables); n >= 1; n-- { // from the last: « charts/1.csv » is not in « charts/12.csv »
		from := fmt.Sprintf(`href="/p/%s/charts/%d.csv" download`, p.Slug, n)
		to := `class="chart-csv-offline"`
		var csv strings.Builder
		if len(p.Tables[n-1].Columns) > 0 && p.Tables[n-1].WriteCSV(&csv) == nil {
			to = fmt.Sprintf(`href="data:text/csv;charset=utf-8;base64,%s" download="%s-graphique-%d.csv"`,
				base64.StdEncoding.EncodeToString([]byte(csv.String())), p.Slug, n)
		}
		html = strings.ReplaceAll(html, from, to)
	}
	if base != "" { // the dataset pages live on the server
		html = strings.ReplaceAll(html, `href="/datasets/`, `href="`+base+`/datasets/`)
	}
	return html
}
