package web

// catalogSSREN is catalogSSRFR in English.
var catalogSSREN = map[string]string{
	"web.chartsvg.missing": "the page “%s” has no image of chart no. %d: this chart is a table, a figure, or is drawn by the browser only; download its data (CSV)",
}
