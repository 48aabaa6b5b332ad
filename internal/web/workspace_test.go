package web_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"os"
	"strings"
	"testing"

	"atelier/internal/web"
)

// loggedIn is a facilitator's client on a fresh test server.
func loggedIn(t *testing.T) *client { return loggedInTB(t) }

// loggedInTB is loggedIn for tests and benchmarks; options change the server's Deps.
func loggedInTB(t testing.TB, options ...func(*web.Deps)) *client {
	t.Helper()
	_, ts := newTestApp(t, options...)
	c := newClient(t, ts)
	if resp := c.login(testEmail, testPassword, "/"); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("login = %d", resp.StatusCode)
	}
	return c
}

func TestWorkspaceNeedsLogin(t *testing.T) {
	ts := newTestServer(t)
	c := newClient(t, ts)
	resp, _ := c.do("GET", "/atelier", "")
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/login?next=/atelier" {
		t.Errorf("anonymous /atelier = %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	for _, call := range [][2]string{{"POST", "/api/preview"}, {"POST", "/api/uploads"}, {"DELETE", "/api/pages/martigues-en-chiffres"},
		{"POST", "/api/pages/martigues-en-chiffres/status"}, {"GET", "/api/pages/martigues-en-chiffres/revisions"}} {
		if resp, _ := c.do(call[0], call[1], "{}"); resp.StatusCode != 401 {
			t.Errorf("anonymous %s %s = %d; want 401", call[0], call[1], resp.StatusCode)
		}
	}
}

func TestPreviewReportsProblemsOnPageLines(t *testing.T) {
	c := loggedIn(t)
	md := "# Titre\n\n```chart\ntype: bar\ndata: population-communes\nx: libgeo\ny: sum(p21_popp)\n```\n"
	body, _ := json.Marshal(map[string]string{"markdown": md})
	resp, text := c.do("POST", "/api/preview", string(body))
	var got struct {
		Title    string
		HTML     string
		Problems []struct {
			Chart, Line int
			Message     string
		}
	}
	json.Unmarshal([]byte(text), &got)
	if resp.StatusCode != 200 || got.Title != "Titre" || len(got.Problems) != 1 || got.Problems[0].Line != 7 ||
		!strings.Contains(got.Problems[0].Message, "p21_pop") || !strings.Contains(got.HTML, "chart-error") {
		t.Errorf("preview = %d %+v", resp.StatusCode, got)
	}
}

func TestStatusDeleteUndeleteAndRevisions(t *testing.T) {
	c := loggedIn(t)
	slug := "/api/pages/martigues-en-chiffres"
	if resp, _ := c.do("POST", slug+"/status", `{"status": "draft"}`); resp.StatusCode != 200 {
		t.Fatalf("status = %d", resp.StatusCode)
	}
	anon := newClient(t, c.ts)
	if resp, _ := anon.do("GET", "/p/martigues-en-chiffres", ""); resp.StatusCode != 404 {
		t.Errorf("an unpublished page is still public: %d", resp.StatusCode)
	}
	if resp, _ := c.do("POST", slug+"/status", `{"status": "secret"}`); resp.StatusCode != 400 {
		t.Errorf("unknown status = %d; want 400", resp.StatusCode)
	}
	resp, text := c.do("DELETE", slug, "")
	if resp.StatusCode != 200 || !strings.Contains(text, "/undelete") {
		t.Fatalf("delete = %d %s", resp.StatusCode, text)
	}
	if resp, _ := c.do("GET", "/p/martigues-en-chiffres", ""); resp.StatusCode != 404 {
		t.Errorf("a deleted page still shows: %d", resp.StatusCode)
	}
	if resp, _ := c.do("POST", slug+"/undelete", ""); resp.StatusCode != 200 {
		t.Errorf("undelete = %d", resp.StatusCode)
	}
	resp, text = c.do("GET", slug+"/revisions", "")
	if resp.StatusCode != 200 || !strings.Contains(text, `"revision": 1`) || !strings.Contains(text, `"author": "démo"`) {
		t.Errorf("revisions = %d %s", resp.StatusCode, text)
	}
	resp, text = c.do("GET", slug+"/revisions/1", "")
	if resp.StatusCode != 200 || !strings.Contains(text, "```chart") {
		t.Errorf("revision 1 = %d", resp.StatusCode)
	}
}

func multipartBody(t *testing.T, field, name string, content []byte, extraParts int) (string, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for i := 0; i < extraParts; i++ {
		mw.WriteField(fmt.Sprintf("f%d", i), "x")
	}
	fw, _ := mw.CreateFormFile(field, name)
	fw.Write(content)
	mw.Close()
	return buf.String(), mw.FormDataContentType()
}

func TestUploadReviewThenConfirm(t *testing.T) {
	c := loggedIn(t)
	csv, err := os.ReadFile("../demo/files/municipales-2014-t1-13.csv")
	if err != nil {
		t.Fatal(err)
	}
	body, ctype := multipartBody(t, "file", "13.csv", csv, 0)
	resp, text := c.do("POST", "/api/uploads", body, "Content-Type", ctype)
	if resp.StatusCode != 200 {
		t.Fatalf("upload = %d %s", resp.StatusCode, text)
	}
	var rv struct {
		ID, Encoding, Delimiter string
		Rows                    int
		Warnings                []struct{ Line int }
	}
	json.Unmarshal([]byte(text), &rv)
	if rv.Rows != 575 || rv.Encoding != "Windows-1252" || rv.Delimiter != "," || len(rv.Warnings) == 0 {
		t.Errorf("review = %+v", rv)
	}
	resp, text = c.do("POST", "/api/uploads/"+rv.ID, `{"name": "municipales", "title": "Municipales 2014", "licence": "Licence Ouverte 2.0"}`)
	if resp.StatusCode != 201 || !strings.Contains(text, `"version": 1`) {
		t.Fatalf("confirm = %d %s", resp.StatusCode, text)
	}
	if resp, _ := c.do("GET", "/datasets/municipales", ""); resp.StatusCode != 200 {
		t.Errorf("the imported dataset has no page: %d", resp.StatusCode)
	}
	if resp, _ := c.do("POST", "/api/uploads/"+rv.ID, `{"name": "municipales"}`); resp.StatusCode != 404 {
		t.Errorf("confirming twice = %d; want 404", resp.StatusCode)
	}
}

func TestUploadRefusals(t *testing.T) {
	c := loggedIn(t)
	png, ctype := multipartBody(t, "file", "photo.csv", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), 0)
	if resp, text := c.do("POST", "/api/uploads", png, "Content-Type", ctype); resp.StatusCode != 415 || !strings.Contains(text, "PNG") {
		t.Errorf("PNG upload = %d %s", resp.StatusCode, text)
	}
	many, ctype := multipartBody(t, "file", "a.csv", []byte("a;b\n1;2\n"), 50_000)
	if resp, _ := c.do("POST", "/api/uploads", many, "Content-Type", ctype); resp.StatusCode != 400 {
		t.Errorf("50,000 parts = %d; want 400", resp.StatusCode)
	}
	if resp, _ := c.do("POST", "/api/uploads", "a;b", "Content-Type", "text/csv"); resp.StatusCode != 400 {
		t.Errorf("not multipart = %d; want 400", resp.StatusCode)
	}
	empty, ctype := multipartBody(t, "file", "vide.csv", nil, 0)
	if resp, text := c.do("POST", "/api/uploads", empty, "Content-Type", ctype); resp.StatusCode != 422 || !strings.Contains(text, "vide") {
		t.Errorf("empty file = %d %s", resp.StatusCode, text)
	}
	if resp, _ := c.do("POST", "/api/uploads/"+strings.Repeat("a", 32), `{"name": "bad name!"}`); resp.StatusCode != 400 {
		t.Errorf("bad dataset name = %d; want 400", resp.StatusCode)
	}
}

func TestUploadConfirmAppliesRenamesAndTypes(t *testing.T) {
	c := loggedIn(t)
	body, ctype := multipartBody(t, "file", "budget.csv", []byte("quartier;code\nJonquières;01\nL'Île;02\n"), 0)
	_, text := c.do("POST", "/api/uploads", body, "Content-Type", ctype)
	var rv struct{ ID string }
	json.Unmarshal([]byte(text), &rv)
	resp, text := c.do("POST", "/api/uploads/"+rv.ID, `{"name": "budget", "columns": [{"name": "code", "new_name": "numero", "type": "int64"}]}`)
	if resp.StatusCode != 201 || !strings.Contains(text, `"name": "numero"`) || !strings.Contains(text, `"type": "int64"`) {
		t.Errorf("confirm with changes = %d %s", resp.StatusCode, text)
	}
	_, text = c.do("POST", "/api/uploads", body, "Content-Type", ctype)
	json.Unmarshal([]byte(text), &rv)
	resp, text = c.do("POST", "/api/uploads/"+rv.ID, `{"name": "budget2", "columns": [{"name": "quartier", "type": "int64"}]}`)
	if resp.StatusCode/100 != 4 || !strings.Contains(text, "quartier") {
		t.Errorf("an impossible conversion = %d %s; want a 4xx naming the column", resp.StatusCode, text)
	}
}

func TestAnonymousVisitorsSeeOnlyTheDatasetsOfPublicPages(t *testing.T) {
	c := loggedIn(t)
	body, ctype := multipartBody(t, "file", "interne.csv", []byte("a;b\n1;2\n"), 0)
	_, text := c.do("POST", "/api/uploads", body, "Content-Type", ctype)
	var rv struct{ ID string }
	json.Unmarshal([]byte(text), &rv)
	c.do("POST", "/api/uploads/"+rv.ID, `{"name": "interne"}`)
	anon := newClient(t, c.ts)
	for _, path := range []string{"/datasets/interne", "/api/datasets/interne", "/api/datasets/interne/rows", "/datasets/interne/csv", "/datasets/interne/original"} {
		if resp, _ := anon.do("GET", path, ""); resp.StatusCode != 404 {
			t.Errorf("anonymous GET %s = %d; want 404", path, resp.StatusCode)
		}
		if resp, _ := c.do("GET", path, ""); resp.StatusCode != 200 {
			t.Errorf("facilitator GET %s = %d; want 200", path, resp.StatusCode)
		}
	}
	for _, path := range []string{"/datasets", "/api/datasets"} {
		_, list := anon.do("GET", path, "")
		if strings.Contains(list, "interne") || !strings.Contains(list, "population-communes") {
			t.Errorf("anonymous %s lists the wrong datasets", path)
		}
	}
	if resp, _ := anon.do("GET", "/datasets/communes-13", ""); resp.StatusCode != 200 {
		t.Errorf("the shapes of a public map are hidden: %d", resp.StatusCode)
	}
}

func TestUpdateFromTheSourceURLIsCheckedLikeAnImport(t *testing.T) {
	c := loggedIn(t)
	body, ctype := multipartBody(t, "file", "a.csv", []byte("a;b\n1;2\n"), 0)
	_, text := c.do("POST", "/api/uploads", body, "Content-Type", ctype)
	var rv struct{ ID string }
	json.Unmarshal([]byte(text), &rv)
	c.do("POST", "/api/uploads/"+rv.ID, `{"name": "sans-adresse"}`)
	if resp, text := c.do("POST", "/datasets/sans-adresse/mettre-a-jour", ""); resp.StatusCode != 400 || !strings.Contains(text, "adresse") {
		t.Errorf("update without a source address = %d", resp.StatusCode)
	}
	_, text = c.do("POST", "/api/uploads", body, "Content-Type", ctype)
	json.Unmarshal([]byte(text), &rv)
	c.do("POST", "/api/uploads/"+rv.ID, `{"name": "interne", "source_url": "http://169.254.169.254/latest/meta-data"}`)
	resp, text := c.do("POST", "/datasets/interne/mettre-a-jour", "")
	if resp.StatusCode/100 != 4 || strings.Contains(text, "ami-") {
		t.Errorf("update from a link-local address = %d %s; want a refusal", resp.StatusCode, text)
	}
	if resp, _ := newClient(t, c.ts).do("POST", "/datasets/interne/mettre-a-jour", ""); resp.StatusCode != 401 {
		t.Errorf("anonymous update = %d", resp.StatusCode)
	}
}

func TestAFacilitatorCorrectsAColumnAsANewVersion(t *testing.T) {
	c := loggedIn(t)
	_, page := c.do("GET", "/datasets/municipales-2014-bouches-du-rhone", "")
	if !strings.Contains(page, `action="/datasets/municipales-2014-bouches-du-rhone/colonne"`) {
		t.Fatal("no « Modifier » form for a facilitator")
	}
	resp, _ := c.do("POST", "/datasets/municipales-2014-bouches-du-rhone/colonne", "column=nb_voix&new_name=voix&type=float64")
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("change = %d", resp.StatusCode)
	}
	_, text := c.do("GET", "/api/datasets/municipales-2014-bouches-du-rhone", "")
	if !strings.Contains(text, `"version": 2`) || !strings.Contains(text, `"name": "voix"`) || !strings.Contains(text, `"type": "float64"`) {
		t.Errorf("after the change: %s", text[:min(len(text), 600)])
	}
	// The demo page's pie drew from nb_voix: residents see a discreet notice in its place;
	// the facilitator's presenter view names the missing column.
	_, shown := newClient(t, c.ts).do("GET", "/p/martigues-en-chiffres", "")
	if !strings.Contains(shown, "chart-error") || !strings.Contains(shown, "Graphique indisponible") {
		t.Error("the page that used the renamed column does not say so")
	}
	if _, deck := c.do("GET", "/p/martigues-en-chiffres/present?presenter=1", ""); !strings.Contains(deck, "nb_voix") {
		t.Error("the presenter view does not name the missing column")
	}
	resp, text = c.do("POST", "/datasets/municipales-2014-bouches-du-rhone/colonne", "column=nom&type=int64")
	if resp.StatusCode/100 != 4 || !strings.Contains(text, "nom") {
		t.Errorf("an impossible conversion = %d", resp.StatusCode)
	}
	if _, anonPage := newClient(t, c.ts).do("GET", "/datasets/municipales-2014-bouches-du-rhone", ""); strings.Contains(anonPage, "/colonne") {
		t.Error("anonymous visitors see the « Modifier » form")
	}
}
