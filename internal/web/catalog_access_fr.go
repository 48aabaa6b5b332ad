package web

// catalogAccessFR holds the messages of who may see what and of abuse limits.
var catalogAccessFR = map[string]string{
	// The same whether the version does not exist or the visitor may not read it.
	"access.dataset.version": "version %d du jeu de données « %s » introuvable",
	"access.upload.busy":     "d'autres fichiers sont en cours de lecture : réessayez dans %d secondes, rien n'a été enregistré",
}
