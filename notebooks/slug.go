package notebooks

import (
	"regexp"

	"atelier/datasets"
	"atelier/internal/fault"
)

// Slug is a page's name in its address, /p/{slug}. It always matches datasets.NamePattern.
type Slug string

var slugRE = regexp.MustCompile(`^` + datasets.NamePattern + `$`)

// ParseSlug checks s.
func ParseSlug(s string) (Slug, error) {
	if !slugRE.MatchString(s) {
		return "", fault.New(fault.Invalid,
			"adresse de page « %s » invalide : elle doit commencer par une lettre minuscule ou un chiffre, puis ne contenir que des minuscules, des chiffres et des tirets (64 caractères au plus)", s)
	}
	return Slug(s), nil
}

// SlugFrom derives a valid slug from free text, such as a file name or a title.
func SlugFrom(s string) Slug { return Slug(datasets.NameFrom(s)) }
