// Package datasets owns atelier's data: reading the files the city publishes (CSV in every
// French open-data dialect, GeoJSON) into Apache Arrow tables, the catalogue of datasets and
// their versions in SQLite, and the Arrow IPC files that hold each version.
//
// Invariants:
//   - A dataset version is immutable once stored: re-importing makes version N+1.
//   - Types are inferred over a whole column, never from the first row; a value that would
//     lose information as a number (a leading zero, a letter, 20 digits) keeps the column text.
//   - Names from users are parsed into a Name before they reach the file system.
//   - Every file is written through internal/atomicfile; the original upload is kept beside
//     the Arrow file.
package datasets
