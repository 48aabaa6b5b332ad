package web

// catalogRoomENScripts is the English of atelier.js's meeting-room messages ("js.room." ids,
// and the live stream's "js.follow.ended"); their French is in the script.
var catalogRoomENScripts = map[string]string{
	"js.chart.unavailable": "Chart unavailable",
	"js.follow.ended":      "The presentation has ended.",
	"js.room.short":        "or type: {0}",
	"js.room.ended":        "Presentation ended",
	"ed.publish.anyway":    "Publish anyway",
	"ed.publish.cancel":    "Cancel",
	"ed.publish.problem":   "Chart {0}, line {1}: {2}",
}
