package questions

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"strconv"
	"strings"
	"time"
)

// Round is one opening of a question, for the facilitators' history.
type Round struct {
	ID         int64     `json:"id"`
	Ask        string    `json:"ask"`
	OpenedAt   time.Time `json:"opened_at"`
	RevealedAt time.Time `json:"revealed_at,omitzero"`
	ClosedAt   time.Time `json:"closed_at,omitzero"`
	Reset      bool      `json:"reset,omitempty"`
	Answers    int       `json:"answers"`
}

// Rounds lists a question's rounds, the latest first.
func (s *Store) Rounds(ctx context.Context, slug string, n int) ([]Round, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT r.id, r.ask, r.opened_at, r.revealed_at, r.closed_at, r.reset,
		(SELECT count(*) FROM question_answers a WHERE a.round = r.id)
		FROM question_rounds r WHERE r.slug = ? AND r.n = ? ORDER BY r.id DESC`, slug, n)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []Round
	for rows.Next() {
		var r Round
		var opened string
		var revealed, closed sql.NullString
		if err := rows.Scan(&r.ID, &r.Ask, &opened, &revealed, &closed, &r.Reset, &r.Answers); err != nil {
			return nil, err
		}
		r.OpenedAt, _ = time.Parse(stamp, opened)
		r.RevealedAt, _ = time.Parse(stamp, revealed.String)
		r.ClosedAt, _ = time.Parse(stamp, closed.String)
		out = append(out, r)
	}
	return out, rows.Err()
}

// DatasetCSV writes every counted answer given on the page's questions as a CSV file, one
// row per answer: question number, round date, the value(s) as text, the number when the
// answer is one, and the minute it came. No participant id, no address. It reports the rows.
// Rounds still open are left out: their answers are not final. asked gives the page's
// questions by number, to write a split with its parts' names; a missing one writes the
// values bare.
func (s *Store) DatasetCSV(ctx context.Context, slug string, asked map[int]*Question) ([]byte, int, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT r.n, r.opened_at, a.value, a.answered_at
		FROM question_answers a JOIN question_rounds r ON r.id = a.round
		LEFT JOIN question_state q ON q.round = r.id AND q.state = 'open'
		WHERE r.slug = ? AND r.reset = 0 AND q.round IS NULL
		ORDER BY r.n, r.id, a.answered_at`, slug)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	w.Write([]string{"question", "tour", "reponse", "nombre", "minute"})
	count := 0
	for rows.Next() {
		var n int
		var opened, value, at string
		if err := rows.Scan(&n, &opened, &value, &at); err != nil {
			return nil, 0, err
		}
		text, num := asked[n].Text(json.RawMessage(value))
		w.Write([]string{strconv.Itoa(n), day(opened, time.DateOnly), text, num, day(at, "2006-01-02 15:04")})
		count++
	}
	w.Flush()
	return buf.Bytes(), count, rows.Err()
}

func day(ts, layout string) string {
	t, err := time.Parse(stamp, ts)
	if err != nil {
		return ""
	}
	return t.Local().Format(layout)
}

// Text is a stored answer as text, and as a number when it is one; a split names its parts
// (« Istres 50 | Martigues 25 »). q may be nil.
func (q *Question) Text(v json.RawMessage) (string, string) {
	var parts []float64
	if q != nil && q.Kind == "share" && json.Unmarshal(v, &parts) == nil && len(parts) == len(q.Choices) {
		out := make([]string, len(parts))
		for i, p := range parts {
			out[i] = q.Choices[i] + " " + strconv.FormatFloat(p, 'f', -1, 64)
		}
		return strings.Join(out, " | "), ""
	}
	return valueText(v)
}

func valueText(v json.RawMessage) (string, string) {
	var f float64
	if json.Unmarshal(v, &f) == nil {
		s := strconv.FormatFloat(f, 'f', -1, 64)
		return s, s
	}
	var s string
	if json.Unmarshal(v, &s) == nil {
		return s, ""
	}
	var list []any
	if json.Unmarshal(v, &list) == nil {
		parts := make([]string, len(list))
		for i, x := range list {
			switch x := x.(type) {
			case float64:
				parts[i] = strconv.FormatFloat(x, 'f', -1, 64)
			default:
				parts[i], _ = x.(string)
			}
		}
		return strings.Join(parts, " | "), ""
	}
	return string(v), ""
}
