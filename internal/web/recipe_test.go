package web_test

import (
	"net/url"
	"strings"
	"testing"
)

func TestALabelSetOnTheDatasetPageShowsInItsChartsWithoutANewVersion(t *testing.T) {
	c := loggedIn(t)
	form := url.Values{"column": {"libgeo"}, "new_name": {"libgeo"}, "type": {"utf8"}, "label": {"Nom de la commune"}, "unit": {""}}
	resp, _ := c.do("POST", "/datasets/population-communes/colonne", form.Encode())
	if resp.StatusCode != 303 {
		t.Fatalf("label = %d", resp.StatusCode)
	}
	_, page := c.do("GET", "/datasets/population-communes", "")
	if !strings.Contains(page, "Nom de la commune") || strings.Contains(page, "version 2") {
		t.Errorf("the dataset page lacks the label, or a new version was made")
	}
	anon := newClient(t, c.ts)
	_, body := anon.do("GET", "/p/martigues-en-chiffres", "")
	if !strings.Contains(body, "par Nom de la commune") || strings.Contains(body, "p21_pop") {
		t.Errorf("the page's charts do not read the labels:\n%.2000s", body)
	}
}
