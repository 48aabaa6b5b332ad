// Package localfmt is the one place that writes numbers, sizes and dates the way a reader of
// French or English expects them: « 48 568 », « 12,5 », « 1,5 Mo », « 12 décembre 2026 à
// 10:00 » beside « 48,568 », « 12.5 », « 1.5 MB », « 12 December 2026, 10:00 ».
//
// Invariants:
//   - French groups thousands with the narrow no-break space (U+202F) and writes a decimal
//     comma; English groups with a comma and writes a decimal point. Nothing else differs
//     in a number, so a French string turns into the English one by those two swaps alone.
//   - Any language other than "en" is written the French way: French is atelier's first
//     language, and the one a page falls back to.
//   - A size counts in binary multiples (1 Ko = 1,024 bytes), as the upload limits do, and
//     drops a decimal that is zero (« 200 Mo », not « 200,0 Mo »).
//
// The browser's own formatting of chart values lives in static/chartformat.js, which the
// server's chart drawing runs too; this package is for what Go writes.
package localfmt
