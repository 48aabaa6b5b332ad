package questions_test

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"

	"atelier/internal/database"
	"atelier/internal/fault"
	"atelier/notebooks/questions"
)

func openStore(t *testing.T) *questions.Store {
	t.Helper()
	db, err := database.Open(context.Background(), filepath.Join(t.TempDir(), "a.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	s, err := questions.OpenStore(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestAnswersRacingTheRevealAreCountedOnceOrRefused: 300 phones answer (some twice) while
// the presenter reveals; every accepted answer is counted once, every later one refused.
func TestAnswersRacingTheRevealAreCountedOnceOrRefused(t *testing.T) {
	ctx := context.Background()
	s := openStore(t)
	if _, err := s.Change(ctx, "p", 1, "Combien ?", "open"); err != nil {
		t.Fatal(err)
	}
	var accepted atomic.Int64
	var wg sync.WaitGroup
	accept := make([]bool, 300)
	for i := range 300 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 2 { // answering again replaces
				err := s.Answer(ctx, "p", 1, fmt.Sprintf("phone-%03d", i), json.RawMessage(fmt.Sprint(i)))
				switch {
				case err == nil:
					accept[i] = true
				case fault.KindOf(err) != fault.Conflict:
					t.Errorf("answer: %v", err)
				}
			}
		}()
		if i == 150 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if _, err := s.Change(ctx, "p", 1, "Combien ?", "reveal"); err != nil {
					t.Error(err)
				}
			}()
		}
	}
	wg.Wait()
	for _, ok := range accept {
		if ok {
			accepted.Add(1)
		}
	}
	st, err := s.StatusOf(ctx, "p", 1)
	if err != nil {
		t.Fatal(err)
	}
	if st.State != questions.Revealed || int64(st.Answers) != accepted.Load() {
		t.Errorf("state %s, %d counted, %d phones accepted", st.State, st.Answers, accepted.Load())
	}
	if err := s.Answer(ctx, "p", 1, "late", json.RawMessage("1")); fault.KindOf(err) != fault.Conflict {
		t.Errorf("an answer after the reveal: %v", err)
	}
}
