package datasets

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/apache/arrow-go/v18/arrow/memory"

	"atelier/internal/fault"
)

// Recipe is what the facilitator decided about a dataset, once, that every new version
// follows: an upload, `atelier import` and « Mettre à jour » from the source address all go
// through it, unless the facilitator changes it on the review screen.
type Recipe struct {
	Title       string         `json:"title,omitempty"`
	Description string         `json:"description,omitempty"`
	Source      string         `json:"source,omitempty"`
	SourceURL   string         `json:"source_url,omitempty"`
	Licence     string         `json:"licence,omitempty"`
	DataDate    string         `json:"data_date,omitempty"`
	Sheet       string         `json:"sheet,omitempty"`
	Columns     []ColumnChange `json:"columns,omitempty"` // renames and type overrides, in order
	Labels      []ColumnLabel  `json:"labels,omitempty"`  // by the column's final name
}

// ColumnLabel is the name people read for a column (« Population 2021 » for p21_pop), and
// its unit (« habitants »); chart blocks keep using the column's name.
type ColumnLabel struct {
	Column string `json:"column"`
	Label  string `json:"label,omitempty"`
	Unit   string `json:"unit,omitempty"`
}

// maxLabelLen bounds a label or a unit: they are read in axis names and table headers.
const maxLabelLen = 120

// recipeSchema keeps one recipe per dataset. The INSERT is the migration of data
// directories made before recipes existed: each dataset gets the recipe its latest version
// was imported with. It is idempotent, as Migrate requires.
var recipeSchema = []string{
	`CREATE TABLE IF NOT EXISTS dataset_recipes (
		name   TEXT PRIMARY KEY,
		recipe TEXT NOT NULL -- Recipe as JSON
	)`,
	`INSERT OR IGNORE INTO dataset_recipes (name, recipe)
		SELECT name, json_object(
			'title', json_extract(meta, '$.title'),
			'description', json_extract(meta, '$.description'),
			'source', json_extract(meta, '$.source'),
			'source_url', json_extract(meta, '$.source_url'),
			'licence', json_extract(meta, '$.licence'),
			'data_date', json_extract(meta, '$.data_date'),
			'sheet', json_extract(meta, '$.sheet'),
			'columns', json(COALESCE(json_extract(meta, '$.changes'), '[]')))
		FROM dataset_versions v
		WHERE version = (SELECT MAX(version) FROM dataset_versions w WHERE w.name = v.name)`,
}

// Recipe returns the dataset's recipe; a dataset never imported has the empty recipe.
func (s *Store) Recipe(ctx context.Context, name Name) (Recipe, error) {
	var js string
	err := s.db.QueryRowContext(ctx, `SELECT recipe FROM dataset_recipes WHERE name = ?`, string(name)).Scan(&js)
	if errors.Is(err, sql.ErrNoRows) {
		return Recipe{}, nil
	}
	if err != nil {
		return Recipe{}, fmt.Errorf("recipe of %s: %w", name, err)
	}
	var r Recipe
	if err := json.Unmarshal([]byte(js), &r); err != nil {
		return Recipe{}, fmt.Errorf("recipe of %s: %w", name, err)
	}
	return r, nil
}

func (s *Store) saveRecipe(ctx context.Context, name Name, r Recipe) error {
	js, err := json.Marshal(r)
	if err != nil {
		return err
	}
	_, err = s.db.ExecContext(ctx, `INSERT INTO dataset_recipes (name, recipe) VALUES (?, ?)
		ON CONFLICT (name) DO UPDATE SET recipe = excluded.recipe`, string(name), string(js))
	if err != nil {
		return fmt.Errorf("recipe of %s: %w", name, err)
	}
	return nil
}

// SetLabels replaces the labels and units of a dataset's columns. They are presentation,
// not data: no new version is made, and every version shows them at once.
func (s *Store) SetLabels(ctx context.Context, name Name, labels []ColumnLabel) error {
	m, err := s.Meta(ctx, name, 0)
	if err != nil {
		return err
	}
	clean, err := cleanLabels(labels)
	if err != nil {
		return err
	}
	r, err := s.Recipe(ctx, m.Name)
	if err != nil {
		return err
	}
	r.Labels = clean
	return s.saveRecipe(ctx, m.Name, r)
}

// cleanLabels trims labels, drops the empty ones and refuses overlong ones.
func cleanLabels(labels []ColumnLabel) ([]ColumnLabel, error) {
	var out []ColumnLabel
	for _, l := range labels {
		l.Label, l.Unit = strings.TrimSpace(l.Label), strings.TrimSpace(l.Unit)
		if utf8.RuneCountInString(l.Label) > maxLabelLen || utf8.RuneCountInString(l.Unit) > maxLabelLen {
			return nil, fault.New(fault.Invalid, "le libellé de la colonne « %s » est trop long : %d caractères au plus", l.Column, maxLabelLen)
		}
		if l.Column != "" && (l.Label != "" || l.Unit != "") {
			out = append(out, l)
		}
	}
	return out, nil
}

// follow fills what the request leaves empty from the dataset's recipe: the facilitator
// decided it once. Nil Columns or Labels follow the recipe; an empty list clears it.
func (r Recipe) follow(req ImportRequest) ImportRequest {
	fill := func(dst *string, v string) {
		if *dst == "" {
			*dst = v
		}
	}
	fill(&req.Title, r.Title)
	fill(&req.Description, r.Description)
	fill(&req.Source, r.Source)
	fill(&req.SourceURL, r.SourceURL)
	fill(&req.Licence, r.Licence)
	fill(&req.DataDate, r.DataDate)
	fill(&req.Sheet, r.Sheet)
	if req.Columns == nil {
		req.Columns = r.Columns
		req.recipeColumns = true
	}
	if req.Labels == nil {
		req.Labels = r.Labels
	}
	return req
}

// recipeOf is the recipe a successful import of m leaves for the next one: the title the
// first file gave stays the dataset's title, whatever the next file is called.
func recipeOf(req ImportRequest, m Meta) Recipe {
	return Recipe{
		Title: m.Title, Description: req.Description, Source: req.Source, SourceURL: req.SourceURL,
		Licence: req.Licence, DataDate: req.DataDate, Sheet: req.Sheet,
		Columns: req.Columns, Labels: req.Labels,
	}
}

// RecipeFor returns the request as the dataset's recipe completes it: what Import will do
// with req. The name is the one Import would store it under.
func (s *Store) RecipeFor(ctx context.Context, req ImportRequest) (ImportRequest, error) {
	req.Name = requestName(req)
	r, err := s.Recipe(ctx, req.Name)
	if err != nil {
		return ImportRequest{}, err
	}
	return r.follow(req), nil
}

// requestName is the name Import gives the dataset of req.
func requestName(req ImportRequest) Name {
	if req.Name != "" {
		return req.Name
	}
	base := trimExtension(req.FileName)
	return NameFrom(firstNonEmpty(base, req.Title, base))
}

// applicableChanges keeps the recipe's changes that apply to a file with these columns: a
// column renamed at the source, or already named as the recipe wanted, is not an error —
// the review says so and offers to map it.
func applicableChanges(names []string, changes []ColumnChange) ([]ColumnChange, []Warning) {
	have := map[string]bool{}
	for _, n := range names {
		have[n] = true
	}
	var out []ColumnChange
	var warns []Warning
	for _, c := range changes {
		if !have[c.Name] {
			if c.NewName == "" || !have[c.NewName] {
				warns = append(warns, Warning{Column: c.Name, Message: "la recette de ces données change cette colonne, mais le nouveau fichier ne l'a plus"})
			}
			continue
		}
		out = append(out, c)
		if c.NewName != "" {
			delete(have, c.Name)
			have[c.NewName] = true
		}
	}
	return out, warns
}

// withLabels gives each column its label and unit.
func withLabels(cols []Column, labels []ColumnLabel) []Column {
	by := map[string]ColumnLabel{}
	for _, l := range labels {
		by[l.Column] = l
	}
	for i := range cols {
		if l, ok := by[cols[i].Name]; ok {
			cols[i].Label, cols[i].Unit = l.Label, l.Unit
		}
	}
	return cols
}

// followChanges makes the request's column changes on the loaded table and returns those
// made. The recipe's changes that no longer apply are skipped with a warning; a change the
// facilitator asked for on the review must apply.
func followChanges(loaded *Loaded, req ImportRequest, mem memory.Allocator) ([]ColumnChange, error) {
	changes := req.Columns
	if req.recipeColumns {
		names := make([]string, loaded.Table.NumCols())
		for i, f := range loaded.Table.Schema().Fields() {
			names[i] = f.Name
		}
		var warns []Warning
		changes, warns = applicableChanges(names, changes)
		loaded.Warnings = append(loaded.Warnings, warns...)
	}
	if len(changes) == 0 {
		return changes, nil
	}
	changed, err := applyChanges(loaded.Table, changes, mem)
	if err != nil {
		return nil, err
	}
	loaded.Table.Release()
	loaded.Table = changed
	return changes, nil
}

// labelled gives m's columns the labels of the dataset's recipe.
func (s *Store) labelled(ctx context.Context, m Meta) (Meta, error) {
	r, err := s.Recipe(ctx, m.Name)
	if err != nil {
		return Meta{}, err
	}
	m.Columns = withLabels(m.Columns, r.Labels)
	return m, nil
}

// recipeChanged records in the recipe the changes made on the dataset page, so that the
// next file gets them too; a renamed column keeps its label.
func (s *Store) recipeChanged(ctx context.Context, name Name, changes []ColumnChange) error {
	r, err := s.Recipe(ctx, name)
	if err != nil {
		return err
	}
	r.Columns = append(r.Columns, changes...)
	for _, c := range changes {
		for i := range r.Labels {
			if c.NewName != "" && r.Labels[i].Column == c.Name {
				r.Labels[i].Column = c.NewName
			}
		}
	}
	return s.saveRecipe(ctx, name, r)
}

// SetLabel sets the label and unit of one column, keeping the others'; an empty label and
// unit remove it.
func (s *Store) SetLabel(ctx context.Context, name Name, l ColumnLabel) error {
	r, err := s.Recipe(ctx, name)
	if err != nil {
		return err
	}
	labels := []ColumnLabel{l}
	for _, old := range r.Labels {
		if old.Column != l.Column {
			labels = append(labels, old)
		}
	}
	return s.SetLabels(ctx, name, labels)
}
