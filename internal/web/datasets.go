package web

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/gorilla/mux"

	"atelier/datasets"
	"atelier/datasets/fetch"
	"atelier/datasets/query"
	"atelier/internal/fault"
	"atelier/internal/localfmt"
)

// previewRows is how many rows a dataset page shows at once; maxAPIRows caps one JSON page.
const (
	previewRows = 100
	maxAPIRows  = 1000
)

// handleColumnChange renames a column or gives it another type, as a new version: the
// facilitator corrects what the reader got wrong; the pages that draw from it follow.
func (s *Server) handleColumnChange(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	name := datasets.Name(mux.Vars(r)["name"])
	change := datasets.ColumnChange{Name: r.PostFormValue("column"), NewName: r.PostFormValue("new_name"), Type: r.PostFormValue("type")}
	if change.NewName == change.Name {
		change.NewName = ""
	}
	meta, err := s.datasets.Meta(r.Context(), name, 0)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if i := slices.IndexFunc(meta.Columns, func(c datasets.Column) bool { return c.Name == change.Name }); i >= 0 && change.Type == meta.Columns[i].Type {
		change.Type = ""
	}
	// A label alone is presentation: it makes no new version of the data.
	if change.NewName != "" || change.Type != "" {
		if _, err := s.datasets.Change(r.Context(), name, []datasets.ColumnChange{change}); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	if _, sent := r.PostForm["label"]; sent {
		label := datasets.ColumnLabel{Column: cmp.Or(change.NewName, change.Name), Label: r.PostFormValue("label"), Unit: r.PostFormValue("unit")}
		if err := s.datasets.SetLabel(r.Context(), name, label); err != nil {
			s.fail(w, r, err)
			return
		}
		if _, err := s.pages.RefreshUsing(r.Context(), name); err != nil { // labels are written into the charts
			s.log.Error("refresh pages after a label change", "dataset", name, "err", err)
		}
	}
	http.Redirect(w, r, "/datasets/"+string(name), http.StatusSeeOther)
}

// handleDatasetRefetch is « Mettre à jour »: the portal's file is fetched again from the
// address it came from and stored as the next version; the pages that draw from the dataset
// show the new figures.
func (s *Server) handleDatasetRefetch(w http.ResponseWriter, r *http.Request) {
	meta, err := s.datasets.Meta(r.Context(), datasets.Name(mux.Vars(r)["name"]), 0)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if meta.SourceURL == "" {
		s.fail(w, r, faultIn(r, fault.Invalid, "web.dataset.notfetched"))
		return
	}
	if !s.takeUploadSlot(w, r) {
		return
	}
	defer s.releaseUploadSlot()
	f, err := fetch.New(s.limits.MaxFileBytes).Fetch(r.Context(), meta.SourceURL)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.refuseBreakingUpdate(r, meta.Update(f.Name, bytes.NewReader(f.Body))); err != nil {
		s.fail(w, r, err)
		return
	}
	next, err := s.datasets.Import(r.Context(), meta.Update(f.Name, bytes.NewReader(f.Body)))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, fmt.Sprintf("/datasets/%s?version=%d", next.Name, next.Version), http.StatusSeeOther)
}

// handleDatasetFetch downloads a file from an open-data portal (JSON {"url": "..."}) and
// stages it like an upload: the answer is the same review, confirmed through
// POST /api/uploads/{id} (send the URL back as source_url). The address rules against
// SSRF are package fetch's.
func (s *Server) handleDatasetFetch(w http.ResponseWriter, r *http.Request) {
	var body struct {
		URL   string `json:"url"`
		Sheet string `json:"sheet"`
	}
	if err := decodeJSON(w, r, &body); err != nil {
		s.fail(w, r, err)
		return
	}
	if !s.takeUploadSlot(w, r) {
		return
	}
	defer s.releaseUploadSlot()
	f, err := fetch.New(s.limits.MaxFileBytes).Fetch(r.Context(), body.URL)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	rv, err := s.datasets.StageWith(r.Context(), f.Name, f.Body, datasets.ReadOptions{Sheet: body.Sheet})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	answer, err := s.reviewWithRecipe(r.Context(), rv, f.URL)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, answer)
}

func (s *Server) handleDatasetList(w http.ResponseWriter, r *http.Request) {
	list, err := s.visibleDatasets(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "datasets", map[string]any{"Datasets": list})
}

// tableOf returns the table the request names: ?version=N, else the latest.
func (s *Server) tableOf(r *http.Request) (arrow.Table, datasets.Meta, error) {
	v, err := intParam(r, "version", 0, 1, 1<<30)
	if err != nil {
		return nil, datasets.Meta{}, err
	}
	return s.datasets.Table(r.Context(), datasets.Name(mux.Vars(r)["name"]), v)
}

func (s *Server) handleDatasetShow(w http.ResponseWriter, r *http.Request) {
	offset, err := intParam(r, "offset", 0, 0, math.MaxInt)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	t, meta, err := s.tableOf(r)
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
	rows, err := previewPage(r, t, meta, sort, offset)
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

// previewPage returns one page of rows, in file order or sorted by a column with the query
// engine (which sorts the first query.MaxRows rows of the order: enough to browse).
func previewPage(r *http.Request, t arrow.Table, meta datasets.Meta, sort previewSort, offset int) ([][]any, error) {
	if sort.Column == "" {
		return datasets.Rows(t, int64(offset), previewRows), nil
	}
	names := make([]string, len(meta.Columns))
	at := -1
	for i, c := range meta.Columns {
		names[i] = c.Name
		if c.Name == sort.Column {
			at = i
		}
	}
	if at < 0 {
		return nil, faultIn(r, fault.Invalid, "web.sort.nocolumn", sort.Column)
	}
	if offset+previewRows > query.MaxRows {
		return nil, faultIn(r, fault.Invalid, "web.sort.limit", query.MaxRows)
	}
	res, err := query.Run(r.Context(), t, query.Plan{Columns: names,
		Sort: []query.Order{{Column: at, Desc: sort.Desc}}, Limit: offset + previewRows})
	if err != nil {
		return nil, err
	}
	out := [][]any{}
	for _, row := range res.Rows[min(offset, len(res.Rows)):] {
		vals := make([]any, len(row))
		for i, v := range row {
			vals[i] = queryValue(v)
		}
		out = append(out, vals)
	}
	return out, nil
}

// queryValue is a query.Value as datasets.Value would give it.
func queryValue(v query.Value) any {
	if v.Null {
		return nil
	}
	switch v.Kind {
	case query.Int:
		return v.Int
	case query.Float:
		return v.Float
	case query.Date:
		return v.Time.Format(time.DateOnly)
	case query.Time:
		return v.Time.UTC().Format(time.RFC3339)
	case query.Bool:
		return v.Bool
	}
	return v.Str
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

func (s *Server) handleDatasetOriginal(w http.ResponseWriter, r *http.Request) {
	v, err := intParam(r, "version", 0, 1, 1<<30)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f, meta, err := s.datasets.Original(r.Context(), datasets.Name(mux.Vars(r)["name"]), v)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	defer f.Close()
	// The file name is ours, never the uploaded one: it may hold anything.
	download := fmt.Sprintf("%s-v%d%s", meta.Name, meta.Version, safeExtension(meta.FileName))
	w.Header().Set("Content-Disposition", `attachment; filename="`+download+`"`)
	w.Header().Set("Content-Type", "application/octet-stream")
	http.ServeContent(w, r, download, meta.ImportedAt, f)
}

func safeExtension(fileName string) string {
	switch ext := strings.ToLower(path.Ext(fileName)); ext {
	case ".csv", ".tsv", ".txt", ".geojson", ".json", ".xlsx", ".parquet", ".arrow", ".gz":
		return ext
	}
	return ".dat"
}

// handleDatasetCSV streams the table as a CSV for French Excel (see datasets.WriteCSV).
func (s *Server) handleDatasetCSV(w http.ResponseWriter, r *http.Request) {
	s.export(w, r, ".csv", "text/csv; charset=utf-8", datasets.WriteCSV)
}

func (s *Server) handleDatasetParquet(w http.ResponseWriter, r *http.Request) {
	s.export(w, r, ".parquet", "application/vnd.apache.parquet", datasets.WriteParquet)
}

func (s *Server) export(w http.ResponseWriter, r *http.Request, ext, ctype string, write func(context.Context, io.Writer, arrow.Table) error) {
	t, meta, err := s.tableOf(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	download := fmt.Sprintf("%s-v%d%s", meta.Name, meta.Version, ext)
	w.Header().Set("Content-Disposition", `attachment; filename="`+download+`"`)
	w.Header().Set("Content-Type", ctype)
	if r.Method == http.MethodHead {
		return
	}
	if err := write(r.Context(), w, t); err != nil {
		// The answer has begun: the client sees a cut file, the log says why.
		s.log.Error("dataset export", "dataset", meta.Name, "format", ext, "err", err)
	}
}

func (s *Server) handleDatasetListJSON(w http.ResponseWriter, r *http.Request) {
	list, err := s.visibleDatasets(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if list == nil {
		list = []datasets.Meta{}
	}
	writeJSON(w, http.StatusOK, list)
}

// datasetJSON is GET /api/datasets/{name}: the version's description (name, title,
// version, rows, columns with their types, nulls and statistics, warnings, source,
// licence) and the list of versions.
type datasetJSON struct {
	datasets.Meta
	Versions []versionJSON `json:"versions"`
}

type versionJSON struct {
	Version    int       `json:"version"`
	ImportedAt time.Time `json:"imported_at"`
	Rows       int64     `json:"rows"`
	FileName   string    `json:"file_name,omitempty"`
}

func (s *Server) handleDatasetJSON(w http.ResponseWriter, r *http.Request) {
	v, err := intParam(r, "version", 0, 1, 1<<30)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	meta, err := s.datasets.Meta(r.Context(), datasets.Name(mux.Vars(r)["name"]), v)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	all, err := s.datasets.Versions(r.Context(), meta.Name)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	all = readableVersions(r, all)
	out := datasetJSON{Meta: meta, Versions: make([]versionJSON, len(all))}
	for i, m := range all {
		out.Versions[i] = versionJSON{m.Version, m.ImportedAt, m.Rows, m.FileName}
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) handleDatasetRowsJSON(w http.ResponseWriter, r *http.Request) {
	offset, err := intParam(r, "offset", 0, 0, math.MaxInt)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	limit, err := intParam(r, "limit", 100, 1, maxAPIRows)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	t, meta, err := s.tableOf(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	cols := make([]string, len(meta.Columns))
	for i, c := range meta.Columns {
		cols[i] = c.Name
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"columns": cols,
		"rows":    datasets.Rows(t, int64(offset), int64(limit)),
		"total":   meta.Rows,
		"offset":  offset,
	})
}

// intParam reads an optional whole-number query parameter within [lo, hi].
func intParam(r *http.Request, key string, def, lo, hi int) (int, error) {
	raw := r.URL.Query().Get(key)
	if raw == "" {
		return def, nil
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < lo || n > hi {
		return 0, faultIn(r, fault.Invalid, "web.param.int", key, lo, hi)
	}
	return n, nil
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

// columnView is one line of the schema table, with its statistics ready to show.
type columnView struct {
	datasets.Column
	SortAsc, SortDesc string // links that sort the preview by this column
	AriaSort          string // "ascending", "descending" or "none"
	Distinct          string
	Summary           []string // « min 3 », « max 10 », « moyenne 5,2 »
	Bars              []bar    // histogram, drawn as SVG rectangles
	Top               []topValue
}

// bar is one rectangle of a histogram in a 100×40 SVG box.
type bar struct {
	X, Y, W, H int
	Title      string
}

type topValue struct {
	Value, Count string
	Width        int // of 60
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
	if int64(offset+len(rows)) < meta.Rows && (sort.Column == "" || offset+2*previewRows <= query.MaxRows) {
		p.Next = p.Base + keep + "offset=" + strconv.Itoa(offset+previewRows)
	}
	return p
}

func newColumnView(lang string, c datasets.Column, base string, sort previewSort) columnView {
	v := columnView{Column: c, AriaSort: "none",
		SortAsc:  base + "sort=" + url.QueryEscape(c.Name),
		SortDesc: base + "sort=" + url.QueryEscape(c.Name) + "&desc=1"}
	if sort.Column == c.Name {
		v.AriaSort = map[bool]string{false: "ascending", true: "descending"}[sort.Desc]
	}
	st := c.Stats
	if st == nil {
		return v
	}
	v.Distinct = localfmt.Int(lang, st.Distinct)
	if st.DistinctAtLeast {
		v.Distinct = translate(lang, "dataset.distinct.atleast", v.Distinct)
	}
	for _, kv := range []struct {
		id  string
		val any
	}{{"dataset.stat.min", st.Min}, {"dataset.stat.max", st.Max}, {"dataset.stat.mean", st.Mean}} {
		if kv.val != nil {
			v.Summary = append(v.Summary, translate(lang, kv.id, statText(lang, kv.val)))
		}
	}
	v.Bars = histogramBars(lang, st.Histogram)
	var most int64
	for _, t := range st.Top {
		most = max(most, t.Count)
	}
	for _, t := range st.Top {
		v.Top = append(v.Top, topValue{Value: t.Value, Count: localfmt.Int(lang, t.Count), Width: int(1 + 59*t.Count/most)})
	}
	return v
}

// statText writes a statistic as formatCell writes a value of lang.
func statText(lang string, v any) string {
	switch v := v.(type) {
	case float64:
		return localfmt.Float(lang, roundTo(v, 4))
	case string:
		return formatCell(lang, v).Text
	}
	return fmt.Sprint(v)
}

// roundTo keeps about n significant decimals: a mean of 20,1666666 reads 20,1667.
func roundTo(f float64, n int) float64 {
	p := math.Pow(10, float64(n))
	if math.Abs(f) >= 1e15 {
		return f
	}
	return math.Round(f*p) / p
}

func histogramBars(lang string, bins []datasets.Bin) []bar {
	var most int64
	for _, b := range bins {
		most = max(most, b.Count)
	}
	if most == 0 || len(bins) == 0 {
		return nil
	}
	w := 100 / len(bins)
	out := make([]bar, len(bins))
	for i, b := range bins {
		h := int(b.Count * 40 / most)
		if b.Count > 0 {
			h = max(h, 1)
		}
		out[i] = bar{X: i * w, Y: 40 - h, W: w - 1, H: h,
			Title: translate(lang, "dataset.bar", statText(lang, b.Lo), statText(lang, b.Hi), localfmt.Int(lang, b.Count))}
	}
	return out
}
