package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// TestBrowserPrintsTheDemoPageWithEveryChart prints the demo page to PDF as a resident would
// for a handout, and reads the PDF's text back: every chart must be on paper, drawn (its axis
// and slice labels are text in the PDF, since atelier.js prints charts as SVG), and the
// buttons must not.
func TestBrowserPrintsTheDemoPageWithEveryChart(t *testing.T) {
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Fatal("pdftotext is not installed: `apt-get install poppler-utils` (.ci/run does it)")
	}
	srv := startServer(t, t.TempDir(), "-demo")
	b := newBrowser(t, srv.URL)
	if err := chromedp.Do(b.ctx, chromedp.Navigate(srv.URL+"/p/martigues-en-chiffres")); err != nil {
		t.Fatal(err)
	}
	b.waitCharts(t)
	res, err := chromedp.Call(b.ctx, page.PrintToPDF, page.PrintToPDFParams{PaperWidth: 8.27, PaperHeight: 11.69})
	if err != nil {
		t.Fatal(err)
	}
	pdf := filepath.Join(t.TempDir(), "page.pdf")
	if err := os.WriteFile(pdf, res.Data, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(pdftotext, "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(string(out)), " ") // pdftotext splits lines anywhere
	// Titles are HTML; tick values and slice shares are drawn by the charts alone (the
	// descriptions never hold them).
	for _, want := range []string{
		"Les dix communes les plus peuplées", "150 000", // chart 1: title, a tick of its value axis
		"étang de Berre en 2021", "10 000", // chart 2
		"voix par liste", "17,2 %", // chart 3: title, a slice's share
		"Source : INSEE",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the printed page lacks %q", want)
		}
	}
	for _, absent := range []string{"Suivre la présentation", "Présenter en diapositives", "hors ligne", "Connexion"} {
		if strings.Contains(text, absent) {
			t.Errorf("the printed page shows %q", absent)
		}
	}
	if t.Failed() {
		t.Logf("PDF text:\n%s", out)
	}
	b.check(t)
}
