package web_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestAnEnglishVisitorReadsTheDatasetPages(t *testing.T) {
	ts := newTestServer(t)
	tests := []struct {
		path      string
		header    []string
		want, not []string
	}{
		{"/datasets/population-communes", []string{"Accept-Language", "en-GB,en;q=0.9"},
			[]string{`<html lang="en">`, "Population municipale des communes en 2021 — data — atelier",
				"<dt>Name</dt>", "(version 1)", "<dt>Size</dt><dd>34,995 rows, 3 columns</dd>",
				"(818 KB, Windows-1252, separator: semicolon)", "<dt>Imported on</dt>",
				"Download: <a", ">CSV for Excel</a>", ">the original file</a>", ">the description as JSON</a>",
				"<h2>Columns</h2>", ">Empty values</th>", ">Distinct values</th>", ">Summary</th>", ">Distribution</th>",
				">text</span>", ">whole number</span>", `<td class="num">34,995</td>`, " · mean ",
				`aria-label="Distribution of the values in 10 bins"`, " to ", "<h2>Rows 1 to 100</h2>",
				`title="Sort by “p21_pop”, descending"`, `aria-label="Pages of rows"`, "Next rows →"},
			[]string{"lignes", "Colonnes", "nombre entier", "Télécharger", "point-virgule", "moyenne",
				"Trier par", "Répartition", "Importé le", "Taille", "Ko,", "34\u202f995"}},
		{"/datasets/population-communes?sort=p21_pop&desc=1&offset=100", []string{"Cookie", "atelier_lang=en"},
			[]string{"<h2>Rows 101 to 200 (sorted)</h2>", "← Previous rows", "Next rows →"},
			[]string{"triées", "Lignes précédentes"}},
		{"/datasets", []string{"Accept-Language", "en"},
			[]string{"<title>Data — atelier</title>", "<h1>The datasets</h1>", "34,995 rows · 3 columns · "},
			[]string{"Les jeux de données", "lignes", "colonnes"}},
		{"/datasets/population-communes", []string{"Accept-Language", "fr"},
			[]string{"<dt>Taille</dt><dd>34\u202f995 lignes, 3 colonnes</dd>", "séparateur point-virgule",
				">nombre entier</span>", " · moyenne ", "<h2>Les lignes 1 à 100</h2>", `title="Trier par « p21_pop », décroissant"`},
			[]string{"rows, 3 columns", "whole number", "Download"}},
	}
	for _, tt := range tests {
		resp, body := fetch(t, ts, tt.path, tt.header...)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET %s %v = %d", tt.path, tt.header, resp.StatusCode)
		}
		for _, s := range tt.want {
			if !strings.Contains(body, s) {
				t.Errorf("GET %s %v: body lacks %q", tt.path, tt.header, s)
			}
		}
		for _, s := range tt.not {
			if strings.Contains(body, s) {
				t.Errorf("GET %s %v: body has %q", tt.path, tt.header, s)
			}
		}
	}
}

func TestAnEnglishFacilitatorCorrectsAColumn(t *testing.T) {
	c := loggedIn(t)
	en := []string{"Accept-Language", "en"}
	c.do("POST", "/datasets/municipales-2014-bouches-du-rhone/colonne", "column=nb_voix&new_name=voix&type=float64")
	c.do("POST", "/datasets/municipales-2014-bouches-du-rhone/colonne", "column=nom&new_name=candidat")
	_, body := c.do("GET", "/datasets/municipales-2014-bouches-du-rhone", "", en...)
	for _, s := range []string{
		"Corrections made after reading: “nb_voix” renamed “voix” converted to decimal number; “nom” renamed “candidat”.",
		"<summary>Change</summary>", "New name<br>", `<option value="float64">decimal number</option>`,
		"Save as a new version", "What reading the file noticed:", "<h2>Versions</h2>",
		"<strong>version 3</strong>", `<a href="?version=1">version 1</a> — imported on `, ", 575 rows</li>",
	} {
		if !strings.Contains(body, s) {
			t.Errorf("English dataset page, logged in: lacks %q", s)
		}
	}
	_, body = c.do("GET", "/datasets/municipales-2014-bouches-du-rhone", "")
	for _, s := range []string{
		"Corrections apportées après la lecture : « nb_voix » renommée « voix » convertie en nombre décimal ; « nom » renommée « candidat ».",
		"<summary>Modifier</summary>", "Enregistrer une nouvelle version", " — importée le ", ", 575 lignes</li>",
	} {
		if !strings.Contains(body, s) {
			t.Errorf("French dataset page, logged in: lacks %q", s)
		}
	}
	// A new page starts with its invitation in the facilitator's language.
	c.do("POST", "/atelier/pages", url.Values{"title": {"Hello"}}.Encode(), en...)
	_, text := c.do("GET", "/api/pages/hello", "")
	if !strings.Contains(text, "Write the text of the page here.") {
		t.Errorf("an English new page: %s", text)
	}
}

func TestAnEnglishVisitorReadsTheHandlersMessagesInEnglish(t *testing.T) {
	ts := newTestServer(t)
	anon := newClient(t, ts)
	tests := []struct {
		method, path, body string
		header             []string
		status             int
		want               string
	}{
		{"GET", "/nulle-part", "", []string{"Accept-Language", "en"}, 404, "This address leads to no page. Check the link, or start again from the home page."},
		{"GET", "/nulle-part", "", []string{"Cookie", "atelier_lang=en"}, 404, "Page not found"},
		{"GET", "/nulle-part", "", nil, 404, "Cette adresse ne mène à aucune page. Vérifiez le lien, ou repartez de l&#39;accueil."},
		{"GET", "/api/nulle-part", "", []string{"Accept-Language", "en"}, 404, `{"error":"This address leads to no page.`},
		{"DELETE", "/datasets", "", []string{"Accept-Language", "en"}, 405, "This action is not possible at this address."},
		{"GET", "/datasets/inconnu", "", []string{"Accept-Language", "en"}, 404, "Dataset “inconnu” not found."},
		{"GET", "/datasets/population-communes?sort=nope", "", []string{"Accept-Language", "en"}, 400, "Cannot sort: the column “nope” does not exist."},
		{"GET", "/api/datasets/population-communes/rows?limit=0", "", []string{"Accept-Language", "en"}, 400, `the parameter “limit” must be a whole number between 1 and 1000`},
		{"POST", "/api/uploads", "", []string{"Accept-Language", "en"}, 401, `{"error":"log in to do this"}`},
		{"POST", "/api/uploads", "", nil, 401, `{"error":"connectez-vous pour faire cela"}`},
	}
	for _, tt := range tests {
		resp, body := anon.do(tt.method, tt.path, tt.body, tt.header...)
		if resp.StatusCode != tt.status || !strings.Contains(body, tt.want) {
			t.Errorf("%s %s %v = %d, want %d with %q; body:\n%.600s", tt.method, tt.path, tt.header, resp.StatusCode, tt.status, tt.want, body)
		}
	}

	c := loggedIn(t)
	resp, body := c.do("PUT", "/api/pages/martigues-en-chiffres", `{"markdown": "x"}`, "Accept-Language", "en")
	var answer struct{ Error string }
	json.Unmarshal([]byte(body), &answer)
	if resp.StatusCode != http.StatusPreconditionRequired || !strings.HasPrefix(answer.Error, "give the revision you started from") {
		t.Errorf("a save without If-Match, in English: %d %s", resp.StatusCode, body)
	}
	resp, body = c.do("POST", "/atelier/pages", "title=", "Accept-Language", "en")
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(body, "Give the new page a title.") {
		t.Errorf("a new page without a title, in English: %d", resp.StatusCode)
	}
	resp, body = c.do("POST", "/atelier/comptes", "", "Accept-Language", "en")
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, "Only administrators manage accounts.") {
		t.Errorf("a facilitator on the accounts, in English: %d", resp.StatusCode)
	}
}

func TestTheLoginThrottleSpeaksEnglish(t *testing.T) {
	ts := newTestServer(t)
	c := newClient(t, ts)
	var last *http.Response
	var body string
	for i := 0; i < 6; i++ {
		last, body = c.do("POST", "/login", url.Values{"email": {testEmail}, "password": {"wrong password"}}.Encode(), "Accept-Language", "en")
	}
	if last.StatusCode != http.StatusTooManyRequests || !strings.Contains(body, "Too many attempts: wait 15 minute(s) before trying again.") {
		t.Errorf("the throttle in English: %d\n%.2000s", last.StatusCode, body)
	}
	_, body = c.do("POST", "/login", url.Values{"email": {testEmail}, "password": {"wrong password"}}.Encode())
	if !strings.Contains(body, "Trop d&#39;essais : attendez 15 minute(s) avant de réessayer.") {
		t.Errorf("the throttle in French:\n%.2000s", body)
	}
}
