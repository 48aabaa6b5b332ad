package chartsvg

import (
	"regexp"
	"strconv"
)

// fontSize and boldWeight read ECharts' CSS font shorthand, e.g. "bolder 14px system-ui, …".
var (
	fontSize   = regexp.MustCompile(`(\d+(?:\.\d+)?)px`)
	boldWeight = regexp.MustCompile(`\b(bold|bolder|[6-9]00)\b`)
)

// unknownWidth is the advance of a character outside the table, in em: a full em, as the
// browser's fallback face gives an ideogram. ECharts measures « 国 » to estimate where to
// cut a long label, so this width decides the cut as much as the letters' own.
const unknownWidth = 1.0

// measureText is ECharts' text measurement for the server (echarts.setPlatformAPI): with no
// canvas, ECharts would guess from a table of ASCII widths and count every accented letter
// as a whole em, cutting French labels that the browser shows whole. DejaVu Sans's widths and
// kerning (metrics.go) are those of the face Debian's Chromium draws with, and the widest of the
// page's font stack.
func measureText(text, font string) float64 {
	size := 12.0
	if m := fontSize.FindStringSubmatch(font); m != nil {
		if v, err := strconv.ParseFloat(m[1], 64); err == nil && v > 0 {
			size = v
		}
	}
	// The size is the last number in px; a weight comes before it.
	table, kerning := regularWidths, regularKerning
	if boldWeight.MatchString(font) {
		table, kerning = boldWidths, boldKerning
	}
	var units float64
	prev := rune(-1)
	for _, r := range text {
		if w, ok := table[r]; ok {
			units += float64(w)
		} else {
			units += unknownWidth * unitsPerEm
		}
		units += float64(kerning[[2]rune{prev, r}]) // the browser kerns as it shapes
		prev = r
	}
	return units * size / unitsPerEm
}
