package web

// catalogRecipeENScripts is the English of editor.js's review-screen report and column
// labels (see catalogENScripts for the conventions).
var catalogRecipeENScripts = map[string]string{
	"ed.review.col.label":   "Label read by the public",
	"ed.review.col.unit":    "Unit",
	"ed.review.col.labelof": "Label of the column « {0} »",
	"ed.review.col.unitof":  "Unit of the column « {0} »",
	"ed.report.published":   "published",
	"ed.report.unlisted":    "unlisted",
	"ed.report.draft":       "draft",
	"ed.report.title":       "What changes compared with the version online",
	"ed.report.nopage":      "No page uses this data.",
	"ed.report.pages":       "The pages that use this data",
	"ed.report.pin":         "Keep this page on version {0} (it will no longer follow new versions)",
	"ed.report.brokenmany":  "{0} pages would have a broken chart: map the columns that disappeared, or keep these pages on the current version.",
	"ed.report.brokenone":   "One page would have a broken chart: map the column that disappeared, or keep the page on the current version.",
	"ed.report.ok":          "Every chart will draw with the new version.",
	"ed.report.map.none":    "— choose a column —",
	"ed.report.map.apply":   "Map",
	"ed.report.map":         "The column « {0} » disappeared: map it to the new file's column",
	"ed.review.header.line": "line {0} gives the column names (the lines above, a title, were skipped)",
	"ed.review.keeprows":    "Keep these {0} rows as data",
	"ed.review.keeprow":     "Keep this row as data",
}
