/*
 * atelier.js — draws the charts of a server-rendered page.
 *
 * Each chart is a <figure data-chart> holding a <div class="chart-canvas"> and a
 * <script type="application/json" class="chart-spec"> with
 *   {"type": "...", "options": {ECharts option object}, "format": {"kind": "number"|"percent"|"currency",
 *    "unit": "...", "decimals": 0, "currency": "EUR"}, "map": {"name": "...", "geojson": {...}}}
 * The options come from our Go code; they hold data, never functions. Every formatter
 * (French numbers, units, percentages, dates, tooltips) is added here, from the declarative
 * "format" field. Text from the data only ever reaches the page through textContent or
 * ECharts' canvas text: no innerHTML, no eval, no HTML string built from data.
 *
 * Tooltips are built as DOM nodes (not HTML strings) and confined to the chart, so that
 * they need no inline style attribute: a Content-Security-Policy without 'unsafe-inline'
 * stays quiet.
 *
 * A figure gets data-drawn="true" once its chart has rendered; a figure whose chart cannot
 * be drawn gets a visible French notice (class chart-error) and data-drawn="false".
 * Plain ES2019, no dependency but window.echarts. Never throws.
 */
(function () {
  'use strict';

  var NARROW = 560; // px of chart width below which the phone layout applies
  var DEFAULT_HEIGHT = 400;
  var NNBSP = '\u202F'; // narrow no-break space, as Intl fr-FR uses before % and €
  var FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", "DejaVu Sans", Arial, sans-serif';

  var MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août',
    'septembre', 'octobre', 'novembre', 'décembre'];
  var MONTHS_ABBR = ['janv.', 'févr.', 'mars', 'avr.', 'mai', 'juin', 'juil.', 'août',
    'sept.', 'oct.', 'nov.', 'déc.'];
  var DAYS = ['dimanche', 'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi'];
  var DAYS_ABBR = ['dim.', 'lun.', 'mar.', 'mer.', 'jeu.', 'ven.', 'sam.'];

  // Partial ECharts locale: ECharts merges it over its English default.
  var LOCALE_FR = {
    time: { month: MONTHS, monthAbbr: MONTHS_ABBR, dayOfWeek: DAYS, dayOfWeekAbbr: DAYS_ABBR },
    legend: { selector: { all: 'Tout', inverse: 'Inverser' } },
    toolbox: {
      brush: { title: { rect: 'Sélection rectangulaire', polygon: 'Sélection libre', lineX: 'Sélection horizontale', lineY: 'Sélection verticale', keep: 'Garder la sélection', clear: 'Effacer la sélection' } },
      dataView: { title: 'Données', lang: ['Données', 'Fermer', 'Actualiser'] },
      dataZoom: { title: { zoom: 'Zoom', back: 'Annuler le zoom' } },
      magicType: { title: { line: 'Courbes', bar: 'Barres', stack: 'Empiler', tiled: 'Côte à côte' } },
      restore: { title: 'Rétablir' },
      saveAsImage: { title: 'Enregistrer l’image', lang: ['Clic droit pour enregistrer l’image'] }
    }
  };

  var instances = []; // {figure, canvas, chart, narrow}

  // ---------- small helpers ----------

  function isObject(v) {
    return v !== null && typeof v === 'object' && !Array.isArray(v);
  }

  function asArray(v) {
    if (Array.isArray(v)) return v;
    return v === undefined || v === null ? [] : [v];
  }

  function finite(v) {
    return typeof v === 'number' && isFinite(v);
  }

  // The number a value stands for: a number, {value: n}, or [x, y] data (last number wins:
  // [date, y], [category, x] and [x, y] all give the measured value).
  function numberOf(v) {
    if (finite(v)) return v;
    if (isObject(v)) return numberOf(v.value);
    if (Array.isArray(v)) {
      for (var i = v.length - 1; i >= 0; i--) {
        if (finite(v[i])) return v[i];
      }
    }
    return null;
  }

  function clampInt(v, lo, hi, dflt) {
    var n = typeof v === 'string' ? parseInt(v, 10) : v;
    if (!finite(n)) return dflt;
    n = Math.round(n);
    return Math.min(hi, Math.max(lo, n));
  }

  function nf(options) {
    try {
      return new Intl.NumberFormat('fr-FR', options);
    } catch (e) {
      // Unknown option (old browser) or currency code: plain French number.
      return new Intl.NumberFormat('fr-FR', { maximumFractionDigits: options.maximumFractionDigits });
    }
  }

  // Number of decimals needed to show a tick value such as 0.25 (floating noise removed).
  function decimalsOf(v) {
    var s = String(Math.abs(Number(v.toPrecision(12))));
    if (s.indexOf('e-') >= 0) return 6;
    var dot = s.indexOf('.');
    return dot < 0 ? 0 : Math.min(6, s.length - dot - 1);
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  // ---------- number formats from the declarative "format" ----------

  function makeFormat(spec) {
    var f = isObject(spec) ? spec : {};
    var kind = f.kind === 'percent' || f.kind === 'currency' ? f.kind : 'number';
    var explicit = f.decimals !== undefined && f.decimals !== null;
    var decimals = clampInt(f.decimals, 0, 10, 2);
    var unit = typeof f.unit === 'string' ? f.unit.trim() : '';
    var currency = typeof f.currency === 'string' && /^[A-Za-z]{3}$/.test(f.currency) ? f.currency.toUpperCase() : 'EUR';
    var cache = {};

    function formatter(digits, compact) {
      var key = digits + (compact ? 'c' : '');
      if (!cache[key]) {
        var o = { maximumFractionDigits: digits };
        if (kind === 'currency') {
          o.style = 'currency';
          o.currency = currency;
          o.minimumFractionDigits = Math.min(digits, explicit ? decimals : 0);
        }
        if (compact) {
          o.notation = 'compact';
          o.maximumFractionDigits = Math.min(digits, 1);
        }
        cache[key] = nf(o);
      }
      return cache[key];
    }

    function render(n, digits, compact) {
      var s = formatter(digits, compact).format(n);
      if (kind === 'percent') s += NNBSP + '%';
      return s;
    }

    // "48 568", "78,94 %", "1 234 €"; non-numbers shown as they are.
    function plain(v) {
      var n = numberOf(v);
      if (n === null) return v === null || v === undefined || v === '-' ? '—' : String(v);
      return render(n, decimals, false);
    }

    // With the unit, for tooltips: "48 568 habitants".
    function full(v) {
      var s = plain(v);
      return unit && numberOf(v) !== null ? s + ' ' + unit : s;
    }

    // Axis ticks: enough decimals to tell ticks apart, compact past a million ("1,2 M").
    function axis(v) {
      if (!finite(v)) return String(v);
      var digits = Math.max(decimals, decimalsOf(v));
      return render(v, digits, Math.abs(v) >= 1e6);
    }

    var pct = nf({ maximumFractionDigits: 1 });
    function share(p) {
      return finite(p) ? pct.format(p) + NNBSP + '%' : '';
    }

    return { plain: plain, full: full, axis: axis, share: share };
  }

  // ---------- dates on time axes ----------

  function timeGranularity(option) {
    var unit = 'year';
    var rank = { year: 0, month: 1, day: 2, minute: 3 };
    asArray(option.series).forEach(function (s) {
      asArray(isObject(s) ? s.data : null).forEach(function (d) {
        var raw = Array.isArray(d) ? d[0] : isObject(d) && Array.isArray(d.value) ? d.value[0] : null;
        if (raw === null || raw === undefined) return;
        var t = typeof raw === 'number' ? new Date(raw) : new Date(String(raw).length === 10 ? raw + 'T00:00:00' : raw);
        if (isNaN(t.getTime())) return;
        var u = t.getHours() || t.getMinutes() ? 'minute' : t.getDate() !== 1 ? 'day' : t.getMonth() !== 0 ? 'month' : 'year';
        if (rank[u] > rank[unit]) unit = u;
      });
    });
    return unit;
  }

  function dateFormatter(unit) {
    var o = unit === 'year' ? { year: 'numeric' }
      : unit === 'month' ? { month: 'long', year: 'numeric' }
        : unit === 'day' ? { day: 'numeric', month: 'long', year: 'numeric' }
          : { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' };
    var f = new Intl.DateTimeFormat('fr-FR', o);
    return function (v) {
      var t = new Date(v);
      return isNaN(t.getTime()) ? String(v) : f.format(t);
    };
  }

  // ---------- tooltips as DOM nodes ----------

  function marker(color) {
    var m = el('span', 'atelier-tooltip-marker');
    if (typeof color === 'string') m.style.backgroundColor = color; // CSSOM: allowed by CSP
    m.setAttribute('aria-hidden', 'true');
    return m;
  }

  function row(color, name, value) {
    var r = el('div', 'atelier-tooltip-row');
    r.appendChild(marker(color));
    if (name) r.appendChild(el('span', 'atelier-tooltip-name', name));
    r.appendChild(el('span', 'atelier-tooltip-value', value));
    return r;
  }

  function isAutoName(name) {
    // ECharts names unnamed series "series\u00000", "series\u00001"…
    return typeof name !== 'string' || name === '' || name.indexOf('series\u0000') === 0;
  }

  function tooltipFormatter(fmt, timeLabel) {
    return function (params) {
      try {
        var box = el('div', 'atelier-tooltip');
        var list = asArray(params);
        if (!list.length) return box;
        var first = list[0];
        if (Array.isArray(params)) {
          // Axis trigger: header is the category (or date), one row per series.
          var head = timeLabel ? timeLabel(first.axisValue) : first.axisValueLabel !== undefined ? first.axisValueLabel : first.name;
          box.appendChild(el('div', 'atelier-tooltip-head', head));
          list.forEach(function (p) {
            box.appendChild(row(p.color, isAutoName(p.seriesName) ? '' : p.seriesName, fmt.full(p.value)));
          });
        } else if (first.seriesType === 'pie' || first.seriesType === 'funnel') {
          if (!isAutoName(first.seriesName)) box.appendChild(el('div', 'atelier-tooltip-head', first.seriesName));
          var v = fmt.full(first.value);
          if (finite(first.percent)) v += ' (' + fmt.share(first.percent) + ')';
          box.appendChild(row(first.color, first.name, v));
        } else {
          // Item trigger on a cartesian or map chart.
          var label = first.name;
          if (timeLabel && Array.isArray(first.value)) label = timeLabel(first.value[0]);
          else if (!label && Array.isArray(first.value) && first.value.length === 2 && finite(first.value[0])) {
            label = fmt.plain(first.value[0]); // a scatter point: "x" then "y unit"
          }
          if (!isAutoName(first.seriesName) && asArray(params).length === 1 && label !== first.seriesName) {
            box.appendChild(el('div', 'atelier-tooltip-head', first.seriesName));
          }
          box.appendChild(row(first.color, label, fmt.full(first.value)));
        }
        return box;
      } catch (e) {
        return el('div', 'atelier-tooltip', '');
      }
    };
  }

  // ---------- option preparation ----------

  function axisKind(axis, isX) {
    var t = isObject(axis) ? axis.type : undefined;
    if (t === 'value' || t === 'log' || t === 'category' || t === 'time') return t;
    return isX ? 'category' : 'value'; // ECharts' defaults for cartesian axes
  }

  function mapAxes(value, fn) {
    if (Array.isArray(value)) return value.map(function (a) { return fn(isObject(a) ? a : {}); });
    if (isObject(value)) return fn(value);
    return value;
  }

  function withObj(obj, key, patch) {
    var out = Object.assign({}, obj);
    out[key] = Object.assign({}, isObject(obj[key]) ? obj[key] : {}, patch);
    return out;
  }

  function hasText(title) {
    return asArray(title).some(function (t) { return isObject(t) && t.show !== false && typeof t.text === 'string' && t.text !== ''; });
  }

  function longest(list) {
    var n = 0;
    asArray(list).forEach(function (c) {
      var s = isObject(c) ? c.value : c;
      if (s !== null && s !== undefined) n = Math.max(n, String(s).length);
    });
    return n;
  }

  // Adds formatters, French dates and a layout fitted to the width (phone, laptop, projector)
  // to a copy of the options.
  function prepare(spec, narrow, width) {
    var o = Object.assign({}, spec.options);
    var fmt = makeFormat(spec.format);
    var series = asArray(o.series).filter(isObject);
    var allPie = series.length > 0 && series.every(function (s) { return s.type === 'pie' || s.type === 'funnel'; });
    var cartesian = series.length > 0 && series.every(function (s) {
      return s.type === 'bar' || s.type === 'line' || s.type === 'scatter' || s.type === 'effectScatter' || s.type === undefined;
    }) && (o.xAxis !== undefined || o.yAxis !== undefined);
    var fontSize = narrow ? 12 : width >= 900 ? 15 : 13;
    var charW = fontSize * 0.58; // average width of a character of the system sans-serif

    var timeLabel = null;
    var horizontal = false;

    o.textStyle = Object.assign({ fontFamily: FONT, fontSize: fontSize }, isObject(o.textStyle) ? o.textStyle : {});
    if (o.title !== undefined) {
      // A title drawn in the chart does not wrap: cut it to the width (the caption has it whole).
      o.title = mapAxes(o.title, function (t) {
        return Object.assign({}, t, {
          left: t.left === undefined ? 'center' : t.left,
          textStyle: Object.assign({ fontSize: fontSize + 2 }, isObject(t.textStyle) ? t.textStyle : {}, { width: Math.max(80, width - 24), overflow: 'truncate' })
        });
      });
    }

    // A legend with a single entry says nothing the caption does not: hide it, unless asked.
    var legendShown = false;
    if (o.legend !== undefined) {
      o.legend = mapAxes(o.legend, function (l) {
        var out = Object.assign({}, l);
        // Wide pies name their slices beside them (phones get a legend below, further down).
        if (out.show !== true && (allPie ? !narrow : series.length <= 1)) out.show = false;
        if (out.show !== false) legendShown = true;
        out.textStyle = Object.assign({ fontSize: fontSize }, isObject(out.textStyle) ? out.textStyle : {});
        if (narrow && !allPie) out.type = 'scroll';
        return out;
      });
    }

    if (cartesian) {
      var xs = asArray(o.xAxis);
      var ys = asArray(o.yAxis);
      var xKind = axisKind(xs[0], true);
      var yKind = axisKind(ys[0], false);
      horizontal = (yKind === 'category' || yKind === 'time') && (xKind === 'value' || xKind === 'log');
      if (xKind === 'time' || yKind === 'time') timeLabel = dateFormatter(timeGranularity(o));

      var labelSpace = 0; // room on the right for value labels of horizontal bars
      if (horizontal) {
        series.forEach(function (s) {
          if (isObject(s.label) && s.label.show) {
            asArray(s.data).forEach(function (d) {
              labelSpace = Math.max(labelSpace, fmt.plain(d).length * charW + 12);
            });
          }
        });
      }
      var plotWidth = width * (horizontal ? 0.6 : 0.8);

      var patchAxis = function (isX) {
        return function (axis) {
          var kind = axisKind(axis, isX);
          var a = Object.assign({}, axis);
          var label = Object.assign({ fontSize: fontSize }, isObject(a.axisLabel) ? a.axisLabel : {});
          label.hideOverlap = true;
          if (kind === 'value' || kind === 'log') {
            label.formatter = fmt.axis;
            // A value axis across a phone (horizontal bars) has room for few ticks; none
            // are needed when every bar carries its value.
            if (isX && narrow && horizontal) {
              if (labelSpace > 0 && label.show === undefined) label.show = false;
              else if (a.splitNumber === undefined) a.splitNumber = 3;
            }
          } else if (kind === 'time') {
            if (narrow && a.splitNumber === undefined) a.splitNumber = 3;
          } else if (kind === 'category') {
            var maxW = Math.round(isX ? (narrow ? 96 : 150) : width * (narrow ? 0.36 : 0.28));
            label.width = Math.max(60, maxW);
            label.overflow = 'truncate';
            if (isX && label.rotate === undefined) {
              // Labels too long for their slot: slant them rather than drop most of them.
              var n = Math.max(1, asArray(a.data).length);
              var need = Math.min(longest(a.data) * charW, label.width) + 16;
              if (n * need > plotWidth) label.rotate = narrow || plotWidth / n < fontSize * 1.7 ? 60 : 40;
            }
          }
          a.axisLabel = label;
          if (kind === 'time' && !(isObject(a.axisPointer) && isObject(a.axisPointer.label) && a.axisPointer.label.formatter)) {
            a.axisPointer = withObj(isObject(a.axisPointer) ? a.axisPointer : {}, 'label', {
              formatter: function (p) { return timeLabel(p.value); }
            });
          }
          return a;
        };
      };
      o.xAxis = mapAxes(o.xAxis, patchAxis(true));
      o.yAxis = mapAxes(o.yAxis, patchAxis(false));

      // Keep axis labels inside the canvas; the legend (ECharts 6: at the bottom) below the plot.
      o.grid = mapAxes(o.grid === undefined ? {} : o.grid, function (g) {
        return Object.assign({
          left: narrow ? 4 : 12,
          right: Math.round(Math.max(narrow ? 12 : 28, labelSpace)),
          top: hasText(o.title) ? 56 : fontSize + 12,
          bottom: legendShown ? fontSize * 2 + 20 : 8,
          // ECharts 6: the box above holds the axis labels too (what containLabel did in 5).
          outerBoundsMode: 'same',
          outerBoundsContain: 'all'
        }, g);
      });
    }

    // Series: number labels when shown; pie labels with their share.
    o.series = asArray(o.series).map(function (s) {
      if (!isObject(s)) return s;
      var out = Object.assign({}, s);
      var lab = isObject(s.label) ? s.label : null;
      if (s.type === 'pie' || s.type === 'funnel') {
        if (narrow) {
          // No room around a pie on a phone: the legend below carries names and shares.
          out.label = Object.assign({}, lab || {}, { show: false });
          out.labelLine = Object.assign({}, isObject(s.labelLine) ? s.labelLine : {}, { show: false });
          if (s.type === 'pie') {
            out.center = ['50%', Math.round(width * 0.42 + 8)];
            var outer = Math.round(width * 0.4);
            var r = asArray(s.radius).map(function (x) { return parseFloat(x); });
            out.radius = r.length === 2 && r[1] > 0 && r[0] >= 0 ? [Math.round(outer * r[0] / r[1]), outer] : outer;
          }
        } else if (!lab || lab.formatter === undefined) {
          out.label = Object.assign({ fontSize: fontSize }, lab || {}, {
            formatter: function (p) { return p.name + '\n' + fmt.share(p.percent); },
            lineHeight: Math.round(fontSize * 1.35),
            width: Math.max(110, Math.round(width * 0.2)),
            overflow: 'truncate' // line by line: a long name is cut, never its share
          });
        }
      } else if (lab && lab.show) {
        out.label = Object.assign({ fontSize: fontSize }, lab, { formatter: function (p) { return fmt.plain(p.value); } });
      }
      return out;
    });

    var pieRows = 0;
    if (allPie && narrow) {
      // Vertical legend under the pie, each entry "name : 34,6 %".
      var sums = {};
      var total = 0;
      series.forEach(function (s) {
        asArray(s.data).forEach(function (d) {
          var v = numberOf(d);
          var name = isObject(d) ? d.name : undefined;
          if (v !== null && v > 0) {
            total += v;
            if (name !== undefined) sums[name] = (sums[name] || 0) + v;
          }
        });
      });
      pieRows = Object.keys(sums).length;
      o.legend = mapAxes(o.legend === undefined ? {} : o.legend, function (l) {
        return Object.assign({}, l, {
          show: true,
          type: 'plain',
          orient: 'vertical',
          left: 4,
          top: Math.round(width * 0.84 + 24),
          bottom: undefined,
          itemGap: 8,
          textStyle: Object.assign({}, isObject(l.textStyle) ? l.textStyle : {}, { fontSize: 13, width: Math.round(width - 48), overflow: 'truncate' }),
          formatter: function (name) {
            return total > 0 && sums[name] !== undefined ? name + ' : ' + fmt.share(100 * sums[name] / total) : name;
          }
        });
      });
    }

    // Tooltip: French values, DOM content (no HTML strings), confined to the chart.
    var tip = isObject(o.tooltip) ? o.tooltip : asArray(o.tooltip).filter(isObject)[0] || {};
    var t = Object.assign({}, tip);
    if (t.trigger === undefined) {
      t.trigger = cartesian && !series.some(function (s) { return s.type === 'scatter'; }) ? 'axis' : 'item';
      if (t.trigger === 'axis' && t.axisPointer === undefined) {
        t.axisPointer = { type: series.every(function (s) { return s.type === 'bar'; }) ? 'shadow' : 'line' };
      }
    }
    t.valueFormatter = fmt.full;
    t.formatter = tooltipFormatter(fmt, timeLabel);
    t.confine = true;
    t.appendToBody = false;
    t.renderMode = 'html';
    t.className = 'atelier-tooltip-box';
    o.tooltip = t;

    if (window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches) {
      o.animation = false;
    }
    return { option: o, horizontal: horizontal, pie: allPie, extraHeight: pieRows ? pieRows * 24 + 32 : 0 };
  }

  // ---------- figures ----------

  function fail(figure, message) {
    try {
      figure.classList.add('chart-error');
      figure.setAttribute('data-drawn', 'false');
      var canvas = figure.querySelector('.chart-canvas');
      if (canvas) canvas.hidden = true;
      var p = figure.querySelector('.chart-error-message[data-from-script]');
      if (!p) {
        p = el('p', 'chart-error-message');
        p.setAttribute('role', 'alert');
        p.setAttribute('data-from-script', '');
        var caption = figure.querySelector('figcaption');
        if (caption && caption.nextSibling) figure.insertBefore(p, caption.nextSibling);
        else figure.insertBefore(p, figure.firstChild);
      }
      var more = figure.querySelector('details.chart-data') ? ' Les données restent consultables dans le tableau ci-dessous.' : '';
      p.textContent = message + more;
    } catch (e) { /* nothing more we can do */ }
  }

  function figureLabel(figure) {
    var n = figure.getAttribute('data-chart');
    return /^\d+$/.test(n || '') ? 'Graphique ' + n + ' : ' : '';
  }

  function heightFor(canvas, narrow, width, prepared) {
    var h = clampInt(canvas.getAttribute('data-height'), 120, 3000, DEFAULT_HEIGHT);
    if (narrow && prepared.pie) {
      // The pie, then its legend below.
      h = Math.round(width * 0.84 + 16) + prepared.extraHeight;
    } else if (narrow && !prepared.horizontal) {
      // On a phone a 400 px chart is most of the screen: keep it about square.
      h = Math.min(h, Math.max(280, Math.round(width * 1.05)));
    }
    return h;
  }

  function markDrawn(figure) {
    if (figure.getAttribute('data-drawn') !== 'true') figure.setAttribute('data-drawn', 'true');
  }

  function draw(figure) {
    var specEl = figure.querySelector('script.chart-spec');
    if (!specEl) return; // server-side error figure, or not a chart
    var canvas = figure.querySelector('.chart-canvas');
    var spec;
    try {
      spec = JSON.parse(specEl.textContent);
      if (!isObject(spec) || !isObject(spec.options)) throw new Error('options');
    } catch (e) {
      fail(figure, figureLabel(figure) + 'ce graphique n’a pas pu être lu.');
      return;
    }
    if (!canvas) {
      markDrawn(figure); // nothing to draw (e.g. a "number" or "table" block)
      return;
    }
    if (!window.echarts || typeof window.echarts.init !== 'function') {
      fail(figure, 'Le moteur de graphiques n’a pas pu être chargé.');
      return;
    }
    try {
      if (isObject(spec.map) && typeof spec.map.name === 'string' && isObject(spec.map.geojson)) {
        window.echarts.registerMap(spec.map.name, spec.map.geojson);
      }
      var width = canvas.clientWidth || figure.clientWidth || 360;
      var narrow = width < NARROW;
      var prepared = prepare(spec, narrow, width);
      canvas.style.height = heightFor(canvas, narrow, width, prepared) + 'px';
      var existing = window.echarts.getInstanceByDom(canvas);
      if (existing) existing.dispose();
      var chart = window.echarts.init(canvas, null, { renderer: 'canvas', locale: LOCALE_FR });
      var entry = { figure: figure, canvas: canvas, chart: chart, spec: spec, narrow: narrow, width: width, pending: false };
      chart.on('finished', function () { markDrawn(figure); });
      chart.setOption(prepared.option, true);
      // 'finished' does not come for a chart inside a hidden slide: mark it all the same.
      window.setTimeout(function () { markDrawn(figure); }, 1500);
      instances.push(entry);
    } catch (e) {
      fail(figure, figureLabel(figure) + 'ce graphique n’a pas pu être dessiné.');
    }
  }

  // Resize a chart; past the phone/laptop breakpoint, lay it out again.
  function refit(entry, forcedWidth) {
    try {
      if (entry.chart.isDisposed()) return;
      var width = forcedWidth || entry.canvas.clientWidth;
      if (!width) return; // hidden (a slide not shown): wait until it shows
      var narrow = width < NARROW;
      if (narrow !== entry.narrow || Math.abs(width - entry.width) > 40) {
        var prepared = prepare(entry.spec, narrow, width);
        prepared.option.animation = false; // a resize should not replay the entrance
        entry.canvas.style.height = heightFor(entry.canvas, narrow, width, prepared) + 'px';
        entry.chart.setOption(prepared.option, true);
        entry.narrow = narrow;
        entry.width = width;
      }
      entry.chart.resize(forcedWidth ? { width: forcedWidth, animation: { duration: 0 } } : undefined);
      if (forcedWidth) {
        // Printing lays the page out at once: paint now, not at the next animation frame.
        var zr = entry.chart.getZr && entry.chart.getZr();
        if (zr && typeof zr.flush === 'function') zr.flush();
      }
    } catch (e) { /* a resize that fails leaves the previous drawing */ }
  }

  function watch() {
    var queued = false;
    function refitAll() {
      queued = false;
      instances.forEach(function (entry) {
        if (entry.pending) {
          entry.pending = false;
          refit(entry);
        }
      });
    }
    if (typeof window.ResizeObserver === 'function') {
      var ro = new window.ResizeObserver(function (records) {
        records.forEach(function (r) {
          instances.forEach(function (entry) {
            if (entry.canvas === r.target || entry.figure === r.target) entry.pending = true;
          });
        });
        if (!queued) {
          queued = true;
          window.requestAnimationFrame(refitAll);
        }
      });
      instances.forEach(function (entry) { ro.observe(entry.figure); });
    } else {
      window.addEventListener('resize', function () {
        instances.forEach(function (entry) { entry.pending = true; });
        if (!queued) {
          queued = true;
          window.requestAnimationFrame(refitAll);
        }
      });
    }
    // Print: draw at the width of an A4 page (about 17 cm at 96 dpi), then back.
    window.addEventListener('beforeprint', function () {
      instances.forEach(function (entry) { refit(entry, Math.min(entry.canvas.clientWidth || 650, 650)); });
    });
    window.addEventListener('afterprint', function () {
      instances.forEach(function (entry) { refit(entry); });
    });
  }

  function start() {
    var figures;
    try {
      figures = document.querySelectorAll('figure[data-chart]');
    } catch (e) {
      return;
    }
    for (var i = 0; i < figures.length; i++) {
      try {
        draw(figures[i]);
      } catch (e) {
        fail(figures[i], figureLabel(figures[i]) + 'ce graphique n’a pas pu être dessiné.');
      }
    }
    try {
      watch();
    } catch (e) { /* charts stay drawn at their first size */ }
  }

  // Small API for the slide mode and tests: redraw after showing a hidden chart.
  window.atelierCharts = {
    resize: function () { instances.forEach(function (entry) { refit(entry); }); },
    count: function () { return instances.length; }
  };

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());
