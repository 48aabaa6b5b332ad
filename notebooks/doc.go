// Package notebooks owns pages: markdown with front matter and chart blocks, their
// revisions in SQLite, and their rendering to HTML.
//
// Invariants:
//   - A page is rendered when it is saved, never when it is viewed: a view serves the stored
//     HTML, in which every chart already carries its ECharts options and its data table.
//   - Every save is a new revision; a save names the revision it started from and is refused
//     if another save came in between, so nobody's text is overwritten unseen.
//   - A page is rendered again when a dataset it reads gets a new version (Follow), even when
//     a chart of it failed to build: fixing the data heals the page. Pages in the bin are not.
//   - Markdown goes through goldmark's safe defaults: raw HTML is dropped, dangerous links are
//     emptied. Page source is capped (MaxSourceBytes) because some inputs are super-linear.
package notebooks
