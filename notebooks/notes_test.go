package notebooks_test

import (
	"context"
	"strings"
	"testing"

	"atelier/notebooks"
)

// A data directory written when the notes lived inside the slides is split at start-up, in
// pages and in snapshots, so that no audience view of an old page carries them.
func TestLegacyNotesMoveOutOfTheSlides(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	if _, err := f.pages.Save(ctx, "deck", "# Un\n\n> Notes : secret\n", "a@x.fr", 0); err != nil {
		t.Fatal(err)
	}
	if _, err := f.pages.Freeze(ctx, "deck", "réunion", "a@x.fr"); err != nil {
		t.Fatal(err)
	}
	legacy := `["<h1 id=\"un\">Un</h1>\n\u003caside class=\"notes\"\u003e<blockquote><p>Notes : secret</p></blockquote>\n\u003c/aside\u003e\n"]`
	if _, err := f.db.Exec(`UPDATE pages SET slides = ?, notes = '[]'`, legacy); err != nil {
		t.Fatal(err)
	}
	if _, err := f.db.Exec(`UPDATE page_snapshots SET page = json_set(json_remove(page, '$.notes'), '$.slides', json(?))`, legacy); err != nil {
		t.Fatal(err)
	}
	reopened, err := notebooks.OpenStore(ctx, f.db, f.r)
	if err != nil {
		t.Fatal(err)
	}
	p, err := reopened.Get(ctx, "deck")
	if err != nil {
		t.Fatal(err)
	}
	snap, err := reopened.SnapshotAt(ctx, "deck", 1)
	if err != nil {
		t.Fatal(err)
	}
	for what, pg := range map[string]*notebooks.Page{"page": p, "snapshot": snap.Page} {
		if len(pg.Slides) != 1 || strings.Contains(pg.Slides[0], "secret") || !strings.Contains(pg.Slides[0], "Un") {
			t.Errorf("%s: audience slides = %q", what, pg.Slides)
		}
		if len(pg.Notes) != 1 || !strings.Contains(pg.Notes[0], "secret") || strings.Contains(pg.Notes[0], "aside") {
			t.Errorf("%s: notes = %q", what, pg.Notes)
		}
	}
}
