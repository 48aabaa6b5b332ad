// Package ledger writes the deterministic city-ledger CSV that atelier's import and query
// benchmarks read: 10 million rows shaped like a French city's spending ledger.
//
// Columns: id (int), date (ISO yyyy-mm-dd), quartier (30 neighbourhoods with accents and
// apostrophes), annee (2015–2024, the year of date), categorie (200 values, Zipf-skewed),
// montant (two decimals written with a decimal comma, as French portals and Excel export
// it, so the file is ;-separated), libelle (2–4 words and a number). About 0.9 GB.
package ledger

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
)

// Rows is the size of the benchmark file.
const Rows = 10_000_000

// Quartiers are Martigues-like neighbourhood names.
var Quartiers = []string{
	"L'Île", "Jonquières", "Ferrières", "Canto-Perdrix", "Notre-Dame-des-Marins", "Les Salins",
	"Saint-Julien", "La Couronne", "Carro", "Lavéra", "Croix-Sainte", "Saint-Pierre",
	"Boudème", "Les Étangs", "Paradis Saint-Roch", "Saint-Jean", "Le Pati", "Saint-Roch",
	"Mas de Pouane", "L'Escaillon", "Les Laurons", "Castillon", "Le Ranquet", "Ponteau",
	"Les Deux-Portes", "Bargemont", "La Gatasse", "Le Vallon", "Les Capucins", "Lolivier",
}

var (
	domains = []string{"Voirie", "Écoles", "Culture", "Sport", "Espaces verts", "Éclairage", "Propreté", "Social", "Jeunesse", "Patrimoine"}
	actions = []string{"entretien", "investissement", "subvention", "fournitures", "prestations", "travaux", "études", "location", "énergie", "assurances",
		"personnel", "formation", "transport", "communication", "fêtes", "équipement", "maintenance", "nettoyage", "sécurité", "informatique"}
	words = []string{"réfection", "trottoir", "rue", "école", "gymnase", "éclairage", "parc", "achat", "matériel", "réparation",
		"toiture", "chaussée", "square", "bibliothèque", "crèche", "piscine", "marché", "quai", "fontaine", "église", "stade", "salle", "bancs", "arbres"}
)

// Categories are the 200 spending categories, most frequent first.
func Categories() []string {
	out := make([]string, 0, 200)
	for _, d := range domains {
		for _, a := range actions {
			out = append(out, d+" — "+a)
		}
	}
	return out
}

// Path is where the file is kept between runs.
func Path(rows int) string {
	return filepath.Join(os.TempDir(), fmt.Sprintf("atelier-ledger-%d-v1.csv", rows))
}

// Ensure writes the file of rows rows unless it is already there, and returns its path.
func Ensure(rows int) (string, error) {
	p := Path(rows)
	if _, err := os.Stat(p); err == nil {
		return p, nil
	}
	tmp := p + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return "", err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	if err := Write(w, rows); err != nil {
		f.Close()
		return "", err
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return "", err
	}
	if err := f.Close(); err != nil {
		return "", err
	}
	return p, os.Rename(tmp, p)
}

// Write writes rows rows of the ledger to w; the same rows always give the same bytes.
func Write(w *bufio.Writer, rows int) error {
	rng := rand.New(rand.NewPCG(2024, 13056))
	zipf := rand.NewZipf(rng, 1.2, 4, 199)
	cats := Categories()
	w.WriteString("id;date;quartier;annee;categorie;montant;libelle\n")
	var b []byte
	for i := range rows {
		year := 2015 + i*10/rows
		day := rng.IntN(365)
		month, dom := monthDay(day)
		b = strconv.AppendInt(b[:0], int64(i+1), 10)
		b = fmt.Appendf(b, ";%d-%02d-%02d;", year, month, dom)
		b = append(b, Quartiers[rng.IntN(len(Quartiers))]...)
		b = append(b, ';')
		b = strconv.AppendInt(b, int64(year), 10)
		b = append(b, ';')
		b = append(b, cats[zipf.Uint64()]...)
		cents := rng.Int64N(5_000_000) + 1
		b = append(b, ';')
		b = strconv.AppendInt(b, cents/100, 10)
		b = fmt.Appendf(b, ",%02d;", cents%100)
		for k := range 2 + rng.IntN(3) {
			if k > 0 {
				b = append(b, ' ')
			}
			b = append(b, words[rng.IntN(len(words))]...)
		}
		b = append(b, " n°"...)
		b = strconv.AppendInt(b, int64(rng.IntN(10000)), 10)
		b = append(b, '\n')
		if _, err := w.Write(b); err != nil {
			return err
		}
	}
	return nil
}

var monthDays = [12]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

func monthDay(day int) (int, int) {
	for m, n := range monthDays {
		if day < n {
			return m + 1, day + 1
		}
		day -= n
	}
	return 12, 31
}
