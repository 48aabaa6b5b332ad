package notebooks

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"atelier/internal/database"
)

// Speaker notes are stored apart from the slides (pages.notes, and "notes" in a snapshot's
// JSON), so that the audience's slides carry none. Data directories written before that kept
// each slide's notes at its end, in an <aside class="notes">; migrateNotes moves them out
// once, at start-up. The marker cannot come from an author: goldmark's defaults drop raw HTML.

const legacyNotesOpen, legacyNotesClose = `<aside class="notes">`, "</aside>\n"

// migrateNotes adds the notes column if needed and splits the notes out of every slide that
// still holds them, in pages and in snapshots. It is idempotent: once split, no slide holds
// the marker.
func migrateNotes(ctx context.Context, db *sql.DB) error {
	if err := database.AddColumn(ctx, db, "pages", "notes", "TEXT NOT NULL DEFAULT '[]'"); err != nil {
		return fmt.Errorf("migrate notes: %w", err)
	}
	if err := splitPageNotes(ctx, db); err != nil {
		return err
	}
	return splitSnapshotNotes(ctx, db)
}

func splitPageNotes(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, `SELECT slug, slides FROM pages WHERE instr(slides, ?) > 0`, jsonMarker())
	if err != nil {
		return fmt.Errorf("migrate notes: %w", err)
	}
	type row struct{ slug, slides, notes string }
	var todo []row
	for rows.Next() {
		var slug string
		var stored []byte
		if err := rows.Scan(&slug, &stored); err != nil {
			rows.Close()
			return err
		}
		var slides []string
		if err := json.Unmarshal(stored, &slides); err != nil {
			rows.Close()
			return fmt.Errorf("migrate notes of %s: %w", slug, err)
		}
		audience, notes := splitLegacySlides(slides)
		todo = append(todo, row{slug, jsonText(audience), jsonText(notes)})
	}
	rows.Close()
	for _, r := range todo {
		if _, err := db.ExecContext(ctx, `UPDATE pages SET slides = ?, notes = ?, generation = generation + 1 WHERE slug = ?`,
			r.slides, r.notes, r.slug); err != nil {
			return fmt.Errorf("migrate notes of %s: %w", r.slug, err)
		}
	}
	return rows.Err()
}

func splitSnapshotNotes(ctx context.Context, db *sql.DB) error {
	rows, err := db.QueryContext(ctx, `SELECT slug, number, page FROM page_snapshots WHERE instr(page, ?) > 0`, jsonMarker())
	if err != nil {
		return fmt.Errorf("migrate snapshot notes: %w", err)
	}
	type row struct {
		slug   string
		number int
		page   []byte
	}
	var todo []row
	for rows.Next() {
		var r row
		var stored []byte
		if err := rows.Scan(&r.slug, &r.number, &stored); err != nil {
			rows.Close()
			return err
		}
		var sp storedPage
		if err := json.Unmarshal(stored, &sp); err != nil {
			rows.Close()
			return fmt.Errorf("migrate notes of snapshot %d of %s: %w", r.number, r.slug, err)
		}
		sp.Slides, sp.Notes = splitLegacySlides(sp.Slides)
		if r.page, err = json.Marshal(sp); err != nil {
			rows.Close()
			return err
		}
		todo = append(todo, r)
	}
	rows.Close()
	for _, r := range todo {
		if _, err := db.ExecContext(ctx, `UPDATE page_snapshots SET page = ? WHERE slug = ? AND number = ?`,
			string(r.page), r.slug, r.number); err != nil {
			return fmt.Errorf("migrate notes of snapshot %d of %s: %w", r.number, r.slug, err)
		}
	}
	return rows.Err()
}

// jsonMarker is the notes marker as encoding/json writes it inside a string (it escapes < and >).
func jsonMarker() string {
	b, _ := json.Marshal(legacyNotesOpen)
	return strings.Trim(string(b), `"`)
}

// splitLegacySlides parts slides written with their notes at their end.
func splitLegacySlides(slides []string) (audience, notes []string) {
	for _, s := range slides {
		content, said, _ := strings.Cut(s, legacyNotesOpen)
		audience = append(audience, content)
		notes = append(notes, strings.TrimSuffix(said, legacyNotesClose))
	}
	return audience, notes
}
