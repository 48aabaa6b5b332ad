package web

// catalogRoomFR holds, in French, the meeting room: the addresses phones reach, the short
// code, the wall window, the end of a presentation, and the live stream's refusals.
var catalogRoomFR = map[string]string{
	"room.follow.full":     "Trop de connexions au direct de la présentation pour l'instant. Réessayez dans une minute.",
	"room.code.throttled":  "Trop de codes essayés depuis cette adresse : réessayez dans %d minutes, ou scannez le QR code affiché au mur.",
	"room.code.unknown":    "Ce code ne mène à aucune présentation en cours. Vérifiez les quatre chiffres affichés au mur.",
	"room.loopback":        "Les téléphones ne peuvent pas rejoindre : atelier n'écoute que sur cet ordinateur (127.0.0.1). Relancez-le avec « atelier serve -addr 0.0.0.0:8080 » (ou -public-url https://…) pour que la salle se connecte.",
	"room.pick":            "Adresse donnée à la salle :",
	"room.pick.apply":      "Utiliser",
	"room.wall.open":       "Ouvrir l'écran du mur",
	"room.end":             "Terminer",
	"room.broken.title":    "Graphiques cassés dans cette présentation : %d",
	"room.broken.item":     "Graphique %d, ligne %d de la page : %s",
	"room.broken.audience": "Au mur et sur les téléphones, ils s'affichent comme « Graphique indisponible ».",
	"room.broken.go":       "Présenter quand même",
	"room.broken.fix":      "Corriger dans l'éditeur",
	"snapshots.label":      "Versions figées :",
	"room.publish.broken":  "Cette page a des graphiques cassés (%d) : les lecteurs verront « Graphique indisponible » à leur place.",
}
