package web

// catalogAccessEN is catalogAccessFR in English: the same ids, the same printf verbs in the
// same order.
var catalogAccessEN = map[string]string{
	"access.dataset.version": "version %d of dataset “%s” not found",
	"access.upload.busy":     "other files are being read: try again in %d seconds, nothing was saved",
}
