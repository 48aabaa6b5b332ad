package notebooks

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html/template"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"

	"atelier/charts"
	"atelier/datasets"
	"atelier/internal/fault"
)

// chartNode replaces a ```chart fenced block once its chart is built (or has failed).
type chartNode struct {
	ast.BaseBlock
	slug   Slug // the page's, for the CSV link; "" in a preview
	index  int  // 1-based, in page order
	line   int  // line of the page where the block's content starts (1-based)
	source string
	chart  *charts.Chart
	err    error
	// drawings are the server's SVG drawings of the chart, one per size (drawing.go); none
	// when no drawer is wired or a drawing failed.
	drawings []figureDrawing
}

var kindChart = ast.NewNodeKind("Chart")

func (n *chartNode) Kind() ast.NodeKind { return kindChart }

func (n *chartNode) Dump(source []byte, level int) {
	ast.DumpHelper(n, source, level, map[string]string{"index": fmt.Sprint(n.index)}, nil)
}

// chartBuilder turns every ```chart block of a document into a chartNode, building each
// chart against the catalogue. It runs once per save.
type chartBuilder struct {
	ctx       context.Context
	cat       charts.Catalogue
	built     []*chartNode
	sources   map[datasets.Name]bool // datasets the page reads, to refresh it when they change
	read      map[Source]bool        // the versions it read, which its readers may read too
	slug      Slug
	questions []*QuestionBlock
	drawer    Drawer // nil: no server drawings
}

func (b *chartBuilder) replaceBlocks(doc ast.Node, source []byte) {
	var blocks []*ast.FencedCodeBlock
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if fb, ok := n.(*ast.FencedCodeBlock); ok && entering && string(fb.Language(source)) == "chart" {
			blocks = append(blocks, fb)
		}
		return ast.WalkContinue, nil
	})
	for _, fb := range blocks {
		node := &chartNode{index: len(b.built) + 1, slug: b.slug, line: contentLine(fb, source), source: blockText(fb, source)}
		node.chart, node.err = b.build(node.source)
		b.built = append(b.built, node)
		fb.Parent().ReplaceChild(fb.Parent(), fb, node)
	}
}

func (b *chartBuilder) build(src string) (*charts.Chart, error) {
	spec, err := charts.Parse(src)
	if err != nil {
		return nil, err
	}
	// A chart that fails to build stays linked to its datasets: a rename or a re-import
	// that fixes the data refreshes the page, and the chart heals.
	b.sources[spec.Data] = true
	if spec.Geo != "" {
		b.sources[spec.Geo] = true
	}
	c, err := charts.Build(b.ctx, b.cat, spec)
	if c != nil {
		b.sources[c.Dataset] = true
		b.read[Source{c.Dataset, c.Version}] = true
		if c.Map != nil { // a map also reads its shapes: « communes-13@1 »
			geo, _, _ := strings.Cut(c.Map.Name, "@")
			b.sources[datasets.Name(geo)] = true
			if src, ok := geoSource(c.Map.Name); ok {
				b.read[src] = true
			}
		}
	}
	return c, err
}

// contentLine is the page line of the block's first content line, so that a mistake on
// line 3 of a block can be shown on its line in the editor.
func contentLine(fb *ast.FencedCodeBlock, source []byte) int {
	if fb.Lines().Len() > 0 {
		return bytes.Count(source[:fb.Lines().At(0).Start], []byte("\n")) + 1
	}
	if fb.Info != nil {
		return bytes.Count(source[:fb.Info.Segment.Start], []byte("\n")) + 2
	}
	return 0
}

func blockText(fb *ast.FencedCodeBlock, source []byte) string {
	var buf bytes.Buffer
	lines := fb.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		buf.Write(seg.Value(source))
	}
	return buf.String()
}

// chartRenderer writes chartNodes as the figures atelier.js draws.
type chartRenderer struct{}

func (chartRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindChart, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			return ast.WalkSkipChildren, writeFigure(w, n.(*chartNode))
		}
		return ast.WalkContinue, nil
	})
}

// payload is what the page's JSON script carries for one chart: the ECharts options and
// the declarative number format the static script turns into formatters.
type payload struct {
	Type    string          `json:"type"`
	Options json.RawMessage `json:"options"`
	Format  charts.Format   `json:"format"`
	Map     *charts.MapData `json:"map,omitempty"`
}

func payloadOf(c *charts.Chart) payload {
	return payload{Type: c.Type, Options: c.Options, Format: c.Format, Map: c.Map}
}

func writeFigure(w util.BufWriter, n *chartNode) error {
	if n.err != nil {
		// A saved page is what residents and the wall see: a discreet notice in the chart's
		// place. The sentence with the line and the closest name is for the author, in the
		// editor's preview (rendered without a slug) and in the presenter view (Problems).
		if n.slug != "" {
			return figureTemplates.ExecuteTemplate(w, "unavailable", map[string]any{"N": n.index})
		}
		return figureTemplates.ExecuteTemplate(w, "error", map[string]any{"N": n.index, "Problem": problemOf(n)})
	}
	c := n.chart
	return figureTemplates.ExecuteTemplate(w, "figure", map[string]any{
		"N": n.index, "Chart": c, "Line": n.line, "Slug": n.slug, "Drawings": n.drawings,
		"Payload": payloadOf(c),
		// A table or a number is HTML; every other type is drawn by ECharts in the canvas.
		"Drawn": c.Type != "table" && c.Type != "number",
	})
}

// chartErrorMessage is what a broken chart shows in its place: the user's mistake in full,
// but never the detail of an internal fault.
func chartErrorMessage(err error) string {
	if msg, ok := fault.Message(err); ok {
		return msg
	}
	return "ce graphique n'a pas pu être construit à cause d'une erreur interne ; l'équipe peut la retrouver dans le journal du serveur"
}

var figureTemplates = template.Must(template.New("").Parse(`
{{- define "figure" -}}
<figure class="chart{{if eq .Chart.Type "number"}} chart-number{{end}}" data-chart="{{.N}}" id="graphique-{{.N}}" data-type="{{.Chart.Type}}" data-line="{{.Line}}"{{if not .Drawn}} data-drawn="true"{{end}}>
<figcaption class="chart-title">{{.Chart.Title}}{{with .Chart.Subtitle}}<span class="chart-subtitle">{{.}}</span>{{end}}</figcaption>
{{- if .Drawn}}
<div class="chart-canvas{{if .Drawings}} chart-has-svg{{end}}" data-height="{{.Chart.Height}}" role="img" aria-label="{{.Chart.Description}}">
{{- range .Drawings}}<div class="chart-svg {{.Class}}">{{.SVG}}</div>{{end -}}
</div>
<script type="application/json" class="chart-spec">{{.Payload}}</script>
{{- else if eq .Chart.Type "number"}}{{with .Chart.Figure}}
<p class="figure-label">{{.Label}}{{with .At}} ({{.}}){{end}}</p>
<p class="figure-value">{{.Value}}</p>
{{with .Comparison}}<p class="figure-comparison figure-{{$.Chart.Figure.Trend}}">{{.}}</p>{{end}}
{{- end}}{{else}}
{{template "table" .Chart.Table}}
{{- end}}
<p class="chart-description">{{.Chart.Description}}</p>
{{with .Chart.Note}}<p class="chart-note" role="note">{{.}}</p>{{end}}
<p class="chart-source">{{.Chart.Citation}} · <a href="/datasets/{{.Chart.Dataset}}">Les données</a>
{{- if .Chart.Pinned}} · <span class="chart-pinned">version {{.Chart.Version}} des données, figée</span>{{end}}
{{- with .Slug}} · <a class="chart-csv" href="/p/{{.}}/charts/{{$.N}}.csv" download>Télécharger (CSV)</a>
{{- if $.Drawings}} · <a class="chart-svg-download" href="/p/{{.}}/charts/{{$.N}}.svg" download>Image (SVG)</a>{{end}}{{end}}</p>
{{- if .Drawn}}
<details class="chart-data"><summary>Voir les données</summary>{{template "table" .Chart.Table}}</details>
{{- end}}
</figure>
{{end -}}
{{- define "table" -}}
<div class="table-scroll"><table class="chart-table">
<thead><tr>{{range .Columns}}<th scope="col">{{.}}</th>{{end}}</tr></thead>
<tbody>{{$num := .Numeric}}{{$raw := .Raw}}{{range $r, $row := .Rows}}<tr>{{range $i, $cell := $row}}<td{{if index $num $i}} class="num"{{end}}{{with $raw}} data-sort-value="{{index (index $raw $r) $i}}"{{end}}>{{$cell}}</td>{{end}}</tr>{{end}}</tbody>
</table></div>
{{- end -}}
{{- define "unavailable" -}}
<figure class="chart chart-error chart-unavailable" data-chart="{{.N}}" id="graphique-{{.N}}">
<p class="chart-error-message">Graphique indisponible</p>
</figure>
{{end -}}
{{- define "error" -}}
<figure class="chart chart-error" data-chart="{{.N}}" id="graphique-{{.N}}" data-line="{{.Problem.Line}}">
<p class="chart-error-message" role="alert">Graphique {{.N}}, ligne {{.Problem.Line}} de la page : {{.Problem.Message}}</p>
</figure>
{{end -}}`))

// chartExtension plugs chart blocks into goldmark's renderer.
type chartExtension struct{}

func (chartExtension) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(chartRenderer{}, 100)))
}

// questionExtension plugs question blocks into goldmark's renderer.
type questionExtension struct{}

func (questionExtension) Extend(m goldmark.Markdown) {
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(questionRenderer{}, 100)))
}
