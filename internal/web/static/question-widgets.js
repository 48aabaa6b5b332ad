/*
 * question-widgets.js — the two answers that are easier by hand than by typing, for
 * questions.js (loaded just before it):
 *
 *   window.atelierQuestionShare(form, tr): each « part » field gets a slider; moving one moves
 *   the others in proportion, so that the split always adds up to 100 %.
 *   window.atelierQuestionDraw(form, tr): « You Draw It » — an SVG line chart shows the start of
 *   the series (from <script type="application/json" class="question-drawn">) and the
 *   resident drags the rest with a finger or the mouse.
 *
 * In both, the number fields stay on the page and in step: they are what the keyboard and
 * screen readers use, and what is sent. No inline style (the page's CSP allows none).
 */
(function () {
  'use strict';

  var SVG = 'http://www.w3.org/2000/svg';

  function svg(tag, attrs) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    return e;
  }

  function num(s) {
    var v = Number(String(s).replace(/\s/g, '').replace(',', '.'));
    return isFinite(v) ? v : 0;
  }

  // ---------- share: sliders that add up to 100 ----------

  window.atelierQuestionShare = function (form, tr) {
    var fields = Array.prototype.slice.call(form.querySelectorAll('input[name=part]'));
    var total = form.querySelector('.question-total');
    var sliders = fields.map(function (field) {
      var range = document.createElement('input');
      range.type = 'range';
      range.min = '0';
      range.max = '100';
      range.step = '1';
      range.value = field.value;
      range.className = 'question-slider';
      range.setAttribute('aria-hidden', 'true'); // the number field beside it is the one announced
      range.tabIndex = -1;
      field.parentNode.parentNode.appendChild(range);
      return range;
    });
    function show() {
      var sum = fields.reduce(function (s, f) { return s + num(f.value); }, 0);
      if (total) total.textContent = tr('qs.share.total', 'Total : {0} %', sum);
      fields.forEach(function (f, i) { sliders[i].value = f.value; });
    }
    // rebalance gives the others what the moved part took (or took back), in proportion.
    function rebalance(moved, value) {
      value = Math.max(0, Math.min(100, Math.round(value)));
      fields[moved].value = String(value);
      var others = fields.filter(function (f, i) { return i !== moved; });
      var rest = 100 - value;
      var had = others.reduce(function (s, f) { return s + num(f.value); }, 0);
      var given = 0;
      others.forEach(function (f, k) {
        var share = k === others.length - 1 ? rest - given
          : Math.round(had > 0 ? rest * num(f.value) / had : rest / others.length);
        share = Math.max(0, Math.min(rest - given, share));
        f.value = String(share);
        given += share;
      });
      show();
    }
    sliders.forEach(function (r, i) {
      r.addEventListener('input', function () { rebalance(i, num(r.value)); });
    });
    fields.forEach(function (f, i) {
      f.addEventListener('change', function () { rebalance(i, num(f.value)); });
    });
    show();
  };

  // ---------- draw: You Draw It ----------

  var W = 320;
  var H = 200;
  var PAD = 12;

  window.atelierQuestionDraw = function (form, tr) {
    var box = form.querySelector('.question-draw');
    var spec;
    try {
      spec = JSON.parse(form.querySelector('script.question-drawn').textContent);
    } catch (e) {
      return;
    }
    if (!box || !spec || !Array.isArray(spec.points) || !Array.isArray(spec.shown)) return;
    var fields = Array.prototype.slice.call(form.querySelectorAll('.question-draw-fields input'));
    var n = spec.points.length;
    var start = spec.shown.length;
    var lo = box.getAttribute('data-min') !== '' ? num(box.getAttribute('data-min')) : 0;
    var hi = box.getAttribute('data-max') !== '' ? num(box.getAttribute('data-max')) : 2 * Math.max.apply(null, spec.shown.concat([1]));
    var values = spec.shown.slice();
    var x = function (i) { return PAD + i * (W - 2 * PAD) / (n - 1); };
    var y = function (v) { return H - PAD - (v - lo) / (hi - lo) * (H - 2 * PAD); };
    var valueAt = function (py) { return lo + (H - PAD - py) / (H - 2 * PAD) * (hi - lo); };

    var chart = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, class: 'question-draw-svg', role: 'img' });
    chart.setAttribute('aria-label', tr('qs.draw.label', 'Dessinez la suite de la courbe ; les champs ci-dessous donnent les mêmes valeurs.'));
    chart.appendChild(svg('rect', { x: PAD, y: PAD, width: W - 2 * PAD, height: H - 2 * PAD, class: 'question-draw-area' }));
    for (var i = start; i < n; i++) chart.appendChild(svg('line', { x1: x(i), x2: x(i), y1: PAD, y2: H - PAD, class: 'question-draw-guide' }));
    var shownLine = svg('polyline', { class: 'question-draw-shown', fill: 'none' });
    var drawnLine = svg('polyline', { class: 'question-draw-drawn', fill: 'none' });
    chart.appendChild(shownLine);
    chart.appendChild(drawnLine);
    var first = svg('text', { x: PAD + 2, y: H - 2, class: 'question-draw-label' });
    first.textContent = spec.points[0];
    var last = svg('text', { x: W - PAD - 2, y: H - 2, class: 'question-draw-label', 'text-anchor': 'end' });
    last.textContent = spec.points[n - 1];
    chart.appendChild(first);
    chart.appendChild(last);
    box.appendChild(chart);

    function points(from, to) {
      var out = [];
      for (var k = from; k <= to && k < values.length; k++) {
        if (typeof values[k] === 'number') out.push(x(k) + ',' + y(values[k]));
        else break;
      }
      return out.join(' ');
    }
    function render() {
      shownLine.setAttribute('points', points(0, start - 1));
      drawnLine.setAttribute('points', points(start - 1, n - 1));
    }
    function set(k, v) {
      v = Math.max(lo, Math.min(hi, v));
      values[k] = Math.round(v);
      if (fields[k - start]) fields[k - start].value = String(values[k]);
    }
    var lastK = null;
    function at(ev) {
      var rect = chart.getBoundingClientRect();
      var px = (ev.clientX - rect.left) * W / rect.width;
      var py = (ev.clientY - rect.top) * H / rect.height;
      var k = Math.round((px - PAD) / ((W - 2 * PAD) / (n - 1)));
      if (k < start || k >= n) return;
      var v = valueAt(py);
      // A quick finger skips points: fill them in between, in a straight line.
      if (lastK !== null && Math.abs(k - lastK) > 1 && typeof values[lastK] === 'number') {
        var step = k > lastK ? 1 : -1;
        for (var j = lastK + step; j !== k; j += step) set(j, values[lastK] + (v - values[lastK]) * (j - lastK) / (k - lastK));
      }
      for (var m = start; m < k; m++) if (typeof values[m] !== 'number') set(m, v);
      set(k, v);
      lastK = k;
      render();
    }
    var drawing = false;
    chart.addEventListener('pointerdown', function (ev) {
      drawing = true;
      lastK = null;
      try { chart.setPointerCapture(ev.pointerId); } catch (e) { /* a synthetic pointer: drawing works without capture */ }
      at(ev);
      ev.preventDefault();
    });
    chart.addEventListener('pointermove', function (ev) { if (drawing) at(ev); });
    chart.addEventListener('pointerup', function () { drawing = false; });
    chart.addEventListener('pointercancel', function () { drawing = false; });
    fields.forEach(function (f, k) {
      f.addEventListener('input', function () {
        if (f.value.trim() !== '') values[start + k] = num(f.value);
        render();
      });
    });
    render();
  };
}());
