package web_test

import "testing"

func TestAnOpenQuestionSurvivesARestart(t *testing.T) {
	dir := t.TempDir()
	_, ts, stop := serveDataDir(t, dir)
	c := newClient(t, ts)
	c.login(testEmail, testPassword, "/")
	setState(t, c, "2", "open")
	p := newPhone(t, ts)
	if status, body := p.answer("2", `"Istres"`); status != 200 {
		t.Fatalf("answer = %d %s", status, body)
	}
	stop()

	_, ts, stop = serveDataDir(t, dir)
	defer stop()
	p.ts = ts // the same phone, its cookie kept, on the restarted server
	if q := p.get(quiz + "/questions/2"); q["state"] != "open" || q["answers"] != 1.0 {
		t.Fatalf("after the restart: %v", q)
	}
	if status, _ := p.answer("2", `"Martigues"`); status != 200 {
		t.Fatal("answer after the restart refused")
	}
	if q := p.get(quiz + "/questions/2"); q["answers"] != 1.0 {
		t.Errorf("the phone's answer was counted twice across the restart: %v", q)
	}
}
