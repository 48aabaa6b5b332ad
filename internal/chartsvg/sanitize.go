package chartsvg

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strings"
)

// MaxSVGBytes caps one drawing: a chart of a few thousand marks is well under it, and a page
// that inlines its charts must stay light on a phone.
const MaxSVGBytes = 2 << 20

// elements are the SVG elements ECharts draws charts with. Anything else (style, script,
// image, foreignObject, a, use…) is dropped with its content.
var elements = setOf("svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon",
	"text", "tspan", "defs", "clipPath", "linearGradient", "radialGradient", "stop")

// geometry are the attributes that place and shape marks.
var geometry = setOf("d", "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "fx", "fy",
	"width", "height", "points", "transform", "viewBox", "offset", "gradientUnits", "gradientTransform",
	"id", "clip-path", "clipPathUnits", "preserveAspectRatio", "dx", "dy")

// presentation are the SVG presentation attributes a CSS declaration of ECharts' may become:
// the page's Content-Security-Policy refuses style attributes, not these.
var presentation = setOf("fill", "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-opacity",
	"stroke-dasharray", "stroke-dashoffset", "stroke-linecap", "stroke-linejoin", "stroke-miterlimit",
	"opacity", "font-size", "font-family", "font-weight", "font-style", "font-variant", "text-anchor",
	"dominant-baseline", "alignment-baseline", "baseline-shift", "letter-spacing", "paint-order",
	"visibility", "display", "stop-color", "stop-opacity", "text-decoration", "white-space")

func setOf(names ...string) map[string]bool {
	m := map[string]bool{}
	for _, n := range names {
		m[n] = true
	}
	return m
}

var (
	localURL = regexp.MustCompile(`url\(\s*#([A-Za-z0-9_.:-]+)\s*\)`)
	// A value may name a local id, never another resource, script or CSS expression.
	unsafeValue = regexp.MustCompile(`(?i)url\(|javascript:|expression\(|[<>\\]|@import`)
)

// Sanitize rewrites ECharts' SVG so that the page can inline it under a strict
// Content-Security-Policy: only drawing elements and attributes are kept, style attributes
// become presentation attributes, the <style> block goes, ids get prefix (several charts
// share one page), and the root gets role="img" with a <title> and a <desc>.
func Sanitize(raw, title, description, prefix string) (string, error) {
	if len(raw) > MaxSVGBytes {
		return "", fmt.Errorf("chartsvg: drawing of %d bytes, over the limit of %d", len(raw), MaxSVGBytes)
	}
	dec := xml.NewDecoder(strings.NewReader(raw))
	var out strings.Builder
	depth := 0
	var open []string // element names from the root down
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return "", fmt.Errorf("chartsvg: unreadable drawing: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if !elements[t.Name.Local] || (depth == 0) != (t.Name.Local == "svg") {
				if err := dec.Skip(); err != nil {
					return "", fmt.Errorf("chartsvg: unreadable drawing: %w", err)
				}
				continue
			}
			writeStart(&out, t, prefix, depth == 0)
			if depth == 0 {
				writeLabels(&out, title, description, prefix)
			}
			depth++
			open = append(open, t.Name.Local)
		case xml.EndElement:
			depth--
			open = open[:len(open)-1]
			out.WriteString("</" + t.Name.Local + ">")
		case xml.CharData:
			// Text only inside text elements: the line breaks between elements are bytes
			// a phone would download for nothing.
			if n := len(open); n > 0 && (open[n-1] == "text" || open[n-1] == "tspan") {
				_ = xml.EscapeText(&out, t)
			}
		}
	}
	if out.Len() == 0 {
		return "", errors.New("chartsvg: the drawing has no svg element")
	}
	return hoistFont(out.String()), nil
}

var fontFamily = regexp.MustCompile(` font-family="[^"]*"`)

// hoistFont writes the font family that ECharts repeats on every text once, on the root,
// whence the texts inherit it.
func hoistFont(svg string) string {
	counts := map[string]int{}
	best := ""
	for _, m := range fontFamily.FindAllString(svg, -1) {
		counts[m]++
		if counts[m] > counts[best] {
			best = m
		}
	}
	if counts[best] < 2 {
		return svg
	}
	svg = strings.ReplaceAll(svg, best, "")
	return strings.Replace(svg, "<svg ", "<svg"+best+" ", 1)
}

func writeStart(out *strings.Builder, t xml.StartElement, prefix string, root bool) {
	attrs := map[string]string{}
	var order []string
	set := func(name, value string) {
		if _, ok := attrs[name]; !ok {
			order = append(order, name)
		}
		attrs[name] = value
	}
	for _, a := range t.Attr {
		name := a.Name.Local
		if a.Name.Space != "" || !(geometry[name] || presentation[name]) {
			continue // style, on*, href, xmlns:xlink, class…
		}
		if v, ok := cleanValue(name, a.Value, prefix); ok {
			set(name, v)
		}
	}
	// The declarations of style="…" never override an attribute of the same name, as in CSS
	// they would: ECharts writes the one value in either place, never both.
	for _, decl := range strings.Split(attrValue(t, "style"), ";") {
		name, value, ok := strings.Cut(decl, ":")
		name = strings.TrimSpace(strings.ToLower(name))
		if !ok || !presentation[name] {
			continue
		}
		if _, had := attrs[name]; had {
			continue
		}
		if v, ok := cleanValue(name, strings.TrimSpace(value), prefix); ok {
			set(name, v)
		}
	}
	out.WriteString("<" + t.Name.Local)
	if root {
		out.WriteString(` xmlns="http://www.w3.org/2000/svg" role="img"`)
		fmt.Fprintf(out, ` aria-labelledby="%stitle" aria-describedby="%sdesc"`, prefix, prefix)
	}
	for _, name := range order {
		out.WriteString(" " + name + `="`)
		_ = xml.EscapeText(out, []byte(attrs[name]))
		out.WriteString(`"`)
	}
	out.WriteString(">")
}

func attrValue(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Space == "" && a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// cleanValue keeps a value that names nothing outside the drawing; ids and the local
// references to them get the drawing's prefix.
func cleanValue(name, value, prefix string) (string, bool) {
	if name == "id" {
		return prefix + value, true
	}
	value = localURL.ReplaceAllString(value, "url(#"+prefix+"$1)")
	if unsafeValue.MatchString(localURL.ReplaceAllString(value, "")) {
		return "", false
	}
	return value, true
}

func writeLabels(out *strings.Builder, title, description, prefix string) {
	fmt.Fprintf(out, `<title id="%stitle">`, prefix)
	_ = xml.EscapeText(out, []byte(title))
	fmt.Fprintf(out, `</title><desc id="%sdesc">`, prefix)
	_ = xml.EscapeText(out, []byte(description))
	out.WriteString("</desc>")
}
