/*
 * chartoptions.js — turns a chart's stored options into what ECharts draws: French (or
 * English) formatters from the declarative "format" field, dates on time axes, tooltips
 * built as DOM nodes, a layout fitted to the width (phone, column, projector) and themes.
 *
 * Shared by the two engines that draw atelier's charts: the visitor's browser (atelier.js,
 * loaded after chartformat.js and this file) and the server's JavaScript engine (goja,
 * internal/chartsvg), which draws each chart as SVG when a page is saved. Both call
 * prepare with the same spec, width and font size, so the SVG shown before any script runs
 * and the chart ECharts draws later have the same axes and labels.
 *
 * window.atelierChartOptions.create(env) reads nothing from the page at load: env gives
 * the language (env.lang, 'fr' or 'en') and whether motion is reduced (env.reducedMotion,
 * a boolean or a function asked at each prepare). Tooltip formatters build DOM nodes only
 * when ECharts calls them (never on the server, which draws no tooltip).
 * The options hold data, never functions: every function here is ours. Never throws on data.
 */
(function (root) {
  'use strict';

  var NARROW = 560; // px of chart width below which the phone layout applies
  var DEFAULT_HEIGHT = 400;
  // Unquoted names (valid CSS): ECharts' SVG renderer writes the family into a style
  // attribute without escaping quotes.
  var FONT = 'system-ui, -apple-system, Segoe UI, Roboto, Noto Sans, Liberation Sans, DejaVu Sans, Arial, sans-serif';

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

  function create(env) {
    env = env || {};
    var F = root.atelierFormat.create(env.lang);
    var isObject = F.isObject;
    var asArray = F.asArray;
    var finite = F.finite;
    var numberOf = F.numberOf;
    var el = F.el;
    var makeFormat = F.makeFormat;
    var timeGranularity = F.timeGranularity;
    var dateFormatter = F.dateFormatter;
    var tooltipFormatter = F.tooltipFormatter;
    var reducedMotion = typeof env.reducedMotion === 'function' ? env.reducedMotion : function () { return env.reducedMotion === true; };

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
      if (reducedMotion()) o.animation = false;
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

    // heightOf is the chart's height at a width: the block's height (data-height), except
    // on a phone, where a pie gets room for its legend and other charts stay about square.
    function heightOf(blockHeight, narrow, width, prepared) {
      var h = F.clampInt(blockHeight, 120, 3000, DEFAULT_HEIGHT);
      if (narrow && prepared.pie) {
        h = Math.round(width * 0.84 + 16) + prepared.extraHeight;
      } else if (narrow && !prepared.horizontal) {
        h = Math.min(h, Math.max(280, Math.round(width * 1.05)));
      }
      return h;
    }

    return {
      format: F, prepare: prepare, themeOf: themeOf, heightOf: heightOf, NARROW: NARROW,
      DEFAULT_HEIGHT: DEFAULT_HEIGHT, PROJECTOR_THEME_FONT: PROJECTOR_THEME_FONT,
      LOCALE: F.lang === 'en' ? 'EN' : LOCALE_FR
    };
  }

  root.atelierChartOptions = { create: create };
}(typeof window !== 'undefined' ? window : this));
