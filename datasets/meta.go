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
	DataDate    string    `json:"data_date,omitempty"`  // the date the data describes, as given: "2024", "2024-01-31"
	Version     int       `json:"version"`
	Rows        int64     `json:"rows"`
	Columns     []Column  `json:"columns"`
	Format      string    `json:"format"`             // "csv", "xlsx", "json", "geojson", "parquet" or "arrow"
	Sheet       string    `json:"sheet,omitempty"`    // the XLSX sheet read
	Encoding    string    `json:"encoding,omitempty"` // as detected
	Delimiter   string    `json:"delimiter,omitempty"`
	Warnings    []Warning `json:"warnings,omitempty"`
	FileName    string    `json:"file_name,omitempty"` // the uploaded file's name, as given (display only)
	Bytes       int64     `json:"bytes"`               // size of the original file
	ImportedAt  time.Time `json:"imported_at"`
	// Changes are the facilitator's renames and type overrides, in the order they were
	// made, since the file was read.
	Changes []ColumnChange `json:"changes,omitempty"`
}

// Column describes one column of a stored table.
type Column struct {
	Name  string `json:"name"`
	Type  string `json:"type"` // the Arrow type name: utf8, int64, float64, date32, bool, timestamp[...]
	Nulls int64  `json:"nulls"`
	Label string `json:"label,omitempty"` // what people read; from the recipe (see ColumnLabel)
	Unit  string `json:"unit,omitempty"`
	// Stats is nil for versions imported before statistics existed.
	Stats *ColumnStats `json:"stats,omitempty"`
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
