/*
 * questions.js — makes a page's questions live (issue #12).
 *
 * Each question is a server-rendered <form class="question" data-question="N" data-kind="…">
 * that works without script (it posts and the server sends the visitor back). With this
 * script: the phone learns the state (closed / open / revealed) from
 * GET /p/{slug}/questions/{n}, answers with fetch (POST …/answers, JSON {"value": …}), and
 * listens to the page's stream (/p/{slug}/follow) for the named events opened, count,
 * revealed and closed. On « revealed » the event carries the results: their chart (ECharts
 * options built by the server, data only) goes into a <figure data-chart> that atelier.js
 * draws (window.atelierCharts.draw), and the words into a list, as text.
 *
 * Three places: a phone (the page), the wall (body.present) which shows the question, the
 * live count and the results, and the presenter view (body.present.presenter) which adds
 * the buttons open / reveal / close / reset and, for words, « Cacher ».
 *
 * Share fields become linked sliders that always add up to 100; a draw question gets a line
 * to drag with a finger, kept in step with its number fields (keyboard, screen readers).
 * No innerHTML: text from residents only reaches the page through textContent.
 */
(function () {
  'use strict';

  // atelier.js, loaded before this file, speaks the page's language: its tr serves here too.
  // Without it the questions stay the plain forms the page holds.
  var tr = window.atelierText && window.atelierText.tr;
  if (typeof tr !== 'function') return;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  var body = document.body;
  var onWall = body.classList.contains('present');
  var presenter = body.classList.contains('presenter');
  var slug = body.getAttribute('data-slug') || '';
  var forms = Array.prototype.slice.call(document.querySelectorAll('form.question[data-question]'));
  if (!forms.length) return;
  if (!slug) slug = forms[0].getAttribute('data-slug') || '';
  if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(slug)) return; // the editor's preview: a plain form

  var byN = {};
  var keyParam = (function () {
    var m = /[?&]cle=([^&#]+)/.exec(window.location.search);
    return m ? '?cle=' + m[1] : '';
  }());

  function base(n) { return '/p/' + slug + '/questions/' + n; }

  function request(method, url, payload) {
    var init = { method: method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
    if (payload !== undefined) {
      init.headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(payload);
    }
    return window.fetch(url + keyParam, init).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (data) {
        if (!res.ok) throw new Error(typeof data.error === 'string' ? data.error : String(res.status));
        return data;
      });
    });
  }

  // ---------- one question ----------

  function setup(form) {
    var n = Number(form.getAttribute('data-question'));
    var q = {
      n: n, form: form, kind: form.getAttribute('data-kind'), state: 'closed', answers: 0,
      status: form.querySelector('.question-status'), results: form.querySelector('.question-results'),
      count: el('p', 'question-count'), sent: false
    };
    q.count.setAttribute('aria-live', 'polite');
    relabel(q);
    form.querySelector('fieldset').appendChild(q.count);
    byN[n] = q;
    form.setAttribute('data-state', 'closed');
    if (onWall) {
      form.classList.add('question-on-wall');
      if (presenter) controls(q);
    } else {
      if (q.kind === 'share' && window.atelierQuestionShare) window.atelierQuestionShare(form, tr);
      if (q.kind === 'draw' && window.atelierQuestionDraw) window.atelierQuestionDraw(form, tr);
      form.addEventListener('submit', function (ev) {
        ev.preventDefault();
        send(q);
      });
    }
    refresh(q);
  }

  function refresh(q) {
    if (!q) return;
    request('GET', base(q.n)).then(function (data) {
      update(q, data);
      if (data.state === 'revealed' || moderating(q)) loadResults(q);
    }).catch(function () { /* the plain form still works */ });
  }

  // Before the reveal the presenter view too shows only the count, except the words, which
  // the facilitator may have to hide before the room sees them.
  function moderating(q) {
    return presenter && q.kind === 'words' && q.state === 'open';
  }

  // relabel puts the form's own words (stored in French with the page) in the page's language.
  function relabel(q) {
    var f = q.form;
    var set = function (sel, text) {
      var node = f.querySelector(sel);
      if (node) node.textContent = text;
    };
    set('.question-number', tr('qs.number', 'Question {0}', q.n));
    set('.question-send', tr('qs.send', 'Envoyer ma réponse'));
    var hints = {
      multiple: tr('qs.hint.multiple', 'Plusieurs réponses possibles.'),
      share: tr('qs.hint.share', 'Répartissez 100 % entre ces postes.'),
      words: tr('qs.hint.words', 'Jusqu’à 3 mots, de 40 caractères au plus.'),
      draw: tr('qs.hint.draw', 'Voici le début de la série ; dessinez la suite.')
    };
    if (hints[q.kind]) set('.question-hint', hints[q.kind]);
    set('.question-label-guess', tr('qs.label.guess', 'Votre estimation'));
    set('.question-label-start', tr('qs.label.start', 'Le début de la série'));
    Array.prototype.forEach.call(f.querySelectorAll('.question-label-word'), function (w) { w.textContent = tr('qs.label.word', 'Mot'); });
  }

  function update(q, data) {
    if (typeof data.state === 'string') q.state = data.state;
    if (typeof data.answers === 'number') q.answers = data.answers;
    q.form.setAttribute('data-state', q.state);
    var open = q.state === 'open';
    var fields = q.form.querySelectorAll('input, button.question-send');
    for (var i = 0; i < fields.length; i++) fields[i].disabled = !open || onWall;
    q.count.textContent = q.answers === 1 ? tr('qs.count.one', '1 réponse') : tr('qs.count', '{0} réponses', q.answers);
    var say = {
      closed: tr('qs.state.closed', 'Question fermée pour l’instant.'),
      open: q.sent ? tr('qs.state.sent', 'Réponse enregistrée — vous pouvez la changer tant que la question est ouverte.') : tr('qs.state.open', 'Question ouverte : répondez !'),
      revealed: tr('qs.state.revealed', 'Les réponses sont révélées.')
    }[q.state];
    if (say && q.status) q.status.textContent = say;
    if (q.buttons) {
      q.buttons.open.disabled = q.state !== 'closed';
      q.buttons.reveal.disabled = q.state !== 'open';
      q.buttons.close.disabled = q.state === 'closed';
    }
    if (q.state === 'open' && !presenter) clear(q.results);
  }

  function clear(node) {
    while (node && node.firstChild) node.removeChild(node.firstChild);
  }

  // ---------- answering (phones) ----------

  function valueOf(q) {
    var f = q.form;
    var checked = function (sel) { return Array.prototype.map.call(f.querySelectorAll(sel), function (i) { return i.value; }); };
    var num = function (s) { return Number(String(s).replace(/\s/g, '').replace(',', '.')); };
    switch (q.kind) {
      case 'choice': return checked('input[name=value]:checked')[0];
      case 'multiple': return checked('input[name=value]:checked');
      case 'number':
      case 'scale': return num(q.kind === 'scale' ? checked('input[name=value]:checked')[0] : f.querySelector('input[name=value]').value);
      case 'words': return checked('input[name=value]').filter(function (w) { return w.trim() !== ''; });
      case 'share': {
        var out = {};
        var labels = f.querySelectorAll('.question-part');
        for (var i = 0; i < labels.length; i++) {
          out[labels[i].getAttribute('data-choice')] = num(labels[i].querySelector('input[name=part]').value);
        }
        return out;
      }
      default: return checked('input[name=value]').map(num);
    }
  }

  function send(q) {
    var value = valueOf(q);
    if (value === undefined) {
      q.status.textContent = tr('qs.pick', 'Choisissez une réponse.');
      return;
    }
    request('POST', base(q.n) + '/answers', { value: value }).then(function () {
      q.sent = true;
      update(q, {});
    }).catch(function (e) {
      q.status.textContent = e.message;
    });
  }

  // ---------- the presenter's buttons ----------

  function controls(q) {
    var bar = el('div', 'question-controls');
    q.buttons = {};
    [['open', tr('qs.open', 'Ouvrir')], ['reveal', tr('qs.reveal', 'Révéler')], ['close', tr('qs.close', 'Fermer')], ['reset', tr('qs.reset', 'Réinitialiser')]].forEach(function (b) {
      var button = el('button', 'question-' + b[0], b[1]);
      button.type = 'button';
      button.addEventListener('click', function () {
        request('POST', base(q.n) + '/state', { state: b[0] }).then(function (data) {
          update(q, data);
          if (b[0] !== 'reveal') clear(q.results);
          if (b[0] === 'reveal') loadResults(q);
        }).catch(function (e) { q.status.textContent = e.message; });
      });
      q.buttons[b[0]] = button;
      bar.appendChild(button);
    });
    // First under the question: the presenter reaches them before the results push them down.
    var legend = q.form.querySelector('legend');
    legend.parentNode.insertBefore(bar, legend.nextSibling);
  }

  // ---------- results ----------

  function loadResults(q) {
    request('GET', base(q.n) + '/results').then(function (data) {
      if (data.results) showResults(q, data.results);
    }).catch(function () { /* the count stays */ });
  }

  function showResults(q, res) {
    var box = q.results;
    clear(box);
    if (res.truth && res.truth.text) box.appendChild(el('p', 'question-truth', tr('qs.truth', 'Réponse : {0}', res.truth.text)));
    if (res.summary) box.appendChild(el('p', 'question-summary', res.summary));
    if (q.kind === 'words') words(q, box, res.counts || []);
    if (res.chart && res.chart.options) {
      var fig = el('figure', 'chart question-chart');
      fig.setAttribute('data-chart', 'question-' + q.n);
      fig.setAttribute('data-type', res.chart.type === 'strip' ? 'scatter' : res.chart.type);
      var canvas = el('div', 'chart-canvas');
      canvas.setAttribute('data-height', onWall ? '420' : '320');
      canvas.setAttribute('role', 'img');
      canvas.setAttribute('aria-label', res.chart.description || res.summary || '');
      var spec = el('script', 'chart-spec', JSON.stringify({ type: res.chart.type, options: res.chart.options, format: res.chart.format }));
      spec.type = 'application/json';
      fig.appendChild(canvas);
      fig.appendChild(spec);
      if (res.truth && res.truth.citation) fig.appendChild(el('p', 'chart-source', res.truth.citation));
      box.appendChild(fig);
      if (window.atelierCharts) window.atelierCharts.draw(box);
    }
    q.form.setAttribute('data-results', 'shown');
  }

  // The word list: sized by count (five classes, no inline style), text only.
  function words(q, box, counts) {
    var list = el('ul', 'question-words');
    var most = counts.reduce(function (m, c) { return Math.max(m, c.count); }, 1);
    counts.forEach(function (c) {
      var item = el('li', 'question-word question-word-' + Math.max(1, Math.ceil(5 * c.count / most)) + (c.hidden ? ' is-hidden' : ''));
      item.appendChild(el('span', 'question-word-text', c.label));
      item.appendChild(el('span', 'visually-hidden', ' (' + c.count + ')'));
      if (presenter) {
        var hide = el('button', 'question-word-hide', c.hidden ? tr('qs.word.show', 'Montrer') : tr('qs.word.hide', 'Cacher'));
        hide.type = 'button';
        hide.addEventListener('click', function () {
          request('POST', base(q.n) + '/words', { word: c.label, hidden: !c.hidden }).then(function () { loadResults(q); });
        });
        item.appendChild(hide);
      }
      list.appendChild(item);
    });
    box.appendChild(list);
  }

  // ---------- the page's stream ----------

  // Question events come on the page's one live stream (atelier.js's window.atelierLive):
  // opened, count, revealed, closed. Each (re)connection begins with an etat event: ask the
  // questions' state again then, since an event sent before the stream was up is missed.
  function listen() {
    var live = window.atelierLive;
    if (!live || typeof live.on !== 'function') return;
    var handle = function (name) {
      return function (data) {
        var q = data && byN[data.n];
        if (!q) return;
        if (name === 'opened') q.sent = false;
        update(q, data);
        if (name === 'revealed' && data.results) showResults(q, data.results);
        if (name === 'closed' && data.reset) clear(q.results);
      };
    };
    ['opened', 'count', 'revealed', 'closed'].forEach(function (name) { live.on(name, handle(name)); });
    live.on('etat', function () { forms.forEach(function (f) { refresh(byN[Number(f.getAttribute('data-question'))]); }); });
  }

  function start() {
    forms.forEach(function (f) {
      try { setup(f); } catch (e) { /* this question stays a plain form */ }
    });
    listen();
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());
