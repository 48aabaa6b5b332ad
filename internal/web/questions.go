package web

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/gorilla/mux"

	"atelier/internal/fault"
	"atelier/notebooks"
	"atelier/notebooks/questions"
)

// A page's questions, answered from the phones: the state of one question, an answer, the
// presenter's open / reveal / close / reset, and the results. The rules (what an answer
// may be, what a round counts) are the questions package's; these handlers parse, check
// who may do what, call it, and announce the change on the page's stream.

// participantCookie names the phone's anonymous id: random, HttpOnly, nothing personal.
const participantCookie = "atelier_participant"

// question returns the question the request names, if the visitor may read its page.
func (s *Server) question(r *http.Request) (*notebooks.QuestionBlock, notebooks.Slug, error) {
	slug := notebooks.Slug(mux.Vars(r)["slug"])
	n, _ := strconv.Atoi(mux.Vars(r)["n"])
	b, st, err := s.pages.Question(r.Context(), slug, n)
	if fault.KindOf(err) == fault.NotFound || (err == nil && !mayRead(r, slug, st.Status, st.ShareKey)) {
		return nil, slug, notebooks.ErrNotFound(slug)
	}
	return b, slug, err
}

// questionView is the JSON of GET /p/{slug}/questions/{n}.
type questionView struct {
	N       int               `json:"n"`
	Kind    string            `json:"kind"`
	Ask     string            `json:"ask"`
	State   string            `json:"state"`
	Choices []string          `json:"choices,omitempty"`
	Answers int               `json:"answers"`
	Unit    string            `json:"unit,omitempty"`
	Min     *float64          `json:"min,omitempty"`
	Max     *float64          `json:"max,omitempty"`
	Labels  []string          `json:"labels,omitempty"`
	Drawn   *questions.Drawn  `json:"drawn,omitempty"`
	Error   string            `json:"error,omitempty"` // a broken block, for the facilitator
	Mine    json.RawMessage   `json:"mine,omitempty"`  // this phone's answer of the round
	Rounds  []questions.Round `json:"rounds,omitempty"`
}

func (s *Server) handleQuestionShow(w http.ResponseWriter, r *http.Request) {
	b, slug, err := s.question(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	st, err := s.pages.Answers().StatusOf(r.Context(), string(slug), b.N)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := questionView{N: b.N, State: st.State, Answers: st.Answers}
	if b.Err != nil {
		v.Error = translate(langOf(r), "q.broken")
	} else {
		q := b.Question
		v.Kind, v.Ask, v.Choices, v.Unit, v.Min, v.Max, v.Labels, v.Drawn = q.Kind, q.Ask, q.Choices, q.Unit, q.Min, q.Max, q.Labels, b.Drawn
	}
	if _, loggedIn := userOf(r); loggedIn {
		if msg, ok := fault.Message(b.Err); ok {
			v.Error = msg
		}
		v.Rounds, _ = s.pages.Answers().Rounds(r.Context(), string(slug), b.N)
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, v)
}

// handleQuestionAnswer takes a phone's answer, as JSON {"value": …} or as the page's plain
// form (a browser without script), which is sent back to the page.
func (s *Server) handleQuestionAnswer(w http.ResponseWriter, r *http.Request) {
	b, slug, err := s.question(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	participant := participantOf(r)
	if wait := s.answerLimit.take(clientAddress(r), participant, time.Now()); wait > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(int(wait.Seconds()+1)))
		s.fail(w, r, faultIn(r, fault.TooManyRequests, "q.toomany"))
		return
	}
	if b.Err != nil {
		s.fail(w, r, faultIn(r, fault.Conflict, "q.notopen"))
		return
	}
	form := isForm(r)
	raw, err := s.readAnswer(w, r, b.Question, form)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	value, err := b.Question.Check(raw, b.Drawn)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if participant == "" {
		participant = newParticipant()
		http.SetCookie(w, &http.Cookie{Name: participantCookie, Value: participant, Path: "/", HttpOnly: true,
			SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil, MaxAge: 365 * 24 * 3600})
	}
	if err := s.pages.Answers().Answer(r.Context(), string(slug), b.N, participant, value); err != nil {
		s.fail(w, r, wrapAnswer(r, err))
		return
	}
	s.countChanged(string(slug), b.N)
	if form {
		http.Redirect(w, r, "/p/"+string(slug)+"?repondu="+strconv.Itoa(b.N)+"#question-"+strconv.Itoa(b.N), http.StatusSeeOther)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, map[string]any{"n": b.N, "state": questions.Open, "value": value})
}

// wrapAnswer speaks the visitor's language for the one refusal every phone meets.
func wrapAnswer(r *http.Request, err error) error {
	if fault.KindOf(err) == fault.Conflict {
		return wrapIn(r, fault.Conflict, err, "q.notopen")
	}
	return err
}

func isForm(r *http.Request) bool {
	return strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded")
}

func (s *Server) readAnswer(w http.ResponseWriter, r *http.Request, q *questions.Question, form bool) (json.RawMessage, error) {
	r.Body = http.MaxBytesReader(w, r.Body, questions.MaxValueBytes+256)
	if form {
		if err := r.ParseForm(); err != nil {
			return nil, faultIn(r, fault.Invalid, "q.unreadable")
		}
		return q.FromForm(r.PostForm), nil
	}
	var body struct {
		Value json.RawMessage `json:"value"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil || len(body.Value) == 0 {
		return nil, faultIn(r, fault.Invalid, "q.unreadable")
	}
	return body.Value, nil
}

func participantOf(r *http.Request) string {
	c, err := r.Cookie(participantCookie)
	if err != nil || len(c.Value) != 22 || strings.Trim(c.Value, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") != "" {
		return ""
	}
	return c.Value
}

func newParticipant() string {
	b := make([]byte, 16)
	rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
