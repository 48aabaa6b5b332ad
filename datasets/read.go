package datasets

import "github.com/apache/arrow-go/v18/arrow"

// Loaded is a file read into memory, with what the reader noticed on the way.
type Loaded struct {
	Table     arrow.Table // the caller releases it
	Format    string      // "csv" or "geojson"
	Encoding  string      // "UTF-8", "UTF-8 (BOM)" or "Windows-1252"
	Delimiter string      // ";", ",", "\t" or "|"; empty for GeoJSON
	Warnings  []Warning
}

// Warning is something the reader did that the facilitator should know about, such as
// padding a short row. Message is French.
type Warning struct {
	Line    int    // physical line in the file where the record starts (1-based), or 0
	Column  string // the column it is about, or ""
	Message string
}
