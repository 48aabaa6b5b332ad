// Package query is atelier's small query engine over Arrow tables: a filter written in the
// `where` language, grouping by zero or more columns or date buckets (year, month, weekday
// of a date column), aggregates (count, sum, mean, median, min, max, distinct, share),
// sorting by a result column and a top-N limit; or, without aggregates, a projection of
// columns row by row with the same filter, sort and limit.
//
// It owns the `where` language (lexer, parser, binding to a schema) and the typed kernels.
//
// Invariants:
//   - The input table is never modified, retained past Run, nor released: it is shared.
//   - Kernels read the typed Arrow buffers (Int64Values, Float64Values, string offsets,
//     dictionary indices); no per-row allocation and no per-row boxing on the hot paths.
//   - Group keys get dense int32 ids through per-worker caches in front of one shared
//     dictionary per column, so a distinct key costs a lock once per worker, not per row.
//   - Nulls are skipped by aggregates, satisfy no comparison, and form their own group.
//   - Results are small and deterministic: groups come back sorted by key unless a sort is
//     asked for, ties keep key order, and at most MaxRows rows are returned.
//   - Every error a user can cause is a *fault.Error of kind Invalid, in French.
package query
