// Package charts turns a chart block (a few lines of YAML in a page) into a chart: it parses
// and checks the block, runs its query through datasets/query, and builds the ECharts option
// object, a plain French description for screen readers, and the data table shown under
// "Voir les données".
//
// Types: bar (vertical, horizontal, grouped, stacked, 100 % stacked), line and area (a time
// axis when x is a date), pie and donut, scatter (with size), heatmap, treemap, map (a
// GeoJSON dataset joined to a data dataset on a key), table and number. The page draws the
// last two itself, from Chart.Table and Chart.Figure; their Options are {}.
//
// Invariants:
//   - Options are built with go-echarts' typed builders (Validate, then JSON, then
//     json.Marshal) and are only ever data: no JS function, no formatter, no HTML, and
//     nothing from go-echarts' renderer or its asset host. Dataset cells, column names,
//     titles and GeoJSON properties reach them as JSON strings, escaped by encoding/json;
//     the page puts them in a <script type="application/json"> through html/template.
//   - Nothing here produces HTML: the description, the table and the figure are plain text,
//     already formatted the French way (narrow no-break spaces, decimal commas, dd/mm/yyyy).
//     The description never quotes the block's syntax: a filter is said in words, or by its
//     count of rows.
//   - Every mistake in a block is a *fault.Error of kind Invalid wrapping an *Error, whose
//     message is one French sentence naming the line in the block, the key, and the closest
//     valid name when there is one.
//   - The tables handed over by the Catalogue are shared: Build only reads them.
//   - Built charts are cached by a hash of the normalised spec and the identity of each
//     dataset version (name, version, import time, shape); a new version misses the cache,
//     so nothing needs invalidating. Callers get a copy of the cached Chart's fields; the
//     slices and the Options inside are shared and must not be modified.
package charts
