package datasets

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// A subset of one département's communes may hold no INSEE code with a leading zero, and a
// table of postal codes of the Bouches-du-Rhône none at all: the values alone cannot tell a
// code from a count. The header can, so a digit-only column under a code-like name stays
// text, where it can be joined to other tables without losing a zero.

// codeHeader reports whether a column name names a code, so that a digit-only column stays
// text. The name is folded (lower case, accents removed, other characters as separators);
// it names a code if it contains code, codgeo, insee, postal, siren or siret, or if one of
// its words is cp, dep, dept, departement, commune, id, ident, identifiant, num or ref.
// "Num_Acc" and "#Id" are codes; "Numéro de panneau" and "No voie" are not.
func codeHeader(name string) bool {
	f := fold(name)
	for _, w := range []string{"code", "codgeo", "insee", "postal", "siren", "siret"} {
		if strings.Contains(f, w) {
			return true
		}
	}
	for _, w := range strings.FieldsFunc(f, func(r rune) bool { return r < 'a' || r > 'z' }) {
		switch w {
		case "cp", "dep", "dept", "departement", "commune", "id", "ident", "identifiant", "num", "ref":
			return true
		}
	}
	return false
}

func fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}
