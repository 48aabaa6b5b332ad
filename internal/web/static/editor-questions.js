/*
 * editor-questions.js — the page's questions, run from the editor (issue #12: a question is
 * « closed until the presenter opens it, from the slide, in the presenter view, or the
 * editor »).
 *
 * Beside the preview (.editor-preview, which editor.js fills with the server's HTML), a list
 * of the page's questions: each one's number, ask, state and count of answers, read from
 * GET /p/{slug}/questions/{n}, and the buttons Ouvrir / Révéler / Fermer / Réinitialiser,
 * which POST /p/{slug}/questions/{n}/state. The numbers are those of the saved page: a
 * question typed but not yet saved says so. A draft page says that residents cannot answer
 * until it is published. The list follows the preview (a MutationObserver), so editor.js
 * needs to know nothing of it.
 *
 * Text from the page (the ask) reaches the screen through textContent only. Messages go
 * through tr(id, "French", args…); their English is in catalog_snap_en_scripts.go.
 */
(function () {
  'use strict';

  var text = window.atelierText || {
    tr: function (id, french) {
      var args = arguments;
      return String(french).replace(/\{(\d)\}/g, function (m, i) { return args[Number(i) + 2] === undefined ? m : String(args[Number(i) + 2]); });
    }
  };
  var tr = text.tr;

  var root = document.querySelector('.editor[data-slug]');
  var preview = root && root.querySelector('.editor-preview');
  if (!root || !preview) return;
  var slug = root.getAttribute('data-slug') || '';
  if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(slug)) return;

  function el(tag, cls, txt) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (txt !== undefined) e.textContent = String(txt);
    return e;
  }

  function call(method, url, body) {
    var opts = { method: method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
    if (body !== undefined) {
      opts.headers['Content-Type'] = 'application/json';
      opts.body = JSON.stringify(body);
    }
    return window.fetch(url, opts).then(function (res) {
      return res.json().catch(function () { return null; }).then(function (data) {
        return { ok: res.ok, status: res.status, data: data };
      });
    }, function () { return { ok: false, status: 0, data: null }; });
  }

  var panel = el('section', 'editor-questions');
  panel.setAttribute('aria-labelledby', 'editor-questions-title');
  var title = el('h2', 'editor-questions-title', tr('ed.q.title', 'Questions de la page'));
  title.id = 'editor-questions-title';
  var draftNote = el('p', 'editor-questions-draft notice');
  var list = el('ul', 'editor-questions-list');
  var said = el('p', 'editor-questions-said');
  said.setAttribute('role', 'status');
  said.setAttribute('aria-live', 'polite');
  panel.appendChild(title);
  panel.appendChild(draftNote);
  panel.appendChild(list);
  panel.appendChild(said);
  panel.hidden = true;
  var panes = root.querySelector('.editor-panes');
  root.insertBefore(panel, panes ? panes.nextSibling : null);

  var stateNames = {
    closed: tr('ed.q.state.closed', 'fermée'),
    open: tr('ed.q.state.open', 'ouverte'),
    revealed: tr('ed.q.state.revealed', 'résultats révélés')
  };
  var actions = [
    { name: 'open', label: tr('ed.q.open', 'Ouvrir'), when: function (q) { return q.state === 'closed' && !q.error; } },
    { name: 'reveal', label: tr('ed.q.reveal', 'Révéler'), when: function (q) { return q.state === 'open'; } },
    { name: 'close', label: tr('ed.q.close', 'Fermer'), when: function (q) { return q.state === 'open' || q.state === 'revealed'; } },
    { name: 'reset', label: tr('ed.q.reset', 'Réinitialiser'), when: function (q) { return Array.isArray(q.rounds) && q.rounds.length > 0; } }
  ];

  function showDraft() {
    var draft = root.getAttribute('data-status') === 'draft';
    draftNote.hidden = !draft;
    draftNote.textContent = draft ? tr('ed.q.draft', 'Cette page est un brouillon : les habitants ne peuvent pas répondre tant qu’elle n’est pas publiée (ou non listée).') : '';
  }

  function countText(n) {
    return n === 1 ? tr('ed.q.count.one', '1 réponse') : tr('ed.q.count', '{0} réponses', n);
  }

  function item(n, r) {
    var li = el('li', 'editor-question');
    li.setAttribute('data-question', String(n));
    if (!r.ok || !r.data) {
      li.appendChild(el('span', 'editor-question-ask', tr('ed.q.unsaved', 'Question {0} : enregistrez la page pour pouvoir l’ouvrir.', n)));
      return li;
    }
    var q = r.data;
    li.setAttribute('data-state', String(q.state || ''));
    li.appendChild(el('span', 'editor-question-ask', tr('ed.q.ask', 'Question {0} : {1}', n, q.ask || '')));
    var state = q.error ? String(q.error) : (stateNames[q.state] || String(q.state)) + ' — ' + countText(Number(q.answers) || 0);
    li.appendChild(el('span', 'editor-question-state', state));
    var buttons = el('span', 'editor-question-actions');
    actions.forEach(function (a) {
      var b = el('button', 'editor-question-' + a.name, a.label);
      b.type = 'button';
      b.title = tr('ed.q.action.title', '{0} la question {1}', a.label, n);
      b.disabled = !a.when(q);
      b.addEventListener('click', function () { change(n, a.name, a.label); });
      buttons.appendChild(b);
    });
    li.appendChild(buttons);
    return li;
  }

  var seq = 0;
  function refresh() {
    var count = preview.querySelectorAll('[data-question]').length;
    panel.hidden = count === 0;
    showDraft();
    if (!count) return Promise.resolve();
    var mine = ++seq;
    var asks = [];
    for (var n = 1; n <= count; n++) asks.push(call('GET', '/p/' + slug + '/questions/' + n));
    return Promise.all(asks).then(function (answers) {
      if (mine !== seq) return; // a newer list is on its way
      while (list.firstChild) list.removeChild(list.firstChild);
      answers.forEach(function (r, i) { list.appendChild(item(i + 1, r)); });
    });
  }

  function change(n, action, label) {
    return call('POST', '/p/' + slug + '/questions/' + n + '/state', { state: action }).then(function (r) {
      said.textContent = r.ok ? tr('ed.q.done', 'Question {0} : {1} — fait.', n, label)
        : tr('ed.q.failed', 'Question {0} : {1} impossible — {2}', n, label, (r.data && r.data.error) || r.status);
      return refresh();
    });
  }

  var timer = 0;
  function later() {
    window.clearTimeout(timer);
    timer = window.setTimeout(refresh, 150);
  }
  new MutationObserver(later).observe(preview, { childList: true });
  new MutationObserver(showDraft).observe(root, { attributes: true, attributeFilter: ['data-status'] });
  refresh();
}());
