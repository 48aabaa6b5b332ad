// Package datasets owns atelier's data: reading the files the city publishes (CSV and TSV
// in every French open-data dialect, XLSX, JSON arrays and OpenDataSoft exports, GeoJSON,
// Parquet, Arrow IPC, any of them gzipped) into Apache Arrow tables, the catalogue of
// datasets and their versions in SQLite, the Arrow IPC files that hold each version,
// column statistics, and the CSV and Parquet exports.
//
// Invariants:
//   - A dataset version is immutable once stored: re-importing, or renaming or retyping a
//     column (Store.Change, ImportRequest.Columns), makes version N+1.
//   - Types are inferred over a whole column, never from the first row; a value that would
//     lose information as a number (a leading zero, a letter, 20 digits) keeps the column text.
//     A CSV is split into segments converted in parallel, but a column's type is decided
//     over all of them, as if the file were read in one go.
//   - Text columns with few distinct values (at most half of the non-null values and at
//     most 65,536) are dictionary-encoded; their logical type is still utf8 (TypeName).
//   - The reader never writes to its input: a file is read through a read-only mapping.
//   - A dataset has one recipe (Recipe: renames, types, labels, title, source…) that every
//     new version follows; labels are presentation and apply to every version at once.
//   - Every way a version is made (Import, ImportStaged, Change) runs the OnNewVersion hooks:
//     callers never have to remember to refresh what depends on a dataset.
//   - Names from users are parsed into a Name before they reach the file system.
//   - Every file is written through internal/atomicfile; the original upload is kept beside
//     the Arrow file (and, when the table has dictionaries, a small dictionaries file).
//
// Downloading from a URL lives in package datasets/fetch, so that this package does not
// import net/http.
package datasets
