// The parts of ECharts atelier draws, bundled by scripts/assets.sh (esbuild) into
// internal/web/static/vendor/echarts/echarts.min.js as an IIFE that sets window.echarts,
// the same global (and the same core API: init, registerMap, getInstanceByDom, use…) as
// the full dist/echarts.min.js it replaces, so atelier.js and the Go side need no change.
//
// This file lives outside internal/web/static on purpose: everything there is embedded in
// the binary, and this source is only an input of the build.
//
// To draw a new chart type, add its chart (and any component its options use) below, run
// `make assets`, and check the size the script prints: a first visit must stay ≤ 200 KB
// over the wire (bundle + atelier.js + atelier.css, gzip).
import { use } from 'echarts/core';
import {
  BarChart,
  HeatmapChart,
  LineChart,
  MapChart,
  PieChart,
  ScatterChart,
  TreemapChart
} from 'echarts/charts';
import {
  AriaComponent,
  DatasetComponent,
  DataZoomInsideComponent,
  DataZoomSliderComponent,
  GeoComponent,
  GraphicComponent,
  GridComponent,
  LegendPlainComponent,
  LegendScrollComponent,
  MarkLineComponent,
  MarkPointComponent,
  TitleComponent,
  TooltipComponent,
  TransformComponent,
  VisualMapContinuousComponent,
  VisualMapPiecewiseComponent
} from 'echarts/components';
import { LabelLayout } from 'echarts/features';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';

use([
  // Charts: what the chart block offers (bar, line/area, pie/donut, scatter, heatmap,
  // treemap, map).
  BarChart,
  LineChart,
  PieChart,
  ScatterChart,
  HeatmapChart,
  TreemapChart,
  MapChart,
  // Components: cartesian grid, tooltip (its axis pointer comes with it), legend (plain and,
  // on phones, scroll), title, colour scales for heatmaps and maps, zoom on long series,
  // accessibility (aria labels, decal patterns), dataset + transform, reference lines and
  // points, free graphics (notices drawn in the chart), geo for choropleths.
  GridComponent,
  TooltipComponent,
  LegendPlainComponent,
  LegendScrollComponent,
  TitleComponent,
  VisualMapContinuousComponent,
  VisualMapPiecewiseComponent,
  DataZoomInsideComponent,
  DataZoomSliderComponent,
  AriaComponent,
  DatasetComponent,
  TransformComponent,
  MarkLineComponent,
  MarkPointComponent,
  GraphicComponent,
  GeoComponent,
  // Labels that avoid each other (pie labels, hideOverlap on axes).
  LabelLayout,
  // Canvas on screen; SVG for print and export (init(…, {renderer: 'svg'})).
  CanvasRenderer,
  SVGRenderer
]);

// The core API atelier.js uses, plus the few calls a page script or a test may want; esbuild's
// IIFE makes these exports the global `echarts`. Not `export * from 'echarts/core'`: that
// keeps the extension helpers (graphic, zrender, util…) and costs 5 KB gzipped.
export {
  connect,
  disconnect,
  dispose,
  getInstanceByDom,
  getMap,
  init,
  registerLocale,
  registerMap,
  registerTheme,
  // The server's drawing (internal/chartsvg) measures text in Go through it.
  setPlatformAPI,
  use,
  version
} from 'echarts/core';

// Which build this is: atelier.js reads echarts.atelierBuild to tell a chart the base build
// cannot draw (it then loads the full build, or says so) from an empty one.
export const atelierBuild = 'full';
