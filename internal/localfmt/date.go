package localfmt

import (
	"strconv"
	"time"
)

var monthNames = map[string][]string{
	"fr": {"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
		"octobre", "novembre", "décembre"},
	"en": {"January", "February", "March", "April", "May", "June", "July", "August", "September",
		"October", "November", "December"},
}

// Moment writes a moment in local time: « 12 décembre 2026 à 10:00 » or
// « 12 December 2026, 10:00 ».
func Moment(lang string, t time.Time) string {
	t = t.Local()
	if lang == "en" {
		return strconv.Itoa(t.Day()) + " " + monthNames["en"][t.Month()-1] + " " + strconv.Itoa(t.Year()) + ", " + t.Format("15:04")
	}
	return strconv.Itoa(t.Day()) + " " + monthNames["fr"][t.Month()-1] + " " + strconv.Itoa(t.Year()) + " à " + t.Format("15:04")
}

// Day writes a calendar date: « 31/01/2024 » in French; « 2024-01-31 » in English, a form
// no English reader takes for another day (01/02 is February in London, January in Boston).
func Day(lang string, t time.Time) string {
	if lang == "en" {
		return t.Format(time.DateOnly)
	}
	return t.Format("02/01/2006")
}
