// The dataset pages a facilitator reads in HTML: the list, and one version with its schema,
// its statistics and a sortable window of its rows, written in the reader's language.

package web

import (
	"fmt"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"atelier/datasets"
	"atelier/internal/fault"
	"atelier/internal/localfmt"
)

func (s *Server) handleDatasetList(w http.ResponseWriter, r *http.Request) {
	list, err := s.visibleDatasets(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "datasets", map[string]any{"Datasets": list})
}

func (s *Server) handleDatasetShow(w http.ResponseWriter, r *http.Request) {
	offset, err := intParam(r, "offset", 0, 0, math.MaxInt)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	meta, err := s.metaOf(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	versions, err := s.datasets.Versions(r.Context(), meta.Name)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	versions = readableVersions(r, versions)
	sort := previewSort{Column: r.URL.Query().Get("sort"), Desc: r.URL.Query().Get("desc") == "1"}
	if err := checkSort(r, meta, sort, offset); err != nil {
		s.fail(w, r, err)
		return
	}
	rows, _, err := s.datasets.Rows(r.Context(), meta.Name, meta.Version,
		datasets.Browse{Offset: offset, Limit: previewRows, Sort: sort.Column, Desc: sort.Desc})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "dataset", view{Description: meta.Description,
		Data: newDatasetPage(langOf(r), datasetQuery(r), meta, versions, rows, sort, offset)})
}

// previewSort is the preview table's order, as the query string gives it.
type previewSort struct {
	Column string
	Desc   bool
}

// checkSort refuses, in the reader's language, an order the store would refuse: a column
// the version does not have, or a page past the rows a sort reaches.
func checkSort(r *http.Request, meta datasets.Meta, sort previewSort, offset int) error {
	if sort.Column == "" {
		return nil
	}
	if !slices.ContainsFunc(meta.Columns, func(c datasets.Column) bool { return c.Name == sort.Column }) {
		return faultIn(r, fault.Invalid, "web.sort.nocolumn", sort.Column)
	}
	if offset+previewRows > datasets.MaxSortedRows {
		return faultIn(r, fault.Invalid, "web.sort.limit", datasets.MaxSortedRows)
	}
	return nil
}

// cell is one formatted value of the preview table.
type cell struct {
	Text string
	Num  bool
}

// formatCell writes a value the way a reader of lang expects it: 48 568, 12,5, 31/01/2024
// in French; 48,568, 12.5, 2024-01-31 in English (a date no reader can take for another).
func formatCell(lang string, v any) cell {
	switch v := v.(type) {
	case nil:
		return cell{}
	case int64:
		return cell{localfmt.Int(lang, v), true}
	case float64:
		return cell{localfmt.Float(lang, v), true}
	case bool:
		if v {
			return cell{Text: translate(lang, "dataset.yes")}
		}
		return cell{Text: translate(lang, "dataset.no")}
	case string:
		if t, err := time.Parse(time.DateOnly, v); err == nil && len(v) == 10 {
			return cell{Text: localfmt.Day(lang, t)}
		}
		return cell{Text: v}
	}
	return cell{Text: fmt.Sprint(v)}
}

// datasetPage is what dataset.html shows.
type datasetPage struct {
	Meta     datasets.Meta
	Columns  []columnView
	Rows     [][]cell
	Versions []versionView
	From, To int64
	Prev     string // links to the neighbouring pages of rows, or ""
	Next     string
	Sorted   bool
	Query    string // "?cle=KEY&" for a visitor who came with an unlisted page's key, else "?"
	Base     string // Query, then "version=N&" when a past version is shown
	lang     string
}

// TypeName names a column type in the page's language.
func (p datasetPage) TypeName(arrowType string) string { return localTypeName(p.lang, arrowType) }

// DelimiterName names a CSV delimiter in the page's language.
func (p datasetPage) DelimiterName(d string) string { return localDelimiterName(p.lang, d) }

// localTypeName names an Arrow type for a facilitator: « nombre entier », "whole number".
func localTypeName(lang, arrowType string) string {
	switch {
	case arrowType == "utf8" || strings.HasPrefix(arrowType, "dictionary"):
		return translate(lang, "dataset.type.text")
	case arrowType == "int64":
		return translate(lang, "dataset.type.int")
	case arrowType == "float64":
		return translate(lang, "dataset.type.float")
	case arrowType == "date32":
		return translate(lang, "dataset.type.date")
	case strings.HasPrefix(arrowType, "timestamp"):
		return translate(lang, "dataset.type.timestamp")
	case arrowType == "bool":
		return translate(lang, "dataset.type.bool")
	}
	return arrowType
}

// localDelimiterName names a CSV delimiter: « point-virgule », "semicolon".
func localDelimiterName(lang, d string) string {
	switch d {
	case ";":
		return translate(lang, "dataset.delim.semicolon")
	case ",":
		return translate(lang, "dataset.delim.comma")
	case "\t":
		return translate(lang, "dataset.delim.tab")
	case "|":
		return translate(lang, "dataset.delim.pipe")
	}
	return translate(lang, "dataset.delim.other", d)
}

// ChangeTypes are the types a facilitator may give a column (the « Modifier » form).
func (datasetPage) ChangeTypes() []string { return datasets.ChangeTypes }

type versionView struct {
	Version    int
	ImportedAt time.Time
	Rows       int64
	Current    bool
}

func newDatasetPage(lang, prefix string, meta datasets.Meta, versions []datasets.Meta, rows [][]any, sort previewSort, offset int) datasetPage {
	p := datasetPage{Meta: meta, Sorted: sort.Column != "", Query: prefix, Base: prefix, lang: lang}
	if versions[0].Version != meta.Version {
		p.Base = fmt.Sprintf("%sversion=%d&", prefix, meta.Version)
	}
	for _, v := range versions {
		p.Versions = append(p.Versions, versionView{v.Version, v.ImportedAt, v.Rows, v.Version == meta.Version})
	}
	for _, c := range meta.Columns {
		p.Columns = append(p.Columns, newColumnView(lang, c, p.Base, sort))
	}
	for _, row := range rows {
		cells := make([]cell, len(row))
		for j, v := range row {
			cells[j] = formatCell(lang, v)
		}
		p.Rows = append(p.Rows, cells)
	}
	p.From, p.To = int64(min(offset+1, int(meta.Rows))), int64(offset+len(rows))
	keep := ""
	if sort.Column != "" {
		keep = "sort=" + url.QueryEscape(sort.Column) + "&"
		if sort.Desc {
			keep += "desc=1&"
		}
	}
	if offset > 0 {
		p.Prev = p.Base + keep + "offset=" + strconv.Itoa(max(0, offset-previewRows))
	}
	if int64(offset+len(rows)) < meta.Rows && (sort.Column == "" || offset+2*previewRows <= datasets.MaxSortedRows) {
		p.Next = p.Base + keep + "offset=" + strconv.Itoa(offset+previewRows)
	}
	return p
}
