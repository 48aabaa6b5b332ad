package chartsvg

import (
	"github.com/dop251/goja"
)

// installHost gives a runtime what ECharts' bundle expects of a browser before it loads:
// a global object named window, a navigator, and timers. The timers never fire: a chart
// drawn for the server has no animation, and renderToSVGString draws synchronously.
func installHost(rt *goja.Runtime) error {
	g := rt.GlobalObject()
	if err := g.Set("window", g); err != nil {
		return err
	}
	nav := rt.NewObject()
	_ = nav.Set("userAgent", "atelier-server")
	_ = nav.Set("platform", "server")
	if err := g.Set("navigator", nav); err != nil {
		return err
	}
	if err := g.Set("atelierMeasureText", measureText); err != nil {
		return err
	}
	noop := func(goja.FunctionCall) goja.Value { return rt.ToValue(0) }
	for _, name := range []string{"setTimeout", "clearTimeout", "setInterval", "clearInterval"} {
		if err := g.Set(name, noop); err != nil {
			return err
		}
	}
	return nil
}

// drawScript draws one chart: the same preparation as in the browser (chartoptions.js, in
// French: the stored page is French, an English reader's browser draws again in English),
// at the width given, without animation, with ECharts' SVG server-side renderer; text is
// measured in Go (measure.go).
const drawScript = `
echarts.setPlatformAPI({
  measureText: function (text, font) {
    return { width: atelierMeasureText(String(text === undefined || text === null ? '' : text), String(font || '')) };
  }
});
var atelierChartOptionsFR = atelierChartOptions.create({ lang: 'fr', reducedMotion: true });
var atelierMapsRegistered = {}; // map name (dataset@version) -> true: its shapes never change
function atelierDrawSVG(specJSON, width, blockHeight) {
  var C = atelierChartOptionsFR;
  var spec = JSON.parse(specJSON);
  if (spec === null || typeof spec !== 'object' || spec.options === null || typeof spec.options !== 'object') {
    throw new Error('options');
  }
  var map = spec.map;
  if (map && typeof map.name === 'string' && map.geojson && typeof map.geojson === 'object' && !atelierMapsRegistered[map.name]) {
    echarts.registerMap(map.name, map.geojson);
    atelierMapsRegistered[map.name] = true;
  }
  var narrow = width < C.NARROW;
  var big = C.themeOf(spec) === 'projecteur' ? C.PROJECTOR_THEME_FONT : 0;
  var prepared = C.prepare(spec, narrow, width, big);
  var height = C.heightOf(blockHeight, narrow, width, prepared);
  prepared.option.animation = false;
  var chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: width, height: height, locale: C.LOCALE });
  try {
    chart.setOption(prepared.option, true);
    return { svg: chart.renderToSVGString(), height: height };
  } finally {
    chart.dispose();
  }
}
`
