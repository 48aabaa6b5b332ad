/*
 * editor.js — the facilitators' workspace: the page editor (GET /p/{slug}/edit), its chart
 * builder, and the upload review (GET /atelier/import).
 *
 * Editor markup (edit.html): .editor[data-slug][data-revision][data-status] with .editor-bar
 * (.editor-state, select.editor-status, button.editor-history, button.editor-delete),
 * .editor-toolbar [data-insert], textarea.editor-source, .editor-preview (server HTML),
 * aside.chart-builder[hidden] (built here) and script.editor-datasets (JSON).
 *
 * Safety: text from users, datasets or the server reaches the page through textContent or
 * form values only; the one exception is the preview HTML that /api/preview renders (goldmark
 * without raw HTML, charts as JSON in <script type="application/json">). No inline style
 * attribute (the CSP forbids them): classes, or el.style from script, which the CSP allows.
 *
 * Nothing typed is lost: the text is kept in localStorage (per page) from the first keystroke
 * until a save succeeds; a save refused because someone else saved meanwhile (412) opens the
 * conflict screen with both texts. Plain ES2019, no dependency. window.atelierEditor exposes
 * the chart block functions for tests.
 *
 * Language: every message goes through tr(id, "French text", args…). The French is here; in
 * an English page (<html lang="en">) the English comes from the page's
 * <script type="application/json" id="atelier-strings">, written by the server from
 * internal/web/catalog_en_scripts.go. Numbers and dates follow <html lang> too. The chart
 * blocks written into pages keep their French keywords (« Autres » included): they are
 * page content, not interface.
 */
(function () {
  'use strict';

  // The page's language and its messages: atelier.js, loaded first, reads them once.
  var text = window.atelierText || {
    lang: 'fr', locale: 'fr-FR',
    tr: function (id, french) { // without atelier.js: the French, its {0}, {1}… filled
      var args = arguments;
      return String(french).replace(/\{(\d)\}/g, function (m, i) { return args[Number(i) + 2] === undefined ? m : String(args[Number(i) + 2]); });
    }
  };
  var LANG = text.lang;
  var LOCALE = text.locale;
  var tr = text.tr;

  // ---------- small helpers ----------

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function button(className, text, title) {
    var b = el('button', className, text);
    b.type = 'button';
    if (title) b.title = title;
    return b;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function isObject(v) {
    return v !== null && typeof v === 'object' && !Array.isArray(v);
  }

  var uid = 0;
  function newId(prefix) {
    uid++;
    return prefix + '-' + uid;
  }

  function labelled(text, control, className) {
    var label = el('label', className || 'field');
    if (!control.id) control.id = newId('champ');
    label.htmlFor = control.id;
    label.appendChild(el('span', 'field-label', text));
    label.appendChild(control);
    return label;
  }

  function option(value, text, selected) {
    var o = el('option', null, text);
    o.value = value;
    if (selected) o.selected = true;
    return o;
  }

  var localInt = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 });
  var localDateFormat = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'long', timeStyle: 'short' });

  function localDate(s) {
    var d = new Date(s);
    return isNaN(d.getTime()) ? String(s || '') : localDateFormat.format(d);
  }

  function localBytes(n) {
    if (!(n >= 0)) return '';
    if (n < 1024) return tr('ed.bytes', '{0} octets', localInt.format(n));
    if (n < 1024 * 1024) return tr('ed.kilobytes', '{0} Ko', new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 0 }).format(n / 1024));
    return tr('ed.megabytes', '{0} Mo', new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 1 }).format(n / 1024 / 1024));
  }

  // api calls a JSON endpoint of the same origin and never rejects on an HTTP error: it
  // resolves {ok, status, data, headers}; a network failure resolves status 0.
  function api(method, url, body, headers) {
    var opts = { method: method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
    Object.keys(headers || {}).forEach(function (k) { opts.headers[k] = headers[k]; });
    if (body !== undefined) {
      opts.headers['Content-Type'] = 'application/json';
      opts.body = JSON.stringify(body);
    }
    return window.fetch(url, opts).then(function (res) {
      return res.text().then(function (t) {
        var data = null;
        try {
          data = t ? JSON.parse(t) : null;
        } catch (e) { /* not JSON: an HTML error page */ }
        return { ok: res.ok, status: res.status, data: data, headers: res.headers };
      });
    }, function () {
      return { ok: false, status: 0, data: null, headers: null };
    });
  }

  function errorText(r) {
    if (r.status === 0) return tr('ed.err.offline', 'le serveur ne répond pas (connexion perdue ?)');
    if (r.status === 401) return tr('ed.err.session', 'votre session a expiré : reconnectez-vous dans un autre onglet');
    if (r.data && typeof r.data.error === 'string' && r.data.error) return r.data.error;
    return tr('ed.err.status', 'erreur {0} du serveur', r.status);
  }

  function sentence(s) {
    s = String(s || '');
    return s.charAt(0).toUpperCase() + s.slice(1);
  }

  // The names of the Arrow types the server reports, for a facilitator.
  function typeName(t) {
    var g = typeGroup(t);
    t = String(t || '');
    if (g === 'text') return tr('ed.type.text', 'texte');
    if (g === 'number') return /^u?int\d*$/.test(t) ? tr('ed.type.int', 'nombre entier') : tr('ed.type.decimal', 'nombre décimal');
    if (g === 'date') return t.indexOf('timestamp') === 0 ? tr('ed.type.datetime', 'date et heure') : tr('ed.type.date', 'date');
    if (g === 'bool') return tr('ed.type.bool', 'oui/non');
    return t;
  }

  function typeGroup(t) {
    t = String(t || '');
    if (t === 'utf8' || t === 'large_utf8' || t === 'string' || t.indexOf('dictionary') === 0) return 'text';
    if (/^u?int\d*$/.test(t) || /^float\d*$|^double$|^decimal/.test(t)) return 'number';
    if (t === 'date32' || t === 'date64' || t.indexOf('timestamp') === 0) return 'date';
    if (t === 'bool') return 'bool';
    return 'other';
  }

  function badge(t) {
    var g = typeGroup(t);
    var cls = { text: 'badge-text', number: 'badge-number', date: 'badge-date', bool: 'badge-bool' }[g] || '';
    return el('span', 'badge ' + cls, typeName(t));
  }

  // ---------- chart blocks: find, parse and write ----------

  // blocks finds the ```chart fenced blocks of a page's markdown, in page order (the order of
  // data-chart numbers), with their offsets: start of the opening fence line to the end of
  // the closing fence line (its newline included).
  function findBlocks(text) {
    var out = [];
    var re = /[^\n]*(?:\n|$)/g;
    var pos = 0;
    var open = null;
    var m;
    var lineNo = 0;
    while (pos < text.length) {
      re.lastIndex = pos;
      m = re.exec(text);
      if (!m || m[0] === '') break;
      var line = m[0].replace(/\r?\n$/, '');
      lineNo++;
      if (!open) {
        var f = /^ {0,3}(`{3,}|~{3,})\s*([^\s`]*)/.exec(line);
        if (f && !(f[1][0] === '`' && line.slice(f.index + f[0].length).indexOf('`') >= 0)) {
          open = { fence: f[1], chart: f[2].toLowerCase() === 'chart', start: pos, line: lineNo, bodyStart: pos + m[0].length, lines: [] };
        }
      } else {
        var c = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
        if (c && c[1][0] === open.fence[0] && c[1].length >= open.fence.length) {
          if (open.chart) {
            out.push({ start: open.start, end: pos + m[0].length, line: open.line, source: open.lines.join('\n') });
          }
          open = null;
        } else {
          open.lines.push(line);
        }
      }
      pos += m[0].length;
    }
    if (open && open.chart) out.push({ start: open.start, end: text.length, line: open.line, source: open.lines.join('\n'), unclosed: true });
    return out;
  }

  function blockAt(text, caret) {
    var list = findBlocks(text);
    for (var i = 0; i < list.length; i++) {
      if (caret >= list[i].start && caret <= list[i].end) {
        list[i].index = i + 1;
        return list[i];
      }
    }
    return null;
  }

  // YAML plain scalars the server's block reader would misread are written double-quoted
  // (a YAML double-quoted string is a JSON string).
  function yamlValue(s) {
    s = String(s);
    if (s === '' || /^[\s"'\[\]{}|>&*!#%@`,?:\-~]/.test(s) || /\s$/.test(s) || /:(\s|$)|\s#|[\t\n\r]/.test(s) ||
      /^(null|~|true|false|yes|no|on|off|oui|non)$/i.test(s)) {
      return JSON.stringify(s);
    }
    return s;
  }

  // readYamlValue reads what follows « key: » on a line.
  function readYamlValue(raw) {
    var v = raw.trim();
    if (v[0] === '"') {
      var end = -1;
      for (var i = 1; i < v.length; i++) {
        if (v[i] === '\\') i++;
        else if (v[i] === '"') {
          end = i;
          break;
        }
      }
      if (end > 0) {
        try {
          return JSON.parse(v.slice(0, end + 1));
        } catch (e) {
          return v.slice(1, end);
        }
      }
      return v;
    }
    if (v[0] === "'") {
      var out = '';
      for (var j = 1; j < v.length; j++) {
        if (v[j] === "'") {
          if (v[j + 1] === "'") {
            out += "'";
            j++;
          } else {
            return out;
          }
        } else {
          out += v[j];
        }
      }
      return out;
    }
    var hash = v.search(/\s#/);
    if (hash >= 0) v = v.slice(0, hash);
    return v.trim();
  }

  var LIST_SEP = ' ; '; // between the values of an « est parmi » filter in the form
  var WHERE_WORDS = { and: 1, or: 1, not: 1, in: 1, between: 1, contains: 1, is: 1, null: 1, true: 1, false: 1, vrai: 1, faux: 1 };
  var IDENT = /^[\p{L}_][\p{L}\p{N}_\p{Mn}]*$/u;

  function whereColumn(name) {
    if (IDENT.test(name) && !WHERE_WORDS[name.toLowerCase()]) return name;
    return '`' + name.replace(/`/g, '``') + '`';
  }

  function whereLiteral(value, type) {
    var v = String(value).trim();
    var g = typeGroup(type);
    if (g === 'number' && /^-?\d+(?:[.,]\d+)?$/.test(v)) return v;
    if (g === 'date' && /^(?:\d{4}-\d{2}-\d{2}|\d{2}\/\d{2}\/\d{4})$/.test(v)) return v;
    if (g === 'bool' && /^(?:true|false|vrai|faux)$/i.test(v)) return v.toLowerCase();
    return '"' + String(value).replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"';
  }

  var OPS = [
    { op: '=', label: '=' }, { op: '!=', label: '≠' }, { op: '<', label: '<' }, { op: '<=', label: '≤' },
    { op: '>', label: '>' }, { op: '>=', label: '≥' }, { op: 'contains', label: tr('ed.op.contains', 'contient') },
    { op: 'in', label: tr('ed.op.in', 'est parmi (a ; b ; …)') }
  ];

  // parseWhere reads the where clauses the builder writes: comparisons joined by « and ».
  // Anything else returns null (the builder then keeps the condition as written).
  function parseWhere(src) {
    var s = Array.from(src);
    var i = 0;
    var toks = [];
    function peek(k) { return s[i + (k || 0)]; }
    while (i < s.length) {
      var ch = s[i];
      if (/\s/.test(ch)) {
        i++;
        continue;
      }
      if (ch === '`') {
        var name = '';
        i++;
        for (;;) {
          if (i >= s.length) return null;
          if (s[i] === '`' && peek(1) === '`') {
            name += '`';
            i += 2;
          } else if (s[i] === '`') {
            i++;
            break;
          } else name += s[i++];
        }
        toks.push({ k: 'col', v: name });
      } else if (ch === '"' || ch === "'") {
        var q = ch;
        var str = '';
        i++;
        for (;;) {
          if (i >= s.length) return null;
          if (s[i] === '\\' && (peek(1) === q || peek(1) === '\\')) {
            str += s[i + 1];
            i += 2;
          } else if (s[i] === q && peek(1) === q) {
            str += q;
            i += 2;
          } else if (s[i] === q) {
            i++;
            break;
          } else str += s[i++];
        }
        toks.push({ k: 'lit', v: str });
      } else if (ch === '«') {
        var g = '';
        i++;
        while (i < s.length && s[i] !== '»') g += s[i++];
        if (i >= s.length) return null;
        i++;
        toks.push({ k: 'lit', v: g.trim() });
      } else if (/[0-9]/.test(ch) || (ch === '-' && /[0-9]/.test(peek(1) || ''))) {
        var num = ch;
        i++;
        while (i < s.length && /[0-9.,\/\-]/.test(s[i])) {
          if ((s[i] === ',' || s[i] === '.') && !/[0-9]/.test(peek(1) || '')) break;
          num += s[i++];
        }
        toks.push({ k: 'lit', v: num });
      } else if (/[\p{L}_]/u.test(ch)) {
        var id = '';
        while (i < s.length && /[\p{L}\p{N}_\p{Mn}]/u.test(s[i])) id += s[i++];
        var low = id.toLowerCase();
        if (low === 'and' || low === 'or') toks.push({ k: low });
        else if (low === 'contains' || low === 'in') toks.push({ k: 'op', v: low });
        else if (low === 'true' || low === 'false' || low === 'vrai' || low === 'faux') toks.push({ k: 'lit', v: low });
        else if (WHERE_WORDS[low]) return null;
        else toks.push({ k: 'col', v: id });
      } else if (ch === '(' || ch === ')' || ch === ',' || ch === ';') {
        toks.push({ k: ch === '(' ? 'lp' : ch === ')' ? 'rp' : 'comma' });
        i++;
      } else {
        var two = ch + (peek(1) || '');
        var op = { '!=': '!=', '<>': '!=', '<=': '<=', '>=': '>=', '==': '=' }[two];
        if (op) i += 2;
        else {
          op = { '=': '=', '<': '<', '>': '>', '≠': '!=', '≤': '<=', '≥': '>=' }[ch];
          if (!op) return null;
          i++;
        }
        toks.push({ k: 'op', v: op });
      }
    }
    var t = 0;
    function is(k, v) { return toks[t] && toks[t].k === k && (v === undefined || toks[t].v === v); }
    // cond = column op literal | column in ( literal {, literal} )
    function cond() {
      if (!is('col')) return null;
      var column = toks[t++].v;
      if (!is('op')) return null;
      var op = toks[t++].v;
      if (op !== 'in') {
        if (!is('lit')) return null;
        return { column: column, op: op, value: toks[t++].v };
      }
      if (!is('lp')) return null;
      t++;
      var values = [];
      for (;;) {
        if (!is('lit')) return null;
        values.push(toks[t++].v);
        if (is('rp')) {
          t++;
          break;
        }
        if (!is('comma')) return null;
        t++;
      }
      return { column: column, op: 'in', value: values.join(LIST_SEP) };
    }
    var out = [];
    for (;;) {
      var c = cond();
      if (!c) break;
      out.push(c);
      if (t === toks.length) return out;
      if (!is('and')) break;
      t++;
    }
    // « c = a or c = b or … » on one column is « c in (a, b, …) ».
    t = 0;
    var col = null;
    var list = [];
    for (;;) {
      var e = cond();
      if (!e || e.op !== '=' || (col !== null && e.column !== col)) return null;
      col = e.column;
      list.push(e.value);
      if (t === toks.length) return list.length > 1 ? [{ column: col, op: 'in', value: list.join(LIST_SEP) }] : null;
      if (!is('or')) return null;
      t++;
    }
  }

  var KINDS = [
    { kind: 'bar', type: 'bar', label: tr('ed.kind.bar', 'Barres') },
    { kind: 'barh', type: 'bar', label: tr('ed.kind.barh', 'Barres horizontales'), horizontal: true },
    { kind: 'line', type: 'line', label: tr('ed.kind.line', 'Courbe') },
    { kind: 'area', type: 'area', label: tr('ed.kind.area', 'Aire') },
    { kind: 'pie', type: 'pie', label: tr('ed.kind.pie', 'Camembert') },
    { kind: 'donut', type: 'donut', label: tr('ed.kind.donut', 'Anneau') },
    { kind: 'scatter', type: 'scatter', label: tr('ed.kind.scatter', 'Nuage de points') },
    { kind: 'table', type: 'table', label: tr('ed.kind.table', 'Tableau') },
    { kind: 'number', type: 'number', label: tr('ed.kind.number', 'Chiffre clé') },
    { kind: 'map', type: 'map', label: tr('ed.kind.map', 'Carte'), needsGeo: true }
  ];

  function kindOf(k) {
    for (var i = 0; i < KINDS.length; i++) if (KINDS[i].kind === k) return KINDS[i];
    return null;
  }

  var AGGS = [
    { agg: 'count', label: tr('ed.agg.count', 'nombre de lignes') },
    { agg: 'sum', label: tr('ed.agg.sum', 'somme de'), numeric: true },
    { agg: 'mean', label: tr('ed.agg.mean', 'moyenne de'), numeric: true },
    { agg: 'median', label: tr('ed.agg.median', 'médiane de'), numeric: true },
    { agg: 'min', label: tr('ed.agg.min', 'minimum de'), ordered: true },
    { agg: 'max', label: tr('ed.agg.max', 'maximum de'), ordered: true },
    { agg: 'distinct', label: tr('ed.agg.distinct', 'nombre de valeurs différentes de') },
    { agg: 'value', label: tr('ed.agg.value', 'valeur de la colonne') }
  ];

  var SORTS = [
    { sort: '-y', label: tr('ed.sort.ydesc', 'plus grand d’abord') },
    { sort: 'y', label: tr('ed.sort.yasc', 'plus petit d’abord') },
    { sort: 'x', label: tr('ed.sort.xasc', 'ordre alphabétique (ou chronologique)') },
    { sort: '-x', label: tr('ed.sort.xdesc', 'ordre alphabétique inverse') },
    { sort: '', label: tr('ed.sort.data', 'ordre des données') }
  ];

  function emptyForm() {
    return {
      data: '', kind: 'bar', title: '', x: '', agg: 'count', ycol: '', series: '', stack: false, filters: [], where: '',
      sort: '', limit: '', others: '', unit: '', theme: '', geo: '', key: '', extra: []
    };
  }

  // Which fields a kind of chart uses; the others stay in the form (switching back finds
  // them) but are not written.
  var USES = {
    bar: 'x series stack sort limit others', barh: 'x series stack sort limit others', line: 'x series stack sort limit',
    area: 'x series stack sort limit', pie: 'x sort limit others', donut: 'x sort limit others', scatter: 'x series sort limit',
    table: 'x series sort limit others', number: '', map: 'geo key'
  };
  function uses(kind, field) {
    var u = USES[kind];
    if (u === undefined) u = 'x series stack sort limit others geo key'; // a type the builder does not know: keep all
    return (' ' + u + ' ').indexOf(' ' + field + ' ') >= 0;
  }

  // blockFromForm writes the lines of a chart block (without the fences). columnType(name)
  // gives a column's Arrow type, to write filter values as numbers, dates or text.
  function blockFromForm(f, columnType) {
    var k = kindOf(f.kind) || { type: f.kind };
    var lines = ['type: ' + k.type];
    if (f.data) lines.push('data: ' + f.data);
    if (f.geo && uses(f.kind, 'geo')) lines.push('geo: ' + f.geo);
    if (f.key && uses(f.kind, 'key')) lines.push('key: ' + yamlValue(f.key));
    if (f.title) lines.push('title: ' + yamlValue(f.title));
    if (f.x && uses(f.kind, 'x')) lines.push('x: ' + yamlValue(f.x));
    var y = '';
    if (f.agg === 'count') y = 'count()';
    else if (f.agg === 'value') y = f.ycol;
    else if (f.agg && f.ycol) y = f.agg + '(' + f.ycol + ')';
    if (y) lines.push('y: ' + yamlValue(y));
    if (f.series && uses(f.kind, 'series')) {
      lines.push('series: ' + yamlValue(f.series));
      if (f.stack && uses(f.kind, 'stack')) lines.push('stack: true');
    }
    var where = f.where;
    if (!where && f.filters.length) {
      where = f.filters.filter(function (c) { return c.column && c.op; }).map(function (c) {
        var type = columnType ? columnType(c.column) : '';
        if (c.op === 'in') {
          var values = String(c.value).split(';').map(function (v) { return v.trim(); }).filter(function (v) { return v !== ''; });
          return whereColumn(c.column) + ' in (' + values.map(function (v) { return whereLiteral(v, type); }).join(', ') + ')';
        }
        return whereColumn(c.column) + ' ' + c.op + ' ' + whereLiteral(c.value, type);
      }).join(' and ');
    }
    if (where) lines.push('where: ' + yamlValue(where));
    if (f.sort && uses(f.kind, 'sort')) lines.push('sort: ' + f.sort);
    if (f.limit && uses(f.kind, 'limit')) {
      lines.push('limit: ' + f.limit);
      if (f.others && uses(f.kind, 'others')) lines.push('others: ' + yamlValue(f.others));
    }
    if (k.horizontal) lines.push('horizontal: true');
    if (f.unit) lines.push('unit: ' + yamlValue(f.unit));
    if (f.theme) lines.push('theme: ' + f.theme);
    return lines.concat(f.extra || []).join('\n');
  }

  // formFromBlock reads a block's lines back into the builder's form. Keys the builder does
  // not show are kept, as written, in extra.
  function formFromBlock(src) {
    var f = emptyForm();
    var horizontal = false;
    var type = '';
    String(src).split('\n').forEach(function (line) {
      var m = /^([A-Za-z_][\w-]*)[ \t]*:(.*)$/.exec(line);
      if (!m) {
        if (line.trim() !== '') f.extra.push(line);
        return;
      }
      var key = m[1];
      var v = readYamlValue(m[2]);
      switch (key) {
        case 'type': type = v; break;
        case 'data': f.data = v; break;
        case 'title': f.title = v; break;
        case 'x': f.x = v.replace(/^`(.*)`$/, '$1'); break;
        case 'series': f.series = v.replace(/^`(.*)`$/, '$1'); break;
        case 'sort': f.sort = v; break;
        case 'limit': f.limit = v; break;
        case 'unit': f.unit = v; break;
        case 'theme': f.theme = v; break;
        case 'others': f.others = v; break;
        case 'geo': f.geo = v; break;
        case 'key': f.key = v.replace(/^`(.*)`$/, '$1'); break;
        case 'stack':
          if (/^(true|oui|yes)$/i.test(v)) f.stack = true;
          else f.extra.push(line);
          break;
        case 'horizontal':
          if (/^(true|oui|yes)$/i.test(v)) horizontal = true;
          else f.extra.push(line);
          break;
        case 'y': {
          var a = /^([a-z]+)\s*\((.*)\)$/i.exec(v);
          if (a && a[1].toLowerCase() === 'count' && a[2].trim() === '') {
            f.agg = 'count';
            f.ycol = '';
          } else if (a && ['sum', 'mean', 'median', 'min', 'max', 'distinct'].indexOf(a[1].toLowerCase()) >= 0) {
            f.agg = a[1].toLowerCase();
            f.ycol = a[2].trim().replace(/^`(.*)`$/, '$1');
          } else if (a) {
            f.agg = 'value'; // another function (share…): kept as written
            f.ycol = v;
          } else {
            f.agg = 'value';
            f.ycol = v.replace(/^`(.*)`$/, '$1');
          }
          break;
        }
        case 'where': {
          var parsed = parseWhere(v);
          if (parsed) f.filters = parsed;
          else f.where = v;
          break;
        }
        default:
          f.extra.push(line);
      }
    });
    if (type === 'bar' && horizontal) f.kind = 'barh';
    else {
      f.kind = type || 'bar';
      if (horizontal) f.extra.push('horizontal: true');
    }
    return f;
  }

  // ---------- line diff (LCS) ----------

  function diffLines(a, b) {
    var start = 0;
    while (start < a.length && start < b.length && a[start] === b[start]) start++;
    var ea = a.length;
    var eb = b.length;
    while (ea > start && eb > start && a[ea - 1] === b[eb - 1]) {
      ea--;
      eb--;
    }
    var out = [];
    var i;
    for (i = 0; i < start; i++) out.push({ op: ' ', text: a[i] });
    var A = a.slice(start, ea);
    var B = b.slice(start, eb);
    var n = A.length;
    var m = B.length;
    if (n * m > 4000000) {
      A.forEach(function (t) { out.push({ op: '-', text: t }); });
      B.forEach(function (t) { out.push({ op: '+', text: t }); });
    } else {
      var w = m + 1;
      var L = new Uint32Array((n + 1) * w);
      for (i = n - 1; i >= 0; i--) {
        for (var j = m - 1; j >= 0; j--) {
          L[i * w + j] = A[i] === B[j] ? L[(i + 1) * w + j + 1] + 1 : Math.max(L[(i + 1) * w + j], L[i * w + j + 1]);
        }
      }
      var x = 0;
      var y = 0;
      while (x < n && y < m) {
        if (A[x] === B[y]) {
          out.push({ op: ' ', text: A[x] });
          x++;
          y++;
        } else if (L[(x + 1) * w + y] >= L[x * w + y + 1]) {
          out.push({ op: '-', text: A[x++] });
        } else {
          out.push({ op: '+', text: B[y++] });
        }
      }
      while (x < n) out.push({ op: '-', text: A[x++] });
      while (y < m) out.push({ op: '+', text: B[y++] });
    }
    for (i = ea; i < a.length; i++) out.push({ op: ' ', text: a[i] });
    return out;
  }

  // diffView shows a diff with three lines of context around each change.
  function diffView(ops, oldLabel, newLabel) {
    var box = el('div', 'diff');
    var changed = ops.some(function (o) { return o.op !== ' '; });
    if (!changed) {
      box.appendChild(el('p', 'diff-none', tr('ed.diff.same', 'Les deux textes sont identiques.')));
      return box;
    }
    var legend = el('p', 'diff-legend');
    legend.appendChild(el('span', 'diff-del-sample', '− ' + oldLabel));
    legend.appendChild(document.createTextNode(' '));
    legend.appendChild(el('span', 'diff-add-sample', '+ ' + newLabel));
    box.appendChild(legend);
    var keep = new Array(ops.length);
    ops.forEach(function (o, i) {
      if (o.op === ' ') return;
      for (var k = Math.max(0, i - 3); k <= Math.min(ops.length - 1, i + 3); k++) keep[k] = true;
    });
    var pre = el('div', 'diff-lines');
    var oldNo = 0;
    var newNo = 0;
    var skipped = 0;
    function flush() {
      if (skipped) {
        pre.appendChild(el('div', 'diff-skip', skipped > 1 ? tr('ed.diff.skipped', '… {0} lignes identiques …', skipped) : tr('ed.diff.skipped1', '… 1 ligne identique …')));
        skipped = 0;
      }
    }
    ops.forEach(function (o, i) {
      if (o.op !== '+') oldNo++;
      if (o.op !== '-') newNo++;
      if (!keep[i]) {
        skipped++;
        return;
      }
      flush();
      var line = el('div', 'diff-line ' + (o.op === '+' ? 'diff-add' : o.op === '-' ? 'diff-del' : 'diff-same'));
      line.appendChild(el('span', 'diff-no', o.op === '+' ? '' : String(oldNo)));
      line.appendChild(el('span', 'diff-no', o.op === '-' ? '' : String(newNo)));
      line.appendChild(el('span', 'diff-op', o.op === ' ' ? '' : o.op === '-' ? '−' : '+'));
      line.appendChild(el('span', 'diff-text', o.text === '' ? ' ' : o.text));
      pre.appendChild(line);
    });
    flush();
    box.appendChild(pre);
    return box;
  }

  function lines(s) {
    return String(s).replace(/\r\n/g, '\n').split('\n');
  }

  // ---------- chart drawing in a preview ----------

  function disposeCharts(root) {
    if (!window.echarts || typeof window.echarts.getInstanceByDom !== 'function') return;
    root.querySelectorAll('.chart-canvas').forEach(function (c) {
      try {
        var inst = window.echarts.getInstanceByDom(c);
        if (inst) inst.dispose();
      } catch (e) { /* already gone */ }
    });
  }

  function drawCharts(root) {
    try {
      if (window.atelierCharts && typeof window.atelierCharts.draw === 'function') {
        window.atelierCharts.draw(root);
        return;
      }
    } catch (e) { /* fall back below */ }
    // Until atelier.js can draw a part of the page: a plain drawing of the options.
    if (!window.echarts || typeof window.echarts.init !== 'function') return;
    if (window.echarts.atelierBuild === 'base' && needsFullEngine(root)) {
      withFullEngine(function () { plainDraw(root); });
      return;
    }
    plainDraw(root);
  }

  // The light ECharts build draws bar, line, pie and scatter; a map or a treemap needs the
  // full build, which the page names in its script tag (data-echarts-full).
  var BASE_TYPES = { bar: true, line: true, pie: true, scatter: true };
  function needsFullEngine(root) {
    var need = false;
    root.querySelectorAll('figure[data-chart] script.chart-spec').forEach(function (sc) {
      try {
        var spec = JSON.parse(sc.textContent);
        var o = isObject(spec) && isObject(spec.options) ? spec.options : {};
        if (isObject(spec.map) || o.visualMap !== undefined) need = true;
        [].concat(o.series || []).forEach(function (x) {
          if (isObject(x) && !BASE_TYPES[x.type || 'line']) need = true;
        });
      } catch (e) { /* unreadable: nothing to draw anyway */ }
    });
    return need;
  }

  var fullEngine = null;
  function withFullEngine(done) {
    var tag = document.querySelector('script[data-echarts-full]');
    var url = tag ? tag.getAttribute('data-echarts-full') : '';
    if (!/^\/[^\/]/.test(url || '')) {
      done();
      return;
    }
    if (!fullEngine) {
      fullEngine = new Promise(function (resolve) {
        var sc = document.createElement('script');
        sc.src = url;
        sc.onload = resolve;
        sc.onerror = resolve;
        document.head.appendChild(sc);
      });
    }
    fullEngine.then(done);
  }

  function plainDraw(root) {
    if (!window.echarts || typeof window.echarts.init !== 'function') return;
    root.querySelectorAll('figure[data-chart]').forEach(function (fig) {
      var spec = fig.querySelector('script.chart-spec');
      var canvas = fig.querySelector('.chart-canvas');
      if (!spec || !canvas) return;
      try {
        var s = JSON.parse(spec.textContent);
        if (!isObject(s) || !isObject(s.options)) return;
        var o = Object.assign({}, s.options, { tooltip: { show: false }, animation: false });
        var needsShapes = [].concat(o.series || []).some(function (x) { return isObject(x) && x.type === 'map'; });
        if (needsShapes && !isObject(s.map)) return; // the shapes are not in the payload: nothing to draw
        if (isObject(s.map) && typeof s.map.name === 'string') window.echarts.registerMap(s.map.name, s.map.geojson);
        canvas.style.height = (parseInt(canvas.getAttribute('data-height'), 10) || 360) + 'px';
        var chart = window.echarts.init(canvas, null, { renderer: 'canvas' });
        chart.setOption(o, true);
        fig.setAttribute('data-drawn', 'true');
      } catch (e) { /* the figure keeps its description and data table */ }
    });
  }

  // ---------- the editor ----------

  function startEditor(root) {
    var ta = root.querySelector('textarea.editor-source');
    var preview = root.querySelector('.editor-preview');
    var stateEl = root.querySelector('.editor-state');
    var statusSel = root.querySelector('select.editor-status');
    var heading = root.querySelector('.editor-heading');
    var panes = root.querySelector('.editor-panes');
    var toolbar = root.querySelector('.editor-toolbar');
    var builderEl = root.querySelector('aside.chart-builder');
    if (!ta || !preview || !stateEl) return;

    var datasets = [];
    try {
      var dsEl = document.querySelector('script.editor-datasets');
      var parsed = dsEl ? JSON.parse(dsEl.textContent || '[]') : [];
      if (Array.isArray(parsed)) datasets = parsed.filter(isObject);
    } catch (e) { /* no dataset list: the builder says so */ }

    var S = {
      slug: root.getAttribute('data-slug') || '',
      revision: parseInt(root.getAttribute('data-revision'), 10) || 0,
      saved: ta.value,
      saving: null,
      again: false,
      conflict: null,
      deleted: false,
      saveTimer: 0,
      retryTimer: 0,
      previewTimer: 0,
      previewSeq: 0,
      previewShown: 0,
      lastHTML: null,
      lastError: ''
    };
    var storeKey = 'atelier:brouillon:' + S.slug;

    // The source pane: the textarea and, under it, the chart problems of the text.
    var sourcePane = el('div', 'editor-source-pane');
    ta.parentNode.insertBefore(sourcePane, ta);
    sourcePane.appendChild(ta);
    var problemsBox = el('div', 'editor-problems');
    problemsBox.setAttribute('aria-live', 'polite');
    problemsBox.hidden = true;
    sourcePane.appendChild(problemsBox);
    var hiddenLabel = root.querySelector('label[for="' + ta.id + '"]');
    if (hiddenLabel) sourcePane.insertBefore(hiddenLabel, ta);
    var notices = el('div', 'editor-notices');
    root.insertBefore(notices, toolbar || panes);

    function setState(text, kind) {
      // Only on a change: the element is a live region, read aloud when it changes.
      if (stateEl.textContent !== text) stateEl.textContent = text;
      var cls = 'editor-state' + (kind ? ' is-' + kind : '');
      if (stateEl.className !== cls) stateEl.className = cls;
    }

    function dirty() {
      return S.saved === null || ta.value !== S.saved;
    }

    // ----- the copy kept in this browser -----

    function keep() {
      try {
        if (dirty()) window.localStorage.setItem(storeKey, JSON.stringify({ text: ta.value, base: S.revision, at: new Date().toISOString() }));
      } catch (e) { /* storage full or refused: the server copy is all we have */ }
    }

    function forget() {
      try {
        window.localStorage.removeItem(storeKey);
      } catch (e) { /* nothing kept */ }
    }

    function kept() {
      try {
        var v = JSON.parse(window.localStorage.getItem(storeKey) || 'null');
        return isObject(v) && typeof v.text === 'string' ? v : null;
      } catch (e) {
        return null;
      }
    }

    function offerKept() {
      var k = kept();
      if (!k) return;
      if (k.text === ta.value) {
        forget();
        return;
      }
      var box = el('div', 'notice notice-warning editor-recover');
      box.setAttribute('role', 'alert');
      box.appendChild(el('p', null, k.at ? tr('ed.recover.textAt', 'Ce navigateur a gardé un texte de cette page qui n’a pas été enregistré (modifié le {0}). Voulez-vous le reprendre ?', localDate(k.at)) :
        tr('ed.recover.text', 'Ce navigateur a gardé un texte de cette page qui n’a pas été enregistré. Voulez-vous le reprendre ?')));
      var actions = el('p', 'editor-actions');
      var take = button('button-primary editor-recover-take', tr('ed.recover.take', 'Reprendre ce texte'));
      var look = button('editor-recover-diff', tr('ed.recover.diff', 'Voir les différences'));
      var drop = button('editor-recover-drop', tr('ed.recover.drop', 'L’oublier'));
      actions.appendChild(take);
      actions.appendChild(look);
      actions.appendChild(drop);
      box.appendChild(actions);
      var diffBox = el('div', 'editor-recover-view');
      box.appendChild(diffBox);
      notices.appendChild(box);
      take.addEventListener('click', function () {
        ta.value = k.text;
        // Saved against the revision it started from: if someone saved since, the conflict
        // screen shows both texts.
        if (k.base > 0) S.revision = k.base;
        S.saved = null;
        box.remove();
        changed();
        save();
      });
      look.addEventListener('click', function () {
        clear(diffBox);
        diffBox.appendChild(diffView(diffLines(lines(ta.value), lines(k.text)), tr('ed.recover.old', 'dans la page enregistrée'), tr('ed.recover.new', 'dans le texte gardé par ce navigateur')));
      });
      drop.addEventListener('click', function () {
        forget();
        box.remove();
      });
    }

    // ----- saving -----

    function savedState() {
      setState(tr('ed.state.saved', 'Enregistré (révision {0})', S.revision), 'saved');
    }

    function scheduleSave(delay) {
      window.clearTimeout(S.saveTimer);
      S.saveTimer = window.setTimeout(save, delay === undefined ? 2000 : delay);
    }

    // save sends the text if it changed; it resolves true once the text on the server is
    // the one in the textarea.
    function save() {
      window.clearTimeout(S.saveTimer);
      window.clearTimeout(S.retryTimer);
      if (S.conflict || S.deleted) return Promise.resolve(false);
      if (S.saving) {
        S.again = true;
        return S.saving;
      }
      if (!dirty()) {
        if (!S.lastError) savedState();
        return Promise.resolve(true);
      }
      var text = ta.value;
      setState(tr('ed.state.saving', 'Enregistrement…'), 'saving');
      S.saving = api('PUT', '/api/pages/' + encodeURIComponent(S.slug), { markdown: text }, { 'If-Match': '"' + S.revision + '"' }).then(function (r) {
        S.saving = null;
        if (r.ok && r.data) {
          S.lastError = '';
          S.revision = r.data.revision || S.revision;
          S.saved = text;
          root.setAttribute('data-revision', String(S.revision));
          if (heading && r.data.title) heading.textContent = r.data.title;
          if (r.data.title) document.title = tr('ed.doctitle', 'Modifier « {0} » — atelier', r.data.title);
          if (ta.value === text) {
            forget();
            savedState();
          } else {
            setState(tr('ed.state.dirty', 'Modifications non enregistrées…'), 'dirty');
            scheduleSave();
          }
        } else if (r.status === 412 && r.data && isObject(r.data.current)) {
          showConflict(r.data);
          return false;
        } else {
          S.lastError = errorText(r);
          setState(tr('ed.state.failed', 'Non enregistré : {0} — le texte est gardé dans ce navigateur', S.lastError), 'error');
          if (r.status === 0 || r.status >= 500 || r.status === 429) S.retryTimer = window.setTimeout(save, 15000);
          return false;
        }
        if (S.again) {
          S.again = false;
          return save();
        }
        return !dirty();
      });
      return S.saving;
    }

    function changed() {
      S.lastError = '';
      if (dirty()) setState(tr('ed.state.dirty', 'Modifications non enregistrées…'), 'dirty');
      keep();
      schedulePreview();
      if (!S.conflict) scheduleSave();
      caretMoved();
    }

    ta.addEventListener('input', changed);
    ta.addEventListener('blur', function () {
      if (dirty()) save();
    });
    document.addEventListener('keydown', function (ev) {
      if ((ev.ctrlKey || ev.metaKey) && !ev.altKey && (ev.key === 's' || ev.key === 'S')) {
        ev.preventDefault();
        save();
      }
    });
    // Leaving the page: save what can be saved; the browser's copy keeps the rest.
    window.addEventListener('pagehide', function () {
      if (!dirty() || S.conflict || S.deleted) return;
      keep();
      try {
        window.fetch('/api/pages/' + encodeURIComponent(S.slug), {
          method: 'PUT', keepalive: true, credentials: 'same-origin',
          headers: { 'Content-Type': 'application/json', 'If-Match': '"' + S.revision + '"' },
          body: JSON.stringify({ markdown: ta.value })
        }).catch(function () {});
      } catch (e) { /* the copy in localStorage is offered back next time */ }
    });
    window.addEventListener('beforeunload', function (ev) {
      if ((dirty() || S.saving) && !S.deleted) {
        keep();
        save();
        ev.preventDefault();
        ev.returnValue = '';
      }
    });
    document.addEventListener('visibilitychange', function () {
      if (document.visibilityState === 'hidden' && dirty()) save();
    });

    // ----- the preview -----

    function schedulePreview() {
      window.clearTimeout(S.previewTimer);
      S.previewTimer = window.setTimeout(refreshPreview, 400);
    }

    function refreshPreview(problemsOnly) {
      var seq = ++S.previewSeq;
      var text = ta.value;
      return api('POST', '/api/preview', { markdown: text }).then(function (r) {
        if (seq < S.previewShown) return; // an older answer arriving late
        S.previewShown = seq;
        if (!r.ok || !r.data) {
          showProblems([{ line: 0, message: tr('ed.preview.failed', 'aperçu impossible : {0}', errorText(r)) }]);
          return;
        }
        showProblems(Array.isArray(r.data.problems) ? r.data.problems : []);
        if (problemsOnly === true || typeof r.data.html !== 'string' || r.data.html === S.lastHTML) {
          S.lastHTML = typeof r.data.html === 'string' ? r.data.html : S.lastHTML;
          return;
        }
        S.lastHTML = r.data.html;
        var top = preview.scrollTop;
        disposeCharts(preview);
        // The server rendered this HTML (goldmark without raw HTML; chart data as JSON).
        preview.innerHTML = r.data.html;
        preview.scrollTop = top;
        decoratePreview();
        drawCharts(preview);
      });
    }

    function decoratePreview() {
      preview.querySelectorAll('figure[data-chart]').forEach(function (fig) {
        if (fig.querySelector('.chart-edit')) return;
        var n = parseInt(fig.getAttribute('data-chart'), 10);
        if (!n) return;
        var b = button('chart-edit', tr('ed.chart.edit', 'Modifier'), tr('ed.chart.edit.title', 'Modifier ce graphique avec l’assistant'));
        b.setAttribute('data-chart-edit', String(n));
        b.addEventListener('click', function () { editChart(n); });
        fig.insertBefore(b, fig.firstChild);
      });
    }

    function showProblems(list) {
      clear(problemsBox);
      list = list.filter(isObject);
      problemsBox.hidden = list.length === 0;
      ta.classList.toggle('has-problems', list.length > 0);
      if (!list.length) return;
      problemsBox.appendChild(el('p', 'editor-problems-title', problemsTitle(list)));
      var ul = el('ul', 'editor-problems-list');
      list.forEach(function (p) {
        var li = el('li');
        var line = parseInt(p.line, 10) || 0;
        // The message may locate the mistake in the block (« ligne 3 : … »): the page line replaces it.
        var message = String(p.message || '');
        if (line) message = message.replace(/^ligne \d+\s*:\s*/, '').replace(/^ligne \d+,\s*/, '');
        var text = (line ? tr('ed.problems.line', 'ligne {0} : ', line) : '') + message;
        if (line) {
          var b = button('editor-problem', text, tr('ed.problems.goto', 'Aller à la ligne {0}', line));
          b.setAttribute('data-line', String(line));
          b.addEventListener('click', function () { goToLine(line); });
          li.appendChild(b);
        } else {
          li.appendChild(el('span', 'editor-problem', text));
        }
        if (p.chart) {
          var fix = button('editor-problem-fix', tr('ed.problems.fix', 'Corriger avec l’assistant'));
          fix.addEventListener('click', function () { editChart(p.chart); });
          li.appendChild(document.createTextNode(' '));
          li.appendChild(fix);
        }
        ul.appendChild(li);
      });
      problemsBox.appendChild(ul);
    }

    // problemsTitle names what is broken: charts, questions (Problem.question), or both.
    function problemsTitle(list) {
      var questions = list.filter(function (p) { return p.question; }).length;
      var charts = list.length - questions;
      if (!questions) return charts > 1 ? tr('ed.problems.many', '{0} graphiques à corriger', charts) : tr('ed.problems.one', 'Un graphique à corriger');
      if (!charts) return questions > 1 ? tr('ed.problems.questions', '{0} questions à corriger', questions) : tr('ed.problems.question', 'Une question à corriger');
      return tr('ed.problems.mixed', 'À corriger : {0} graphique(s) et {1} question(s)', charts, questions);
    }

    // goToLine selects a line of the text and scrolls the textarea to it.
    function goToLine(n) {
      var text = ta.value;
      var start = 0;
      for (var i = 1; i < n && start >= 0; i++) {
        start = text.indexOf('\n', start);
        if (start >= 0) start++;
      }
      if (start < 0) start = text.length;
      var end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      ta.focus();
      ta.setSelectionRange(start, end);
      ta.scrollTop = Math.max(0, offsetTop(start) - ta.clientHeight / 3);
      caretMoved();
    }

    // offsetTop measures where a character offset sits in the textarea, wrapping included,
    // with a hidden copy of the textarea's text.
    function offsetTop(offset) {
      var cs = window.getComputedStyle(ta);
      var mirror = el('div', 'editor-mirror');
      ['fontFamily', 'fontSize', 'fontWeight', 'lineHeight', 'letterSpacing', 'paddingTop', 'paddingLeft', 'paddingRight',
        'borderLeftWidth', 'borderRightWidth', 'boxSizing', 'tabSize', 'whiteSpace', 'wordBreak', 'overflowWrap'].forEach(function (p) {
        mirror.style[p] = cs[p];
      });
      mirror.style.width = ta.clientWidth + 'px';
      mirror.textContent = ta.value.slice(0, offset);
      mirror.appendChild(el('span', null, '.'));
      document.body.appendChild(mirror);
      var top = mirror.lastChild.offsetTop;
      mirror.remove();
      return top;
    }

    // ----- the toolbar -----

    function insert(text, selectFrom, selectTo) {
      ta.focus();
      var start = ta.selectionStart;
      var done = false;
      try {
        done = document.execCommand('insertText', false, text); // keeps Ctrl+Z working
      } catch (e) {
        done = false;
      }
      if (!done || ta.value.substr(start, text.length) !== text) {
        ta.setRangeText(text, ta.selectionStart, ta.selectionEnd, 'end');
        changed();
      }
      if (selectFrom !== undefined) ta.setSelectionRange(start + selectFrom, start + (selectTo === undefined ? selectFrom : selectTo));
    }

    function lineStart(pos) {
      return ta.value.lastIndexOf('\n', pos - 1) + 1;
    }

    // A block (slide break, chart) stands alone between empty lines.
    function blockText(body) {
      var before = ta.value.slice(0, ta.selectionStart);
      var after = ta.value.slice(ta.selectionEnd);
      var pre = before === '' || /\n\n$/.test(before) ? '' : /\n$/.test(before) ? '\n' : '\n\n';
      var post = after === '' ? '\n' : /^\n\n/.test(after) ? '' : /^\n/.test(after) ? '\n' : '\n\n';
      return { text: pre + body + post, at: pre.length };
    }

    var actions = {
      heading: function () {
        var ls = lineStart(ta.selectionStart);
        ta.setSelectionRange(ls, ls);
        if (/^#{1,6} /.test(ta.value.slice(ls, ls + 7))) return;
        insert('## ');
      },
      bold: function () {
        var sel = ta.value.slice(ta.selectionStart, ta.selectionEnd);
        if (sel) insert('**' + sel + '**', 2, 2 + sel.length);
        else {
          var bold = tr('ed.insert.bold', 'texte en gras');
          insert('**' + bold + '**', 2, 2 + bold.length);
        }
      },
      list: function () {
        var s = lineStart(ta.selectionStart);
        var e = ta.selectionEnd;
        var part = ta.value.slice(s, e);
        ta.setSelectionRange(s, e);
        var out = part === '' ? '- ' : part.split('\n').map(function (l) { return /^\s*[-*+] /.test(l) || l === '' ? l : '- ' + l; }).join('\n');
        insert(out);
      },
      link: function () {
        var sel = ta.value.slice(ta.selectionStart, ta.selectionEnd) || tr('ed.insert.link', 'texte du lien');
        insert('[' + sel + '](https://)', sel.length + 3, sel.length + 11);
      },
      image: function () {
        var sel = ta.value.slice(ta.selectionStart, ta.selectionEnd) || tr('ed.insert.imagealt', 'description');
        var addr = tr('ed.insert.imageurl', 'adresse');
        insert('![' + sel + '](' + addr + ')', sel.length + 4, sel.length + 4 + addr.length);
      },
      slide: function () {
        var b = blockText('---');
        insert(b.text, b.text.length);
      },
      chart: function () {
        var blk = blockAt(ta.value, ta.selectionStart);
        if (blk) openBuilder(formFromBlock(blk.source), blk);
        else openBuilder(null, null);
      }
    };

    if (toolbar) {
      // The buttons act on the text without taking the focus (and the caret) from it.
      toolbar.addEventListener('mousedown', function (ev) {
        if (ev.target.closest && ev.target.closest('[data-insert]') && !ta.readOnly) ev.preventDefault();
      });
      toolbar.addEventListener('click', function (ev) {
        var b = ev.target.closest ? ev.target.closest('[data-insert]') : null;
        if (!b || ta.readOnly) return;
        var f = actions[b.getAttribute('data-insert')];
        if (f) f();
      });
    }
    ta.addEventListener('keydown', function (ev) {
      if (!(ev.ctrlKey || ev.metaKey) || ev.altKey) return;
      var k = ev.key.toLowerCase();
      if (k === 'b') {
        ev.preventDefault();
        actions.bold();
      } else if (k === 'k') {
        ev.preventDefault();
        actions.link();
      }
    });

    // The chart button says what it will do: a new chart, or the one under the caret.
    var chartBtn = toolbar ? toolbar.querySelector('[data-insert="chart"]') : null;
    var chartBtnText = chartBtn ? chartBtn.textContent : '';
    function caretMoved() {
      if (!chartBtn) return;
      var blk = blockAt(ta.value, ta.selectionStart);
      chartBtn.textContent = blk ? tr('ed.toolbar.editchart', 'Modifier ce graphique…') : chartBtnText;
      chartBtn.classList.toggle('is-editing', !!blk);
    }
    ta.addEventListener('keyup', caretMoved);
    ta.addEventListener('click', caretMoved);

    // ----- status, delete, history -----

    var statusNames = { draft: tr('ed.status.draft', 'brouillon'), unlisted: tr('ed.status.unlisted', 'non listée (lien secret)'), published: tr('ed.status.published', 'publiée') };
    if (statusSel) {
      var currentStatus = statusSel.value;
      // The secret link of an unlisted page: shown with its key, copied, or replaced by a
      // new one (the old link then answers 404).
      var share = root.querySelector('.editor-share');
      var shareURL = root.querySelector('.editor-share-url');
      var showShare = function () {
        var key = root.getAttribute('data-share-key') || '';
        if (!share || !shareURL) return;
        share.hidden = currentStatus !== 'unlisted' || !key;
        shareURL.value = window.location.origin + '/p/' + S.slug + '?cle=' + encodeURIComponent(key);
      };
      showShare();
      var copyShare = root.querySelector('.editor-share-copy');
      if (copyShare) {
        copyShare.addEventListener('click', function () {
          shareURL.select();
          if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(shareURL.value).catch(function () {});
        });
      }
      var revoke = root.querySelector('.editor-share-revoke');
      if (revoke) {
        revoke.addEventListener('click', function () {
          revoke.disabled = true;
          api('POST', '/api/pages/' + encodeURIComponent(S.slug) + '/share-key').then(function (r) {
            revoke.disabled = false;
            var m = r.ok && r.data && /[?&]cle=([^&]+)/.exec(r.data.share_url || '');
            if (!m) {
              setState(tr('ed.share.failed', 'Lien non changé : {0}', errorText(r)), 'error');
              return;
            }
            root.setAttribute('data-share-key', decodeURIComponent(m[1]));
            showShare();
            setState(tr('ed.share.renewed', 'Nouveau lien secret : l’ancien ne marche plus.'), 'saved');
          });
        });
      }
      statusSel.addEventListener('change', function () {
        var want = statusSel.value;
        statusSel.disabled = true;
        // Publish what is on the screen: save first.
        save().then(function (ok) {
          if (!ok && dirty()) {
            statusSel.value = currentStatus;
            statusSel.disabled = false;
            return;
          }
          return setStatus(want, false);
        });
      });
    }

    // setStatus asks the server for the page's new state. A page with broken charts is not
    // published at once: the server answers 409 with the list, shown here with « Publier
    // quand même » (room: internal/web/present.go, refuseBrokenCharts).
    function setStatus(want, confirm) {
      return api('POST', '/api/pages/' + encodeURIComponent(S.slug) + '/status', { status: want, confirm: confirm }).then(function (r) {
        statusSel.disabled = false;
        if (r.status === 409 && r.data && Array.isArray(r.data.problems)) {
          statusSel.value = currentStatus;
          confirmBroken(r.data, function () { statusSel.value = want; setStatus(want, true); });
          return;
        }
        if (r.ok) {
          currentStatus = want;
          root.setAttribute('data-status', want);
          if (want === 'unlisted' && !root.getAttribute('data-share-key')) {
            // The key was made by the server just now: the editor page carries it.
            window.location.reload();
            return;
          }
          showShare();
          setState(tr('ed.state.status', 'Enregistré (révision {0}) — page {1}', S.revision, statusNames[want]), 'saved');
        } else {
          statusSel.value = currentStatus;
          setState(tr('ed.state.statusfailed', 'État non changé : {0}', errorText(r)), 'error');
        }
      });
    }

    function confirmBroken(data, go) {
      var old = notices.querySelector('.editor-broken-box');
      if (old) old.parentNode.removeChild(old);
      var box = el('div', 'notice editor-broken-box');
      box.setAttribute('role', 'dialog');
      box.appendChild(el('p', null, String(data.error || '')));
      var list = el('ul');
      data.problems.forEach(function (p) {
        list.appendChild(el('li', null, p.question ? tr('ed.publish.question', 'Question {0}, ligne {1} : {2}', p.question, p.line, p.message)
          : tr('ed.publish.problem', 'Graphique {0}, ligne {1} : {2}', p.chart, p.line, p.message)));
      });
      box.appendChild(list);
      var yes = el('button', 'editor-broken-go', tr('ed.publish.anyway', 'Publier quand même'));
      var no = el('button', 'editor-broken-cancel', tr('ed.publish.cancel', 'Annuler'));
      yes.type = 'button';
      no.type = 'button';
      yes.addEventListener('click', function () { box.parentNode.removeChild(box); go(); });
      no.addEventListener('click', function () { box.parentNode.removeChild(box); });
      box.appendChild(yes);
      box.appendChild(no);
      notices.appendChild(box);
    }

    // Rename: a new address for the page. Links already handed out (QR codes, messages)
    // stop working, so the box says so before anything moves.
    var renBtn = root.querySelector('button.editor-rename');
    if (renBtn) {
      renBtn.addEventListener('click', function () {
        if (notices.querySelector('.editor-rename-box')) return;
        var box = el('div', 'notice editor-rename-box');
        box.setAttribute('role', 'dialog');
        box.appendChild(el('p', null, tr('ed.rename.text', 'Nouvelle adresse de la page (minuscules, chiffres et tirets). Les liens et QR codes déjà distribués ne fonctionneront plus.')));
        var label = el('label', null, '/p/');
        var input = document.createElement('input');
        input.className = 'editor-rename-input';
        input.value = S.slug;
        input.setAttribute('pattern', '[a-z0-9][a-z0-9-]{0,63}');
        input.setAttribute('aria-label', tr('ed.rename.label', 'Nouvelle adresse'));
        label.appendChild(input);
        box.appendChild(label);
        var act = el('p', 'editor-actions');
        var yes = button('editor-rename-confirm', tr('ed.rename.confirm', 'Renommer'));
        var no = button('editor-rename-cancel', tr('ed.cancel', 'Annuler'));
        act.appendChild(yes);
        act.appendChild(no);
        box.appendChild(act);
        var msg = el('p', 'editor-rename-error');
        box.appendChild(msg);
        notices.appendChild(box);
        input.focus();
        input.select();
        no.addEventListener('click', function () { box.remove(); });
        yes.addEventListener('click', function () {
          var to = input.value.trim();
          if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(to)) {
            msg.textContent = tr('ed.rename.invalid', 'Adresse invalide : une lettre minuscule ou un chiffre d’abord, puis des minuscules, des chiffres ou des tirets.');
            return;
          }
          yes.disabled = true;
          save().then(function () {
            return api('POST', '/api/pages/' + encodeURIComponent(S.slug) + '/rename', { slug: to });
          }).then(function (r) {
            yes.disabled = false;
            if (!r.ok) {
              msg.textContent = sentence(errorText(r));
              return;
            }
            window.location.assign(r.data && /^\/p\//.test(r.data.edit) ? r.data.edit : '/atelier');
          });
        });
      });
    }

    var delBtn = root.querySelector('button.editor-delete');
    if (delBtn) {
      delBtn.addEventListener('click', function () {
        if (notices.querySelector('.editor-confirm')) return;
        var box = el('div', 'notice notice-warning editor-confirm');
        box.setAttribute('role', 'alertdialog');
        box.appendChild(el('p', null, tr('ed.delete.confirm', 'Supprimer la page « {0} » ? Elle disparaîtra du site et de la liste des pages. Vous pourrez annuler juste après.', heading ? heading.textContent : S.slug)));
        var act = el('p', 'editor-actions');
        var yes = button('button-danger editor-confirm-delete', tr('ed.delete.yes', 'Supprimer la page'));
        var no = button('editor-confirm-cancel', tr('ed.delete.no', 'Garder la page'));
        act.appendChild(yes);
        act.appendChild(no);
        box.appendChild(act);
        notices.appendChild(box);
        no.focus();
        no.addEventListener('click', function () { box.remove(); });
        yes.addEventListener('click', function () {
          yes.disabled = true;
          save().then(function () {
            return api('DELETE', '/api/pages/' + encodeURIComponent(S.slug));
          }).then(function (r) {
            box.remove();
            if (!r.ok) {
              setState(tr('ed.delete.failed', 'Page non supprimée : {0}', errorText(r)), 'error');
              return;
            }
            deleted(r.data && typeof r.data.undo === 'string' ? r.data.undo : '');
          });
        });
      });
    }

    function deleted(undoURL) {
      S.deleted = true;
      window.clearTimeout(S.saveTimer);
      ta.readOnly = true;
      root.classList.add('is-deleted');
      var box = el('div', 'notice notice-warning editor-deleted');
      box.setAttribute('role', 'alert');
      var p = el('p', null, tr('ed.deleted.lead', 'Page supprimée — '));
      var undo = button('editor-undo', tr('ed.cancel', 'Annuler'));
      p.appendChild(undo);
      var count = el('span', 'editor-countdown');
      p.appendChild(count);
      box.appendChild(p);
      notices.appendChild(box);
      setState(tr('ed.deleted', 'Page supprimée'), 'error');
      undo.focus();
      var left = 10;
      var timer = window.setInterval(function () {
        left--;
        count.textContent = tr('ed.deleted.countdown', ' (retour à l’atelier dans {0} s)', left);
        if (left <= 0) {
          window.clearInterval(timer);
          window.location.assign('/atelier');
        }
      }, 1000);
      count.textContent = tr('ed.deleted.countdown', ' (retour à l’atelier dans {0} s)', left);
      undo.addEventListener('click', function () {
        window.clearInterval(timer);
        if (!/^\/[^\/]/.test(undoURL)) return;
        undo.disabled = true;
        api('POST', undoURL).then(function (r) {
          if (!r.ok) {
            setState(tr('ed.deleted.undofailed', 'La page n’a pas pu être rétablie : {0}', errorText(r)), 'error');
            return;
          }
          S.deleted = false;
          ta.readOnly = false;
          root.classList.remove('is-deleted');
          box.remove();
          savedState();
        });
      });
    }

    // A side sheet (history, conflict view of a revision) over the preview.
    function sheet(className, title) {
      var s = el('section', 'editor-sheet ' + className);
      s.setAttribute('aria-label', title);
      var head = el('div', 'sheet-head');
      head.appendChild(el('h2', null, title));
      var close = button('sheet-close', tr('ed.close', 'Fermer'));
      head.appendChild(close);
      s.appendChild(head);
      var body = el('div', 'sheet-body');
      s.appendChild(body);
      root.appendChild(s);
      function shut() {
        s.remove();
        document.removeEventListener('keydown', onEsc);
      }
      function onEsc(ev) {
        if (ev.key === 'Escape') shut();
      }
      close.addEventListener('click', shut);
      document.addEventListener('keydown', onEsc);
      close.focus();
      return { el: s, body: body, close: shut };
    }

    var histBtn = root.querySelector('button.editor-history');
    if (histBtn) histBtn.addEventListener('click', openHistory);

    function openHistory() {
      var old = root.querySelector('.editor-history-panel');
      if (old) old.remove();
      var sh = sheet('editor-history-panel', tr('ed.history.title', 'Historique des versions'));
      var list = el('ol', 'history-list');
      var view = el('div', 'history-view');
      sh.body.appendChild(el('p', 'history-hint', tr('ed.history.hint', 'Chaque enregistrement est une version. Choisissez-en une pour voir ce qui a changé depuis, et la restaurer si besoin.')));
      sh.body.appendChild(list);
      sh.body.appendChild(view);
      list.appendChild(el('li', 'history-loading', tr('ed.loading', 'Chargement…')));
      api('GET', '/api/pages/' + encodeURIComponent(S.slug) + '/revisions').then(function (r) {
        clear(list);
        if (!r.ok || !Array.isArray(r.data)) {
          list.appendChild(el('li', 'notice notice-error', sentence(errorText(r))));
          return;
        }
        r.data.slice().sort(function (a, b) { return b.revision - a.revision; }).forEach(function (rev) {
          var li = el('li');
          var b = button('history-item', '');
          b.setAttribute('data-revision', String(rev.revision));
          b.appendChild(el('strong', null, rev.revision === S.revision ? tr('ed.history.current', 'Révision {0} (actuelle)', rev.revision) : tr('ed.history.revision', 'Révision {0}', rev.revision)));
          b.appendChild(el('span', 'history-meta', rev.author ? tr('ed.history.byon', '{0}, le {1}', rev.author, localDate(rev.created_at)) : tr('ed.history.on', 'le {0}', localDate(rev.created_at))));
          b.addEventListener('click', function () {
            list.querySelectorAll('.history-item').forEach(function (x) { x.setAttribute('aria-pressed', 'false'); });
            b.setAttribute('aria-pressed', 'true');
            showRevision(rev.revision, view);
          });
          li.appendChild(b);
          list.appendChild(li);
        });
      });
    }

    function showRevision(n, view) {
      clear(view);
      view.appendChild(el('p', null, tr('ed.history.loading', 'Chargement de la révision {0}…', n)));
      api('GET', '/api/pages/' + encodeURIComponent(S.slug) + '/revisions/' + n).then(function (r) {
        clear(view);
        if (!r.ok || !r.data || typeof r.data.markdown !== 'string') {
          view.appendChild(el('p', 'notice notice-error', sentence(errorText(r))));
          return;
        }
        var old = r.data.markdown;
        view.appendChild(el('h3', null, r.data.author ? tr('ed.history.headby', 'Révision {0}, par {1}, le {2}', n, r.data.author, localDate(r.data.created_at)) : tr('ed.history.head', 'Révision {0}, le {1}', n, localDate(r.data.created_at))));
        view.appendChild(el('p', 'history-hint', tr('ed.history.legend', 'En rouge, ce que la révision {0} contenait et qui n’y est plus ; en vert, ce qui a été écrit depuis.', n)));
        view.appendChild(diffView(diffLines(lines(old), lines(ta.value)), tr('ed.history.old', 'révision {0}', n), tr('ed.history.new', 'texte actuel')));
        var restore = button('button-primary history-restore', tr('ed.history.restore', 'Restaurer cette version'));
        restore.disabled = old === ta.value || !!S.conflict || S.deleted;
        restore.addEventListener('click', function () {
          restore.disabled = true;
          // What is on the screen is saved first, so that it stays in the history too.
          save().then(function (first) {
            if (!first) {
              restore.disabled = false;
              return false;
            }
            ta.value = old;
            changed();
            return save();
          }).then(function (ok) {
            if (ok) {
              clear(view);
              view.appendChild(el('p', 'notice', tr('ed.history.restored', 'La révision {0} est restaurée : elle est enregistrée comme révision {1}. Rien n’est perdu, les autres versions restent dans l’historique.', n, S.revision)));
            }
          });
        });
        var act = el('p', 'editor-actions');
        act.appendChild(restore);
        view.appendChild(act);
      });
    }

    // ----- the conflict screen -----

    function copyButton(source) {
      var b = button('conflict-copy', tr('ed.conflict.copy', 'Copier le texte'));
      b.addEventListener('click', function () {
        var done = function () {
          b.textContent = tr('ed.conflict.copied', 'Copié !');
          window.setTimeout(function () { b.textContent = tr('ed.conflict.copy', 'Copier le texte'); }, 2000);
        };
        var fallback = function () {
          source.focus();
          source.select();
          try {
            document.execCommand('copy');
            done();
          } catch (e) {
            b.textContent = tr('ed.conflict.copyhand', 'Sélectionnez le texte et faites Ctrl+C');
          }
        };
        if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(source.value).then(done, fallback);
        else fallback();
      });
      return b;
    }

    function showConflict(answer) {
      var cur = answer.current;
      var mine = ta.value; // the textarea holds what was sent, and anything typed since
      window.clearTimeout(S.saveTimer);
      window.clearTimeout(S.retryTimer);
      keep();
      var old = root.querySelector('.editor-conflict');
      if (old) old.remove();
      S.conflict = cur;
      ta.readOnly = true;
      root.classList.add('in-conflict');
      var who = cur.author || tr('ed.conflict.someone', 'quelqu’un d’autre');
      setState(tr('ed.conflict.state', 'Non enregistré : {0} a enregistré la page entre-temps', who), 'error');

      var box = el('section', 'editor-conflict');
      box.setAttribute('role', 'alert');
      box.setAttribute('aria-label', tr('ed.conflict.label', 'Deux versions de la page'));
      box.appendChild(el('h2', null, tr('ed.conflict.title', 'Deux versions de cette page')));
      box.appendChild(el('p', null, tr('ed.conflict.text', '{0} a enregistré la page (révision {1}) pendant que vous écriviez. ' +
        'Rien n’est perdu : votre texte est à gauche, le sien à droite. Gardez l’un des deux — ou recopiez dans le vôtre ce qu’il faut garder de l’autre, puis « Garder ma version ».', who, cur.revision)));
      var cols = el('div', 'conflict-columns');
      var colMine = el('div', 'conflict-column conflict-mine');
      var mineTa = el('textarea', 'conflict-text');
      mineTa.value = mine;
      mineTa.setAttribute('spellcheck', 'true');
      colMine.appendChild(labelled(tr('ed.conflict.mine', 'Votre version'), mineTa, 'conflict-label'));
      colMine.appendChild(copyButton(mineTa));
      var colTheirs = el('div', 'conflict-column conflict-theirs');
      var theirsTa = el('textarea', 'conflict-text');
      theirsTa.value = typeof cur.markdown === 'string' ? cur.markdown : '';
      theirsTa.readOnly = true;
      colTheirs.appendChild(labelled(tr('ed.conflict.theirs', 'Version enregistrée par {0} (révision {1})', who, cur.revision), theirsTa, 'conflict-label'));
      colTheirs.appendChild(copyButton(theirsTa));
      cols.appendChild(colMine);
      cols.appendChild(colTheirs);
      box.appendChild(cols);
      var det = el('details', 'conflict-diff');
      det.appendChild(el('summary', null, tr('ed.conflict.diff', 'Voir les différences ligne à ligne')));
      det.addEventListener('toggle', function () {
        if (!det.open) return;
        var d = det.querySelector('.diff');
        if (d) d.remove();
        det.appendChild(diffView(diffLines(lines(theirsTa.value), lines(mineTa.value)), tr('ed.conflict.onlytheirs', 'seulement dans sa version'), tr('ed.conflict.onlymine', 'seulement dans la vôtre')));
      });
      box.appendChild(det);
      var act = el('p', 'editor-actions');
      var keepMine = button('button-primary conflict-keep', tr('ed.conflict.keep', 'Garder ma version'));
      var takeTheirs = button('conflict-take', tr('ed.conflict.take', 'Prendre la leur'));
      act.appendChild(keepMine);
      act.appendChild(takeTheirs);
      box.appendChild(act);
      var msg = el('p', 'conflict-message');
      msg.setAttribute('role', 'status');
      box.appendChild(msg);
      root.insertBefore(box, notices.nextSibling);
      box.scrollIntoView({ block: 'start' });

      mineTa.addEventListener('input', function () {
        ta.value = mineTa.value;
        keep();
      });

      function close() {
        S.conflict = null;
        ta.readOnly = false;
        root.classList.remove('in-conflict');
        box.remove();
        refreshPreview();
      }

      keepMine.addEventListener('click', function () {
        keepMine.disabled = takeTheirs.disabled = true;
        msg.textContent = tr('ed.state.saving', 'Enregistrement…');
        var text = mineTa.value;
        api('PUT', '/api/pages/' + encodeURIComponent(S.slug), { markdown: text }, { 'If-Match': '"' + cur.revision + '"' }).then(function (r) {
          keepMine.disabled = takeTheirs.disabled = false;
          if (r.ok && r.data) {
            S.revision = r.data.revision;
            S.saved = text;
            ta.value = text;
            root.setAttribute('data-revision', String(S.revision));
            forget();
            close();
            setState(tr('ed.conflict.kept', 'Enregistré (révision {0}) — votre version est gardée ; celle de {1} reste dans l’historique', S.revision, who), 'saved');
          } else if (r.status === 412 && r.data && isObject(r.data.current)) {
            ta.value = text;
            showConflict(r.data); // a third save meanwhile: compare again
          } else {
            msg.textContent = tr('ed.conflict.failed', 'Non enregistré : {0}. Votre texte est gardé dans ce navigateur.', errorText(r));
          }
        });
      });
      takeTheirs.addEventListener('click', function () {
        // The facilitator's text leaves the screen: a copy goes to the clipboard and stays in this browser.
        var dropped = mineTa.value;
        try {
          window.localStorage.setItem('atelier:ecarte:' + S.slug, JSON.stringify({ text: dropped, at: new Date().toISOString() }));
        } catch (e) { /* no room: the clipboard copy remains */ }
        var copied = false;
        try {
          if (navigator.clipboard && navigator.clipboard.writeText) {
            navigator.clipboard.writeText(dropped).then(function () { copied = true; }, function () {});
          }
        } catch (e) { /* not allowed here */ }
        ta.value = theirsTa.value;
        S.saved = theirsTa.value;
        S.revision = cur.revision;
        root.setAttribute('data-revision', String(S.revision));
        forget();
        close();
        savedState();
        window.setTimeout(function () {
          setState(copied ? tr('ed.conflict.takencopied', 'Version de {0} reprise (révision {1}) — votre texte est dans le presse-papiers (Ctrl+V pour le coller)', who, S.revision) :
            tr('ed.conflict.taken', 'Version de {0} reprise (révision {1}) — une copie de votre texte reste dans ce navigateur', who, S.revision), 'saved');
        }, 200);
      });
    }

    // ----- the chart builder -----

    var builder = null;
    function openBuilder(form, block) {
      if (!builderEl) return;
      if (!builder) builder = makeBuilder(builderEl, datasets, {
        insert: function (src, blk) {
          var body = '```chart\n' + src + '\n```';
          if (blk) blk = findBlocks(ta.value)[blk.index - 1] || null; // the text may have changed
          if (blk) {
            ta.focus();
            var end = blk.end;
            var trail = ta.value.slice(blk.start, end).endsWith('\n') ? '\n' : '';
            ta.setSelectionRange(blk.start, end);
            insert(body + trail);
            ta.setSelectionRange(blk.start, blk.start);
          } else {
            var b = blockText(body);
            ta.focus();
            insert(b.text);
          }
          caretMoved();
          refreshPreview();
          scheduleSave(600);
        }
      });
      builder.open(form, block);
    }

    function editChart(n) {
      var list = findBlocks(ta.value);
      var blk = list[n - 1];
      if (!blk) return;
      blk.index = n;
      ta.focus();
      ta.setSelectionRange(blk.start, blk.start);
      openBuilder(formFromBlock(blk.source), blk);
    }

    // ----- start -----
    decoratePreview();
    offerKept();
    refreshPreview(true); // the problems of the stored text (its HTML is already shown)
    caretMoved();
    root.setAttribute('data-ready', 'true'); // for tests and tools: the editor answers now
  }

  // ---------- chart type pictures (SVG built with DOM calls) ----------

  var SVGNS = 'http://www.w3.org/2000/svg';
  function svg(tag, attrs) {
    var n = document.createElementNS(SVGNS, tag);
    Object.keys(attrs || {}).forEach(function (k) { n.setAttribute(k, attrs[k]); });
    return n;
  }

  function picture(kind) {
    var s = svg('svg', { viewBox: '0 0 48 36', width: '48', height: '36', 'aria-hidden': 'true', focusable: 'false', class: 'kind-picture' });
    var add = function (tag, attrs) { s.appendChild(svg(tag, attrs)); };
    switch (kind) {
      case 'bar':
        [[6, 20], [16, 8], [26, 14], [36, 24]].forEach(function (b) { add('rect', { x: b[0], y: b[1], width: 7, height: 32 - b[1], class: 'fill' }); });
        add('line', { x1: 3, y1: 32.5, x2: 46, y2: 32.5, class: 'axis' });
        break;
      case 'barh':
        [[6, 36], [13, 26], [20, 18], [27, 10]].forEach(function (b) { add('rect', { x: 5, y: b[0] - 1, width: b[1], height: 5, class: 'fill' }); });
        add('line', { x1: 4.5, y1: 2, x2: 4.5, y2: 33, class: 'axis' });
        break;
      case 'line':
        add('polyline', { points: '4,28 14,20 24,23 34,10 44,6', class: 'stroke' });
        add('line', { x1: 3, y1: 32.5, x2: 46, y2: 32.5, class: 'axis' });
        break;
      case 'area':
        add('polygon', { points: '4,32 4,26 14,18 24,22 34,9 44,6 44,32', class: 'fill soft' });
        add('polyline', { points: '4,26 14,18 24,22 34,9 44,6', class: 'stroke' });
        break;
      case 'pie':
        add('circle', { cx: 24, cy: 18, r: 14, class: 'fill soft' });
        add('path', { d: 'M24 18 L24 4 A14 14 0 0 1 37.3 22.3 Z', class: 'fill' });
        break;
      case 'donut':
        add('circle', { cx: 24, cy: 18, r: 11, class: 'ring soft' });
        add('path', { d: 'M24 7 A11 11 0 0 1 34.5 21.4', class: 'ring' });
        break;
      case 'scatter':
        [[8, 26], [14, 20], [20, 24], [26, 14], [32, 16], [38, 8], [42, 12]].forEach(function (p) { add('circle', { cx: p[0], cy: p[1], r: 2.5, class: 'fill' }); });
        add('line', { x1: 3, y1: 32.5, x2: 46, y2: 32.5, class: 'axis' });
        break;
      case 'table':
        add('rect', { x: 4.5, y: 4.5, width: 39, height: 27, class: 'outline' });
        [13.5, 22.5].forEach(function (y) { add('line', { x1: 4.5, y1: y, x2: 43.5, y2: y, class: 'axis' }); });
        add('line', { x1: 22, y1: 4.5, x2: 22, y2: 31.5, class: 'axis' });
        break;
      case 'map':
        add('path', { d: 'M6 10 L16 5 L24 9 L22 19 L12 21 Z', class: 'fill' });
        add('path', { d: 'M24 9 L36 6 L42 14 L34 22 L22 19 Z', class: 'fill soft' });
        add('path', { d: 'M12 21 L22 19 L34 22 L30 31 L14 31 Z', class: 'fill mid' });
        break;
      case 'number': {
        var t = svg('text', { x: 24, y: 24, 'text-anchor': 'middle', class: 'number' });
        t.textContent = '123';
        s.appendChild(t);
        break;
      }
      default:
        add('rect', { x: 4.5, y: 4.5, width: 39, height: 27, class: 'outline' });
    }
    return s;
  }

  // ---------- the chart builder ----------

  function makeBuilder(aside, datasets, hooks) {
    var form = emptyForm();
    var block = null; // the block being edited, or null for a new one
    var rowsCache = {};
    var previewTimer = 0;
    var previewSeq = 0;
    var previewShown = 0;
    var touched = false; // the facilitator changed the form since picking the data
    var autoTitle = ''; // the title the suggestion wrote

    clear(aside);
    aside.classList.add('editor-sheet');
    var head = el('div', 'sheet-head');
    var h2 = el('h2', null, tr('ed.builder.new', 'Créer un graphique'));
    head.appendChild(h2);
    var closeBtn = button('sheet-close builder-close', tr('ed.close', 'Fermer'));
    head.appendChild(closeBtn);
    aside.appendChild(head);
    var body = el('div', 'builder-body');
    aside.appendChild(body);
    var formBox = el('div', 'builder-form');
    var side = el('div', 'builder-side');
    body.appendChild(formBox);
    body.appendChild(side);

    // 1. Data
    var fsData = el('fieldset', 'builder-step builder-data');
    fsData.appendChild(el('legend', null, tr('ed.builder.step1', '1. Les données')));
    var search = el('input', 'builder-search');
    search.type = 'search';
    search.placeholder = tr('ed.builder.search', 'Chercher un jeu de données…');
    search.setAttribute('aria-label', tr('ed.builder.search.label', 'Chercher un jeu de données'));
    fsData.appendChild(search);
    var dsList = el('ul', 'builder-datasets');
    fsData.appendChild(dsList);
    var colsBox = el('div', 'builder-columns');
    fsData.appendChild(colsBox);
    formBox.appendChild(fsData);

    // 2. Type
    var fsKind = el('fieldset', 'builder-step builder-kinds');
    fsKind.appendChild(el('legend', null, tr('ed.builder.step2', '2. Le type de graphique')));
    var kindsBox = el('div', 'builder-kind-list');
    var geoSets = datasets.filter(function (d) { return d.format === 'geojson'; });
    KINDS.forEach(function (k) {
      if (k.needsGeo && !geoSets.length) return;
      var b = button('builder-kind', '');
      b.setAttribute('data-kind', k.kind);
      b.setAttribute('aria-pressed', 'false');
      b.appendChild(picture(k.kind));
      b.appendChild(el('span', null, k.label));
      b.addEventListener('click', function () {
        form.kind = k.kind;
        if ((k.kind === 'line' || k.kind === 'area') && !form.sort) form.sort = 'x';
        if (k.kind === 'map') {
          if (!form.geo && geoSets.length) form.geo = geoSets[0].name;
          if (!form.key) {
            // The column that names the shapes: a code, as in codgeo.
            var codes = columns().filter(function (c) { return typeGroup(c.type) === 'text' && /cod|code|insee|id/i.test(c.name); });
            form.key = (codes[0] || { name: '' }).name;
          }
          if (form.agg === 'count' && form.ycol === '') {
            var n0 = columns().filter(function (c) { return typeGroup(c.type) === 'number'; })[0];
            if (n0) {
              form.agg = 'sum';
              form.ycol = n0.name;
            }
          }
        }
        if (k.kind === 'scatter' && form.agg !== 'value') {
          // A scatter shows each row: a number against a number.
          var nums = columns().filter(function (c) { return typeGroup(c.type) === 'number'; });
          form.agg = 'value';
          form.ycol = (nums[1] || nums[0] || { name: '' }).name;
          if (nums.length > 1 && typeGroup(columnType(form.x)) !== 'number') form.x = nums[0].name;
        }
        render();
        touch();
      });
      kindsBox.appendChild(b);
    });
    fsKind.appendChild(kindsBox);
    formBox.appendChild(fsKind);

    // 3. What the chart shows
    var fsWhat = el('fieldset', 'builder-step builder-what');
    fsWhat.appendChild(el('legend', null, tr('ed.builder.step3', '3. Ce que montre le graphique')));
    var xSel = el('select', 'builder-x');
    xSel.name = 'x';
    var xField = labelled(tr('ed.builder.x', 'En abscisse (les catégories)'), xSel);
    fsWhat.appendChild(xField);
    var aggSel = el('select', 'builder-agg');
    aggSel.name = 'agg';
    var yColSel = el('select', 'builder-ycol');
    yColSel.name = 'ycol';
    yColSel.setAttribute('aria-label', tr('ed.builder.ycol', 'Colonne de la valeur'));
    var yField = labelled(tr('ed.builder.y', 'La valeur'), aggSel);
    yField.appendChild(yColSel);
    fsWhat.appendChild(yField);
    var seriesSel = el('select', 'builder-series');
    seriesSel.name = 'series';
    var seriesField = labelled(tr('ed.builder.series', 'Une couleur par valeur de (facultatif)'), seriesSel);
    fsWhat.appendChild(seriesField);
    var stackIn = el('input', 'builder-stack');
    stackIn.type = 'checkbox';
    stackIn.name = 'stack';
    var stackField = el('label', 'field-check');
    stackField.appendChild(stackIn);
    stackField.appendChild(document.createTextNode(' ' + tr('ed.builder.stack', 'Empiler les couleurs (au lieu de les mettre côte à côte)')));
    fsWhat.appendChild(stackField);
    var geoSel = el('select', 'builder-geo');
    geoSel.name = 'geo';
    var geoField = labelled(tr('ed.builder.geo', 'Les formes de la carte (données GeoJSON)'), geoSel);
    fsWhat.appendChild(geoField);
    var keySel = el('select', 'builder-key');
    keySel.name = 'key';
    var keyField = labelled(tr('ed.builder.key', 'La colonne qui désigne chaque forme (un code, par exemple)'), keySel);
    fsWhat.appendChild(keyField);
    formBox.appendChild(fsWhat);

    // 4. Filters
    var fsFilter = el('fieldset', 'builder-step builder-filter-step');
    fsFilter.appendChild(el('legend', null, tr('ed.builder.step4', '4. Les lignes retenues (filtres)')));
    var filtersBox = el('div', 'builder-filters');
    fsFilter.appendChild(filtersBox);
    var rawWhere = el('input', 'builder-where');
    rawWhere.name = 'where';
    var rawWhereField = labelled(tr('ed.builder.where', 'Condition écrite à la main'), rawWhere);
    fsFilter.appendChild(rawWhereField);
    var addFilter = button('builder-add-filter', tr('ed.builder.addfilter', 'Ajouter un filtre'));
    fsFilter.appendChild(addFilter);
    formBox.appendChild(fsFilter);

    // 5. Order and words
    var fsMore = el('fieldset', 'builder-step builder-more');
    fsMore.appendChild(el('legend', null, tr('ed.builder.step5', '5. Ordre et présentation')));
    var sortSel = el('select', 'builder-sort');
    sortSel.name = 'sort';
    SORTS.forEach(function (s) { sortSel.appendChild(option(s.sort, s.label)); });
    var sortField = labelled(tr('ed.builder.sort', 'Trier'), sortSel);
    fsMore.appendChild(sortField);
    var limitIn = el('input', 'builder-limit');
    limitIn.name = 'limit';
    limitIn.type = 'number';
    limitIn.min = '1';
    limitIn.max = '1000';
    limitIn.placeholder = tr('ed.builder.limit.all', 'toutes');
    var limitField = labelled(tr('ed.builder.limit', 'Garder les premières (nombre)'), limitIn);
    fsMore.appendChild(limitField);
    var othersIn = el('input', 'builder-others');
    othersIn.type = 'checkbox';
    othersIn.name = 'others';
    var othersField = el('label', 'field-check builder-others-field');
    othersField.appendChild(othersIn);
    othersField.appendChild(document.createTextNode(' ' + tr('ed.builder.others', 'Regrouper le reste dans « Autres »')));
    fsMore.appendChild(othersField);
    var titleIn = el('input', 'builder-title');
    titleIn.name = 'title';
    titleIn.maxLength = 200;
    fsMore.appendChild(labelled(tr('ed.builder.title', 'Titre du graphique'), titleIn));
    var unitIn = el('input', 'builder-unit');
    unitIn.name = 'unit';
    unitIn.placeholder = tr('ed.builder.unit.placeholder', 'par exemple : habitants, €');
    var unitField = labelled(tr('ed.builder.unit', 'Unité des valeurs'), unitIn);
    fsMore.appendChild(unitField);
    var themeSel = el('select', 'builder-theme');
    themeSel.name = 'theme';
    [['', tr('ed.theme.page', 'celui de la page')], ['clair', tr('ed.theme.light', 'clair')], ['sombre', tr('ed.theme.dark', 'sombre')], ['projecteur', tr('ed.theme.projector', 'projecteur (contrasté)')], ['impression', tr('ed.theme.print', 'impression (noir et blanc)')]].forEach(function (o) {
      themeSel.appendChild(option(o[0], o[1]));
    });
    fsMore.appendChild(labelled(tr('ed.builder.theme', 'Thème'), themeSel));
    formBox.appendChild(fsMore);

    // Preview and the block
    side.appendChild(el('h3', 'builder-side-title', tr('ed.builder.preview', 'Aperçu')));
    var pv = el('div', 'builder-preview notebook');
    pv.setAttribute('aria-live', 'polite');
    side.appendChild(pv);
    var problems = el('p', 'builder-problems notice notice-error');
    problems.hidden = true;
    side.appendChild(problems);
    var codeDet = el('details', 'builder-code');
    codeDet.appendChild(el('summary', null, tr('ed.builder.code', 'Le bloc écrit dans la page')));
    var code = el('pre', 'builder-code-text');
    codeDet.appendChild(code);
    side.appendChild(codeDet);

    var foot = el('div', 'builder-foot');
    var insertBtn = button('button-primary builder-insert', tr('ed.builder.insert', 'Insérer'));
    var cancelBtn = button('builder-cancel', tr('ed.cancel', 'Annuler'));
    foot.appendChild(insertBtn);
    foot.appendChild(cancelBtn);
    aside.appendChild(foot);

    function ds() {
      for (var i = 0; i < datasets.length; i++) if (datasets[i].name === form.data) return datasets[i];
      return null;
    }
    function columns() {
      var d = ds();
      return d && Array.isArray(d.columns) ? d.columns : [];
    }
    function columnType(name) {
      var c = columns().filter(function (c) { return c.name === name; })[0];
      return c ? c.type : '';
    }

    // ----- dataset list -----

    function renderDatasets() {
      clear(dsList);
      var q = search.value.trim().toLowerCase();
      var selected = null;
      var shown = datasets.filter(function (d) {
        return !q || String(d.title || '').toLowerCase().indexOf(q) >= 0 || String(d.name).indexOf(q) >= 0;
      });
      if (!datasets.length) {
        var li0 = el('li', 'builder-empty');
        li0.appendChild(document.createTextNode(tr('ed.builder.nodata', 'Aucun jeu de données : ')));
        var a = el('a', null, tr('ed.builder.nodata.link', 'importez un fichier'));
        a.href = '/atelier/import';
        li0.appendChild(a);
        li0.appendChild(document.createTextNode(tr('ed.builder.nodata.end', ' d’abord.')));
        dsList.appendChild(li0);
        return;
      }
      if (!shown.length) dsList.appendChild(el('li', 'builder-empty', tr('ed.builder.nomatch', 'Aucun jeu de données ne correspond à « {0} ».', search.value)));
      shown.forEach(function (d) {
        var li = el('li');
        var b = button('builder-dataset', '');
        b.setAttribute('data-name', d.name);
        b.setAttribute('aria-pressed', d.name === form.data ? 'true' : 'false');
        b.appendChild(el('strong', null, d.title || d.name));
        b.appendChild(el('span', 'builder-dataset-meta', tr('ed.builder.datasetmeta', '{0} · {1} lignes · {2} colonnes', d.name, localInt.format(d.rows || 0), Array.isArray(d.columns) ? d.columns.length : 0)));
        var chips = el('span', 'builder-dataset-columns');
        (Array.isArray(d.columns) ? d.columns : []).slice(0, 8).forEach(function (c) {
          var chip = el('span', 'builder-chip');
          chip.appendChild(el('span', null, (c.label || c.name) + ' '));
          chip.appendChild(badge(c.type));
          chips.appendChild(chip);
        });
        if (Array.isArray(d.columns) && d.columns.length > 8) chips.appendChild(el('span', 'builder-chip', '…'));
        b.appendChild(chips);
        b.addEventListener('click', function () { pickDataset(d.name); });
        li.appendChild(b);
        dsList.appendChild(li);
        if (d.name === form.data) selected = li;
      });
      // The chosen one in sight, without scrolling the whole panel.
      if (selected && (selected.offsetTop < dsList.scrollTop || selected.offsetTop + selected.offsetHeight > dsList.scrollTop + dsList.clientHeight)) {
        dsList.scrollTop = selected.offsetTop;
      }
    }
    search.addEventListener('input', renderDatasets);

    function renderColumns() {
      clear(colsBox);
      var cols = columns();
      if (!form.data) return;
      if (!ds()) {
        colsBox.appendChild(el('p', 'notice notice-error', tr('ed.builder.missing', 'Le jeu de données « {0} » n’existe pas (ou plus).', form.data)));
        return;
      }
      colsBox.appendChild(el('p', 'builder-columns-title', tr('ed.builder.columns', 'Ses colonnes :')));
      var ul = el('ul', 'builder-column-list');
      cols.forEach(function (c) {
        var li = el('li');
        li.appendChild(el('code', null, c.name));
        if (c.label) li.appendChild(el('span', 'builder-column-label', ' ' + c.label + (c.unit ? ' (' + c.unit + ')' : '')));
        li.appendChild(document.createTextNode(' '));
        li.appendChild(badge(c.type));
        ul.appendChild(li);
      });
      colsBox.appendChild(ul);
    }

    function rows(name) {
      if (!rowsCache[name]) {
        rowsCache[name] = api('GET', '/api/datasets/' + encodeURIComponent(name) + '/rows?offset=0&limit=1000').then(function (r) {
          return r.ok && r.data && Array.isArray(r.data.rows) ? r.data : { columns: [], rows: [] };
        });
      }
      return rowsCache[name];
    }

    function pickDataset(name) {
      var fresh = form.data !== name;
      form.data = name;
      if (fresh) {
        var keepTitle = form.title !== autoTitle ? form.title : '';
        form = Object.assign(emptyForm(), { data: name, kind: form.kind, title: keepTitle });
        touched = false;
        aside.removeAttribute('data-suggested');
        rows(name).then(function (sample) {
          if (form.data !== name) return;
          if (!touched) {
            suggest(sample);
            render();
            changed();
          }
          aside.setAttribute('data-suggested', name);
        });
      }
      render();
      changed();
    }

    // suggest proposes a first chart: a line over time when there is a date, else the sum of
    // a number by a text (the ten largest), else a count by a text.
    function suggest(sample) {
      var cols = columns();
      var byGroup = function (g) { return cols.filter(function (c) { return typeGroup(c.type) === g; }); };
      var dates = byGroup('date');
      var texts = byGroup('text');
      var nums = byGroup('number').filter(function (c) { return !/^(an|annee|année|year|code|cod|id)\b/i.test(c.name); });
      var idx = {};
      (sample.columns || []).forEach(function (c, i) { idx[typeof c === 'string' ? c : c && c.name] = i; });
      // The text column that reads best: most values with letters, then most distinct values.
      var label = null;
      var best = -1;
      texts.forEach(function (c) {
        var i = idx[c.name];
        var letters = 0;
        var seen = {};
        var distinct = 0;
        (sample.rows || []).forEach(function (r) {
          var v = r[i];
          if (typeof v === 'string') {
            if (/\p{L}{2}/u.test(v)) letters++;
            if (!seen[v]) {
              seen[v] = true;
              distinct++;
            }
          }
        });
        var score = letters * 2 + distinct;
        if (/^(cod|code|id)/i.test(c.name)) score = score / 4;
        if (score > best) {
          best = score;
          label = c;
        }
      });
      var num = nums[nums.length - 1] || byGroup('number')[0];
      var d = ds();
      var hadTitle = form.title;
      if (dates.length) {
        form.kind = 'line';
        form.x = dates[0].name;
        if (num) {
          form.agg = 'sum';
          form.ycol = num.name;
        } else form.agg = 'count';
        form.sort = 'x';
        form.title = form.title || (num ? tr('ed.suggest.overtime', '{0} au fil du temps', sentence(num.name)) : tr('ed.suggest.countovertime', 'Nombre de lignes au fil du temps'));
        if (d && d.title && !num) form.title += ' (' + d.title + ')';
      } else if (label) {
        form.kind = form.kind === 'barh' ? 'barh' : 'bar';
        form.x = label.name;
        if (num) {
          form.agg = 'sum';
          form.ycol = num.name;
          form.sort = '-y';
          form.limit = '10';
          form.title = form.title || tr('ed.suggest.top', '{0} par {1} : les 10 plus grands', sentence(num.name), label.name);
        } else {
          form.agg = 'count';
          form.sort = '-y';
          form.limit = '10';
          form.title = form.title || tr('ed.suggest.countby', 'Nombre de lignes par {0}', label.name);
        }
      } else if (cols.length) {
        form.kind = 'table';
        form.x = cols[0].name;
        form.agg = 'count';
      }
      if (!hadTitle) autoTitle = form.title;
    }

    // ----- the form -----

    function fillColumns(sel, cols, value, emptyLabel, filter) {
      clear(sel);
      if (emptyLabel !== null) sel.appendChild(option('', emptyLabel));
      var found = false;
      cols.forEach(function (c) {
        if (filter && !filter(c)) return;
        // People pick by label; the block keeps the column's name.
        sel.appendChild(option(c.name, (c.label ? c.label + ' — ' + c.name : c.name) + ' (' + typeName(c.type) + ')', c.name === value));
        if (c.name === value) found = true;
      });
      if (value && !found) sel.appendChild(option(value, tr('ed.builder.unknowncol', '{0} (colonne inconnue)', value), true));
      sel.value = value || '';
    }

    function aggAllows(agg, col) {
      var a = AGGS.filter(function (x) { return x.agg === agg; })[0];
      if (!a) return true;
      var g = typeGroup(col.type);
      if (a.numeric) return g === 'number';
      if (a.ordered) return g === 'number' || g === 'date';
      return true;
    }

    function render() {
      h2.textContent = block ? tr('ed.builder.edit', 'Modifier le graphique') : tr('ed.builder.new', 'Créer un graphique');
      insertBtn.textContent = block ? tr('ed.builder.replace', 'Remplacer le graphique') : tr('ed.builder.insert', 'Insérer');
      renderDatasets();
      renderColumns();
      var known = kindOf(form.kind);
      kindsBox.querySelectorAll('.builder-kind').forEach(function (b) {
        b.setAttribute('aria-pressed', b.getAttribute('data-kind') === form.kind ? 'true' : 'false');
      });
      var other = kindsBox.querySelector('.builder-kind-other');
      if (other) other.remove();
      if (!known) {
        var ob = button('builder-kind builder-kind-other', '');
        ob.setAttribute('aria-pressed', 'true');
        ob.setAttribute('data-kind', form.kind);
        ob.appendChild(picture(''));
        ob.appendChild(el('span', null, form.kind));
        kindsBox.appendChild(ob);
      }
      var cols = columns();
      var number = form.kind === 'number';
      var scatter = form.kind === 'scatter';
      xField.hidden = !uses(form.kind, 'x');
      xField.querySelector('.field-label').textContent = scatter ? tr('ed.builder.x.scatter', 'En abscisse (une colonne de nombres)') :
        form.kind === 'line' || form.kind === 'area' ? tr('ed.builder.x.time', 'En abscisse (souvent une date)') :
          form.kind === 'pie' || form.kind === 'donut' ? tr('ed.builder.x.pie', 'Les parts (une par valeur de)') : tr('ed.builder.x', 'En abscisse (les catégories)');
      fillColumns(xSel, cols, form.x, tr('ed.builder.choosecol', 'choisissez une colonne'));
      clear(aggSel);
      AGGS.forEach(function (a) { aggSel.appendChild(option(a.agg, a.label, a.agg === form.agg)); });
      aggSel.value = form.agg;
      yColSel.hidden = form.agg === 'count';
      fillColumns(yColSel, cols, form.ycol, tr('ed.builder.choosecol', 'choisissez une colonne'), function (c) { return aggAllows(form.agg, c); });
      seriesField.hidden = !uses(form.kind, 'series');
      fillColumns(seriesSel, cols, form.series, tr('ed.builder.none', 'aucune'));
      stackField.hidden = !uses(form.kind, 'stack') || !form.series;
      stackIn.checked = !!form.stack;
      geoField.hidden = !uses(form.kind, 'geo');
      keyField.hidden = !uses(form.kind, 'key');
      if (!geoField.hidden) {
        clear(geoSel);
        geoSel.appendChild(option('', tr('ed.builder.chooseshapes', 'choisissez les formes')));
        geoSets.forEach(function (d) { geoSel.appendChild(option(d.name, (d.title || d.name) + ' (' + d.name + ')', d.name === form.geo)); });
        if (form.geo && !geoSets.some(function (d) { return d.name === form.geo; })) geoSel.appendChild(option(form.geo, form.geo, true));
        geoSel.value = form.geo;
        fillColumns(keySel, cols, form.key, tr('ed.builder.choosecol', 'choisissez une colonne'));
      }
      renderFilters();
      sortField.hidden = !uses(form.kind, 'sort');
      limitField.hidden = !uses(form.kind, 'limit');
      othersField.hidden = !uses(form.kind, 'others') || !form.limit;
      othersIn.checked = !!form.others;
      sortSel.value = form.sort;
      if (sortSel.value !== form.sort) {
        sortSel.appendChild(option(form.sort, form.sort, true));
        sortSel.value = form.sort;
      }
      limitIn.value = form.limit;
      titleIn.value = form.title;
      unitIn.value = form.unit;
      themeSel.value = form.theme;
      if (themeSel.value !== form.theme) {
        themeSel.appendChild(option(form.theme, form.theme, true));
        themeSel.value = form.theme;
      }
      insertBtn.disabled = !form.data;
    }

    function renderFilters() {
      clear(filtersBox);
      rawWhereField.hidden = !form.where;
      rawWhere.value = form.where;
      addFilter.hidden = !!form.where;
      if (form.where) return;
      var cols = columns();
      form.filters.forEach(function (f, i) {
        var row = el('div', 'builder-filter');
        row.setAttribute('data-filter', String(i));
        var colSel = el('select', 'builder-filter-column');
        colSel.name = 'filter-column';
        colSel.setAttribute('aria-label', tr('ed.filter.column', 'Colonne du filtre {0}', i + 1));
        fillColumns(colSel, cols, f.column, tr('ed.filter.column.empty', 'colonne…'));
        var opSel = el('select', 'builder-filter-op');
        opSel.name = 'filter-op';
        opSel.setAttribute('aria-label', tr('ed.filter.op', 'Comparaison du filtre {0}', i + 1));
        OPS.forEach(function (o) { opSel.appendChild(option(o.op, o.label, o.op === f.op)); });
        opSel.value = f.op;
        var val = el('input', 'builder-filter-value');
        val.name = 'filter-value';
        val.setAttribute('aria-label', tr('ed.filter.value', 'Valeur du filtre {0}', i + 1));
        val.value = f.value;
        val.placeholder = f.op === 'in' ? tr('ed.filter.values', 'valeur ; valeur ; …') : tr('ed.filter.onevalue', 'valeur');
        var listId = newId('valeurs');
        var dl = el('datalist');
        dl.id = listId;
        val.setAttribute('list', listId);
        var del = button('builder-filter-remove', '×', tr('ed.filter.remove', 'Retirer ce filtre'));
        del.setAttribute('aria-label', tr('ed.filter.remove.label', 'Retirer le filtre {0}', i + 1));
        row.appendChild(colSel);
        row.appendChild(opSel);
        row.appendChild(val);
        row.appendChild(dl);
        row.appendChild(del);
        filtersBox.appendChild(row);
        offerValues(f.column, dl);
        colSel.addEventListener('change', function () {
          f.column = colSel.value;
          offerValues(f.column, dl);
          touch();
        });
        opSel.addEventListener('change', function () {
          f.op = opSel.value;
          val.placeholder = f.op === 'in' ? tr('ed.filter.values', 'valeur ; valeur ; …') : tr('ed.filter.onevalue', 'valeur');
          touch();
        });
        val.addEventListener('input', function () {
          f.value = val.value;
          touch();
        });
        del.addEventListener('click', function () {
          form.filters.splice(i, 1);
          renderFilters();
          touch();
        });
      });
    }

    // offerValues fills a datalist with the distinct values of a column in the first rows.
    function offerValues(column, dl) {
      clear(dl);
      if (!form.data || !column) return;
      rows(form.data).then(function (sample) {
        var i = -1;
        (sample.columns || []).forEach(function (c, k) {
          if ((typeof c === 'string' ? c : c && c.name) === column) i = k;
        });
        if (i < 0) return;
        var seen = {};
        var values = [];
        sample.rows.forEach(function (r) {
          var v = r[i];
          if (v === null || v === undefined) return;
          var s = String(v);
          if (!seen[s]) {
            seen[s] = true;
            values.push(s);
          }
        });
        values.sort(function (a, b) { return a.localeCompare(b, 'fr', { numeric: true }); });
        clear(dl);
        values.slice(0, 300).forEach(function (v) { dl.appendChild(option(v, v)); });
      });
    }

    addFilter.addEventListener('click', function () {
      var cols = columns();
      form.filters.push({ column: cols.length ? cols[0].name : '', op: '=', value: '' });
      renderFilters();
      touch();
      var last = filtersBox.querySelector('.builder-filter:last-child select');
      if (last) last.focus();
    });
    rawWhere.addEventListener('input', function () {
      form.where = rawWhere.value;
      if (!form.where) renderFilters();
      touch();
    });
    xSel.addEventListener('change', function () { form.x = xSel.value; touch(); });
    aggSel.addEventListener('change', function () {
      form.agg = aggSel.value;
      if (form.agg === 'count') form.ycol = '';
      render();
      touch();
    });
    yColSel.addEventListener('change', function () { form.ycol = yColSel.value; touch(); });
    seriesSel.addEventListener('change', function () { form.series = seriesSel.value; render(); touch(); });
    stackIn.addEventListener('change', function () { form.stack = stackIn.checked; touch(); });
    geoSel.addEventListener('change', function () { form.geo = geoSel.value; touch(); });
    keySel.addEventListener('change', function () { form.key = keySel.value; touch(); });
    othersIn.addEventListener('change', function () { form.others = othersIn.checked ? 'Autres' : ''; touch(); });
    sortSel.addEventListener('change', function () { form.sort = sortSel.value; touch(); });
    limitIn.addEventListener('input', function () {
      form.limit = limitIn.value.trim();
      othersField.hidden = !uses(form.kind, 'others') || !form.limit;
      touch();
    });
    titleIn.addEventListener('input', function () { form.title = titleIn.value; touch(); });
    unitIn.addEventListener('input', function () { form.unit = unitIn.value; touch(); });
    themeSel.addEventListener('change', function () { form.theme = themeSel.value; touch(); });

    function source() {
      return blockFromForm(form, columnType);
    }

    function touch() {
      touched = true;
      changed();
    }

    function changed() {
      code.textContent = '```chart\n' + source() + '\n```';
      insertBtn.disabled = !form.data;
      if (form.data) pv.classList.add('is-loading');
      window.clearTimeout(previewTimer);
      previewTimer = window.setTimeout(refresh, 350);
    }

    function refresh() {
      var seq = ++previewSeq;
      if (!form.data) {
        disposeCharts(pv);
        clear(pv);
        pv.appendChild(el('p', 'builder-hint', tr('ed.builder.hint', 'Choisissez un jeu de données : l’aperçu du graphique s’affichera ici.')));
        problems.hidden = true;
        return;
      }
      pv.classList.add('is-loading');
      api('POST', '/api/preview', { markdown: '```chart\n' + source() + '\n```\n' }).then(function (r) {
        if (seq < previewShown) return;
        previewShown = seq;
        pv.classList.remove('is-loading');
        if (!r.ok || !r.data) {
          problems.hidden = false;
          problems.textContent = sentence(errorText(r));
          return;
        }
        var list = Array.isArray(r.data.problems) ? r.data.problems.filter(isObject) : [];
        problems.hidden = list.length === 0;
        problems.textContent = list.map(function (p) { return sentence(p.message); }).join(' ');
        disposeCharts(pv);
        pv.innerHTML = typeof r.data.html === 'string' ? r.data.html : ''; // server-rendered
        drawCharts(pv);
      });
    }

    insertBtn.addEventListener('click', function () {
      if (!form.data) return;
      var src = source();
      var blk = block;
      close();
      hooks.insert(src, blk);
    });
    cancelBtn.addEventListener('click', close);
    closeBtn.addEventListener('click', close);
    aside.addEventListener('keydown', function (ev) {
      if (ev.key === 'Escape') close();
    });

    var opener = null;
    function close() {
      aside.hidden = true;
      document.documentElement.classList.remove('builder-open');
      disposeCharts(pv);
      if (opener && opener.focus) opener.focus();
    }

    // refreshDatasets fetches the list again: a file may have been imported in another tab.
    function refreshDatasets() {
      api('GET', '/api/datasets').then(function (r) {
        if (!r.ok || !Array.isArray(r.data) || aside.hidden) return;
        var fresh = r.data.filter(isObject);
        if (JSON.stringify(fresh.map(function (d) { return [d.name, d.version]; })) === JSON.stringify(datasets.map(function (d) { return [d.name, d.version]; }))) return;
        datasets.length = 0;
        fresh.forEach(function (d) { datasets.push(d); });
        geoSets = datasets.filter(function (d) { return d.format === 'geojson'; });
        renderDatasets();
        renderColumns();
      });
    }

    function open(f, blk) {
      refreshDatasets();
      opener = document.activeElement;
      block = blk;
      form = f || emptyForm();
      search.value = '';
      aside.hidden = false;
      document.documentElement.classList.add('builder-open');
      if (!f) {
        // A dataset just imported in this browser, or the only one there is.
        var recent = '';
        try {
          recent = window.sessionStorage.getItem('atelier:dernier-import') || '';
        } catch (e) { /* none */ }
        if (recent && datasets.some(function (d) { return d.name === recent; })) pickDataset(recent);
        else if (datasets.length === 1) pickDataset(datasets[0].name);
      }
      render();
      changed();
      body.scrollTop = 0;
      (form.data ? kindsBox.querySelector('[aria-pressed="true"]') || titleIn : search).focus();
    }

    return { open: open, close: close };
  }

  // ---------- upload and review: /atelier/import ----------

  var DELIMITERS = { ';': tr('ed.delim.semicolon', 'point-virgule ( ; )'), ',': tr('ed.delim.comma', 'virgule ( , )'), '\t': tr('ed.delim.tab', 'tabulation'), '|': tr('ed.delim.bar', 'barre verticale ( | )'), 'tab': tr('ed.delim.tab', 'tabulation') };
  var ENCODINGS = { 'Windows-1252': 'Windows-1252 (Latin-1)', 'UTF-8': 'UTF-8', 'UTF-8 (BOM)': tr('ed.enc.bom', 'UTF-8 (avec BOM)') };
  var FORMATS = { csv: tr('ed.format.csv', 'CSV (texte à colonnes)'), geojson: tr('ed.format.geojson', 'GeoJSON (formes pour une carte)') };
  var LICENCES = ['Licence Ouverte 2.0', 'ODbL'];
  // The types a column may be given at import (datasets.ChangeTypes).
  var TYPES = ['utf8', 'int64', 'float64', 'date32', 'bool', 'timestamp[s]'];
  var NAME_RE = /^[a-z0-9][a-z0-9-]{0,63}$/;

  // recipeChange is the recipe's change of a column as read (its rename or type), or {}.
  function recipeChange(recipe, column) {
    var out = {};
    (recipe && Array.isArray(recipe.columns) ? recipe.columns : []).forEach(function (c) {
      if (isObject(c) && c.name === column) {
        if (c.new_name) out.new_name = c.new_name;
        if (c.type) out.type = c.type;
      }
    });
    return out;
  }

  function recipeLabel(recipe, column) {
    var out = {};
    (recipe && Array.isArray(recipe.labels) ? recipe.labels : []).forEach(function (l) {
      if (isObject(l) && l.column === column) out = l;
    });
    return out;
  }

  var STATUS_WORDS = { published: tr('ed.report.published', 'publiée'), unlisted: tr('ed.report.unlisted', 'non listée'), draft: tr('ed.report.draft', 'brouillon') };

  // showReport writes the update report: what changes, then every page and chart that
  // reads the dataset, with a way out for each chart that would break.
  function showReport(box, rep, cols, pins, mapColumn, again) {
    clear(box);
    box.hidden = false;
    box.appendChild(el('h3', null, tr('ed.report.title', 'Ce qui change par rapport à la version en ligne')));
    var ul = el('ul', 'report-changes');
    (Array.isArray(rep.changes) ? rep.changes : []).forEach(function (c) { ul.appendChild(el('li', null, c)); });
    box.appendChild(ul);
    var pages = Array.isArray(rep.pages) ? rep.pages.filter(isObject) : [];
    if (!pages.length) {
      box.appendChild(el('p', 'report-nopage', tr('ed.report.nopage', 'Aucune page n’utilise ces données.')));
      return;
    }
    box.appendChild(el('h3', null, tr('ed.report.pages', 'Les pages qui utilisent ces données')));
    var list = el('ul', 'report-pages');
    var broken = 0;
    pages.forEach(function (p) {
      var li = el('li', 'report-page');
      li.setAttribute('data-slug', p.slug);
      li.appendChild(el('strong', null, p.title || p.slug));
      li.appendChild(document.createTextNode(' (' + (STATUS_WORDS[p.status] || p.status) + ')'));
      var charts = el('ul', 'report-charts');
      var breaks = false;
      (Array.isArray(p.charts) ? p.charts : []).filter(isObject).forEach(function (c) {
        var cli = el('li', c.draws ? 'report-chart is-ok' : 'report-chart is-broken', c.says || '');
        cli.setAttribute('data-chart', c.n);
        if (!c.draws) {
          breaks = true;
          (Array.isArray(c.missing) ? c.missing : []).forEach(function (gone) {
            cli.appendChild(mapControl(gone, cols, rep.suggest || {}, mapColumn));
          });
        }
        charts.appendChild(cli);
      });
      li.appendChild(charts);
      if (breaks && !pins[p.slug]) broken++;
      if (breaks || pins[p.slug]) {
        var pin = el('input', 'report-pin');
        pin.type = 'checkbox';
        pin.checked = !!pins[p.slug];
        pin.addEventListener('change', function () {
          pins[p.slug] = pin.checked;
          again();
        });
        li.appendChild(labelled(tr('ed.report.pin', 'Garder cette page sur la version {0} (elle ne suivra plus les nouvelles versions)', rep.diff && rep.diff.current), pin, 'report-pin-field'));
      }
      list.appendChild(li);
    });
    box.appendChild(list);
    if (broken) box.appendChild(el('p', 'notice notice-warning report-broken', broken > 1 ? tr('ed.report.brokenmany', '{0} pages auraient un graphique cassé : reliez les colonnes disparues, ou gardez ces pages sur la version actuelle.', broken) : tr('ed.report.brokenone', 'Une page aurait un graphique cassé : reliez la colonne disparue, ou gardez la page sur la version actuelle.')));
    else box.appendChild(el('p', 'upload-ok report-ok', tr('ed.report.ok', 'Tous les graphiques se dessineront avec la nouvelle version.')));
  }

  function mapControl(gone, cols, suggest, mapColumn) {
    var sel = el('select', 'report-map');
    sel.setAttribute('data-column', gone);
    sel.appendChild(option('', tr('ed.report.map.none', '— choisir une colonne —')));
    cols.forEach(function (c) { sel.appendChild(option(c.name, c.name, false)); });
    var go = button('report-map-apply', tr('ed.report.map.apply', 'Relier'));
    if (suggest[gone]) sel.value = suggest[gone];
    go.addEventListener('click', function () {
      if (sel.value) mapColumn(gone, sel.value);
    });
    var p = el('p', 'report-map-field');
    p.appendChild(labelled(tr('ed.report.map', 'La colonne « {0} » a disparu : la relier à la colonne du nouveau fichier', gone), sel));
    p.appendChild(go);
    return p;
  }

  function startUpload(box) {
    var formEl = box.querySelector('form.upload-form');
    var input = box.querySelector('#upload-file') || box.querySelector('input[type=file]');
    var progress = box.querySelector('progress.upload-progress');
    var errorEl = box.querySelector('.upload-error');
    var review = box.querySelector('section.upload-review');
    var zone = box.querySelector('.dropzone');
    var maxBytes = parseInt(box.getAttribute('data-max-bytes'), 10) || 0;
    if (!formEl || !input || !review) return;
    box.setAttribute('data-ready', 'true');
    var busy = false;
    var status = el('p', 'upload-status');
    status.setAttribute('role', 'status');
    status.hidden = true;
    if (progress) progress.parentNode.insertBefore(status, progress.nextSibling);

    function showError(msg) {
      if (!errorEl) return;
      errorEl.textContent = sentence(msg);
      errorEl.hidden = !msg;
    }

    function say(text) {
      status.textContent = text;
      status.hidden = !text;
    }

    formEl.addEventListener('submit', function (ev) {
      ev.preventDefault();
      if (input.files && input.files[0]) send(input.files[0]);
    });
    // Or a link from the open-data portal: the server fetches it (and refuses private
    // addresses), then answers the same review as for a file.
    var urlForm = box.querySelector('form.upload-url-form');
    if (urlForm) {
      urlForm.addEventListener('submit', function (ev) {
        ev.preventDefault();
        var field = urlForm.querySelector('input[name=url]');
        var link = field ? field.value.trim() : '';
        if (!link || busy) return;
        busy = true;
        showError('');
        review.hidden = true;
        clear(review);
        box.classList.add('is-busy');
        say(tr('ed.upload.fetching', 'Téléchargement de {0}…', link));
        api('POST', '/api/datasets/fetch', { url: link }).then(function (r) {
          busy = false;
          box.classList.remove('is-busy');
          say('');
          if (r.ok && isObject(r.data)) showReview(r.data);
          else showError(errorText(r));
        });
      });
    }
    input.addEventListener('change', function () {
      if (input.files && input.files[0]) send(input.files[0]);
    });
    if (zone) {
      // The browser's own file button speaks the browser's language: ours speaks French.
      var label = zone.querySelector('label[for="' + input.id + '"]');
      if (label) {
        label.appendChild(el('span', 'dropzone-button', tr('ed.upload.choose', 'Choisir un fichier')));
        zone.classList.add('has-button');
      }
      zone.addEventListener('click', function (ev) {
        if (ev.target === zone) input.click();
      });
      ['dragenter', 'dragover'].forEach(function (t) {
        zone.addEventListener(t, function (ev) {
          ev.preventDefault();
          zone.classList.add('is-dragover');
        });
      });
      ['dragleave', 'dragend'].forEach(function (t) {
        zone.addEventListener(t, function () { zone.classList.remove('is-dragover'); });
      });
      zone.addEventListener('drop', function (ev) {
        ev.preventDefault();
        zone.classList.remove('is-dragover');
        var files = ev.dataTransfer && ev.dataTransfer.files;
        if (files && files.length) send(files[0]);
      });
    }
    // A file dropped beside the zone must not make the browser leave the page.
    document.addEventListener('dragover', function (ev) { ev.preventDefault(); });
    document.addEventListener('drop', function (ev) { ev.preventDefault(); });

    function send(file) {
      if (busy) return;
      showError('');
      review.hidden = true;
      clear(review);
      if (maxBytes && file.size > maxBytes) {
        showError(tr('ed.upload.toolarge', 'le fichier « {0} » fait {1} : la limite est de {2}.', file.name, localBytes(file.size), localBytes(maxBytes)));
        return;
      }
      busy = true;
      box.classList.add('is-busy');
      var xhr = new XMLHttpRequest();
      var data = new FormData();
      data.append('file', file, file.name);
      xhr.open('POST', '/api/uploads');
      xhr.setRequestHeader('Accept', 'application/json');
      if (progress) {
        progress.hidden = false;
        progress.max = 100;
        progress.value = 0;
      }
      say(tr('ed.upload.sending', 'Envoi de « {0} »…', file.name));
      xhr.upload.addEventListener('progress', function (ev) {
        if (!progress || !ev.lengthComputable) return;
        progress.value = Math.round(100 * ev.loaded / ev.total);
        say(tr('ed.upload.progress', 'Envoi de « {0} » : {1} %', file.name, progress.value));
      });
      xhr.upload.addEventListener('load', function () {
        if (progress) progress.removeAttribute('value'); // indeterminate while the server reads
        say(tr('ed.upload.reading', 'Lecture du fichier…'));
      });
      xhr.addEventListener('loadend', function () {
        busy = false;
        box.classList.remove('is-busy');
        if (progress) progress.hidden = true;
        say('');
        input.value = '';
        var answer = null;
        try {
          answer = JSON.parse(xhr.responseText);
        } catch (e) { /* not JSON */ }
        if (xhr.status >= 200 && xhr.status < 300 && isObject(answer)) {
          showReview(answer);
        } else {
          showError(errorText({ status: xhr.status, data: answer }));
        }
      });
      xhr.send(data);
    }

    function dl(list, term, value) {
      list.appendChild(el('dt', null, term));
      list.appendChild(el('dd', null, value));
    }

    function showReview(rv) {
      clear(review);
      review.hidden = false;
      review.appendChild(el('h2', null, tr('ed.review.title', 'Vérifiez comment le fichier a été lu')));
      review.appendChild(el('p', 'lead', tr('ed.review.lead', 'Rien n’est encore enregistré. Si les colonnes et leurs valeurs ont l’air justes, donnez un nom aux données puis « Enregistrer ».')));
      var sum = el('dl', 'upload-summary');
      dl(sum, tr('ed.review.file', 'Fichier'), (rv.file_name || '') + (rv.bytes ? ' (' + localBytes(rv.bytes) + ')' : ''));
      dl(sum, tr('ed.review.format', 'Format'), FORMATS[rv.format] || rv.format || '');
      if (rv.encoding) dl(sum, tr('ed.review.encoding', 'Encodage des caractères'), ENCODINGS[rv.encoding] || rv.encoding);
      if (rv.delimiter) dl(sum, tr('ed.review.delimiter', 'Séparateur de colonnes'), DELIMITERS[rv.delimiter] || rv.delimiter);
      if (rv.format !== 'geojson') dl(sum, tr('ed.review.header', 'En-tête'), rv.header_line > 1 ? tr('ed.review.header.line', 'la ligne {0} donne le nom des colonnes (les lignes au-dessus, un titre, ont été sautées)', rv.header_line) : tr('ed.review.header.value', 'la première ligne donne le nom des colonnes'));
      dl(sum, tr('ed.review.rows', 'Lignes'), localInt.format(rv.rows || 0));
      review.appendChild(sum);

      var cols = Array.isArray(rv.columns) ? rv.columns : [];
      review.appendChild(el('h3', null, cols.length > 1 ? tr('ed.review.columns', '{0} colonnes', cols.length) : tr('ed.review.column', '{0} colonne', cols.length)));
      var wrap = el('div', 'table-scroll');
      var table = el('table', 'upload-columns');
      var thead = el('thead');
      var hr = el('tr');
      [tr('ed.review.col.name', 'Colonne'), tr('ed.review.col.type', 'Type'), tr('ed.review.col.label', 'Libellé lu par le public'), tr('ed.review.col.unit', 'Unité'), tr('ed.review.col.nulls', 'Cases vides'), tr('ed.review.col.samples', 'Exemples de valeurs')].forEach(function (h) {
        var th = el('th', null, h);
        th.scope = 'col';
        hr.appendChild(th);
      });
      thead.appendChild(hr);
      table.appendChild(thead);
      var tbody = el('tbody');
      // Each column's name and type can be corrected here; the changes go with « Enregistrer ».
      // A file whose name exists gets its dataset's recipe: the renames, types and labels
      // the facilitator chose for the versions before.
      var recipe = rv.exists && isObject(rv.recipe) ? rv.recipe : null;
      var edits = [];
      cols.forEach(function (c) {
        var row = el('tr');
        var name = el('th', null);
        name.scope = 'row';
        var nameEdit = el('input', 'upload-col-name');
        var planned = recipeChange(recipe, c.name);
        nameEdit.value = planned.new_name || c.name;
        nameEdit.addEventListener('change', function () { refreshReport(); });
        nameEdit.setAttribute('aria-label', tr('ed.review.col.rename', 'Nom de la colonne « {0} »', c.name));
        name.appendChild(nameEdit);
        row.appendChild(name);
        var td = el('td');
        var typeEdit = el('select', 'upload-col-type');
        typeEdit.setAttribute('aria-label', tr('ed.review.col.retype', 'Type de la colonne « {0} »', c.name));
        TYPES.concat(TYPES.indexOf(c.type) < 0 ? [c.type] : []).forEach(function (t) {
          typeEdit.appendChild(option(t, typeName(t), t === (planned.type || c.type)));
        });
        typeEdit.addEventListener('change', function () { refreshReport(); });
        td.appendChild(typeEdit);
        row.appendChild(td);
        var known = recipeLabel(recipe, nameEdit.value);
        var labelEdit = el('input', 'upload-col-label');
        labelEdit.value = known.label || '';
        labelEdit.maxLength = 120;
        labelEdit.setAttribute('aria-label', tr('ed.review.col.labelof', 'Libellé de la colonne « {0} »', c.name));
        var ltd = el('td');
        ltd.appendChild(labelEdit);
        row.appendChild(ltd);
        var unitEdit = el('input', 'upload-col-unit');
        unitEdit.value = known.unit || '';
        unitEdit.maxLength = 120;
        unitEdit.size = 8;
        unitEdit.setAttribute('aria-label', tr('ed.review.col.unitof', 'Unité de la colonne « {0} »', c.name));
        var utd = el('td');
        utd.appendChild(unitEdit);
        row.appendChild(utd);
        edits.push({ column: c, name: nameEdit, type: typeEdit, label: labelEdit, unit: unitEdit });
        row.appendChild(el('td', 'num', localInt.format(c.nulls || 0)));
        var s = el('td', 'upload-samples');
        (Array.isArray(c.samples) ? c.samples : []).forEach(function (v) {
          s.appendChild(el('span', 'sample', typeof v === 'number' ? new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 6 }).format(v) : String(v)));
        });
        row.appendChild(s);
        tbody.appendChild(row);
      });
      table.appendChild(tbody);
      wrap.appendChild(table);
      review.appendChild(wrap);

      var warnings = Array.isArray(rv.warnings) ? rv.warnings.filter(isObject) : [];
      var keepRows = null;
      if (warnings.length) {
        var wbox = el('div', 'notice notice-warning upload-warnings');
        wbox.appendChild(el('p', null, warnings.length > 1 ? tr('ed.review.warnings', '{0} remarques sur la lecture :', warnings.length) : tr('ed.review.warning', 'Une remarque sur la lecture :')));
        var ul = el('ul');
        warnings.slice(0, 50).forEach(function (w) {
          var line = w.line || w.Line;
          var col = w.column || w.Column;
          var msg = w.message || w.Message || '';
          ul.appendChild(el('li', null, (line ? tr('ed.problems.line', 'ligne {0} : ', line) : '') + (col ? tr('ed.review.warncol', 'colonne « {0} » : ', col) : '') + msg));
        });
        if (warnings.length > 50) ul.appendChild(el('li', null, tr('ed.review.more', '… et {0} autres.', warnings.length - 50)));
        wbox.appendChild(ul);
        // Totals, blank rows and notes are left out, so that no sum counts them twice;
        // the facilitator may keep them all the same.
        var dropped = warnings.filter(function (w) { return w.dropped; }).length;
        if (dropped) {
          keepRows = el('input', 'upload-keep-rows');
          keepRows.type = 'checkbox';
          keepRows.addEventListener('change', function () { refreshReport(); });
          wbox.appendChild(labelled(dropped > 1 ? tr('ed.review.keeprows', 'Garder ces {0} lignes comme des données', dropped) : tr('ed.review.keeprow', 'Garder cette ligne comme une donnée'), keepRows, 'upload-keep-rows-field'));
        }
        review.appendChild(wbox);
      } else {
        review.appendChild(el('p', 'upload-ok', tr('ed.review.ok', 'Aucune anomalie relevée à la lecture.')));
      }

      // The dataset's description, then confirm.
      var f = el('form', 'form upload-confirm');
      f.noValidate = true;
      f.appendChild(el('h3', null, tr('ed.review.data', 'Les données')));
      var nameIn = el('input', 'upload-name');
      nameIn.name = 'name';
      nameIn.value = rv.name || '';
      nameIn.required = true;
      nameIn.maxLength = 64;
      nameIn.setAttribute('autocomplete', 'off');
      nameIn.setAttribute('spellcheck', 'false');
      var nameField = labelled(tr('ed.review.name', 'Nom court (dans les adresses et les graphiques)'), nameIn);
      var hint = el('span', 'field-hint');
      hint.id = newId('aide');
      nameIn.setAttribute('aria-describedby', hint.id);
      nameField.appendChild(hint);
      f.appendChild(nameField);
      var titleIn = el('input', 'upload-title');
      titleIn.name = 'title';
      titleIn.value = (recipe && recipe.title) || rv.title || '';
      titleIn.maxLength = 200;
      f.appendChild(labelled(tr('ed.review.title2', 'Titre'), titleIn));
      var sourceIn = el('input', 'upload-source');
      sourceIn.name = 'source';
      sourceIn.placeholder = tr('ed.review.source.placeholder', 'par exemple : INSEE, Ville de Martigues');
      sourceIn.value = (recipe && recipe.source) || '';
      f.appendChild(labelled(tr('ed.review.source', 'Source (qui publie ces données)'), sourceIn));
      var urlIn = el('input', 'upload-source-url');
      urlIn.name = 'source_url';
      urlIn.type = 'url';
      urlIn.placeholder = 'https://…';
      if (typeof rv.source_url === 'string') urlIn.value = rv.source_url; // a file read from a link
      else if (recipe && recipe.source_url) urlIn.value = recipe.source_url;
      f.appendChild(labelled(tr('ed.review.url', 'Adresse de la source (facultatif)'), urlIn));
      var licSel = el('select', 'upload-licence');
      licSel.name = 'licence';
      LICENCES.forEach(function (l) { licSel.appendChild(option(l, l)); });
      licSel.appendChild(option('', tr('ed.review.licence.other', 'Autre')));
      f.appendChild(labelled(tr('ed.review.licence', 'Licence'), licSel));
      var licOther = el('input', 'upload-licence-other');
      licOther.name = 'licence_other';
      var licOtherField = labelled(tr('ed.review.licence.which', 'Quelle licence ?'), licOther);
      licOtherField.hidden = true;
      f.appendChild(licOtherField);
      licSel.addEventListener('change', function () { licOtherField.hidden = licSel.value !== ''; });
      if (recipe && recipe.licence) {
        if (LICENCES.indexOf(recipe.licence) >= 0) licSel.value = recipe.licence;
        else {
          licSel.value = '';
          licOther.value = recipe.licence;
          licOtherField.hidden = false;
        }
      }
      var descIn = el('textarea', 'upload-description');
      descIn.name = 'description';
      descIn.rows = 3;
      descIn.value = (recipe && recipe.description) || '';
      f.appendChild(labelled(tr('ed.review.description', 'Description (facultatif)'), descIn));
      var act = el('p', 'editor-actions');
      var save = el('button', 'button-primary upload-save', tr('ed.review.save', 'Enregistrer'));
      save.type = 'submit';
      act.appendChild(save);
      var again = button('upload-again', tr('ed.review.again', 'Choisir un autre fichier'));
      act.appendChild(again);
      f.appendChild(act);
      var msg = el('p', 'upload-confirm-error notice notice-error');
      msg.setAttribute('role', 'alert');
      msg.hidden = true;
      f.appendChild(msg);
      var reportBox = el('section', 'upload-report');
      reportBox.setAttribute('aria-live', 'polite');
      reportBox.hidden = true;
      review.appendChild(reportBox);
      review.appendChild(f);
      var pins = {};

      function choices() {
        var changes = [];
        var labels = [];
        edits.forEach(function (e) {
          var newName = e.name.value.trim();
          var change = { name: e.column.name };
          if (newName && newName !== e.column.name) change.new_name = newName;
          if (e.type.value !== e.column.type) change.type = e.type.value;
          if (change.new_name || change.type) changes.push(change);
          var label = e.label.value.trim();
          var unit = e.unit.value.trim();
          if (label || unit) labels.push({ column: newName || e.column.name, label: label, unit: unit });
        });
        return {
          name: nameIn.value.trim(), title: titleIn.value.trim(), description: descIn.value.trim(),
          source: sourceIn.value.trim(), source_url: urlIn.value.trim(), licence: licSel.value || licOther.value.trim(),
          columns: changes, labels: labels, pin: Object.keys(pins).filter(function (k) { return pins[k]; }),
          keep_rows: !!(keepRows && keepRows.checked)
        };
      }

      // A column that disappeared is mapped by giving a column of the new file its old name.
      function mapColumn(gone, to) {
        edits.forEach(function (e) {
          if (e.name.value.trim() === gone && e.column.name !== to) e.name.value = e.column.name;
          if (e.column.name !== to) return;
          e.name.value = gone;
          var known = recipeLabel(recipe, gone); // the column keeps the label people read
          if (!e.label.value.trim() && known.label) e.label.value = known.label;
          if (!e.unit.value.trim() && known.unit) e.unit.value = known.unit;
        });
        refreshReport();
      }

      var asked = 0;
      function refreshReport() {
        // Any name may be that of a dataset: the report shows only for an existing one.
        if (!NAME_RE.test(nameIn.value.trim())) {
          reportBox.hidden = true;
          return;
        }
        var mine = ++asked;
        api('POST', '/api/uploads/' + encodeURIComponent(rv.id) + '/report', choices()).then(function (r) {
          if (mine !== asked) return; // a newer question is on its way
          if (r.ok && isObject(r.data) && !(r.data.diff && r.data.diff.current > 0)) {
            reportBox.hidden = true; // a new dataset: nothing to compare with
            return;
          }
          if (!r.ok || !isObject(r.data)) {
            clear(reportBox);
            reportBox.appendChild(el('p', 'notice notice-error', sentence(errorText(r))));
            reportBox.hidden = false;
            return;
          }
          showReport(reportBox, r.data, cols, pins, mapColumn, refreshReport);
        });
      }
      nameIn.addEventListener('change', refreshReport);
      refreshReport();

      function checkName() {
        var v = nameIn.value.trim();
        var ok = NAME_RE.test(v);
        nameIn.setAttribute('aria-invalid', ok ? 'false' : 'true');
        hint.classList.toggle('is-error', !ok);
        if (!ok) {
          hint.textContent = tr('ed.review.name.invalid', 'De 1 à 64 caractères : lettres minuscules sans accent, chiffres et tirets, sans tiret au début (par exemple population-2021).');
        } else if (rv.exists && v === rv.name) {
          hint.textContent = tr('ed.review.name.exists', 'Des données portent déjà ce nom : une nouvelle version de « {0} » sera créée, et les pages qui les utilisent la montreront.', v);
        } else {
          hint.textContent = tr('ed.review.name.hint', 'Lettres minuscules, chiffres et tirets.');
        }
        return ok;
      }
      nameIn.addEventListener('input', checkName);
      checkName();
      again.addEventListener('click', function () {
        review.hidden = true;
        clear(review);
        input.focus();
        input.click();
      });

      f.addEventListener('submit', function (ev) {
        ev.preventDefault();
        if (!checkName()) {
          nameIn.focus();
          return;
        }
        save.disabled = true;
        msg.hidden = true;
        api('POST', '/api/uploads/' + encodeURIComponent(rv.id), choices()).then(function (r) {
          save.disabled = false;
          if (!r.ok || !r.data) {
            msg.textContent = sentence(errorText(r));
            msg.hidden = false;
            return;
          }
          imported(r.data);
        });
      });
      review.scrollIntoView({ block: 'start' });
    }

    function imported(meta) {
      try {
        window.sessionStorage.setItem('atelier:dernier-import', meta.name);
      } catch (e) { /* the builder will ask */ }
      clear(review);
      var done = el('div', 'notice upload-done');
      done.setAttribute('role', 'status');
      done.appendChild(el('h2', null, tr('ed.done.title', 'C’est enregistré')));
      done.appendChild(el('p', null, tr('ed.done.text', '« {0} » : {1} lignes, version {2}.', meta.title || meta.name, localInt.format(meta.rows || 0), meta.version)));
      var p = el('p');
      var a = el('a', 'upload-dataset-link', tr('ed.done.see', 'Voir les données'));
      a.href = '/datasets/' + encodeURIComponent(meta.name);
      p.appendChild(a);
      done.appendChild(p);
      var f = el('form', 'form form-inline upload-new-page');
      f.method = 'post';
      f.action = '/atelier/pages';
      var t = el('input', 'upload-page-title');
      t.name = 'title';
      t.required = true;
      t.maxLength = 200;
      t.value = meta.title || meta.name;
      f.appendChild(labelled(tr('ed.done.pagetitle', 'Titre de la nouvelle page'), t));
      var go = el('button', 'button-primary upload-new-page-submit', tr('ed.done.newpage', 'Créer une page avec ces données'));
      go.type = 'submit';
      f.appendChild(go);
      done.appendChild(f);
      var another = el('p');
      var more = button('upload-another', tr('ed.done.another', 'Importer un autre fichier'));
      more.addEventListener('click', function () {
        review.hidden = true;
        clear(review);
        input.focus();
      });
      another.appendChild(more);
      done.appendChild(another);
      review.appendChild(done);
      review.hidden = false;
      go.focus();
    }
  }

  // ---------- start ----------

  window.atelierEditor = {
    blockFromForm: blockFromForm,
    formFromBlock: formFromBlock,
    parseWhere: parseWhere,
    emptyForm: emptyForm,
    findBlocks: findBlocks,
    diffLines: diffLines
  };

  function start() {
    var root = document.querySelector('.editor[data-slug]');
    if (root) startEditor(root);
    var up = document.querySelector('.upload');
    if (up) startUpload(up);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
}());
