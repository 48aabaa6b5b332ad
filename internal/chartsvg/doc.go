// Package chartsvg draws atelier's charts as SVG on the server, when a page is saved, so that
// a page shows its charts before any script runs (and to a browser that runs none).
//
// It runs ECharts' own server-side renderer (echarts.init with ssr: true, then
// renderToSVGString) inside goja, a JavaScript engine written in Go, with the same option
// preparation and French formats as the browser (chartformat.js and chartoptions.js, given
// as bytes by the web package, which embeds them). One chart, drawn by one library from one
// set of options, in both places.
//
// Invariants:
//   - At most Options.Runtimes goja runtimes exist at once; they are created on the first
//     drawing (loading ECharts takes about half a second), reused, and dropped after an
//     interrupt or Options.Retire drawings, so the engine's memory stays bounded.
//   - A chart that takes longer than Options.Timeout is interrupted (goja's Interrupt) and
//     fails alone: the caller keeps its options and table.
//   - What DrawSVG returns is safe to inline in a page under a Content-Security-Policy
//     without 'unsafe-inline': no script, no event attribute, no style element or attribute,
//     no reference outside the drawing; text escaped; role="img" with <title> and <desc>.
//   - The package knows nothing of pages or HTTP: notebooks calls it through an interface
//     that cmd/atelier wires.
package chartsvg
