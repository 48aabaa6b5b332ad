package web

// catalogRoomEN is catalogRoomFR in English.
var catalogRoomEN = map[string]string{
	"room.follow.full":     "Too many connections to the live presentation right now. Try again in a minute.",
	"room.code.throttled":  "Too many codes tried from this address: try again in %d minutes, or scan the QR code on the wall.",
	"room.code.unknown":    "This code leads to no presentation going on. Check the four digits on the wall.",
	"room.loopback":        "Phones cannot join: atelier listens on this computer only (127.0.0.1). Start it again with « atelier serve -addr 0.0.0.0:8080 » (or -public-url https://…) so that the room can connect.",
	"room.pick":            "Address given to the room:",
	"room.pick.apply":      "Use",
	"room.wall.open":       "Open the wall screen",
	"room.end":             "End",
	"room.broken.title":    "Broken charts in this presentation: %d",
	"room.broken.item":     "Chart %d, line %d of the page: %s",
	"room.broken.audience": "On the wall and on phones, they show as « Chart unavailable ».",
	"room.broken.go":       "Present anyway",
	"room.broken.fix":      "Fix in the editor",
	"snapshots.label":      "Frozen versions:",
	"room.publish.broken":  "This page has broken charts (%d): readers will see « Chart unavailable » in their place.",
}
