package web

import "slices"

// catalogWebFR holds, in French, the dataset pages (dataset.html, datasets.html and the
// text datasets.go prepares for them) and the fixed messages the handlers write themselves
// (errors, refusals). It is merged into catalogs["fr"] with catalogFR: an id belongs to one
// of the two maps only (TestWebCataloguesDoNotOverlap).
var catalogWebFR = map[string]string{
	"datasets.title":    "Données — atelier",
	"datasets.heading":  "Les jeux de données",
	"datasets.facts":    "%s lignes · %d colonnes · %s",
	"datasets.datadate": "données de %s",
	"datasets.empty":    "Aucun jeu de données pour l'instant.",

	"dataset.title":             "%s — données — atelier",
	"dataset.name":              "Nom",
	"dataset.version":           "version %d",
	"dataset.source":            "Source",
	"dataset.source.link":       "lien d'origine",
	"dataset.datadate":          "Date des données",
	"dataset.size":              "Taille",
	"dataset.size.value":        "%s lignes, %d colonnes",
	"dataset.file":              "Fichier",
	"dataset.delimiter":         "séparateur %s",
	"dataset.sheet":             "feuille « %s »",
	"dataset.imported":          "Importé le",
	"dataset.warnings":          "Ce que la lecture du fichier a remarqué :",
	"dataset.warning.column":    "colonne « %s » : ",
	"dataset.changes":           "Corrections apportées après la lecture :",
	"dataset.change.sep":        " ; ",
	"dataset.change.column":     "« %s »",
	"dataset.change.renamed":    "renommée « %s »",
	"dataset.change.type":       "convertie en %s",
	"dataset.download":          "Télécharger :",
	"dataset.download.csv":      "CSV pour Excel",
	"dataset.download.parquet":  "Parquet",
	"dataset.download.original": "le fichier d'origine",
	"dataset.download.json":     "la description en JSON",
	"dataset.update":            "Mettre à jour depuis %s",
	"dataset.columns":           "Colonnes",
	"dataset.col.name":          "Colonne",
	"dataset.col.type":          "Type",
	"dataset.col.nulls":         "Valeurs vides",
	"dataset.col.distinct":      "Valeurs distinctes",
	"dataset.col.summary":       "Résumé",
	"dataset.col.bars":          "Répartition",
	"dataset.col.change":        "Modifier",
	"dataset.histogram":         "Répartition des valeurs en 10 tranches",
	"dataset.change.newname":    "Nouveau nom",
	"dataset.change.submit":     "Enregistrer une nouvelle version",
	"dataset.versions":          "Versions",
	"dataset.version.facts":     "importée le %s, %s lignes",
	"dataset.rows":              "Les lignes %s à %s",
	"dataset.rows.sorted":       "Les lignes %s à %s (triées)",
	"dataset.sort.asc":          "Trier par « %s », croissant",
	"dataset.sort.desc":         "Trier par « %s », décroissant",
	"dataset.pager":             "Pages de lignes",
	"dataset.prev":              "Lignes précédentes",
	"dataset.next":              "Lignes suivantes",

	// Prepared by datasets.go.
	"dataset.stat.min":         "min %s",
	"dataset.stat.max":         "max %s",
	"dataset.stat.mean":        "moyenne %s",
	"dataset.distinct.atleast": "au moins %s",
	"dataset.bar":              "%s à %s : %s",
	"dataset.yes":              "oui",
	"dataset.no":               "non",
	"dataset.type.text":        "texte",
	"dataset.type.int":         "nombre entier",
	"dataset.type.float":       "nombre décimal",
	"dataset.type.date":        "date",
	"dataset.type.timestamp":   "date et heure",
	"dataset.type.bool":        "oui / non",
	"dataset.delim.semicolon":  "point-virgule",
	"dataset.delim.comma":      "virgule",
	"dataset.delim.tab":        "tabulation",
	"dataset.delim.pipe":       "barre verticale",
	"dataset.delim.other":      "« %s »",

	// The handlers' own messages. Those that follow « : » in a sentence start in lower case.
	"web.notfound":           "Cette adresse ne mène à aucune page. Vérifiez le lien, ou repartez de l'accueil.",
	"web.notallowed":         "Cette action n'est pas possible à cette adresse.",
	"web.internal.ref":       "Une erreur interne est survenue. Si elle se répète, donnez cette référence à l'équipe : %s.",
	"web.panic":              "Une erreur interne est survenue (référence %s).",
	"web.crossorigin":        "Requête refusée : elle vient d'un autre site que celui-ci.",
	"web.login.throttled":    "Trop d'essais : attendez %d minute(s) avant de réessayer.",
	"web.login.required":     "connectez-vous pour faire cela",
	"web.admin.only":         "seuls les administrateurs gèrent les comptes",
	"web.admin.self":         "vous ne pouvez pas désactiver votre propre compte",
	"web.upload.multipart":   "envoyez le fichier dans un formulaire (multipart/form-data), champ « file »",
	"web.upload.toolarge":    "fichier trop volumineux : la limite est de %s",
	"web.upload.nofile":      "aucun fichier reçu : choisissez un fichier (champ « file »)",
	"web.upload.form":        "formulaire trop volumineux",
	"web.upload.cut":         "le fichier n'a pas pu être reçu en entier ; réessayez",
	"web.json.toolarge":      "requête trop volumineuse : %d Ko au plus",
	"web.json.invalid":       "corps de requête illisible : du JSON est attendu",
	"web.page.notitle":       "donnez un titre à la nouvelle page",
	"web.page.starter":       "Écrivez ici le texte de la page.",
	"web.save.ifmatch":       `indiquez la révision de départ (en-tête If-Match: "N"), ou If-None-Match: * pour créer la page`,
	"web.save.badrevision":   "révision de départ « %s » invalide",
	"web.chart.missing":      "la page « %s » n'a pas de graphique n° %d",
	"web.chartcsv.missing":   "la page « %s » n'a pas de graphique n° %d à télécharger",
	"web.slide.invalid":      "numéro de diapositive invalide : entre 1 et %d",
	"web.dataset.notfound":   "jeu de données « %s » introuvable",
	"web.dataset.notfetched": "ce jeu de données n'a pas été importé depuis une adresse : importez le nouveau fichier à la main",
	"web.sort.nocolumn":      "tri impossible : la colonne « %s » n'existe pas",
	"web.sort.limit":         "le tri ne parcourt que les %d premières lignes : revenez au début ou retirez le tri",
	"web.param.int":          "le paramètre « %s » doit être un nombre entier entre %d et %d",
}

// mergeCatalogs is the union of catalogue parts. An id found in two parts keeps its first
// text and is recorded in catalogDuplicates, which a test requires empty: two engineers
// adding the same id to two files is a failing test, never a silent overwrite.
func mergeCatalogs(parts ...map[string]string) map[string]string {
	out := map[string]string{}
	for _, part := range parts {
		for id, msg := range part {
			if _, dup := out[id]; dup {
				if !slices.Contains(catalogDuplicates, id) {
					catalogDuplicates = append(catalogDuplicates, id)
				}
				continue
			}
			out[id] = msg
		}
	}
	return out
}

// catalogDuplicates are the ids mergeCatalogs met twice.
var catalogDuplicates []string
