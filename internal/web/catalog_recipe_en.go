package web

// catalogRecipeEN is catalogRecipeFR in English.
var catalogRecipeEN = map[string]string{
	"recipe.label":             "Label (what readers see)",
	"recipe.label.placeholder": "for example: Population 2021",
	"recipe.unit":              "Unit (optional)",
	"recipe.unit.placeholder":  "for example: inhabitants, €",
	"recipe.update.breaks":     "nothing was updated: with the new file, charts would no longer draw on %s; import it from « Import data » to see what changes and map the columns",
}
