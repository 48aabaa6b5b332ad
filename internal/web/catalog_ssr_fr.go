package web

// catalogSSRFR holds, in French, the messages of the charts drawn on the server (issue 15):
// their SVG downloads. Merged into catalogs["fr"].
var catalogSSRFR = map[string]string{
	"web.chartsvg.missing": "la page « %s » n'a pas d'image du graphique n° %d : ce graphique est un tableau, un chiffre, ou il est dessiné par le navigateur seulement ; téléchargez ses données (CSV)",
}
