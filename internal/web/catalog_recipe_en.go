package web

// catalogRecipeEN is catalogRecipeFR in English.
var catalogRecipeEN = map[string]string{
	"recipe.label":             "Label (what readers see)",
	"recipe.label.placeholder": "for example: Population 2021",
	"recipe.unit":              "Unit (optional)",
	"recipe.unit.placeholder":  "for example: inhabitants, €",
}
