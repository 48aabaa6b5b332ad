package main

import (
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// recordLiveEvents keeps, in window.__live, every event of the page's live stream as it
// arrives (atelier.js dispatches them as "atelier:NAME" DOM events): tests wait for them
// instead of sleeping.
func recordLiveEvents(t *testing.T, b *browser) {
	t.Helper()
	const src = `window.__live = [];
	['etat', 'slide'].forEach(name => document.addEventListener('atelier:' + name, e => window.__live.push([name, e.detail])));`
	if _, err := chromedp.Call(b.ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: src}); err != nil {
		t.Fatal(err)
	}
}

// presenterBrowser is a facilitator's chromium, logged in, on the presenter view of slug.
func presenterBrowser(t *testing.T, base, slug string) *browser {
	t.Helper()
	p := newBrowser(t, base)
	loginInBrowser(t, p, base, "animatrice@ville.fr")
	navigate(t, p, base+"/p/"+slug+"/present?presenter=1")
	waitFor(t, p, "the presenter view", `document.querySelector('.presenter-panel') && document.querySelector('.room-tools')`, 20*time.Second)
	return p
}

func pressKey(t *testing.T, b *browser, key string) {
	t.Helper()
	if err := chromedp.Do(b.ctx, chromedp.KeyEvent(key)); err != nil {
		t.Fatalf("press %q: %v", key, err)
	}
}

// TestRoomQRCodeGivesAReachableAddress: the presenter view's QR code, decoded by zbarimg,
// holds one of this machine's own LAN addresses when atelier listens on all interfaces,
// and exactly -public-url when it is given. The address is compared, never connected to.
func TestRoomQRCodeGivesAReachableAddress(t *testing.T) {
	if _, err := exec.LookPath("zbarimg"); err != nil {
		t.Fatal("zbarimg is not installed: `apt-get install zbar-tools` (.ci/run does it)")
	}
	t.Run("all interfaces", func(t *testing.T) {
		got, port := qrOfPresenterView(t, "-addr", "0.0.0.0:0")
		u, err := url.Parse(got)
		if err != nil || u.Path != "/p/martigues-en-chiffres" || u.Port() != port {
			t.Fatalf("QR code = %q; want this machine's address, port %s, path /p/martigues-en-chiffres", got, port)
		}
		ip := net.ParseIP(u.Hostname())
		if ip == nil || ip.IsLoopback() || !ownAddress(t, ip) {
			t.Errorf("QR code host %q is not one of this machine's non-loopback addresses", u.Hostname())
		}
	})
	t.Run("public URL", func(t *testing.T) {
		got, _ := qrOfPresenterView(t, "-addr", "127.0.0.1:0", "-public-url", "https://atelier.ville-exemple.fr")
		if want := "https://atelier.ville-exemple.fr/p/martigues-en-chiffres"; got != want {
			t.Errorf("QR code = %q; want %q", got, want)
		}
	})
}

// qrOfPresenterView starts atelier with args, opens the presenter view through 127.0.0.1,
// shows the QR overlay (key Q), and decodes the code as drawn on screen.
func qrOfPresenterView(t *testing.T, args ...string) (decoded, port string) {
	t.Helper()
	dir := t.TempDir()
	addFacilitator(t, dir, "animatrice@ville.fr")
	srv := startServer(t, dir, append([]string{"-demo"}, args...)...)
	u, _ := url.Parse(srv.URL)
	port = u.Port()
	base := "http://127.0.0.1:" + port
	p := presenterBrowser(t, base, "martigues-en-chiffres")
	pressKey(t, p, "q")
	waitFor(t, p, "the QR overlay with the short address", `!document.querySelector('.qr-overlay').hidden && document.querySelector('.qr').complete && !document.querySelector('.qr-short').hidden`, 10*time.Second)
	png, err := chromedp.Run(p.ctx, chromedp.Screenshot(chromedp.CSS(".qr-overlay img.qr")))
	if err != nil {
		t.Fatal(err)
	}
	if shots := os.Getenv("ATELIER_SHOTS"); shots != "" {
		if whole, err := chromedp.Run(p.ctx, chromedp.CaptureScreenshot()); err == nil {
			os.WriteFile(filepath.Join(shots, "room-qr-overlay-"+strings.ReplaceAll(t.Name(), "/", "-")+".png"), whole, 0o644)
		}
	}
	file := filepath.Join(t.TempDir(), "qr.png")
	if err := os.WriteFile(file, png, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("zbarimg", "--quiet", "--raw", file).Output()
	if err != nil {
		t.Fatalf("zbarimg could not read the QR code: %v", err)
	}
	p.check(t)
	return strings.TrimSpace(string(out)), port
}

// ownAddress reports whether ip is one of this machine's interface addresses.
func ownAddress(t *testing.T, ip net.IP) bool {
	t.Helper()
	addrs, err := net.InterfaceAddrs()
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range addrs {
		if n, ok := a.(*net.IPNet); ok && n.IP.Equal(ip) {
			return true
		}
	}
	return false
}

// TestBrowserPhoneFollowsFromTheStartToTheEnd: a phone opens the page before the meeting;
// « Suivre » shows within 2 s of the presenter's first slide, the phone follows two moves,
// and the button goes when the presenter ends.
func TestBrowserPhoneFollowsFromTheStartToTheEnd(t *testing.T) {
	dir := t.TempDir()
	addFacilitator(t, dir, "animatrice@ville.fr")
	srv := startServer(t, dir, "-demo")
	phone := newBrowser(t, srv.URL)
	if err := chromedp.Do(phone.ctx, chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile)); err != nil {
		t.Fatal(err)
	}
	recordLiveEvents(t, phone)
	navigate(t, phone, srv.URL+"/p/martigues-en-chiffres")
	waitFor(t, phone, "the live stream's first state", `window.__live.some(e => e[0] === 'etat')`, 10*time.Second)
	if !js[bool](t, phone, `document.querySelector('button.follow-toggle').hidden`) {
		t.Error("« Suivre la présentation » shows while nobody presents")
	}
	presenter := newBrowser(t, srv.URL)
	loginInBrowser(t, presenter, srv.URL, "animatrice@ville.fr")
	navigate(t, presenter, srv.URL+"/p/martigues-en-chiffres/present?presenter=1")
	started := time.Now() // the page has loaded: its first slide is on its way to the server
	waitFor(t, phone, "the follow button", `!document.querySelector('button.follow-toggle').hidden`, 2*time.Second)
	t.Logf("« Suivre » showed %v after the presenter view loaded", time.Since(started))
	click(t, phone, "button.follow-toggle")
	for _, n := range []string{"2", "3"} {
		pressKey(t, presenter, kb.ArrowRight)
		waitFor(t, phone, "the status on slide "+n, `/diapositive `+n+`/.test(document.querySelector('.follow-status').textContent)`, 5*time.Second)
		waitFor(t, phone, "the scroll to slide "+n, `(a => Math.abs(a.getBoundingClientRect().top - parseFloat(getComputedStyle(a).scrollMarginTop)) < 20)(document.getElementById('diapo-`+n+`'))`, 5*time.Second)
	}
	click(t, presenter, ".room-end")
	waitFor(t, phone, "the button gone", `document.querySelector('button.follow-toggle').hidden`, 10*time.Second)
	phone.check(t)
	presenter.check(t)
}

// TestBrowserWallFollowsThePresenterView: « Ouvrir l'écran du mur » opens the audience
// window, which shows the presenter's slide, without the presenter's panel or notes.
func TestBrowserWallFollowsThePresenterView(t *testing.T) {
	dir := t.TempDir()
	addFacilitator(t, dir, "animatrice@ville.fr")
	srv := startServer(t, dir, "-demo")
	presenter := presenterBrowser(t, srv.URL, "martigues-en-chiffres")
	opened := chromedp.WaitNewTarget(presenter.ctx, func(info *target.Info) bool {
		return info.Type == "page" && (info.OpenerID != "" || strings.Contains(info.URL, "mur=1"))
	})
	click(t, presenter, ".room-wall")
	var id target.ID
	select {
	case id = <-opened:
	case <-time.After(10 * time.Second):
		t.Fatalf("« Ouvrir l'écran du mur » opened no window (%s)", js[string](t, presenter, `String(window.__err) + ' ' + document.querySelector('.room-wall').outerHTML`))
	}
	wctx, cancel := chromedp.NewContext(presenter.ctx, chromedp.WithTargetID(id))
	defer cancel()
	wall := &browser{ctx: wctx, host: presenter.host}
	if err := chromedp.Listen(wctx, wall.observe); err != nil {
		t.Fatal(err)
	}
	waitFor(t, wall, "the wall on slide 1", `document.body.classList.contains('wall') && document.querySelector('.slide.is-current').dataset.slide === '1'`, 10*time.Second)
	pressKey(t, presenter, kb.ArrowRight)
	pressKey(t, presenter, kb.ArrowRight)
	waitFor(t, wall, "the wall on slide 3", `document.querySelector('.slide.is-current').dataset.slide === '3'`, 5*time.Second)
	// Every chart of the deck, hidden slides included, says it is drawn once ECharts finished.
	waitFor(t, wall, "every chart drawn", `[...document.querySelectorAll('figure[data-chart]')].every(f => f.dataset.drawn === 'true')`, 20*time.Second)
	if js[bool](t, wall, `!!document.querySelector('.presenter-panel, .room-tools')`) {
		t.Error("the wall shows the presenter's tools")
	}
	wall.check(t)
	presenter.check(t)
}

// TestBrowserMapSlideNamesItsTopShapes: on the wall, a map names the shapes with the top
// values, so that the room can tell which is which; on the page it does not.
func TestBrowserMapSlideNamesItsTopShapes(t *testing.T) {
	srv := startServer(t, t.TempDir(), "-demo")
	b := newBrowser(t, srv.URL)
	named := `(() => {
		const f = document.querySelector('figure[data-type="map"][data-drawn="true"]');
		const opt = f && echarts.getInstanceByDom(f.querySelector('.chart-canvas')).getOption();
		if (!opt) return '';
		const data = opt.series[0].data.filter(d => typeof d.value === 'number');
		const top = data.slice().sort((a, b) => b.value - a.value).slice(0, 6).map(d => d.name).sort();
		const shown = data.filter(d => d.label && d.label.show).map(d => d.name).sort();
		return JSON.stringify(shown) + (JSON.stringify(shown) === JSON.stringify(top) ? ' top' : ' not the top');
	})()`
	navigate(t, b, srv.URL+"/p/carte-des-bouches-du-rhone/present")
	slide := js[string](t, b, `document.querySelector('figure[data-type="map"]').closest('.slide').dataset.slide`)
	navigate(t, b, srv.URL+"/p/carte-des-bouches-du-rhone/present#"+slide)
	waitFor(t, b, "the map drawn", `document.querySelector('figure[data-type="map"][data-drawn="true"]')`, 20*time.Second)
	got := js[string](t, b, named)
	if !strings.HasSuffix(got, " top") || strings.Count(got, ",") != 5 {
		t.Errorf("the wall's map names %s; want its 6 top values", got)
	}
	navigate(t, b, srv.URL+"/p/carte-des-bouches-du-rhone")
	waitFor(t, b, "the map drawn", `document.querySelector('figure[data-type="map"][data-drawn="true"]')`, 20*time.Second)
	if got := js[string](t, b, named); !strings.HasPrefix(got, "[]") {
		t.Errorf("the page's map names %s; want none (tooltips do)", got)
	}
	b.check(t)
}

// TestEditorAsksBeforePublishingBrokenCharts: publishing a page with a broken chart shows
// the list of broken charts and publishes only on « Publier quand même ».
func TestEditorAsksBeforePublishingBrokenCharts(t *testing.T) {
	dir := t.TempDir()
	addFacilitator(t, dir, "animatrice@ville.fr")
	srv := startServer(t, dir, "-demo")
	srv.stop()
	<-srv.done
	srv.done <- nil
	md := writeFile(t, "cassee.md", "# Cassée\n\n```chart\ntype: bar\ndata: population-communes\nx: libgeo\ny: sum(p21_popp)\n```\n")
	if out, err := runCommand(t, "page", "import", "-data", dir, "-slug", "cassee", md); err != nil {
		t.Fatalf("page import: %v\n%s", err, out)
	}
	srv = startServer(t, dir)
	b := newBrowser(t, srv.URL)
	loginInBrowser(t, b, srv.URL, "animatrice@ville.fr")
	navigate(t, b, srv.URL+"/p/cassee/edit")
	setField(t, b, "select.editor-status", "published")
	waitFor(t, b, "the list of broken charts", `document.querySelector('.editor-broken-box li') && /p21_popp/.test(document.querySelector('.editor-broken-box').textContent)`, 10*time.Second)
	if got := js[string](t, b, `document.querySelector('[data-status]').dataset.status`); got == "published" {
		t.Fatal("the page was published before the facilitator confirmed")
	}
	click(t, b, ".editor-broken-go")
	waitFor(t, b, "the page published", `document.querySelector('[data-status]').dataset.status === 'published'`, 10*time.Second)
	b.expected(`status of 409 (Conflict) ` + srv.URL + `/api/pages/cassee/status`) // the question, asked
	b.check(t)
}
