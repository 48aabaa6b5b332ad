/*
 * chartformat.js — French and English numbers and dates for the charts, and the small
 * helpers that chartoptions.js shares with it.
 *
 * One formatter for both engines: the visitor's browser (loaded before chartoptions.js and
 * atelier.js) and the server's JavaScript engine (goja, internal/chartsvg), which draws each
 * chart as SVG when a page is saved and has no Intl. So the formats are written here, to
 * give what Intl gives in Chromium for fr-FR and en-GB: « 1 234 567,13 » (U+202F between
 * thousands), « 49,9 % », « 1 234 € » (U+00A0 before the symbol), compact « 1,2 M »,
 * « 3 février 2024 à 14:05 »; "1,234,567.13", "€1,234", "1.2m", "3 February 2024 at 14:05".
 * Rounding is half away from zero on the shortest decimal form of the number (1.005 gives
 * « 1,01 »), as ICU rounds.
 *
 * Tooltips are built as DOM nodes (never HTML strings) when ECharts asks for them.
 *
 * window.atelierFormat.create(lang) returns the helpers for a language ('fr' or 'en'); it
 * reads nothing from the page. Plain ES5, no dependency. Never throws on data.
 */
(function (root) {
  'use strict';

  var NBSP = '\u00A0';
  var NNBSP = '\u202F'; // narrow no-break space, as Intl fr-FR uses between thousands and before %

  var MONTHS = {
    fr: ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'],
    en: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
  };

  // CLDR's compact units (fr-FR « 1,2 M », « 3 Md »; en-GB "1.2m", "3bn"), largest first.
  var COMPACT = {
    fr: [[1e12, NBSP + 'Bn'], [1e9, NBSP + 'Md'], [1e6, NBSP + 'M'], [1e3, NBSP + 'k']],
    en: [[1e12, 'tn'], [1e9, 'bn'], [1e6, 'm'], [1e3, 'k']]
  };

  // Currency symbols where Intl has one; other codes are written as they are.
  var SYMBOLS = {
    fr: { EUR: '€', USD: '$US', GBP: '£GB' },
    en: { EUR: '€', USD: 'US$', GBP: '£', JPY: 'JP¥' }
  };

  // digitsOf rounds |n| to at most max and at least min decimals: [integer, fraction] digits.
  function digitsOf(n, max, min) {
    var s = String(Math.abs(n));
    if (s.indexOf('e-') >= 0) s = Math.abs(n).toFixed(Math.min(20, max + 1));
    if (s.indexOf('e') >= 0) return [s, '']; // past 1e21: as JavaScript writes it
    var dot = s.indexOf('.');
    var whole = dot < 0 ? s : s.slice(0, dot);
    var frac = dot < 0 ? '' : s.slice(dot + 1);
    if (frac.length > max) {
      var up = frac.charAt(max) >= '5';
      frac = frac.slice(0, max);
      if (up) {
        var d = (whole + frac).split('');
        var i = d.length - 1;
        for (; i >= 0 && d[i] === '9'; i--) d[i] = '0';
        if (i < 0) d.unshift('1');
        else d[i] = String(Number(d[i]) + 1);
        var all = d.join('');
        whole = all.slice(0, all.length - max);
        frac = all.slice(all.length - max);
      }
    }
    frac = frac.replace(/0+$/, '');
    while (frac.length < min) frac += '0';
    return [whole, frac];
  }

  function grouped(whole, sep) {
    var out = '';
    for (var i = whole.length; i > 3; i -= 3) out = sep + whole.slice(i - 3, i) + out;
    return whole.slice(0, i) + out;
  }

  // format(n, options) takes the Intl.NumberFormat options atelier uses: maximumFractionDigits,
  // minimumFractionDigits, style 'currency' with currency, notation 'compact'.
  function numberFormat(lang) {
    var group = lang === 'en' ? ',' : NNBSP;
    var decimal = lang === 'en' ? '.' : ',';
    return function (n, o) {
      o = o || {};
      if (typeof n !== 'number' || !isFinite(n)) return String(n);
      var max = typeof o.maximumFractionDigits === 'number' ? o.maximumFractionDigits : 3;
      var min = Math.min(max, typeof o.minimumFractionDigits === 'number' ? o.minimumFractionDigits : 0);
      var v = Math.abs(n);
      var unit = '';
      var parts = digitsOf(v, max, min);
      if (o.notation === 'compact') {
        var units = COMPACT[lang];
        for (var i = 0; i < units.length; i++) {
          var scaled = digitsOf(v / units[i][0], max, min);
          if (Number(scaled[0]) >= 1 && (i === 0 || Number(scaled[0]) < 1000)) {
            parts = scaled;
            unit = units[i][1];
            break;
          }
        }
      }
      var text = grouped(parts[0], group) + (parts[1] ? decimal + parts[1] : '') + unit;
      var sign = n < 0 || (n === 0 && 1 / n < 0) ? '-' : '';
      if (o.style === 'currency') {
        var code = typeof o.currency === 'string' ? o.currency.toUpperCase() : 'EUR';
        var sym = SYMBOLS[lang][code];
        if (lang !== 'en') return sign + text + NBSP + (sym || code);
        return sign + (sym || code + NBSP) + text;
      }
      return sign + text;
    };
  }

  function pad2(n) {
    return n < 10 ? '0' + n : String(n);
  }

  // formatDate writes a date at a granularity: year, month, day or minute (local time).
  function dateFormat(lang) {
    return function (t, unit) {
      var y = String(t.getFullYear());
      if (unit === 'year') return y;
      var month = MONTHS[lang][t.getMonth()] + ' ' + y;
      if (unit === 'month') return month;
      var day = t.getDate() + ' ' + month;
      if (unit === 'day') return day;
      return day + (lang === 'en' ? ' at ' : ' à ') + pad2(t.getHours()) + ':' + pad2(t.getMinutes());
    };
  }

  function create(language) {
    var LANG = language === 'en' ? 'en' : 'fr';
    var PERCENT = LANG === 'en' ? '%' : NNBSP + '%'; // « 78,9 % », "78.9%"
    var formatNumber = numberFormat(LANG);
    var formatDate = dateFormat(LANG);

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

    // nf stands where Intl.NumberFormat stood: the same options, formatted by formatNumber.
    function nf(options) {
      return { format: function (n) { return formatNumber(n, options); } };
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
      return function (v) {
        var t = new Date(v);
        return isNaN(t.getTime()) ? String(v) : formatDate(t, unit);
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

    return {
      lang: LANG, isObject: isObject, asArray: asArray, finite: finite, numberOf: numberOf,
      clampInt: clampInt, el: el, makeFormat: makeFormat, timeGranularity: timeGranularity,
      dateFormatter: dateFormatter, tooltipFormatter: tooltipFormatter, formatNumber: formatNumber, formatDate: formatDate
    };
  }

  root.atelierFormat = { create: create };
}(typeof window !== 'undefined' ? window : this));
