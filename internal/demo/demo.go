package demo

import (
	"context"
	"embed"
	"fmt"

	"atelier/datasets"
	"atelier/internal/fault"
	"atelier/notebooks"
)

//go:embed files pages
var content embed.FS

// dataset is one shipped file and what the catalogue should say about it.
type dataset struct {
	file string
	req  datasets.ImportRequest
}

var demoDatasets = []dataset{
	{"files/insee-population-2021.csv", datasets.ImportRequest{
		Name:        "population-communes",
		Title:       "Population municipale des communes en 2021",
		Description: "Population municipale de chaque commune de France au recensement de 2021 (une ligne par commune ; Marseille, Lyon et Paris par arrondissement).",
		Source:      "INSEE, recensement 2021",
		Licence:     "Licence Ouverte 2.0",
		FileName:    "POPULATION_MUNICIPALE_COMMUNES_FRANCE.csv",
		Labels: []datasets.ColumnLabel{
			{Column: "codgeo", Label: "Code commune"},
			{Column: "libgeo", Label: "Commune"},
			{Column: "p21_pop", Label: "Population 2021", Unit: "habitants"},
		},
	}},
	{"files/municipales-2014-t1-13.csv", datasets.ImportRequest{
		Name:        "municipales-2014-bouches-du-rhone",
		Title:       "Élections municipales 2014, premier tour, Bouches-du-Rhône",
		Description: "Voix obtenues par chaque liste au premier tour des municipales de 2014, commune par commune (Marseille par secteur).",
		Source:      "Ministère de l'Intérieur",
		Licence:     "Licence Ouverte",
		FileName:    "13.csv",
		Labels: []datasets.ColumnLabel{
			{Column: "code_insee", Label: "Code commune"},
			{Column: "nom", Label: "Tête de liste"},
			{Column: "parti", Label: "Nuance politique"},
			{Column: "nb_voix", Label: "Voix", Unit: "voix"},
			{Column: "percent_inscrits", Label: "Part des inscrits", Unit: "%"},
			{Column: "percents_exprimes", Label: "Part des exprimés", Unit: "%"},
		},
	}},
	{"files/communes-13.geojson", datasets.ImportRequest{
		Name:        "communes-13",
		Title:       "Contours des communes des Bouches-du-Rhône",
		Description: "Une ligne par commune avec son code INSEE, son nom et son contour, pour les cartes (Marseille y est une seule commune, 13055).",
		Source:      "IGN, Admin Express",
		Licence:     "Licence Ouverte",
		FileName:    "communes-13-bouches-du-rhone.geojson",
	}},
}

var demoPages = []struct {
	file string
	slug notebooks.Slug
}{
	{"pages/martigues-en-chiffres.md", "martigues-en-chiffres"},
	{"pages/carte-des-bouches-du-rhone.md", "carte-des-bouches-du-rhone"},
	{"pages/atelier-devinez-martigues.md", "atelier-devinez-martigues"},
}

// Load imports the demo datasets and publishes the demo pages, skipping those that exist.
// It reports what it added.
func Load(ctx context.Context, ds *datasets.Store, pages *notebooks.Store) ([]string, error) {
	var added []string
	for _, d := range demoDatasets {
		if _, err := ds.Meta(ctx, d.req.Name, 0); err == nil {
			if err := labelOnce(ctx, ds, d.req); err != nil {
				return added, err
			}
			continue
		} else if fault.KindOf(err) != fault.NotFound {
			return added, err
		}
		f, err := content.Open(d.file)
		if err != nil {
			return added, err
		}
		req := d.req
		req.Body = f
		meta, err := ds.Import(ctx, req)
		f.Close()
		if err != nil {
			return added, fmt.Errorf("demo dataset %s: %w", d.req.Name, err)
		}
		added = append(added, fmt.Sprintf("jeu de données %s (%d lignes)", meta.Name, meta.Rows))
	}
	for _, p := range demoPages {
		if _, err := pages.Get(ctx, p.slug); err == nil {
			continue
		} else if fault.KindOf(err) != fault.NotFound {
			return added, err
		}
		md, err := content.ReadFile(p.file)
		if err != nil {
			return added, err
		}
		if _, err := pages.Save(ctx, p.slug, string(md), "démo", 0); err != nil {
			return added, fmt.Errorf("demo page %s: %w", p.slug, err)
		}
		if err := pages.SetStatus(ctx, p.slug, notebooks.Published); err != nil {
			return added, err
		}
		added = append(added, "page "+string(p.slug))
	}
	return added, nil
}

// labelOnce gives a demo dataset imported before labels existed the labels it ships with,
// unless the facilitator already labelled it.
func labelOnce(ctx context.Context, ds *datasets.Store, req datasets.ImportRequest) error {
	r, err := ds.Recipe(ctx, req.Name)
	if err != nil || len(r.Labels) > 0 || len(req.Labels) == 0 {
		return err
	}
	return ds.SetLabels(ctx, req.Name, req.Labels)
}
