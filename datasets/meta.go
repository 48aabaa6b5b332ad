package datasets

import "time"

// Meta is what the catalogue knows of one version of a dataset.
type Meta struct {
	Name        Name      `json:"name"`
	Title       string    `json:"title"`
	Description string    `json:"description,omitempty"`
	Source      string    `json:"source,omitempty"`     // producer, e.g. "INSEE"
	SourceURL   string    `json:"source_url,omitempty"` // where the file came from
	Licence     string    `json:"licence,omitempty"`    // e.g. "Licence Ouverte 2.0"
	Version     int       `json:"version"`
	Rows        int64     `json:"rows"`
	Columns     []Column  `json:"columns"`
	Format      string    `json:"format"`             // "csv" or "geojson"
	Encoding    string    `json:"encoding,omitempty"` // as detected
	Delimiter   string    `json:"delimiter,omitempty"`
	Warnings    []Warning `json:"warnings,omitempty"`
	FileName    string    `json:"file_name,omitempty"` // the uploaded file's name, as given (display only)
	Bytes       int64     `json:"bytes"`               // size of the original file
	ImportedAt  time.Time `json:"imported_at"`
}

// Column describes one column of a stored table.
type Column struct {
	Name  string `json:"name"`
	Type  string `json:"type"` // the Arrow type name: utf8, int64, float64, date32, bool, timestamp[...]
	Nulls int64  `json:"nulls"`
}

// Citation is the source line shown under a chart: « Source : INSEE — Licence Ouverte ».
func (m Meta) Citation() string {
	who := m.Source
	if who == "" {
		who = m.Title
	}
	if who == "" {
		who = string(m.Name)
	}
	s := "Source : " + who
	if m.Licence != "" {
		s += " — " + m.Licence
	}
	return s
}
