package datasets_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"atelier/datasets"
)

// cell is one expected value: the row is the first whose text column key holds keyValue
// (or row 0 when key is empty).
type cell struct {
	key, keyValue string
	column        string
	want          any
}

// The facts below come from /work/shared/data/MANIFEST.md and from reading the files.
var realFiles = []struct {
	file      string
	rows      int64
	cols      int
	encoding  string
	delimiter string
	types     map[string]string
	nulls     map[string]int
	cells     []cell
}{
	{
		file: "insee_population_municipale_2021_latin1.csv", rows: 34995, cols: 3,
		encoding: "Windows-1252", delimiter: ";",
		types: map[string]string{"codgeo": "utf8", "libgeo": "utf8", "p21_pop": "int64"},
		nulls: map[string]int{"p21_pop": 26},
		cells: []cell{
			{"codgeo", "13056", "p21_pop", int64(48568)},
			{"codgeo", "13056", "libgeo", "Martigues"},
			{"", "", "libgeo", "Châteauneuf"},
			{"", "", "codgeo", "85062"},
		},
	},
	{
		file: "laposte_hexasmal.csv", rows: 39204, cols: 7, encoding: "UTF-8", delimiter: ";",
		types: map[string]string{"Code_commune_INSEE": "utf8", "Code_postal": "utf8",
			"Libellé_d_acheminement": "utf8", "latitude": "float64", "longitude": "float64"},
		cells: []cell{
			{"", "", "Code_commune_INSEE", "01009"},
			{"", "", "Code_postal", "01300"},
			{"", "", "Ligne_5", nil},
			{"", "", "Libellé_d_acheminement", "ANDERT ET CONDON"},
			{"", "", "latitude", 45.7873565333},
		},
	},
	{
		file: "correspondance-code-insee-code-postal_bom.csv", rows: 36742, cols: 8,
		encoding: "UTF-8 (BOM)", delimiter: ";",
		types: map[string]string{"Code INSEE": "utf8", "Code Postal": "utf8", "Département": "utf8",
			"Superficie": "float64", "Population": "float64"},
		cells: []cell{
			{"", "", "Code INSEE", "62079"},
			{"", "", "Département", "['PAS-DE-CALAIS']"},
			{"Code INSEE", "13056", "Population", 46.6},
		},
	},
	{
		file: "ademe_pcaet_fiches_action.csv", rows: 638, cols: 16, encoding: "UTF-8 (BOM)", delimiter: ";",
		types: map[string]string{"Id_action": "utf8", "Date_lancement": "date32", "Intitule_action": "utf8"},
		cells: []cell{
			{"", "", "Id_action", "1"},
			{"", "", "Intitule_action", "Conseil en mobilité – Volet Pédibus"},
		},
	},
	{
		file: "laposte_ouverture_bureaux.csv", rows: 9999, cols: 22, encoding: "UTF-8 (BOM)", delimiter: ";",
		types: map[string]string{"#Id": "utf8", "Date": "date32", "Pl1": "utf8", "HeCo": "utf8"},
		cells: []cell{
			{"", "", "#Id", "11767A"},
			{"", "", "Date", "2023-04-25"},
			{"", "", "Pl1", "09:30-12:30"},
			{"", "", "Bp_Pl1", "FERME"},
		},
	},
	{
		file: "legislatives2024_t1_bureaux_finistere_circo2-3.csv", rows: 201, cols: 190,
		encoding: "UTF-8", delimiter: ";",
		types: map[string]string{"Code commune": "utf8", "Inscrits": "int64", "% Votants": "float64",
			"Voix 1": "int64", "Nom candidat 1": "utf8"},
		cells: []cell{
			{"Libellé commune", "Bohars", "% Votants", 78.94},
			{"Libellé commune", "Bohars", "Votants", int64(787)},
			{"Libellé commune", "Bohars", "Code commune", "29011"},
			{"Libellé commune", "Bohars", "Nom candidat 1", "BRÉHIER"},
		},
	},
	{
		file: "dvf_valeursfoncieres-2020_extrait.txt", rows: 172, cols: 43, encoding: "UTF-8", delimiter: "|",
		types: map[string]string{"Valeur fonciere": "float64", "Date mutation": "date32",
			"Code postal": "utf8", "Code departement": "utf8", "Code commune": "utf8",
			"No disposition": "utf8", "Nature culture": "utf8", "B/T/Q": "utf8", "Surface terrain": "int64"},
		cells: []cell{
			{"", "", "Valeur fonciere", 8000.0},
			{"", "", "Date mutation", "2020-01-07"},
			{"", "", "Code postal", "1250"},
			{"", "", "Code departement", "01"},
			{"", "", "Nature culture", "T"},
			{"", "", "Surface terrain", int64(1061)},
		},
	},
	{
		file: "baac_lieux_2018.csv", rows: 57783, cols: 18, encoding: "UTF-8", delimiter: ",",
		types: map[string]string{"Num_Acc": "utf8", "voie": "utf8", "v2": "utf8", "nbv": "utf8", "catr": "int64"},
		cells: []cell{
			{"", "", "Num_Acc", "201800000001"},
			{"", "", "nbv", "02"},
			{"Num_Acc", "201800057783", "catr", int64(2)},
		},
	},
	{
		file: "municipales2014_t1_dep13.csv", rows: 575, cols: 6, encoding: "Windows-1252", delimiter: ",",
		types: map[string]string{"code_insee": "utf8", "nom": "utf8", "nb_voix": "int64", "percent_inscrits": "float64"},
		nulls: map[string]int{"nom": 1, "nb_voix": 1},
		cells: []cell{
			{"nom", "M. Gaby CHARROUX", "nb_voix", int64(11017)},
			{"nom", "M. Gaby CHARROUX", "code_insee", "13056"},
			{"nom", "M. Gaby CHARROUX", "percent_inscrits", 32.38},
			{"nom", "M. Christian PELLICANI", "code_insee", "13055SR01"},
			{"code_insee", "13055", "nom", nil},
			{"nom", "M. Eric LE DISSÈS", "parti", "LDVD"},
			{"nom", "M. Jean-Louis KEÏTA", "nb_voix", int64(1467)},
		},
	},
	{
		file: "communes-13-bouches-du-rhone.geojson", rows: 119, cols: 3, encoding: "UTF-8",
		types: map[string]string{"code": "utf8", "nom": "utf8", "geometry": "utf8"},
		cells: []cell{
			{"code", "13056", "nom", "Martigues"},
			{"code", "13064", "nom", "Mollégès"},
			// MANIFEST.md says Marseille comes as 16 arrondissements; this file has one
			// feature, 13055, and codes 13001 to 13119.
			{"code", "13055", "nom", "Marseille"},
		},
	},
}

func TestReadRealFiles(t *testing.T) {
	for _, tt := range realFiles {
		t.Run(tt.file, func(t *testing.T) {
			l := readTestdata(t, tt.file)
			got := []any{l.Table.NumRows(), int(l.Table.NumCols()), l.Encoding, l.Delimiter}
			want := []any{tt.rows, tt.cols, tt.encoding, tt.delimiter}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("rows, cols, encoding, delimiter (-want +got):\n%s", diff)
			}
			gotTypes := types(l)
			for name, typ := range tt.types {
				if gotTypes[name] != typ {
					t.Errorf("column %q: type %q, want %q", name, gotTypes[name], typ)
				}
			}
			for name, n := range tt.nulls {
				if got := col(t, l, name).NullN(); got != n {
					t.Errorf("column %q: %d nulls, want %d", name, got, n)
				}
			}
			for _, c := range tt.cells {
				row := 0
				if c.key != "" {
					row = rowOf(t, l, c.key, c.keyValue)
				}
				if diff := cmp.Diff(c.want, value(t, l, c.column, row)); diff != "" {
					t.Errorf("%s where %s = %q (-want +got):\n%s", c.column, c.key, c.keyValue, diff)
				}
			}
		})
	}
}

func TestReadBOMNotInFirstName(t *testing.T) {
	for _, file := range []string{"correspondance-code-insee-code-postal_bom.csv", "ademe_pcaet_fiches_action.csv", "laposte_ouverture_bureaux.csv"} {
		l := readTestdata(t, file)
		if first := columnNames(l)[0]; strings.ContainsRune(first, '\uFEFF') || strings.HasPrefix(first, "\xef") {
			t.Errorf("%s: first column name %q keeps the BOM", file, first)
		}
	}
}

func TestReadPercentMetadata(t *testing.T) {
	l := readTestdata(t, "legislatives2024_t1_bureaux_finistere_circo2-3.csv")
	f, _ := l.Table.Schema().FieldsByName("% Votants")
	if got, _ := f[0].Metadata.GetValue(datasets.FormatKey); got != "percent" {
		t.Errorf("%% Votants: %s = %q, want percent", datasets.FormatKey, got)
	}
	f, _ = l.Table.Schema().FieldsByName("Votants")
	if f[0].Metadata.Len() != 0 {
		t.Errorf("Votants has metadata %v, want none", f[0].Metadata)
	}
}

func TestReadRaggedRowWarning(t *testing.T) {
	l := readTestdata(t, "municipales2014_t1_dep13.csv")
	want := []datasets.Warning{{Line: 251, Message: "ligne 251 : 1 champ au lieu de 6 ; complétée par des valeurs vides"}}
	if diff := cmp.Diff(want, l.Warnings); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}
}

func TestReadAlmostNumericWarning(t *testing.T) {
	l := readTestdata(t, "baac_lieux_2018.csv")
	want := []datasets.Warning{{Column: "voie",
		Message: "colonne gardée en texte : 6 valeurs non numériques, ex. « - », « 00 27 », « 00 9 »"}}
	if diff := cmp.Diff(want, l.Warnings); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}
}

func TestReadGeoJSONGeometry(t *testing.T) {
	l := readTestdata(t, "communes-13-bouches-du-rhone.geojson")
	if l.Format != "geojson" {
		t.Errorf("Format = %q, want geojson", l.Format)
	}
	row := rowOf(t, l, "code", "13056")
	g, _ := value(t, l, "geometry", row).(string)
	if !strings.HasPrefix(g, `{"type":"`) || strings.ContainsAny(g, "\n ") {
		t.Errorf("geometry of Martigues = %.60q…, want compact GeoJSON", g)
	}
	if got := columnNames(l); !cmp.Equal(got, []string{"code", "nom", "geometry"}) {
		t.Errorf("columns = %v", got)
	}
}
