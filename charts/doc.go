// Package charts turns a chart block (a few lines of YAML in a page) into a chart: it parses
// and checks the block, runs its query through datasets/query, and builds the ECharts option
// object, a plain French description for screen readers, and the data table shown under
// "Voir les données".
//
// Invariants:
//   - Options are built with go-echarts' typed builders (Validate, then JSON, then
//     json.Marshal) and are only ever data: no JS function, no formatter, no HTML, and
//     nothing from go-echarts' renderer or its asset host. Dataset cells, column names and
//     titles reach them as JSON strings, escaped by encoding/json; the page puts them in a
//     <script type="application/json"> through html/template.
//   - Nothing here produces HTML: the description and the table are plain text, already
//     formatted the French way (narrow no-break spaces, decimal commas, dd/mm/yyyy).
//   - Every mistake in a block is a *fault.Error of kind Invalid wrapping an *Error, whose
//     message is one French sentence naming the line in the block, the key, and the closest
//     valid name when there is one.
//   - The table handed over by the Catalogue is shared: Build only reads it.
package charts
