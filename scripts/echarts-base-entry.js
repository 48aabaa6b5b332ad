// The light ECharts bundle (echarts-base.min.js): what most pages draw — bar, line/area,
// pie/donut, scatter — and nothing else, so that a first visit stays within the 200 KB budget.
// Built by scripts/assets.sh beside the full bundle (scripts/echarts-entry.js ->
// echarts.min.js), with the same global `echarts` and the same exports.
//
// A page that loads this file instead of the full one names the full one in the script tag,
//   <script src="/static/vendor/echarts/echarts-base.HASH.js" data-echarts-full="/static/vendor/echarts/echarts.HASH.js" defer>
// and atelier.js loads the full bundle first when a chart needs more (heatmap, treemap, map,
// visualMap, dataZoom, markLine/markPoint, graphic, geo): see needsFull in atelier.js, which
// must list what this file leaves out.
import { use } from 'echarts/core';
import { BarChart, LineChart, PieChart, ScatterChart } from 'echarts/charts';
import {
  AriaComponent,
  DatasetComponent,
  GridComponent,
  LegendPlainComponent,
  LegendScrollComponent,
  TitleComponent,
  TooltipComponent
} from 'echarts/components';
import { LabelLayout } from 'echarts/features';
import { CanvasRenderer } from 'echarts/renderers';

use([
  BarChart,
  LineChart,
  PieChart,
  ScatterChart,
  GridComponent,
  TooltipComponent,
  LegendPlainComponent,
  LegendScrollComponent,
  TitleComponent,
  AriaComponent,
  DatasetComponent,
  LabelLayout,
  CanvasRenderer
]);

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
  use,
  version
} from 'echarts/core';

// Which build this is: atelier.js reads echarts.atelierBuild to tell a chart the base build
// cannot draw (it then loads the full build, or says so) from an empty one.
export const atelierBuild = 'base';
