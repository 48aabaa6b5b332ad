package questions

import (
	"context"
	"encoding/json"

	"atelier/internal/fault"
)

// Answer records a participant's answer (Check's output) if the question is open, replacing
// the participant's earlier answer of the round. The write is one statement, so that a
// reveal cannot slip between the check and the write. A question that is not open: Conflict.
//
// Answers that arrive together are written together, in one transaction (a group commit):
// SQLite takes one writer at a time, and 500 phones answering within a second would
// otherwise queue behind each other's commits and busy waits.
func (s *Store) Answer(ctx context.Context, slug string, n int, participant string, value json.RawMessage) error {
	req := &answerReq{slug: slug, n: n, participant: participant, value: string(value),
		at: s.Now().UTC().Format(stamp), done: make(chan error, 1)}
	s.queueMu.Lock()
	s.queue = append(s.queue, req)
	leader := !s.flushing
	s.flushing = true
	s.queueMu.Unlock()
	if leader {
		s.flush()
	}
	select {
	case err := <-req.done:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

type answerReq struct {
	slug, participant, value, at string
	n                            int
	done                         chan error
}

// flush writes the queued answers, batch after batch, until none is left.
func (s *Store) flush() {
	for {
		s.queueMu.Lock()
		batch := s.queue
		s.queue = nil
		if len(batch) == 0 {
			s.flushing = false
			s.queueMu.Unlock()
			return
		}
		s.queueMu.Unlock()
		s.writeBatch(batch)
	}
}

func (s *Store) writeBatch(batch []*answerReq) {
	errs := make([]error, len(batch))
	err := func() error {
		tx, err := s.db.BeginTx(context.Background(), nil)
		if err != nil {
			return err
		}
		defer tx.Rollback()
		stmt, err := tx.Prepare(`INSERT INTO question_answers (round, participant, value, answered_at)
			SELECT round, ?, ?, ? FROM question_state WHERE slug = ? AND n = ? AND state = 'open'
			ON CONFLICT (round, participant) DO UPDATE SET value = excluded.value, answered_at = excluded.answered_at`)
		if err != nil {
			return err
		}
		defer stmt.Close()
		for i, a := range batch {
			res, err := stmt.Exec(a.participant, a.value, a.at, a.slug, a.n)
			if err != nil {
				return err
			}
			if k, _ := res.RowsAffected(); k == 0 {
				errs[i] = fault.New(fault.Conflict, "cette question n'est pas ouverte aux réponses pour l'instant")
			}
		}
		return tx.Commit()
	}()
	for i, a := range batch {
		if err != nil {
			errs[i] = err
		}
		a.done <- errs[i]
	}
}
