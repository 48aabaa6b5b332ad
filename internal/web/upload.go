package web

import (
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"strconv"
	"time"

	"github.com/gorilla/mux"

	"atelier/datasets"
	"atelier/internal/fault"
	"atelier/internal/localfmt"
)

// Uploads go in two steps: POST /api/uploads reads the file and answers what was read (the
// review screen); POST /api/uploads/{id} stores it with the facilitator's corrections.

func (s *Server) handleImportPage(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "import", view{Editor: true, Data: map[string]any{"MaxBytes": s.limits.MaxFileBytes}})
}

// maxUploadParts bounds a multipart form: one file and a few fields, never 50,000 parts.
const maxUploadParts = 8

// uploadRetryAfter is what a facilitator turned away by the bound on uploads is told to wait.
const uploadRetryAfter = 10 * time.Second

// handleUpload stages the form's file as it arrives: its bytes go to disk, never whole into
// memory (see datasets.StageFrom), and at most cap(s.uploads) are read at once.
func (s *Server) handleUpload(w http.ResponseWriter, r *http.Request) {
	if !s.takeUploadSlot(w, r) {
		return
	}
	defer s.releaseUploadSlot()
	r.Body = http.MaxBytesReader(w, r.Body, s.limits.MaxFileBytes+64<<10)
	part, err := uploadedFile(r, s.limits.MaxFileBytes)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	rv, err := s.datasets.StageFrom(r.Context(), part.FileName(), uploadReader{r: r, part: part, max: s.limits.MaxFileBytes}, datasets.ReadOptions{})
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

// takeUploadSlot takes one of the slots of files read at once (uploads, and files fetched
// from a portal), or answers 503 with Retry-After and reports false.
func (s *Server) takeUploadSlot(w http.ResponseWriter, r *http.Request) bool {
	select {
	case s.uploads <- struct{}{}:
		return true
	default:
		w.Header().Set("Retry-After", strconv.Itoa(int(uploadRetryAfter.Seconds())))
		s.answerError(w, r, http.StatusServiceUnavailable, translate(langOf(r), "access.upload.busy", int(uploadRetryAfter.Seconds())))
		return false
	}
}

func (s *Server) releaseUploadSlot() { <-s.uploads }

// uploadedFile returns the form's "file" part, reading parts one by one so that a form with
// thousands of parts is refused early instead of parsed whole.
func uploadedFile(r *http.Request, max int64) (*multipart.Part, error) {
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, faultIn(r, fault.Invalid, "web.upload.multipart")
	}
	for i := 0; i < maxUploadParts; i++ {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, uploadFault(r, err, max)
		}
		if part.FormName() == "file" {
			return part, nil
		}
		part.Close()
	}
	return nil, faultIn(r, fault.Invalid, "web.upload.nofile")
}

// uploadReader reads the file part, turning a cut upload or one over the HTTP limit into
// the message the facilitator reads.
type uploadReader struct {
	r    *http.Request
	part *multipart.Part
	max  int64
}

func (u uploadReader) Read(p []byte) (int, error) {
	n, err := u.part.Read(p)
	if err != nil && !errors.Is(err, io.EOF) {
		err = uploadFault(u.r, err, u.max)
	}
	return n, err
}

func uploadFault(r *http.Request, err error, max int64) error {
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return faultIn(r, fault.TooLarge, "web.upload.toolarge", localfmt.Bytes(langOf(r), max))
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
