package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"

	"atelier/internal/fault"
	"atelier/notebooks"
	"atelier/notebooks/questions"
)

// handleQuestionState is the presenter's open, reveal, close or reset, as JSON {"state": …}
// or as a form field `state` (the presenter's buttons work without script too).
func (s *Server) handleQuestionState(w http.ResponseWriter, r *http.Request) {
	b, slug, err := s.question(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	action, form := "", isForm(r)
	r.Body = http.MaxBytesReader(w, r.Body, 1<<10)
	if form {
		action = r.PostFormValue("state")
	} else {
		var body struct {
			State string `json:"state"`
		}
		json.NewDecoder(r.Body).Decode(&body)
		action = body.State
	}
	if b.Err != nil && action == "open" {
		msg, _ := fault.Message(b.Err)
		s.fail(w, r, fault.New(fault.Invalid, "%s", msg))
		return
	}
	ask := ""
	if b.Question != nil {
		ask = b.Question.Ask
	}
	st, err := s.pages.Answers().Change(r.Context(), string(slug), b.N, ask, action)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.announceState(r.Context(), slug, b, st, action)
	if st.State == questions.Closed {
		if err := s.publishAnswers(r.Context(), slug); err != nil {
			s.log.Error("answers not published as a dataset", "slug", slug, "err", err)
		}
	}
	if form {
		http.Redirect(w, r, backTo(r, "/p/"+string(slug)+"/present?presenter=1"), http.StatusSeeOther)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"n": b.N, "state": st.State, "answers": st.Answers, "round": st.Round})
}

// announceState tells the page's stream what the presenter did; a reveal carries the
// public results, so that every phone draws them without asking.
func (s *Server) announceState(ctx context.Context, slug notebooks.Slug, b *notebooks.QuestionBlock, st questions.Status, action string) {
	event := map[string]any{"n": b.N, "state": st.State, "answers": st.Answers}
	switch action {
	case "open":
		s.announceQuestion(string(slug), "opened", event)
	case "reveal":
		if res, err := s.results(ctx, slug, b, st); err == nil && res != nil {
			event["results"] = res.Public()
		}
		s.announceQuestion(string(slug), "revealed", event)
	default:
		event["reset"] = action == "reset"
		s.announceQuestion(string(slug), "closed", event)
	}
}

// results tallies the question's current round; nil before any round or after a reset.
func (s *Server) results(ctx context.Context, slug notebooks.Slug, b *notebooks.QuestionBlock, st questions.Status) (*questions.Results, error) {
	if st.Round == 0 || b.Question == nil {
		return nil, nil
	}
	vals, err := s.pages.Answers().Values(ctx, st.Round)
	if err != nil {
		return nil, err
	}
	hidden, err := s.pages.Answers().Hidden(ctx, string(slug), b.N)
	if err != nil {
		return nil, err
	}
	if st.Reset {
		vals = nil // a reset round: its answers stay in the history, but no longer count
	}
	return b.Question.Tally(vals, b.Truth, b.Drawn, hidden)
}

// handleQuestionResults gives the count to anyone who may read the page, and the
// distribution and the truth once revealed, or to a facilitator at any time.
func (s *Server) handleQuestionResults(w http.ResponseWriter, r *http.Request) {
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
	out := map[string]any{"n": b.N, "state": st.State, "answers": st.Answers, "revealed": st.Revealed}
	_, loggedIn := userOf(r)
	if tour := r.URL.Query().Get("tour"); tour != "" && loggedIn {
		s.pastRound(w, r, slug, b, tour)
		return
	}
	if st.Revealed || loggedIn {
		res, err := s.results(r.Context(), slug, b, st)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		if res != nil && !loggedIn {
			res = res.Public()
		}
		if res != nil {
			out["results"] = res
			out["truth"] = res.Truth
		}
	}
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, out)
}

// handleQuestionWord hides a word of a words question from the wall and the phones, or
// shows it again: {"word": "…", "hidden": true}.
func (s *Server) handleQuestionWord(w http.ResponseWriter, r *http.Request) {
	b, slug, err := s.question(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var body struct {
		Word   string `json:"word"`
		Hidden bool   `json:"hidden"`
	}
	r.Body = http.MaxBytesReader(w, r.Body, 1<<10)
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil || body.Word == "" || b.Question == nil || b.Question.Kind != "words" {
		s.fail(w, r, faultIn(r, fault.Invalid, "q.word.invalid"))
		return
	}
	if err := s.pages.Answers().Hide(r.Context(), string(slug), b.N, body.Word, body.Hidden); err != nil {
		s.fail(w, r, err)
		return
	}
	st, err := s.pages.Answers().StatusOf(r.Context(), string(slug), b.N)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if st.Revealed {
		s.announceState(r.Context(), slug, b, st, "reveal") // the wall and the phones redraw the list
	}
	writeJSON(w, http.StatusOK, map[string]any{"n": b.N, "word": body.Word, "hidden": body.Hidden})
}

// pastRound shows a facilitator the results of one earlier round (?tour=ID, the id listed in
// GET /p/{slug}/questions/{n}), a reset one included: the next meeting compares with the last.
func (s *Server) pastRound(w http.ResponseWriter, r *http.Request, slug notebooks.Slug, b *notebooks.QuestionBlock, tour string) {
	rounds, err := s.pages.Answers().Rounds(r.Context(), string(slug), b.N)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for _, round := range rounds {
		if strconv.FormatInt(round.ID, 10) != tour || b.Question == nil {
			continue
		}
		vals, err := s.pages.Answers().Values(r.Context(), round.ID)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		res, err := b.Question.Tally(vals, b.Truth, b.Drawn, nil)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, map[string]any{"n": b.N, "round": round, "results": res, "truth": res.Truth})
		return
	}
	s.fail(w, r, faultIn(r, fault.NotFound, "q.round.missing", tour))
}

// backTo is where a form sends the facilitator back: the page they came from, if it is one
// of ours, else fallback. Never another site.
func backTo(r *http.Request, fallback string) string {
	u, err := url.Parse(r.Referer())
	if err != nil || u.Host != r.Host || u.Path == "" {
		return fallback
	}
	next := u.Path
	if u.RawQuery != "" {
		next += "?" + u.RawQuery
	}
	if safe := safeNext(next); safe != "/" || next == "/" {
		return safe
	}
	return fallback
}
