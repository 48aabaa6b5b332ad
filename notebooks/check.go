package notebooks

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"

	"atelier/charts"
	"atelier/datasets"
)

// ChartCheck is one chart of a page, built against a version not stored yet.
type ChartCheck struct {
	N       int      `json:"n"` // 1-based, in page order
	Title   string   `json:"title"`
	Pinned  int      `json:"pinned,omitempty"` // the version the block pins: the new one changes nothing
	Draws   bool     `json:"draws"`
	Problem string   `json:"problem,omitempty"` // why it would break, in French
	Missing []string `json:"missing,omitempty"` // columns it reads that the new version no longer has
	Says    string   `json:"says"`              // the line of the report, in French (see Line)
}

// PageCheck is a page that reads the dataset, and its charts that do.
type PageCheck struct {
	Slug   Slug         `json:"slug"`
	Title  string       `json:"title"`
	Status Status       `json:"status"`
	Charts []ChartCheck `json:"charts"`
}

// Breaks reports whether one of the page's charts would break.
func (p PageCheck) Breaks() bool {
	return slices.ContainsFunc(p.Charts, func(c ChartCheck) bool { return !c.Draws })
}

// CheckUsing builds every chart that reads the dataset, on every page out of the bin
// (published, unlisted or draft), against next — the version about to be imported —
// without storing anything.
func (s *Store) CheckUsing(ctx context.Context, next *datasets.Candidate, current charts.Catalogue) ([]PageCheck, error) {
	name := next.Request.Name
	slugs, err := s.pagesUsing(ctx, name)
	if err != nil {
		return nil, err
	}
	cat := &charts.Overlay{Base: current, Name: name, Next: next.Table, Meta: next.Meta}
	cat.Meta.Name = name
	have := map[string]bool{}
	for _, c := range next.Meta.Columns {
		have[strings.ToLower(c.Name)] = true
	}
	out := []PageCheck{}
	for _, slug := range slugs {
		p, err := s.Get(ctx, slug)
		if err != nil {
			continue // put in the bin since the query
		}
		pc := PageCheck{Slug: slug, Title: p.Title, Status: p.Status, Charts: []ChartCheck{}}
		for i, src := range s.renderer.chartSources(p.Markdown) {
			if c, ok := checkChart(ctx, cat, src, name, have); ok {
				c.N = i + 1
				c.Says = c.Line()
				pc.Charts = append(pc.Charts, c)
			}
		}
		if len(pc.Charts) > 0 {
			out = append(out, pc)
		}
	}
	return out, nil
}

// checkChart builds one block; ok is false when the block does not read the dataset.
func checkChart(ctx context.Context, cat *charts.Overlay, src string, name datasets.Name, have map[string]bool) (ChartCheck, bool) {
	spec, err := charts.Parse(src)
	if err != nil || (spec.Data != name && spec.Geo != name) {
		return ChartCheck{}, false
	}
	c := ChartCheck{Title: spec.Title}
	if spec.Data == name && spec.Version != 0 {
		c.Pinned, c.Draws = spec.Version, true
		return c, true
	}
	built, err := charts.Build(ctx, cat, spec)
	if err == nil {
		c.Draws = true
		if c.Title == "" {
			c.Title = built.Title
		}
		return c, true
	}
	if c.Title == "" { // the title the chart has today, made from its columns
		if today, err := charts.Build(ctx, cat.Base, spec); err == nil {
			c.Title = today.Title
		}
	}
	c.Problem = chartErrorMessage(err)
	var ce *charts.Error
	if errors.As(err, &ce) {
		c.Problem = ce.Msg
	}
	if spec.Data == name {
		for _, col := range spec.DataColumns() {
			if !have[strings.ToLower(col)] {
				c.Missing = append(c.Missing, col)
			}
		}
	}
	return c, true
}

// chartSources are the texts of the page's chart blocks, in order.
func (r *Renderer) chartSources(markdown string) []string {
	src := []byte(markdown)
	doc := r.md.Parser().Parse(text.NewReader(src))
	var out []string
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if fb, ok := n.(*ast.FencedCodeBlock); ok && entering && string(fb.Language(src)) == "chart" {
			out = append(out, blockText(fb, src))
		}
		return ast.WalkContinue, nil
	})
	return out
}

// PinTo makes every chart of the page that reads the latest version of the dataset read
// version instead, as a new revision: the page stays as it is while the data moves on, and
// the editor shows « data: name@version ».
func (s *Store) PinTo(ctx context.Context, slug Slug, name datasets.Name, version int, author string) error {
	p, err := s.Get(ctx, slug)
	if err != nil {
		return err
	}
	pinned := pinBlocks(p.Markdown, name, version)
	if pinned == p.Markdown {
		return nil
	}
	_, err = s.Save(ctx, slug, pinned, author, p.Revision)
	return err
}

// pinBlocks rewrites the « data: name » lines of chart blocks as « data: name@version ».
func pinBlocks(markdown string, name datasets.Name, version int) string {
	lines := strings.SplitAfter(markdown, "\n")
	inChart := false
	for i, line := range lines {
		trimmed := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(trimmed, "```"):
			inChart = !inChart && strings.TrimSpace(strings.TrimPrefix(trimmed, "```")) == "chart"
		case inChart:
			key, val, ok := strings.Cut(trimmed, ":")
			if ok && strings.TrimSpace(key) == "data" && strings.TrimSpace(val) == string(name) {
				indent := line[:len(line)-len(strings.TrimLeft(line, " \t"))]
				end := line[len(strings.TrimRight(line, "\r\n")):]
				lines[i] = fmt.Sprintf("%sdata: %s@%d%s", indent, name, version, end)
			}
		}
	}
	return strings.Join(lines, "")
}
