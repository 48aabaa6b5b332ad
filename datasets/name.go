package datasets

import (
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"atelier/internal/fault"
)

// Name is a dataset's name: it appears in URLs and chart blocks, and names its folder.
// It always matches NamePattern.
type Name string

// NamePattern is the form of a Name (and of a page slug).
const NamePattern = `[a-z0-9][a-z0-9-]{0,63}`

var nameRE = regexp.MustCompile(`^` + NamePattern + `$`)

// ParseName checks s against NamePattern.
func ParseName(s string) (Name, error) {
	if !nameRE.MatchString(s) {
		return "", fault.New(fault.Invalid,
			"nom de jeu de données « %s » invalide : il doit commencer par une lettre minuscule ou un chiffre, puis ne contenir que des minuscules, des chiffres et des tirets (64 caractères au plus)", s)
	}
	return Name(s), nil
}

// NameFrom derives a valid Name from free text such as a file name: accents dropped,
// lower case, runs of other characters turned into one dash.
func NameFrom(s string) Name {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue // a combining accent: "é" becomes "e"
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		default:
			dash = true
		}
		if b.Len() >= 64 {
			break
		}
	}
	out := strings.TrimRight(b.String(), "-")
	if len(out) > 64 {
		out = strings.TrimRight(out[:64], "-")
	}
	if out == "" {
		return "jeu-de-donnees"
	}
	return Name(out)
}
