package web

// catalogRecipeFR holds, in French, the messages of datasets' recipes, column labels and
// the update report (review screen and dataset page).
var catalogRecipeFR = map[string]string{
	"recipe.label":             "Libellé (ce que les lecteurs voient)",
	"recipe.label.placeholder": "par exemple : Population 2021",
	"recipe.unit":              "Unité (facultatif)",
	"recipe.unit.placeholder":  "par exemple : habitants, €",
	"recipe.update.breaks":     "rien n'a été mis à jour : avec le nouveau fichier, des graphiques ne se dessineraient plus sur %s ; importez-le depuis « Importer des données » pour voir ce qui change et relier les colonnes",
}
