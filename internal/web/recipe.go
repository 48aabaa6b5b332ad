package web

import (
	"context"
	"net/http"
	"strings"

	"github.com/gorilla/mux"

	"atelier/datasets"
	"atelier/internal/fault"
	"atelier/notebooks"
)

// The review screen of a file whose name exists shows the dataset's recipe pre-filled and,
// before anything is stored, the update report: what changes, and which charts would
// break. The facilitator may map a column that disappeared to one of the new file (the
// mapping joins the recipe) or keep a page on the current version, then confirm.

// uploadChoices are the facilitator's decisions on the review screen, sent with the report
// request and with the confirmation.
type uploadChoices struct {
	Name        string                  `json:"name"`
	Title       string                  `json:"title"`
	Description string                  `json:"description"`
	Source      string                  `json:"source"`
	SourceURL   string                  `json:"source_url"`
	Licence     string                  `json:"licence"`
	DataDate    string                  `json:"data_date"`
	Sheet       string                  `json:"sheet"`
	Columns     []datasets.ColumnChange `json:"columns"` // renames (mappings included) and type changes
	Labels      []datasets.ColumnLabel  `json:"labels"`
	Pin         []notebooks.Slug        `json:"pin"`       // pages kept on the current version
	KeepRows    bool                    `json:"keep_rows"` // keep the rows the reader left out (totals, blank rows, notes)
}

func (c uploadChoices) request() (datasets.ImportRequest, error) {
	name, err := datasets.ParseName(c.Name)
	if err != nil {
		return datasets.ImportRequest{}, err
	}
	return datasets.ImportRequest{
		Name: name, Title: c.Title, Description: c.Description,
		Source: c.Source, SourceURL: c.SourceURL, Licence: c.Licence,
		DataDate: c.DataDate, Sheet: c.Sheet, Columns: c.Columns, Labels: c.Labels, KeepRows: c.KeepRows,
	}, nil
}

// reviewAnswer is the review with the recipe of the dataset of that name, if it exists,
// for the review screen to pre-fill.
type reviewAnswer struct {
	datasets.Review
	SourceURL string           `json:"source_url,omitempty"`
	Recipe    *datasets.Recipe `json:"recipe,omitempty"`
}

func (s *Server) reviewWithRecipe(ctx context.Context, rv datasets.Review, sourceURL string) (reviewAnswer, error) {
	out := reviewAnswer{Review: rv, SourceURL: sourceURL}
	if !rv.Exists {
		return out, nil
	}
	r, err := s.datasets.Recipe(ctx, rv.Name)
	if err != nil {
		return reviewAnswer{}, err
	}
	out.Recipe = &r
	return out, nil
}

// handleUploadReport answers the update report of a staged file under the choices made so
// far. Nothing is stored.
func (s *Server) handleUploadReport(w http.ResponseWriter, r *http.Request) {
	var body uploadChoices
	if err := decodeJSON(w, r, &body); err != nil {
		s.fail(w, r, err)
		return
	}
	req, err := body.request()
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if _, err := s.datasets.Meta(r.Context(), req.Name, 0); fault.KindOf(err) == fault.NotFound {
		// A new dataset: nothing to compare with, and no need to read the file again.
		writeJSON(w, http.StatusOK, notebooks.Report{Dataset: req.Name, Changes: []string{}, Pages: []notebooks.PageCheck{}, Suggest: map[string]string{}})
		return
	}
	next, err := s.datasets.PreviewStaged(r.Context(), mux.Vars(r)["id"], req)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	defer next.Release()
	report, err := s.pages.ReportFor(r.Context(), s.datasets, next)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, report)
}

// pinPages keeps the pages the facilitator chose on the dataset's current version, before
// the new one becomes current.
func (s *Server) pinPages(r *http.Request, name datasets.Name, slugs []notebooks.Slug) error {
	if len(slugs) == 0 {
		return nil
	}
	cur, err := s.datasets.Meta(r.Context(), name, 0)
	if err != nil {
		return err
	}
	u, _ := userOf(r)
	for _, slug := range slugs {
		if err := s.pages.PinTo(r.Context(), slug, name, cur.Version, u.Email); err != nil {
			return err
		}
	}
	return nil
}

// refuseBreakingUpdate checks « Mettre à jour » as `atelier import` is checked: a new file
// that would break a chart of a page the public reads is not imported; the facilitator
// imports it through the review screen, which shows why and offers the ways out.
func (s *Server) refuseBreakingUpdate(r *http.Request, req datasets.ImportRequest) error {
	next, err := s.datasets.Preview(r.Context(), req)
	if err != nil {
		return err
	}
	defer next.Release()
	report, err := s.pages.ReportFor(r.Context(), s.datasets, next)
	if err != nil {
		return err
	}
	breaking := report.Breaking()
	if len(breaking) == 0 {
		return nil
	}
	titles := make([]string, len(breaking))
	for i, p := range breaking {
		titles[i] = "« " + p.Title + " »"
	}
	return faultIn(r, fault.Conflict, "recipe.update.breaks", strings.Join(titles, ", "))
}
