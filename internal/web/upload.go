package web

import (
	"errors"
	"io"
	"mime/multipart"
	"net/http"

	"github.com/gorilla/mux"

	"atelier/internal/fault"
)

// Uploads go in two steps: POST /api/uploads reads the file and answers what was read (the
// review screen); POST /api/uploads/{id} stores it with the facilitator's corrections.

func (s *Server) handleImportPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "import", view{Editor: true, Data: map[string]any{"MaxBytes": s.limits.MaxFileBytes}})
}

// maxUploadParts bounds a multipart form: one file and a few fields, never 50,000 parts.
const maxUploadParts = 8

func (s *Server) handleUpload(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, s.limits.MaxFileBytes+64<<10)
	name, body, err := readUploadedFile(r, s.limits.MaxFileBytes)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	rv, err := s.datasets.Stage(r.Context(), name, body)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	answer, err := s.reviewWithRecipe(r.Context(), rv, "")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, answer)
}

// readUploadedFile returns the form's "file" part, reading parts one by one so that a form
// with thousands of parts is refused early instead of parsed whole.
func readUploadedFile(r *http.Request, max int64) (string, []byte, error) {
	mr, err := r.MultipartReader()
	if err != nil {
		return "", nil, faultIn(r, fault.Invalid, "web.upload.multipart")
	}
	for i := 0; i < maxUploadParts; i++ {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return "", nil, uploadFault(r, err, max)
		}
		if part.FormName() != "file" {
			part.Close()
			continue
		}
		body, err := io.ReadAll(io.LimitReader(part, max+1))
		if err != nil {
			return "", nil, uploadFault(r, err, max)
		}
		if int64(len(body)) > max {
			return "", nil, faultIn(r, fault.TooLarge, "web.upload.toolarge", localBytes(langOf(r), max))
		}
		return part.FileName(), body, nil
	}
	return "", nil, faultIn(r, fault.Invalid, "web.upload.nofile")
}

func uploadFault(r *http.Request, err error, max int64) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return faultIn(r, fault.TooLarge, "web.upload.toolarge", localBytes(langOf(r), max))
	}
	if errors.Is(err, multipart.ErrMessageTooLarge) {
		return faultIn(r, fault.TooLarge, "web.upload.form")
	}
	return wrapIn(r, fault.Invalid, err, "web.upload.cut")
}

func (s *Server) handleUploadConfirm(w http.ResponseWriter, r *http.Request) {
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
	if err := s.pinPages(r, req.Name, body.Pin); err != nil {
		s.fail(w, r, err)
		return
	}
	meta, err := s.datasets.ImportStaged(r.Context(), mux.Vars(r)["id"], req)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, meta)
}
