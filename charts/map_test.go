package charts_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"atelier/charts"
)

// demoMap is the block of the demo page: the communes of the Bouches-du-Rhône coloured by
// population (Marseille by arrondissement in both files).
const demoMap = "type: map\ndata: population-communes\ngeo: communes-13\nkey: codgeo\ny: sum(p21_pop)\n" +
	"title: Population des communes des Bouches-du-Rhône\nunit: habitants\n"

func TestRealMap(t *testing.T) {
	for _, src := range []string{demoMap, demoMap + "geokey: code\n"} {
		c := buildReal(t, src)
		if c.Map == nil || c.Map.Name != "communes-13@1" {
			t.Fatalf("Map = %+v", c.Map)
		}
		var fc struct {
			Type     string
			Features []struct {
				Type       string
				Properties map[string]string
				Geometry   struct{ Type string }
			}
		}
		if err := json.Unmarshal(c.Map.GeoJSON, &fc); err != nil {
			t.Fatal(err)
		}
		if fc.Type != "FeatureCollection" || len(fc.Features) != 119 {
			t.Fatalf("GeoJSON %s with %d features", fc.Type, len(fc.Features))
		}
		names := map[string]bool{}
		for _, f := range fc.Features {
			names[f.Properties["name"]] = true
			if f.Geometry.Type != "Polygon" && f.Geometry.Type != "MultiPolygon" {
				t.Errorf("%s: geometry %q", f.Properties["name"], f.Geometry.Type)
			}
		}
		if !names["Martigues"] || !names["Marseille"] || len(names) != 119 {
			t.Errorf("feature names: Martigues %v, Marseille %v, %d distinct", names["Martigues"], names["Marseille"], len(names))
		}
		var o struct {
			Series []struct {
				Type, Map string
				Data      []struct {
					Name  string
					Value float64
				}
			}
			VisualMap struct {
				Type   string
				Pieces []map[string]any
			}
		}
		if err := json.Unmarshal(c.Options, &o); err != nil {
			t.Fatal(err)
		}
		if len(o.Series) != 1 || o.Series[0].Type != "map" || o.Series[0].Map != c.Map.Name || len(o.Series[0].Data) != 119 {
			t.Fatalf("series = %+v", o.Series)
		}
		found, marseille := false, 0.0
		for _, d := range o.Series[0].Data {
			if d.Name == "Martigues" {
				found = d.Value == 48568
			}
			if d.Name == "Marseille" {
				marseille = d.Value
			}
			if !names[d.Name] {
				t.Errorf("data %q names no feature", d.Name)
			}
		}
		// The shapes have Marseille as one commune (13055), INSEE by arrondissement (13201–13216).
		if marseille != 873076 {
			t.Errorf("Marseille = %v, want the sum of its 16 arrondissements, 873076", marseille)
		}
		if !found || o.VisualMap.Type != "piecewise" || len(o.VisualMap.Pieces) != 5 {
			t.Errorf("Martigues found %v, visualMap %+v", found, o.VisualMap)
		}
		for _, want := range []string{"Carte : somme de p21_pop par codgeo (119 valeurs).", "La plus forte : Marseille avec 873" + nn + "076" + nn + "habitants", "119 formes sur 119 ont une valeur.", "Marseille, donnés par arrondissement, reçoivent la somme"} {
			if !strings.Contains(c.Description, want) {
				t.Errorf("description lacks %q: %s", want, c.Description)
			}
		}
		if c.Table.Columns[0] != "nom" || c.Table.Rows[0][0] != "Marseille" || c.Table.Raw[0][0] != "13055" {
			t.Errorf("table %q, first %q / %q", c.Table.Columns, c.Table.Rows[0], c.Table.Raw[0])
		}
	}
}

func TestRealMapErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
		line            int
	}{
		{"no key matches", "type: map\ndata: population-communes\ngeo: communes-13\nkey: libgeo\ny: sum(p21_pop)\ngeokey: code\n",
			"ligne 6 : aucune valeur de « libgeo » (population-communes) ne correspond à la propriété « code » de « communes-13 » : 0 forme sur 119 a trouvé sa valeur ; vérifiez key et geokey", 6},
		{"no key matches, any property", "type: map\ndata: legislatives-2024\ngeo: communes-13\nkey: Code commune\ny: count()\n",
			"ligne 4 : aucune valeur de « Code commune » (legislatives-2024) ne correspond à une propriété de « communes-13 » (code, nom) : 0 forme sur 119 a trouvé sa valeur ; vérifiez key, ou indiquez geokey", 4},
		{"unknown geokey", demoMap + "geokey: cod\n", "ligne 8 : propriété « cod » inconnue dans « communes-13 » — vouliez-vous dire « code » ?", 8},
		{"geo is not GeoJSON", "type: map\ndata: population-communes\ngeo: dvf-2020\nkey: codgeo\ny: sum(p21_pop)\n",
			"ligne 3 : « dvf-2020 » n'est pas un jeu de données GeoJSON : il n'a pas de colonne geometry (importez un fichier .geojson)", 3},
		{"unknown geo dataset", "type: map\ndata: population-communes\ngeo: communes-31\nkey: codgeo\ny: sum(p21_pop)\n",
			"ligne 3 : jeu de données « communes-31 » introuvable — vouliez-vous dire « communes-13 » ?", 3},
		{"unknown key column", "type: map\ndata: population-communes\ngeo: communes-13\nkey: codegeo\ny: sum(p21_pop)\n",
			"ligne 4 : colonne « codegeo » inconnue — vouliez-vous dire « codgeo » ?", 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			spec, err := charts.Parse(tt.src)
			if err != nil {
				t.Fatal(err)
			}
			_, err = charts.Build(context.Background(), realCatalogue(t), spec)
			checkBlockErr(t, err, tt.want, tt.line)
		})
	}
	for _, tt := range []struct{ src, want string }{
		{"type: map\ndata: population-communes\ngeo: communes-13\ny: sum(p21_pop)\n", "ligne 1 : une carte (map) a besoin de « key » : la colonne de « population-communes » qui désigne chaque forme, par exemple key: codgeo"},
		{"type: map\ndata: population-communes\nkey: codgeo\ny: sum(p21_pop)\n", "ligne 1 : une carte (map) a besoin de « geo » : le jeu de données GeoJSON des formes, par exemple geo: communes-13"},
	} {
		_, err := charts.Parse(tt.src)
		checkBlockErr(t, err, tt.want, 1)
	}
}

func TestAMapSaysWhichKeysFoundNoShapeAndWhichShapesGotNoValue(t *testing.T) {
	// The trial: twelve rows, three of them communes of the Ain that no shape of the
	// Bouches-du-Rhône matches.
	src := demoMap + `where: codgeo in ("13056", "13047", "13001", "13004", "13005", "13103", "13117", "13039", "13063", "01010", "01011", "01012")` + "\n"
	c := buildReal(t, src)
	for _, want := range []string{
		"3 lignes des données n'ont trouvé aucune forme (clés 01010, 01011, 01012).",
		"Sans valeur : ", " et 100 autres.",
	} {
		if !strings.Contains(c.Description, want) {
			t.Errorf("description lacks %q:\n%s", want, c.Description)
		}
	}
	if c.Note != "3 lignes des données n'ont trouvé aucune forme (clés 01010, 01011, 01012)." {
		t.Errorf("note = %q", c.Note)
	}
	whole := buildReal(t, demoMap+`where: codgeo >= "13000" and codgeo < "14000"`+"\n")
	if strings.Contains(whole.Description, "aucune forme") || whole.Note != "" {
		t.Errorf("a map whose every row has its shape says otherwise: %s / %s", whole.Description, whole.Note)
	}
}
