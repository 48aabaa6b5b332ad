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
 *
 * ECharts comes in two builds (scripts/assets.sh): echarts.min.js with every chart atelier
 * draws, and echarts-base.min.js (bar, line, pie, scatter). A page may load the base build
 * with the full one named in its tag, <script src="…echarts-base…" data-echarts-full="…">;
 * the full build is then fetched only when a chart needs it (needsFull).
 *
 * Slides (body.present, GET /p/{slug}/present), the presenter view (body.present.presenter),
 * and following a presentation from a phone (div.follow on the page) are at the end of this
 * file. Plain ES2019, no dependency but window.echarts. Never throws.
 *
 * Language: the interface follows <html lang> (fr or en). Every message goes through
 * tr(id, "French text", args…): the French is here, the English comes from the page's
 * <script type="application/json" id="atelier-strings"> (internal/web/catalog_en_scripts.go).
 * Numbers and dates are formatted for the same language. The figures' links and « Voir les
 * données », stored in French with the page, are relabelled here in English pages.
 */
(function () {
  'use strict';

  var LANG = document.documentElement.lang === 'en' ? 'en' : 'fr';
  var LOCALE = LANG === 'en' ? 'en-GB' : 'fr-FR';
  var STRINGS = (function () {
    try {
      var node = document.getElementById('atelier-strings');
      var v = node ? JSON.parse(node.textContent) : null;
      return v !== null && typeof v === 'object' ? v : {};
    } catch (e) {
      return {};
    }
  }());

  // tr returns the message id in the page's language, else its French text; {0}, {1}… take
  // the further arguments.
  function tr(id, french) {
    var s = Object.prototype.hasOwnProperty.call(STRINGS, id) && typeof STRINGS[id] === 'string' ? STRINGS[id] : french;
    var args = arguments;
    return String(s).replace(/\{(\d)\}/g, function (m, i) {
      var v = args[Number(i) + 2];
      return v === undefined ? m : String(v);
    });
  }

  // editor.js, loaded after this file, speaks through the same tr.
  window.atelierText = { tr: tr, lang: LANG, locale: LOCALE };

  var NARROW = 560; // px of chart width below which the phone layout applies
  // A chart on a printed slide (A4 landscape, atelier.css "Print"): 25 cm × 12 cm at 96 dpi.
  var PRINT_SLIDE_CHART = { width: 945, height: 453, big: 16 };
  var DEFAULT_HEIGHT = 400;
  var NNBSP = '\u202F'; // narrow no-break space, as Intl fr-FR uses before % and €
  var PERCENT = LANG === 'en' ? '%' : NNBSP + '%'; // « 78,9 % », "78.9%"
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

  // Projector palette (body.present): dark, saturated, told apart on a washed-out projector.
  var PROJECTOR_COLORS = ['#000091', '#c9191e', '#1b7a3e', '#b35900', '#6a2c91', '#00707a', '#8a6d00', '#3d3d3d'];
  var PROJECTOR_INK_DEFAULT = '#111111';

  var instances = []; // {figure, canvas, chart, narrow, width, big}

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
      return new Intl.NumberFormat(LOCALE, options);
    } catch (e) {
      // Unknown option (old browser) or currency code: plain French number.
      return new Intl.NumberFormat(LOCALE, { maximumFractionDigits: options.maximumFractionDigits });
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
      if (kind === 'percent') s += PERCENT;
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
      return finite(p) ? pct.format(p) + PERCENT : '';
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
    var f = new Intl.DateTimeFormat(LOCALE, o);
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
  // big: the font size of the projector theme (slides), 0 elsewhere.
  function prepare(spec, narrow, width, big) {
    var o = Object.assign({}, spec.options);
    var fmt = makeFormat(spec.format);
    var series = asArray(o.series).filter(isObject);
    var allPie = series.length > 0 && series.every(function (s) { return s.type === 'pie' || s.type === 'funnel'; });
    var cartesian = series.length > 0 && series.every(function (s) {
      return s.type === 'bar' || s.type === 'line' || s.type === 'scatter' || s.type === 'effectScatter' || s.type === undefined;
    }) && (o.xAxis !== undefined || o.yAxis !== undefined);
    var fontSize = big || (narrow ? 12 : width >= 900 ? 15 : 13);
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
        var out = Object.assign({
          left: narrow ? 4 : 12,
          right: Math.round(Math.max(narrow ? 12 : 28, labelSpace)),
          top: hasText(o.title) ? 56 : fontSize + 12,
          bottom: legendShown ? fontSize * 2 + 20 : 8,
          // ECharts 6: the box above holds the axis labels too (what containLabel did in 5).
          outerBoundsMode: 'same',
          outerBoundsContain: 'all'
        }, g);
        if (out.containLabel) {
          // ECharts 5's containLabel keeps only the labels in (the axis name, e.g. "habitants",
          // is cut at the top); ECharts 6's outer bounds keep labels and names.
          delete out.containLabel;
          out.outerBoundsMode = 'same';
          out.outerBoundsContain = 'all';
        }
        return out;
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

    // Colour scales (heatmaps, maps): French numbers in their labels.
    if (o.visualMap !== undefined) {
      o.visualMap = mapAxes(o.visualMap, function (v) {
        var out = Object.assign({}, v);
        if (out.formatter === undefined) {
          out.formatter = function (a, b) {
            if (b === undefined) return fmt.plain(a); // continuous: one value
            if (!finite(a) || a === -Infinity) return '< ' + fmt.plain(b);
            if (!finite(b) || b === Infinity) return '> ' + fmt.plain(a);
            return fmt.plain(a) + ' – ' + fmt.plain(b);
          };
        }
        out.textStyle = Object.assign({ fontSize: fontSize }, isObject(v.textStyle) ? v.textStyle : {});
        return out;
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

    if (big) projector(o, fontSize);
    if (themeOf(spec) === 'sombre') projector(o, 0, DARK_INK);
    if (window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches) {
      o.animation = false;
    }
    return { option: o, horizontal: horizontal, pie: allPie, extraHeight: pieRows ? pieRows * 24 + 32 : 0 };
  }

  // ---------- projector theme (slides) ----------

  function lineStyle(obj, patch) {
    var out = Object.assign({}, isObject(obj) ? obj : {});
    out.lineStyle = Object.assign({}, isObject(out.lineStyle) ? out.lineStyle : {}, patch);
    return out;
  }

  // High contrast, large type, thick lines: what reads on a projector from the back of a room.
  // Works on the prepared copy; a value the options set on purpose (a colour) is kept.
  // ink and fontSize default to the projector's; the dark theme (theme: sombre) passes a light
  // ink and fontSize 0, which keeps the sizes as they are.
  function projector(o, fontSize, ink) {
    var PROJECTOR_INK = ink || PROJECTOR_INK_DEFAULT;
    var sized = function (style) {
      var out = Object.assign({}, style, { color: PROJECTOR_INK });
      if (fontSize) out.fontSize = fontSize;
      return out;
    };
    if (o.color === undefined && !ink) o.color = PROJECTOR_COLORS;
    o.textStyle = sized(o.textStyle);
    var axis = function (a) {
      var out = Object.assign({}, a);
      out.axisLine = lineStyle(a.axisLine, { color: PROJECTOR_INK, width: 2 });
      out.axisTick = lineStyle(a.axisTick, { color: PROJECTOR_INK, width: 2 });
      out.splitLine = lineStyle(a.splitLine, { color: '#9a9489', width: 1 });
      out.axisLabel = sized(a.axisLabel);
      out.nameTextStyle = sized(a.nameTextStyle);
      return out;
    };
    if (o.xAxis !== undefined) o.xAxis = mapAxes(o.xAxis, axis);
    if (o.yAxis !== undefined) o.yAxis = mapAxes(o.yAxis, axis);
    if (o.legend !== undefined) {
      o.legend = mapAxes(o.legend, function (l) {
        return Object.assign({}, l, {
          itemWidth: 30,
          itemHeight: 18,
          textStyle: sized(l.textStyle)
        });
      });
    }
    if (o.visualMap !== undefined) {
      o.visualMap = mapAxes(o.visualMap, function (v) {
        return Object.assign({}, v, { textStyle: sized(v.textStyle) });
      });
    }
    o.series = asArray(o.series).map(function (s) {
      if (!isObject(s)) return s;
      var out = Object.assign({}, s);
      if (isObject(s.label)) {
        // Labels outside the marks in ink; those inside a bar, cell or area keep ECharts'
        // contrasting colour.
        var inside = s.type === 'heatmap' || s.type === 'treemap' || s.type === 'map' ||
          (typeof s.label.position === 'string' && s.label.position.indexOf('inside') === 0);
        out.label = Object.assign({}, s.label);
        if (fontSize) out.label.fontSize = fontSize;
        if (!inside && !s.label.color) out.label.color = PROJECTOR_INK;
      }
      if (s.type === 'line') {
        out.lineStyle = Object.assign({}, s.lineStyle, { width: Math.max(4, (isObject(s.lineStyle) && s.lineStyle.width) || 0) });
        out.symbolSize = finite(s.symbolSize) ? Math.max(10, s.symbolSize) : 10;
        out.emphasis = Object.assign({}, s.emphasis, { lineStyle: { width: 6 } });
      } else if (s.type === 'scatter') {
        out.symbolSize = finite(s.symbolSize) ? Math.max(14, s.symbolSize) : 14;
      } else if (s.type === 'pie') {
        out.labelLine = lineStyle(s.labelLine, { width: 2 });
        out.itemStyle = Object.assign({ borderColor: '#ffffff', borderWidth: 2 }, s.itemStyle);
      } else if ((s.type === 'treemap' || s.type === 'map') && fontSize) {
        out.label = Object.assign({}, s.label, { fontSize: fontSize });
        if (s.type === 'map') out.data = namedShapes(s.data, fontSize);
      }
      return out;
    });
  }

  // On the wall, a map names its shapes with the top values (MAP_NAMED of them), so that
  // the room can tell which shape is which without hovering.
  var MAP_NAMED = 6;

  function namedShapes(data, fontSize) {
    var items = asArray(data).filter(function (d) { return isObject(d) && finite(d.value) && typeof d.name === 'string'; });
    var top = items.slice().sort(function (a, b) { return b.value - a.value; }).slice(0, MAP_NAMED);
    return asArray(data).map(function (d) {
      if (top.indexOf(d) < 0) return d;
      return Object.assign({}, d, {
        label: { show: true, fontSize: fontSize, fontWeight: 700, color: '#111111', textBorderColor: '#ffffff', textBorderWidth: 3 }
      });
    });
  }

  // The projector font size for a chart on a slide: 1/36 of the slide's height (20 px on a
  // 1280×720 projector; 1/24 of the width on a phone held upright), 0 when not in slide mode.
  // The block's theme (format.theme): clair (the default), sombre, projecteur, impression.
  var THEMES = { clair: true, sombre: true, projecteur: true, impression: true };
  var DARK_INK = '#f2f0ea'; // on the dark figure background of atelier.css: 14:1
  var PROJECTOR_THEME_FONT = 18; // theme: projecteur outside the slides

  function themeOf(spec) {
    var t = isObject(spec) && isObject(spec.format) ? spec.format.theme : '';
    return typeof t === 'string' && THEMES[t] && t !== 'clair' ? t : '';
  }

  // chartFont is the large type of a chart: the slide's, or the projector theme's, else 0.
  function chartFont(figure, spec) {
    return bigFont(figure) || (themeOf(spec) === 'projecteur' ? PROJECTOR_THEME_FONT : 0);
  }

  function bigFont(figure) {
    if (!document.body || !document.body.classList.contains('present')) return 0;
    var slide = figure.closest ? figure.closest('.slide') : null;
    var h = slide ? slide.clientHeight : window.innerHeight;
    var w = slide ? slide.clientWidth : window.innerWidth;
    // The presenter's preview of the next slide is a thumbnail: its type shrinks with it.
    var least = slide && slide.classList.contains('is-next') ? 5 : 12;
    return h && w ? clampInt(Math.min(h / 36, w / 24), least, 40, 18) : 18;
  }

  // In slide mode the phone layout applies only to a portrait screen: a slide is wide.
  function isNarrow(width) {
    if (document.body && document.body.classList.contains('present')) {
      return width < NARROW && window.innerHeight > window.innerWidth;
    }
    return width < NARROW;
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
      var more = figure.querySelector('details.chart-data') ? ' ' + tr('js.chart.tablebelow', 'Les données restent consultables dans le tableau ci-dessous.') : '';
      p.textContent = message + more;
    } catch (e) { /* nothing more we can do */ }
  }

  function figureLabel(figure) {
    var n = figure.getAttribute('data-chart');
    return /^\d+$/.test(n || '') ? tr('js.chart.label', 'Graphique {0} : ', n) : '';
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
      fail(figure, figureLabel(figure) + tr('js.chart.unreadable', 'ce graphique n’a pas pu être lu.'));
      return;
    }
    if (!canvas) {
      markDrawn(figure); // nothing to draw (e.g. a "number" or "table" block)
      return;
    }
    if (!window.echarts || typeof window.echarts.init !== 'function') {
      fail(figure, tr('js.chart.noengine', 'Le moteur de graphiques n’a pas pu être chargé.'));
      return;
    }
    if (window.echarts.atelierBuild === 'base' && needsFull(figure)) {
      // The light build draws nothing for these (the full one could not be loaded).
      fail(figure, figureLabel(figure) + tr('js.chart.notype', 'ce type de graphique n’a pas pu être chargé.'));
      return;
    }
    try {
      if (isObject(spec.map) && typeof spec.map.name === 'string' && isObject(spec.map.geojson)) {
        window.echarts.registerMap(spec.map.name, spec.map.geojson);
      }
      var width = canvas.clientWidth || figure.clientWidth || 360;
      var narrow = isNarrow(width);
      var big = chartFont(figure, spec);
      if (themeOf(spec)) figure.classList.add('chart-theme-' + themeOf(spec));
      var prepared = prepare(spec, narrow, width, big);
      canvas.style.height = heightFor(canvas, narrow, width, prepared) + 'px';
      var existing = window.echarts.getInstanceByDom(canvas);
      if (existing) existing.dispose();
      var chart = window.echarts.init(canvas, null, { renderer: 'canvas', locale: LANG === 'en' ? 'EN' : LOCALE_FR });
      var entry = { figure: figure, canvas: canvas, chart: chart, spec: spec, narrow: narrow, width: width, big: big, renderer: 'canvas', pending: false };
      // Drawn means drawn: ECharts says so when its rendering (animation included) is done.
      // A chart in a hidden slide is laid out at its size (atelier.css), so it finishes too.
      chart.on('finished', function () { markDrawn(figure); });
      chart.setOption(prepared.option, true);
      instances.push(entry);
      try {
        shareTools(entry);
      } catch (e) { /* the chart stays without its sharing tools */ }
    } catch (e) {
      fail(figure, figureLabel(figure) + tr('js.chart.undrawable', 'ce graphique n’a pas pu être dessiné.'));
    }
  }

  // ---------- sharing a chart: as an image, or framed in another site ----------

  // The page's own address when it is a shared page (/p/{slug}), else '': slides, frozen
  // versions, the editor's preview and embedded charts offer no sharing tools.
  function sharedPagePath() {
    var m = /^\/p\/([a-z0-9][a-z0-9-]{0,63})\/?$/.exec(window.location.pathname);
    return m && !document.querySelector('.editor') ? '/p/' + m[1] : '';
  }

  function shareTools(entry) {
    var page = sharedPagePath();
    var n = entry.figure.getAttribute('data-chart');
    if (!page || !/^\d+$/.test(n || '') || entry.figure.querySelector('.chart-share')) return;
    var bar = el('p', 'chart-share');
    var png = el('button', 'chart-share-png', tr('js.share.png', 'Image (PNG)'));
    png.type = 'button';
    png.addEventListener('click', function () {
      download(entry.chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' }), 'graphique-' + n + '.png');
    });
    bar.appendChild(png);
    if (window.echarts.atelierBuild !== 'base') { // the light bundle has no SVG renderer
      var svg = el('button', 'chart-share-svg', tr('js.share.svg', 'Image (SVG)'));
      svg.type = 'button';
      svg.addEventListener('click', function () { download(svgOf(entry), 'graphique-' + n + '.svg'); });
      bar.appendChild(svg);
    }
    var embed = el('button', 'chart-share-embed', tr('js.share.embed', 'Intégrer sur un site'));
    embed.type = 'button';
    embed.setAttribute('aria-expanded', 'false');
    var box = el('div', 'chart-embed');
    box.hidden = true;
    var code = document.createElement('textarea');
    code.className = 'chart-embed-code';
    code.readOnly = true;
    code.rows = 3;
    code.setAttribute('aria-label', tr('js.share.code', 'Code à copier dans une page du site'));
    // Text for another site's page, shown in a textarea (never parsed here): the title is
    // the figure's own text, escaped for an attribute.
    var title = (entry.figure.querySelector('.chart-title') || entry.figure).textContent.trim();
    // The code goes on another site: it names the server's public address (data-room-base,
    // from -public-url or the LAN), not the address this browser happens to use.
    var holder = document.querySelector('[data-room-base]');
    var base = holder ? holder.getAttribute('data-room-base') || '' : '';
    if (!/^https?:\/\/[^\/]+$/.test(base)) base = window.location.origin;
    code.value = '<iframe src="' + attr(base + page + '/charts/' + n) + '" width="100%" height="' +
      Math.max(360, entry.figure.offsetHeight || 0) + '" title="' + attr(title) + '" loading="lazy" style="border:0"></iframe>';
    var copy = el('button', 'chart-embed-copy', tr('js.share.copy', 'Copier'));
    copy.type = 'button';
    copy.addEventListener('click', function () {
      code.select();
      var done = function () { copy.textContent = tr('js.share.copied', 'Copié'); };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(code.value).then(done, function () { /* selected: Ctrl+C works */ });
      }
    });
    box.appendChild(code);
    box.appendChild(copy);
    embed.addEventListener('click', function () {
      box.hidden = !box.hidden;
      embed.setAttribute('aria-expanded', box.hidden ? 'false' : 'true');
      if (!box.hidden) code.select();
    });
    bar.appendChild(embed);
    var source = entry.figure.querySelector('.chart-source');
    entry.figure.insertBefore(bar, source ? source.nextSibling : null);
    entry.figure.insertBefore(box, bar.nextSibling);
  }

  function attr(v) {
    return String(v).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  }

  // svgOf draws the chart again with the SVG renderer, off screen, at its size on the page.
  function svgOf(entry) {
    var holder = document.createElement('div');
    holder.className = 'chart-offscreen';
    document.body.appendChild(holder);
    try {
      var c = window.echarts.init(holder, null, {
        renderer: 'svg', width: entry.canvas.clientWidth || 800, height: entry.canvas.clientHeight || 400
      });
      c.setOption(entry.chart.getOption());
      var url = c.getDataURL({ type: 'svg' });
      c.dispose();
      return url;
    } finally {
      holder.remove();
    }
  }

  // download saves a data URL under a name: a Blob link, which every browser downloads.
  function download(dataURL, name) {
    var comma = dataURL.indexOf(',');
    var meta = dataURL.slice(5, comma);
    var body = dataURL.slice(comma + 1);
    var bytes;
    if (/;base64$/.test(meta)) {
      var bin = window.atob(body);
      bytes = new Uint8Array(bin.length);
      for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    } else {
      bytes = decodeURIComponent(body);
    }
    var url = URL.createObjectURL(new Blob([bytes], { type: meta.replace(/;.*$/, '') }));
    var a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  // Resize a chart; past the phone/laptop breakpoint, lay it out again.
  // forcedWidth (and forcedSize {height, big}) when printing: the print layout is not there yet.
  function refit(entry, forcedWidth, forcedSize) {
    try {
      if (entry.chart.isDisposed()) return;
      var width = forcedWidth || entry.canvas.clientWidth;
      if (!width) return; // hidden (a slide not shown): wait until it shows
      var narrow = isNarrow(width);
      var big = forcedSize && forcedSize.big !== undefined ? forcedSize.big : chartFont(entry.figure, entry.spec);
      if (narrow !== entry.narrow || big !== entry.big || Math.abs(width - entry.width) > 40) {
        var prepared = prepare(entry.spec, narrow, width, big);
        prepared.option.animation = false; // a resize should not replay the entrance
        entry.canvas.style.height = heightFor(entry.canvas, narrow, width, prepared) + 'px';
        entry.chart.setOption(prepared.option, true);
        entry.narrow = narrow;
        entry.width = width;
        entry.big = big;
      }
      var size;
      if (forcedWidth) {
        size = { width: forcedWidth, animation: { duration: 0 } };
        if (forcedSize && forcedSize.height) size.height = forcedSize.height;
      }
      entry.chart.resize(size);
      if (forcedWidth) {
        // Printing lays the page out at once: paint now, not at the next animation frame.
        var zr = entry.chart.getZr && entry.chart.getZr();
        if (zr && typeof zr.flush === 'function') zr.flush();
      }
    } catch (e) { /* a resize that fails leaves the previous drawing */ }
  }

  var watching = null; // the ResizeObserver once watch() has run; later charts join it

  function watch() {
    if (watching) {
      instances.forEach(function (entry) {
        if (!entry.observed && watching !== true) { watching.observe(entry.figure); entry.observed = true; }
      });
      return;
    }
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
      instances.forEach(function (entry) { ro.observe(entry.figure); entry.observed = true; });
      watching = ro;
    } else {
      watching = true; // window resize covers every chart, present and future
      window.addEventListener('resize', function () {
        instances.forEach(function (entry) { entry.pending = true; });
        if (!queued) {
          queued = true;
          window.requestAnimationFrame(refitAll);
        }
      });
    }
    // Print: draw at the width of an A4 page (about 17 cm at 96 dpi), then back. Slides print
    // one per landscape page (atelier.css): their charts get the size the print style gives them.
    // On paper the charts are drawn in SVG (sharp at any printer resolution, text kept as text),
    // or, with a build without the SVG renderer, on a canvas of three times the pixels.
    window.addEventListener('beforeprint', function () {
      var slides = document.body.classList.contains('present');
      instances.forEach(function (entry) {
        if (slides) refit(entry, PRINT_SLIDE_CHART.width, PRINT_SLIDE_CHART);
        else refit(entry, Math.min(entry.canvas.clientWidth || 650, 650), { big: 0 });
        swapRenderer(entry, 'svg');
      });
    });
    window.addEventListener('afterprint', function () {
      instances.forEach(function (entry) {
        swapRenderer(entry, 'canvas');
        refit(entry);
      });
    });
  }

  // Draws a chart again with another renderer, at the size it has now.
  function swapRenderer(entry, renderer) {
    try {
      if (entry.renderer === renderer || entry.chart.isDisposed()) return;
      var size = { width: entry.chart.getWidth(), height: entry.chart.getHeight() };
      var prepared = prepare(entry.spec, entry.narrow, entry.width, entry.big);
      prepared.option.animation = false;
      var opts = { renderer: renderer, locale: LOCALE_FR };
      if (renderer === 'svg') {
        // The print size (refit gave it): the box itself still has its screen size.
        opts.width = size.width;
        opts.height = size.height;
      }
      entry.chart.dispose();
      var chart;
      try {
        chart = window.echarts.init(entry.canvas, null, opts);
      } catch (e) {
        // This build has no SVG renderer: a finer canvas.
        opts.renderer = 'canvas';
        opts.devicePixelRatio = renderer === 'svg' ? 3 : undefined;
        chart = window.echarts.init(entry.canvas, null, opts);
      }
      chart.setOption(prepared.option, true);
      var zr = chart.getZr && chart.getZr();
      if (zr && typeof zr.flush === 'function') zr.flush(); // print lays out now, not next frame
      entry.chart = chart;
      entry.renderer = renderer;
    } catch (e) { /* the chart stays as it was */ }
  }

  // Does this chart need the full ECharts build (more than bar, line, pie, scatter)?
  // Keep in step with scripts/echarts-base-entry.js.
  var BASE_SERIES = { bar: true, line: true, pie: true, scatter: true };
  function needsFull(figure) {
    var specEl = figure.querySelector('script.chart-spec');
    if (!specEl || !figure.querySelector('.chart-canvas')) return false;
    try {
      var spec = JSON.parse(specEl.textContent);
      var o = isObject(spec) && isObject(spec.options) ? spec.options : {};
      if (isObject(spec.map) || o.visualMap !== undefined || o.dataZoom !== undefined ||
        o.geo !== undefined || o.graphic !== undefined) return true;
      return asArray(o.series).some(function (s) {
        return isObject(s) && (!BASE_SERIES[s.type || 'line'] || s.markLine !== undefined ||
          s.markPoint !== undefined || s.markArea !== undefined);
      });
    } catch (e) {
      return false; // draw() reports the unreadable spec
    }
  }

  // When the page loaded the base build and a chart needs more, load the full build (named by
  // the base build's tag), then call done (also on failure: charts that cannot be drawn say so).
  function withEngine(figures, done) {
    var tag = document.querySelector('script[data-echarts-full]');
    var url = tag ? tag.getAttribute('data-echarts-full') : '';
    var need = false;
    for (var i = 0; i < figures.length && !need; i++) need = needsFull(figures[i]);
    if (!need || !url || !/^\/[^\/]/.test(url)) {
      done();
      return;
    }
    var s = document.createElement('script');
    var called = false;
    var once = function () {
      if (!called) {
        called = true;
        done();
      }
    };
    s.src = url;
    s.onload = once;
    s.onerror = once;
    document.head.appendChild(s);
  }

  function drawAll(figures) {
    for (var i = 0; i < figures.length; i++) {
      try {
        draw(figures[i]);
      } catch (e) {
        fail(figures[i], figureLabel(figures[i]) + tr('js.chart.undrawable', 'ce graphique n’a pas pu être dessiné.'));
      }
    }
    try {
      watch();
    } catch (e) { /* charts stay drawn at their first size */ }
  }

  // relabel puts the figures' own words (stored in French with the page) in the page's
  // language: the stored HTML stays the same for every reader.
  function relabel(root) {
    if (LANG === 'fr') return;
    var labels = [
      ['figure[data-chart] details.chart-data > summary', tr('js.figure.table', 'Voir les données')],
      ['figure[data-chart] a.chart-csv', tr('js.figure.csv', 'Télécharger (CSV)')],
      ['figure[data-chart] .chart-source a[href^="/datasets/"]', tr('js.figure.dataset', 'Les données')],
      ['figure.chart-unavailable > .chart-error-message', tr('js.chart.unavailable', 'Graphique indisponible')]
    ];
    try {
      labels.forEach(function (l) {
        Array.prototype.forEach.call(root.querySelectorAll(l[0]), function (node) { node.textContent = l[1]; });
      });
    } catch (e) { /* the French words stay */ }
  }

  function start() {
    relabel(document);
    // Slides first: a chart is drawn at the size of the slide that holds it.
    try {
      startDeck();
    } catch (e) { /* the slides stay one below the other (atelier.css without .deck-ready) */ }
    try {
      startFollow();
    } catch (e) { /* no following; the page reads as usual */ }
    try {
      startLive();
    } catch (e) { /* no live stream: the page and the slides read as usual */ }
    var figures;
    try {
      figures = document.querySelectorAll('figure[data-chart]');
    } catch (e) {
      return;
    }
    withEngine(figures, function () { drawAll(figures); });
  }

  // ---------- slides: body.present ----------
  //
  // Markup (GET /p/{slug}/present):
  //   body.present[data-follow-url] > main.deck > section.slide#diapo-N[data-slide=N] (aside.notes)
  //   nav.deck-controls > button.deck-prev, span.deck-number, button.deck-next
  //   div.qr-overlay[hidden]
  // One slide shows at a time (class is-current; in the presenter view the next one has
  // is-next); the hash holds its number (#3). Without this script the slides read one below
  // the other: atelier.css shows one at a time only under html.deck-ready.

  var deck = null; // {slides, current, presenter, followUrl, postTimer, clockStart}

  function slideFromHash() {
    var m = /^#(?:diapo-)?(\d{1,4})$/.exec(window.location.hash || '');
    return m ? parseInt(m[1], 10) : 0;
  }

  function setText(node, text) {
    if (node && node.textContent !== text) node.textContent = text;
  }

  // showSlide shows slide n; fromHash: the hash already says n; fromStream: the presenter
  // moved (the wall follows), so this deck does not tell the server again.
  function showSlide(n, fromHash, fromStream) {
    var total = deck.slides.length;
    n = Math.min(total, Math.max(1, n));
    var moved = n !== deck.current;
    deck.current = n;
    deck.slides.forEach(function (slide, i) {
      var current = i === n - 1;
      var next = deck.presenter && i === n;
      slide.classList.toggle('is-current', current);
      slide.classList.toggle('is-next', next);
      // Hidden slides stay laid out (charts keep their size) but leave the reading order.
      if (current) slide.removeAttribute('aria-hidden');
      else slide.setAttribute('aria-hidden', 'true');
      if ('inert' in slide) slide.inert = !current && !next; // the preview takes a click
    });
    setText(document.querySelector('.deck-number'), n + ' / ' + total);
    var prev = document.querySelector('.deck-prev');
    var nextBtn = document.querySelector('.deck-next');
    if (prev) prev.disabled = n === 1;
    if (nextBtn) nextBtn.disabled = n === total;
    if (deck.presenter) presenterNotes(n);
    if (!fromHash && slideFromHash() !== n && window.history && window.history.replaceState) {
      try {
        window.history.replaceState(null, '', '#' + n);
      } catch (e) { /* a file:// page in some browsers */ }
    }
    if (moved) {
      // The slide that shows (and, in the presenter view, the next one) changed size.
      window.requestAnimationFrame(function () {
        if (window.atelierCharts) window.atelierCharts.resize();
      });
      if (deck.presenter && !fromStream) postSlide(n);
    }
  }

  // The presenter tells the server where the deck is; followers' phones and the wall follow.
  // A burst of key presses sends the last slide only.
  function postSlide(n) {
    window.clearTimeout(deck.postTimer);
    deck.postTimer = window.setTimeout(function () { sayWhere(n); }, 150);
  }

  function toggleFullscreen() {
    try {
      var d = document;
      if (d.fullscreenElement) {
        if (d.exitFullscreen) d.exitFullscreen().catch(function () {});
      } else if (d.documentElement.requestFullscreen) {
        d.documentElement.requestFullscreen({ navigationUI: 'hide' }).catch(function () {});
      }
    } catch (e) { /* no full screen here: the slide fills the window all the same */ }
  }

  function qrOverlay(show) {
    var o = document.querySelector('.qr-overlay');
    if (!o) return false;
    var open = show === undefined ? o.hidden : show;
    o.hidden = !open;
    return true;
  }

  // ---------- presenter view: body.present.presenter ----------

  function presenterPanel() {
    var panel = el('div', 'presenter-panel');
    panel.setAttribute('aria-label', tr('js.presenter.label', 'Vue présentateur'));
    var clock = el('p', 'presenter-clock');
    clock.appendChild(el('span', 'visually-hidden', tr('js.presenter.elapsed', 'Temps écoulé : ')));
    var time = el('time', 'presenter-time', '00:00');
    clock.appendChild(time);
    clock.appendChild(el('span', 'presenter-hint', tr('js.presenter.reset', 'R : remettre à zéro')));
    panel.appendChild(clock);
    panel.appendChild(el('p', 'presenter-next-label', tr('js.presenter.next', 'Diapositive suivante')));
    var notes = el('div', 'presenter-notes');
    notes.setAttribute('aria-live', 'polite');
    panel.appendChild(notes);
    document.body.appendChild(panel);
    deck.clockStart = Date.now();
    var tick = function () {
      var s = Math.max(0, Math.floor((Date.now() - deck.clockStart) / 1000));
      var mm = Math.floor(s / 60);
      var text = (mm < 10 ? '0' : '') + mm + ':' + (s % 60 < 10 ? '0' : '') + (s % 60);
      setText(time, text);
      time.setAttribute('datetime', 'PT' + mm + 'M' + (s % 60) + 'S');
    };
    tick();
    deck.tick = tick;
    window.setInterval(tick, 500);
  }

  function presenterNotes(n) {
    var box = document.querySelector('.presenter-notes');
    if (!box) return;
    while (box.firstChild) box.removeChild(box.firstChild);
    box.appendChild(el('p', 'presenter-notes-title', tr('js.presenter.notes', 'Notes — diapositive {0}', n)));
    var notes = deck.slides[n - 1].querySelector('aside.notes');
    if (notes && notes.textContent.trim() !== '') {
      // A copy of the server-rendered notes (markdown HTML, scripts never in it).
      var copy = notes.cloneNode(true);
      copy.className = 'presenter-notes-body';
      copy.removeAttribute('id');
      box.appendChild(copy);
    } else {
      box.appendChild(el('p', 'presenter-notes-empty', tr('js.presenter.nonotes', 'Pas de notes pour cette diapositive.')));
    }
    var label = document.querySelector('.presenter-next-label');
    setText(label, n < deck.slides.length ? tr('js.presenter.next', 'Diapositive suivante') : tr('js.presenter.end', 'Fin de la présentation'));
  }

  // ---------- the meeting room: short address, wall window, end ----------
  //
  // The presenter view (body.present.presenter) says where the deck is on each move and
  // every PRESENTER_BEAT ms (the server ends a presentation whose presenter went quiet for
  // 8 s); its answer carries the short address's code. div.room-tools holds « Ouvrir
  // l'écran du mur », which opens the same deck as the wall (?mur=1, body.present.wall: it
  // follows the live stream's slide events), and « Terminer ». Every deck shows the short
  // address (data-room-base + "/" + code) under the QR code while a presentation is on.

  var PRESENTER_BEAT = 3000;

  function showShortCode(code) {
    var p = document.querySelector('.qr-overlay .qr-short');
    var base = document.body.getAttribute('data-room-base') || '';
    if (!p) return;
    var ok = typeof code === 'string' && /^\d{4}$/.test(code) && /^https?:\/\//.test(base);
    p.hidden = !ok;
    setText(p, ok ? tr('js.room.short', 'ou tapez : {0}', base + '/' + code) : '');
  }

  function sayWhere(n) {
    if (!deck.followUrl || typeof window.fetch !== 'function' || deck.ended || deck.held) return;
    try {
      window.fetch(deck.followUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ slide: n }),
        credentials: 'same-origin'
      }).then(function (res) {
        return res.ok ? res.json() : null;
      }).then(function (answer) {
        if (answer) showShortCode(answer.code);
      }).catch(function () { /* offline or not allowed: the meeting goes on */ });
    } catch (e) { /* idem */ }
  }

  function roomTools() {
    var tools = document.querySelector('.room-tools');
    if (!tools) return;
    var wall = tools.querySelector('.room-wall');
    var end = tools.querySelector('.room-end');
    var wallUrl = tools.getAttribute('data-wall-url') || '';
    var endUrl = tools.getAttribute('data-end-url') || '';
    if (wall && /^\/[^\/]/.test(wallUrl)) {
      wall.addEventListener('click', function () {
        deck.wall = window.open(wallUrl + '#' + deck.current, 'atelier-mur', 'popup');
      });
    }
    if (end && /^\/[^\/]/.test(endUrl)) {
      end.addEventListener('click', function () {
        deck.ended = true;
        window.clearInterval(deck.beat);
        showShortCode('');
        window.fetch(endUrl, { method: 'POST', credentials: 'same-origin' }).catch(function () {});
        setText(end, tr('js.room.ended', 'Présentation terminée'));
        end.disabled = true;
      });
    }
    deck.beat = window.setInterval(function () { sayWhere(deck.current); }, PRESENTER_BEAT);
    // A deck with broken charts starts only once the presenter has seen the list (the
    // server renders div.room-confirm then): until « Présenter quand même », the room sees
    // nothing.
    var confirm = document.querySelector('.room-confirm');
    var go = confirm ? confirm.querySelector('.room-confirm-go') : null;
    if (go) {
      deck.held = true;
      go.addEventListener('click', function () {
        deck.held = false;
        confirm.hidden = true;
        sayWhere(deck.current);
      });
      try {
        go.focus();
      } catch (e) { /* the button stays reachable by Tab */ }
    }
  }

  // The wall, and every other deck, learn the short code from the stream; the wall follows.
  function followAsWall() {
    var wall = document.body.classList.contains('wall');
    window.atelierLive.on('etat', function (data) {
      showShortCode(isObject(data) && data.live ? data.code : '');
      if (wall && isObject(data) && data.live && data.slide) showSlide(clampInt(data.slide, 1, 9999, 1), false, true);
    });
    if (!wall) return;
    window.atelierLive.on('slide', function (data) {
      var n = isObject(data) ? clampInt(data.slide, 1, 9999, 0) : 0;
      if (n) showSlide(n, false, true);
    });
  }

  // ---------- keyboard, clicks, swipes ----------

  function isInteractive(node) {
    return !!(node && node.closest && node.closest('a, button, input, select, textarea, summary, details, label, [contenteditable]'));
  }

  function onKey(ev) {
    if (ev.defaultPrevented || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    var t = ev.target;
    if (t && t.closest && t.closest('input, select, textarea, [contenteditable]')) return;
    var onButton = t && t.closest && t.closest('button, a, summary');
    var k = ev.key;
    var n = deck.current;
    if ((k === ' ' || k === 'Enter') && onButton) return; // the button does its own thing
    var go = 0;
    if (k === 'ArrowRight' || k === 'ArrowDown' || k === 'PageDown' || (k === ' ' && !ev.shiftKey)) go = n + 1;
    else if (k === 'ArrowLeft' || k === 'ArrowUp' || k === 'PageUp' || (k === ' ' && ev.shiftKey)) go = n - 1;
    else if (k === 'Home') go = 1;
    else if (k === 'End') go = deck.slides.length;
    if (go) {
      ev.preventDefault();
      showSlide(go);
      return;
    }
    var lower = typeof k === 'string' ? k.toLowerCase() : '';
    if (lower === 'f') {
      ev.preventDefault();
      toggleFullscreen();
    } else if (lower === 'q') {
      if (qrOverlay()) ev.preventDefault();
    } else if (k === 'Escape' || k === 'Esc') {
      qrOverlay(false); // the browser itself leaves full screen on Esc
      if (document.fullscreenElement && document.exitFullscreen) document.exitFullscreen().catch(function () {});
    } else if (lower === 'r' && deck.presenter) {
      ev.preventDefault();
      deck.clockStart = Date.now();
      deck.tick();
    }
  }

  function onClick(ev) {
    if (ev.button !== 0 || ev.defaultPrevented || isInteractive(ev.target)) return;
    var overlay = document.querySelector('.qr-overlay');
    if (overlay && !overlay.hidden) {
      overlay.hidden = true;
      return;
    }
    var slide = ev.target.closest ? ev.target.closest('.slide') : null;
    if (!slide) return;
    if (deck.presenter && slide.classList.contains('is-next')) {
      showSlide(deck.current + 1); // a click on the preview moves on
      return;
    }
    if (!slide.classList.contains('is-current')) return;
    var box = slide.getBoundingClientRect();
    var x = (ev.clientX - box.left) / (box.width || 1);
    if (x > 2 / 3) showSlide(deck.current + 1);
    else if (x < 1 / 3) showSlide(deck.current - 1);
  }

  function onSwipe() {
    var x0 = null;
    var y0 = 0;
    document.addEventListener('touchstart', function (ev) {
      if (ev.touches.length !== 1) {
        x0 = null;
        return;
      }
      x0 = ev.touches[0].clientX;
      y0 = ev.touches[0].clientY;
    }, { passive: true });
    document.addEventListener('touchend', function (ev) {
      if (x0 === null || !ev.changedTouches.length) return;
      var dx = ev.changedTouches[0].clientX - x0;
      var dy = ev.changedTouches[0].clientY - y0;
      x0 = null;
      if (Math.abs(dx) > 50 && Math.abs(dx) > 1.5 * Math.abs(dy)) showSlide(deck.current + (dx < 0 ? 1 : -1));
    }, { passive: true });
  }

  function startDeck() {
    var body = document.body;
    if (!body || !body.classList.contains('present')) return;
    var slides = Array.prototype.slice.call(document.querySelectorAll('main.deck > section.slide'));
    if (!slides.length) return;
    deck = {
      slides: slides,
      current: 0,
      presenter: body.classList.contains('presenter'),
      followUrl: body.getAttribute('data-follow-url') || '',
      postTimer: 0,
      beat: 0,
      ended: false,
      held: false
    };
    if (!/^\/[^\/]/.test(deck.followUrl)) deck.followUrl = ''; // same origin, path only
    document.documentElement.classList.add('deck-ready');
    if (deck.presenter) presenterPanel();
    showSlide(slideFromHash() || 1, true);
    if (deck.presenter) roomTools();
    followAsWall();
    var prev = document.querySelector('.deck-prev');
    var next = document.querySelector('.deck-next');
    if (prev) prev.addEventListener('click', function () { showSlide(deck.current - 1); });
    if (next) next.addEventListener('click', function () { showSlide(deck.current + 1); });
    document.addEventListener('keydown', onKey);
    document.addEventListener('click', onClick);
    onSwipe();
    window.addEventListener('hashchange', function () {
      var n = slideFromHash();
      if (n && n !== deck.current) showSlide(n, true);
    });
    var overlay = document.querySelector('.qr-overlay');
    if (overlay) overlay.setAttribute('aria-label', tr('js.present.address', 'Adresse de la page'));
  }

  // ---------- the page's live stream: window.atelierLive ----------
  //
  // Every page, slide deck and wall with a data-follow-url holds ONE EventSource on
  // /p/{slug}/follow. The server sends named events with a JSON payload:
  //   etat  {"live": bool, "slide": n, "code": "4821"}  on connecting, and when a presentation
  //         starts or ends;
  //   slide {"slide": n, "anchor": "diapo-n"}          when the presenter moves;
  //   and whatever other parts broadcast (followHub.broadcast in internal/web/follow.go).
  // Another script subscribes with window.atelierLive.on(name, function (payload) {…}), or
  // calls window.atelierLive.listen(name) and listens to the DOM event "atelier:" + name on
  // document (event.detail is the payload). Both may be called before the page has loaded.

  var live = { url: '', es: null, handlers: {}, attached: {}, retry: 0, timer: 0 };

  function liveDeliver(name, ev) {
    var data;
    try {
      data = JSON.parse(ev.data);
    } catch (e) {
      return;
    }
    (live.handlers[name] || []).forEach(function (fn) {
      try {
        fn(data);
      } catch (e) { /* one listener's fault stays its own */ }
    });
    try {
      document.dispatchEvent(new CustomEvent('atelier:' + name, { detail: data }));
    } catch (e) { /* an old browser: the listeners above had it */ }
  }

  function liveListen(name) {
    if (typeof name !== 'string' || !/^[a-z][a-z0-9-]{0,31}$/.test(name)) return;
    live.attached[name] = true;
    if (live.es) live.es.addEventListener(name, function (ev) { liveDeliver(name, ev); });
  }

  function liveConnect() {
    window.clearTimeout(live.timer);
    var es;
    try {
      es = new window.EventSource(live.url);
    } catch (e) {
      return;
    }
    live.es = es;
    Object.keys(live.attached).forEach(function (name) {
      es.addEventListener(name, function (ev) { liveDeliver(name, ev); });
    });
    es.onopen = function () { live.retry = 0; };
    es.onerror = function () {
      // EventSource retries by itself after a dropped connection; when it gave up (an error
      // status, such as 503 past the server's caps), wait longer between tries: 5 s… 60 s.
      if (es.readyState !== 2) return;
      es.close();
      live.es = null;
      live.retry = Math.min(60000, live.retry ? live.retry * 2 : 5000);
      live.timer = window.setTimeout(liveConnect, live.retry);
      liveDeliver('etat', { data: '{"live": false, "lost": true}' });
    };
  }

  window.atelierLive = {
    on: function (name, fn) {
      if (typeof fn !== 'function') return;
      (live.handlers[name] = live.handlers[name] || []).push(fn);
      if (!live.attached[name]) liveListen(name);
    },
    listen: function (name) {
      if (!live.attached[name]) liveListen(name);
    }
  };
  liveListen('etat');
  liveListen('slide');

  function startLive() {
    var holder = document.querySelector('div.follow[data-follow-url]') || document.querySelector('body.present[data-follow-url]');
    var url = holder ? holder.getAttribute('data-follow-url') || '' : '';
    if (!/^\/[^\/]/.test(url) || typeof window.EventSource !== 'function' || window.location.protocol === 'file:') return;
    live.url = url;
    liveConnect();
  }

  // ---------- following a presentation from the page: div.follow ----------
  //
  // Markup (GET /p/{slug}): <div class="follow" data-follow-url="/p/{slug}/follow">
  //   <button class="follow-toggle" type="button" hidden>Suivre la présentation</button></div>
  // (hidden until this script shows it)
  // and id="diapo-N" anchors where slides start. The button shows while the live stream says
  // a presentation is on (etat), and goes when it ends. The phone scrolls to each slide; a
  // hand scroll pauses following until « Revenir à la présentation ».

  function startFollow() {
    var box = document.querySelector('div.follow[data-follow-url]');
    if (!box || (document.body && document.body.classList.contains('present'))) return;
    var toggle = box.querySelector('button.follow-toggle');
    if (!toggle || typeof window.EventSource !== 'function') {
      box.hidden = true; // nothing to follow with
      return;
    }
    var status = el('p', 'follow-status');
    status.setAttribute('role', 'status');
    status.hidden = true;
    var back = el('button', 'follow-back', tr('js.follow.back', 'Revenir à la présentation'));
    back.type = 'button';
    back.hidden = true;
    box.appendChild(status);
    box.appendChild(back);

    var st = { on: false, live: false, paused: false, slide: 0, anchor: '' };
    var reduced = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;

    function render() {
      box.classList.toggle('is-following', st.on);
      toggle.hidden = !st.live && !st.on;
      toggle.textContent = st.on ? tr('js.follow.stop', 'Ne plus suivre') : tr('js.follow.start', 'Suivre la présentation');
      toggle.setAttribute('aria-pressed', st.on ? 'true' : 'false');
      back.hidden = !(st.on && st.paused && st.slide);
    }

    function say(text) {
      status.hidden = !text;
      setText(status, text || '');
    }

    function go() {
      var target = st.anchor ? document.getElementById(st.anchor) : null;
      if (!target) return;
      try {
        target.scrollIntoView({ behavior: reduced ? 'auto' : 'smooth', block: 'start' });
      } catch (e) {
        target.scrollIntoView(true);
      }
    }

    window.atelierLive.on('etat', function (data) {
      var on = isObject(data) && data.live === true;
      if (on === st.live && !(data && data.lost)) return;
      st.live = on;
      if (on) {
        st.slide = clampInt(data.slide, 1, 9999, 0);
        st.anchor = st.slide ? 'diapo-' + st.slide : '';
      } else if (st.on) {
        st.on = false;
        st.paused = false;
        say(data && data.lost ? tr('js.follow.lost', 'Connexion à la présentation perdue, nouvelle tentative…') : tr('js.follow.ended', 'La présentation est terminée.'));
      }
      render();
    });

    window.atelierLive.on('slide', function (data) {
      var n = isObject(data) ? clampInt(data.slide, 1, 9999, 0) : 0;
      if (!n) return;
      st.slide = n;
      st.anchor = typeof data.anchor === 'string' && /^diapo-\d{1,4}$/.test(data.anchor) ? data.anchor : 'diapo-' + n;
      if (!st.on) return;
      if (st.paused) {
        say(tr('js.follow.paused', 'Suivi en pause — la présentation est à la diapositive {0}.', n));
      } else {
        say(tr('js.follow.on', 'Vous suivez la présentation — diapositive {0}', n));
        go();
      }
      render();
    });

    toggle.addEventListener('click', function () {
      st.on = !st.on;
      st.paused = false;
      if (st.on && st.slide) {
        say(tr('js.follow.on', 'Vous suivez la présentation — diapositive {0}', st.slide));
        go();
      } else {
        say(st.on ? tr('js.follow.waiting', 'Vous suivez la présentation. En attente de la diapositive…') : '');
      }
      render();
    });

    back.addEventListener('click', function () {
      st.paused = false;
      say(tr('js.follow.on', 'Vous suivez la présentation — diapositive {0}', st.slide));
      go();
      render();
    });

    // A hand scroll (wheel, finger, keys) pauses following; the script's own scrolling does not.
    function byHand(ev) {
      if (!st.on || st.paused || !st.slide) return;
      if (ev.type === 'keydown') {
        var keys = { ArrowUp: 1, ArrowDown: 1, PageUp: 1, PageDown: 1, Home: 1, End: 1, ' ': 1 };
        if (!keys[ev.key] || isInteractive(ev.target)) return;
      }
      st.paused = true;
      say(tr('js.follow.paused', 'Suivi en pause — la présentation est à la diapositive {0}.', st.slide));
      render();
    }
    window.addEventListener('wheel', byHand, { passive: true });
    window.addEventListener('touchmove', byHand, { passive: true });
    window.addEventListener('keydown', byHand);
    render();
  }

  // Small API for the slide mode and tests: redraw after showing a hidden chart.
  // draw(root) draws again the charts inside root (the editor's preview, replaced as the
  // author types): the charts that were there, or that left the page, are disposed first.
  function drawWithin(root) {
    if (!root || !root.querySelectorAll) return;
    instances = instances.filter(function (entry) {
      if (root.contains(entry.figure) || !document.body.contains(entry.figure)) {
        try {
          if (watching && watching !== true) watching.unobserve(entry.figure);
          entry.chart.dispose();
        } catch (e) { /* already gone */ }
        return false;
      }
      return true;
    });
    relabel(root);
    var figures = root.querySelectorAll('figure[data-chart]');
    withEngine(figures, function () { drawAll(figures); });
  }

  window.atelierCharts = {
    resize: function () { instances.forEach(function (entry) { refit(entry); }); },
    count: function () { return instances.length; },
    draw: drawWithin
  };

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());
