package localfmt

import "strings"

// Bytes writes a size: « 200 Mo », « 1,5 Go », « 12 Ko », « 800 octets » in French;
// « 200 MB », « 1.5 GB », « 12 KB », « 800 bytes » in English (a plain space there, as
// English writes it).
func Bytes(lang string, n int64) string {
	units, space := []string{"octets", "Ko", "Mo", "Go", "To"}, thinSpace
	if lang == "en" {
		units, space = []string{"bytes", "KB", "MB", "GB", "TB"}, " "
	}
	if n < 1<<10 {
		return Int(lang, n) + space + units[0]
	}
	i, v := 0, float64(n)
	for v >= 1<<10 && i < len(units)-1 {
		v /= 1 << 10
		i++
	}
	if i == 1 { // kilobytes: a tenth of one says nothing to a reader
		return Int(lang, n>>10) + space + units[1]
	}
	_, mark := separators(lang)
	return strings.TrimSuffix(Decimal(lang, v, 1), mark+"0") + space + units[i]
}
