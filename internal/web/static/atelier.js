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

  // The options preparation and the number and date formats are chartformat.js and
  // chartoptions.js, loaded before this file: the server runs the same two files to draw each
  // chart as SVG when a page is saved, so both drawings format alike.
  var CO = window.atelierChartOptions ? window.atelierChartOptions.create({
    lang: LANG,
    reducedMotion: function () {
      return !!(window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches);
    }
  }) : null;
  if (!CO) return; // the page reads without charts, as with no script
  var NARROW = CO.NARROW; // px of chart width below which the phone layout applies
  // A chart on a printed slide (A4 landscape, atelier.css "Print"): 25 cm × 12 cm at 96 dpi.
  var PRINT_SLIDE_CHART = { width: 945, height: 453, big: 16 };
  var LOCALE_FR = CO.LOCALE;
  var PROJECTOR_THEME_FONT = CO.PROJECTOR_THEME_FONT;
  var isObject = CO.format.isObject;
  var asArray = CO.format.asArray;
  var clampInt = CO.format.clampInt;
  var el = CO.format.el;
  var prepare = CO.prepare;
  var themeOf = CO.themeOf;

  var instances = []; // {figure, canvas, chart, narrow, width, big}

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
    return CO.heightOf(canvas.getAttribute('data-height'), narrow, width, prepared);
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
    // Without ECharts, a chart the server drew stays as it is: readable, not interactive.
    if (!window.echarts || typeof window.echarts.init !== 'function') {
      if (!serverDrawn(canvas)) fail(figure, tr('js.chart.noengine', 'Le moteur de graphiques n’a pas pu être chargé.'));
      return;
    }
    if (window.echarts.atelierBuild === 'base' && needsFull(figure)) {
      // The light build draws nothing for these (the full one could not be loaded).
      if (!serverDrawn(canvas)) fail(figure, figureLabel(figure) + tr('js.chart.notype', 'ce type de graphique n’a pas pu être chargé.'));
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
      var kept = takeOver(canvas);
      canvas.style.height = (kept || heightFor(canvas, narrow, width, prepared)) + 'px';
      if (kept) prepared.option.animation = false; // the server's drawing is replaced, not replayed
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

  // ---------- the server's drawing (internal/chartsvg), before ECharts ----------

  function serverDrawn(canvas) {
    return !!canvas.querySelector('.chart-svg');
  }

  // takeOver removes the server's drawing from the box ECharts is about to draw in, and
  // returns the height it gave the box, which ECharts keeps: the layout does not move. On a
  // slide the slide sets the height (the drawing was hidden there). ECharts draws at once
  // in setOption, so no frame shows an empty box.
  function takeOver(canvas) {
    var drawn = canvas.querySelectorAll('.chart-svg');
    if (!drawn.length) return 0;
    var h = document.body.classList.contains('present') ? 0 : canvas.offsetHeight;
    for (var i = 0; i < drawn.length; i++) drawn[i].parentNode.removeChild(drawn[i]);
    canvas.classList.remove('chart-has-svg');
    return h;
  }

  // whenWanted calls done once ECharts is there. A page whose every chart the server drew
  // names ECharts in data-echarts-lazy instead of loading it: the drawings show at once, and
  // ECharts (most of the page's weight) comes when a reader reaches for a chart (pointer,
  // touch or keyboard focus on a figure), or when the browser is idle after the page has
  // loaded; under Save-Data, only a reader's gesture fetches it.
  function whenWanted(done) {
    var tag = document.querySelector('script[data-echarts-lazy]');
    var url = tag ? tag.getAttribute('data-echarts-lazy') : '';
    if (window.echarts || !/^\/[^\/]/.test(url || '')) {
      done();
      return;
    }
    var kinds = ['pointerover', 'touchstart', 'focusin'];
    var started = false;
    var onGesture = function (ev) {
      if (ev.target && ev.target.closest && ev.target.closest('figure[data-chart]')) load();
    };
    function load() {
      if (started) return;
      started = true;
      kinds.forEach(function (k) { document.removeEventListener(k, onGesture, true); });
      loadScript(url, done);
    }
    kinds.forEach(function (k) { document.addEventListener(k, onGesture, { capture: true, passive: true }); });
    if (navigator.connection && navigator.connection.saveData) return;
    var idle = function () {
      if (window.requestIdleCallback) window.requestIdleCallback(load, { timeout: 2000 });
      else window.setTimeout(load, 200);
    };
    if (document.readyState === 'complete') idle();
    else window.addEventListener('load', idle);
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
    loadScript(url, done);
  }

  // loadScript adds a script of our own (url) to the page and calls done once, when it has
  // loaded or failed: the charts that cannot be drawn then say so.
  function loadScript(url, done) {
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
    whenWanted(function () {
      withEngine(figures, function () { drawAll(figures); });
    });
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
