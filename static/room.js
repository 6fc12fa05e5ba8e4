// The live room's enhancement (templates/room.mustache, room_present.mustache); every page works
// without it. It listens to the room's Server-Sent Events (/rooms/{id}/stream: event types
// question, question_removed, votes, pin, log, poll, chat, chat_removed, room, each with a JSON
// object as data) and applies them to the page, with textContent only; it submits the room's
// forms with fetch (X-CSRF-Token, Accept: application/json) without leaving the page; it
// announces new items and the result of each form in the polite live region; focus stays on the
// form that was sent (a moderator's card action moves it to the next card of the queue).
(function () {
  'use strict';
  var root = document.getElementById('room');
  if (!root || !window.EventSource || !window.fetch) return;
  var S = {};
  try { S = JSON.parse(root.getAttribute('data-strings') || '{}'); } catch (e) { S = {}; }
  var present = root.hasAttribute('data-present');
  var moderator = root.hasAttribute('data-moderator');
  var roomId = root.getAttribute('data-room');
  var list = document.getElementById('question-list');
  var queue = document.getElementById('queue-list');
  var announcer = document.getElementById('room-announce');
  var justAsked = null; // the text this page just sent as a question: its own result is announced instead

  function $(sel, from) { return (from || document).querySelector(sel); }
  function field(el, name) { return el ? el.querySelector('[data-f="' + name + '"]') : null; }
  function setText(el, text) { if (el) el.textContent = text == null ? '' : String(text); }
  function csrf() { var i = $('input[name="csrf"]'); return i ? i.value : ''; }
  // Messages that come together (a form's result and the live change it caused) are read as one,
  // rather than the last replacing the others before they were heard.
  var queued = [], flushing = false;
  function announce(text) {
    if (!announcer || !text) return;
    queued.push(text);
    if (flushing) return;
    flushing = true;
    announcer.textContent = '';
    window.setTimeout(function () { announcer.textContent = queued.join(' '); queued = []; flushing = false; }, 150);
  }
  function plural(forms, n) {
    if (!forms) return '';
    try { return forms[new Intl.PluralRules(document.documentElement.lang || 'en').select(n)] || forms.other; } catch (e) { return forms.other; }
  }
  function setCount(el, name, n, forms) {
    setText(field(el, name), n);
    setText(field(el, name + '_label'), plural(forms, n));
  }
  function clip(text) { text = String(text || ''); return text.length > 120 ? text.slice(0, 117) + '…' : text; }

  // ---- questions ----
  function stateLabel(q) {
    if (q.status === 'pending') return S.pending || '';
    if (q.status === 'answered') return S.answered || '';
    if (q.status === 'hidden') return (S.hidden || '') + (q.reason && S.reasons && S.reasons[q.reason] ? ': ' + S.reasons[q.reason] : '');
    return '';
  }
  function votesOf(li) { return parseInt((field(li, 'votes') || {}).textContent, 10) || 0; }
  function resort() {
    if (!list || list.getAttribute('data-sort') !== 'votes') return;
    var items = Array.prototype.slice.call(list.children);
    items.sort(function (a, b) { return votesOf(b) - votesOf(a) || Number(b.getAttribute('data-id')) - Number(a.getAttribute('data-id')); });
    items.forEach(function (li) { list.appendChild(li); });
    if (present) items.filter(function (li) { return !li.hidden; }).slice(10).forEach(function (li) { li.remove(); });
  }
  function newItem(id) {
    var li;
    if (present) {
      li = document.createElement('li');
      var v = document.createElement('span'); v.className = 'present__votes'; v.setAttribute('data-f', 'votes');
      var b = document.createElement('span'); b.setAttribute('data-f', 'body');
      li.appendChild(v); li.appendChild(document.createTextNode(' ')); li.appendChild(b);
    } else {
      var tpl = document.getElementById('question-template');
      if (!tpl || !tpl.content.firstElementChild) return null;
      li = tpl.content.firstElementChild.cloneNode(true);
      var named = [li].concat(Array.prototype.slice.call(li.querySelectorAll('[id],[for],[action]')));
      named.forEach(function (el) {
        ['id', 'for', 'action'].forEach(function (a) {
          var val = el.getAttribute(a);
          if (val && val.indexOf('__ID__') >= 0) el.setAttribute(a, val.split('__ID__').join(String(id)));
        });
      });
      li.querySelectorAll('.visually-hidden').forEach(function (s) { s.textContent = s.textContent.split('__ID__').join(String(id)); });
      var num = li.querySelector('.room-q__num'); if (num) num.textContent = '#' + id;
      li.querySelectorAll('input[name="csrf"]').forEach(function (i) { i.value = csrf(); });
    }
    li.id = 'q-' + id;
    li.setAttribute('data-id', String(id));
    return li;
  }
  function pinnedId() {
    var pin = document.getElementById('pinned');
    return pin && !pin.classList.contains('room-hidden') ? pin.getAttribute('data-id') : null;
  }
  // The moderators' queue holds the questions awaiting approval; its count follows it.
  function queueCount() {
    if (!queue) return;
    setText(field(document.getElementById('queue'), 'queue_count'), queue.children.length);
    var empty = document.getElementById('queue-empty');
    if (empty) empty.hidden = queue.children.length > 0;
  }
  function listFor(status) { return queue && status === 'pending' ? queue : list; }
  function place(li, target) {
    if (li.parentNode === target) return;
    if (target === queue) target.appendChild(li);
    else if (list.getAttribute('data-sort') === 'time') list.insertBefore(li, list.firstChild);
    else list.appendChild(li);
    var next = li.querySelector('input[name="next"]'); if (next && target !== queue) next.remove();
    queueCount();
  }
  function applyQuestion(q) {
    if (!list) return;
    var li = document.getElementById('q-' + q.id);
    var shown = q.status === 'visible' || (!present && q.status !== undefined);
    if (present && q.status !== 'visible') { if (li) li.remove(); return; }
    if (!shown) return;
    var fresh = !li;
    if (fresh) {
      li = newItem(q.id);
      if (!li) return;
      var none = document.getElementById('no-questions'); if (none) none.remove();
    }
    place(li, listFor(q.status));
    // The presenter view shows the pinned question large, never a second time in the list.
    if (present) li.hidden = pinnedId() === String(q.id);
    li.setAttribute('data-status', q.status);
    var body = field(li, 'body');
    setText(body, q.body);
    if (body && q.lang) body.setAttribute('lang', q.lang);
    setCount(li, 'votes', q.votes, S.votes_forms);
    if (!present) {
      setText(field(li, 'author'), q.author == null ? S.anonymous : q.author);
      setText(field(li, 'lang_name'), S.langs && S.langs[q.lang]);
      setText(field(li, 'state'), stateLabel(q));
      ['pending', 'hidden', 'answered'].forEach(function (s) { li.classList.toggle('room-q--' + s, q.status === s); });
    }
    if (pinnedId() === String(q.id)) {
      var pin = document.getElementById('pinned');
      setText(field(pin, 'body'), q.body);
      if (q.lang && field(pin, 'body')) field(pin, 'body').setAttribute('lang', q.lang);
      setText(field(pin, 'author'), q.author == null ? S.anonymous : q.author);
    }
    resort();
    if (fresh && q.body !== justAsked) announce((S.new_question || '') + ': ' + clip(q.body));
  }
  function removeQuestion(d) {
    var li = document.getElementById('q-' + d.id);
    if (li && !(li.getAttribute('data-status') === 'hidden')) { li.remove(); queueCount(); }
    var pin = document.getElementById('pinned');
    if (pin && pin.getAttribute('data-id') === String(d.id)) applyPin({ id: 0 });
  }
  function applyVotes(d) {
    var li = document.getElementById('q-' + d.id);
    if (li) { setCount(li, 'votes', d.votes, S.votes_forms); resort(); }
  }
  function applyPin(d) {
    var pin = document.getElementById('pinned');
    if (!pin) return;
    document.querySelectorAll('.room-q--pinned').forEach(function (el) { el.classList.remove('room-q--pinned'); });
    if (present) list.querySelectorAll('li[hidden]').forEach(function (li) { li.hidden = false; });
    if (!d.id) { pin.classList.add('room-hidden'); pin.removeAttribute('data-id'); return; }
    var li = document.getElementById('q-' + d.id);
    var body = field(pin, 'body');
    if (li) {
      li.classList.add('room-q--pinned');
      var src = field(li, 'body');
      setText(body, src ? src.textContent : '');
      if (body && src && src.getAttribute('lang')) body.setAttribute('lang', src.getAttribute('lang'));
      setText(field(pin, 'author'), field(li, 'author') ? field(li, 'author').textContent : '');
      if (present) li.hidden = true;
    }
    pin.setAttribute('data-id', String(d.id));
    pin.classList.remove('room-hidden');
    announce((S.now_answering || '') + ': ' + clip(body ? body.textContent : ''));
  }

  // ---- moderation log ----
  function applyLog(d) {
    var ul = document.getElementById('log-list');
    if (!ul) return;
    (d.entries || []).forEach(function (e) {
      var key = e.action + ':' + (e.reason || '');
      var li = null;
      Array.prototype.forEach.call(ul.children, function (c) { if (c.getAttribute('data-key') === key) li = c; });
      if (!li) {
        li = document.createElement('li');
        li.setAttribute('data-key', key);
        var label = document.createElement('span'); label.setAttribute('data-f', 'label');
        var count = document.createElement('strong'); count.setAttribute('data-f', 'count');
        li.appendChild(label); li.appendChild(document.createTextNode(': ')); li.appendChild(count);
        ul.appendChild(li);
      }
      setText(field(li, 'label'), (S.log && S.log[key]) || key);
      setText(field(li, 'count'), e.count);
    });
    var empty = document.getElementById('log-empty'); if (empty && ul.children.length) empty.remove();
  }

  // ---- polls ----
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = String(text);
    return e;
  }
  function pollForm(p) {
    var form = el('form', 'room-poll__form');
    form.method = 'post';
    form.action = '/rooms/' + roomId + '/polls/' + p.id + '/vote';
    form.setAttribute('data-room-form', '');
    form.setAttribute('data-poll-vote', '');
    var fs = el('fieldset', 'field');
    var lg = el('legend', 'visually-hidden', p.question);
    fs.appendChild(lg);
    p.options.forEach(function (o) {
      var row = el('div', 'check');
      var input = document.createElement('input');
      input.type = p.multiple ? 'checkbox' : 'radio';
      input.name = 'option'; input.value = String(o.id); input.id = 'opt-' + o.id;
      var label = el('label', null, o.label); label.htmlFor = input.id;
      row.appendChild(input); row.appendChild(label); fs.appendChild(row);
    });
    form.appendChild(fs);
    var button = el('button', 'button', S.vote);
    button.setAttribute('type', 'submit');
    var pp = el('p'); pp.appendChild(button); form.appendChild(pp);
    return form;
  }
  function pollItem(p) {
    var li = el('li', 'room-poll');
    li.id = 'poll-' + p.id; li.setAttribute('data-id', String(p.id));
    var h = el('h3', 'room-poll__q', p.question); h.setAttribute('data-f', 'question'); li.appendChild(h);
    var meta = el('p', 'meta');
    var st = el('span'); st.setAttribute('data-f', 'status_label');
    var voters = el('span'); voters.setAttribute('data-f', 'voters');
    var votersLabel = el('span'); votersLabel.setAttribute('data-f', 'voters_label');
    meta.appendChild(st); meta.appendChild(document.createTextNode(' · ')); meta.appendChild(voters);
    meta.appendChild(document.createTextNode(' ')); meta.appendChild(votersLabel);
    li.appendChild(meta);
    if (p.status === 'open' && root.hasAttribute('data-signed-in')) li.appendChild(pollForm(p));
    var ul = el('ul', 'room-poll__results room-hidden'); ul.setAttribute('data-f', 'results');
    li.appendChild(ul);
    return li;
  }
  function resultRow(ul, o) {
    var li = null;
    Array.prototype.forEach.call(ul.children, function (c) { if (c.getAttribute('data-option') === String(o.id)) li = c; });
    if (li) return li;
    li = el('li'); li.setAttribute('data-option', String(o.id));
    li.appendChild(el('span', 'room-poll__label', o.label));
    var bar = document.createElement('progress'); bar.max = 100; bar.setAttribute('aria-hidden', 'true'); li.appendChild(bar);
    var num = el('span', 'room-poll__num');
    var v = el('span'); v.setAttribute('data-f', 'votes');
    var pc = el('span'); pc.setAttribute('data-f', 'percent');
    var vl = el('span'); vl.setAttribute('data-f', 'votes_label');
    num.appendChild(v); num.appendChild(document.createTextNode(' ')); num.appendChild(vl); num.appendChild(document.createTextNode(' ('));
    num.appendChild(pc); num.appendChild(document.createTextNode('%)'));
    li.appendChild(num);
    ul.appendChild(li);
    return li;
  }
  // The moderators' buttons of a poll, for its current state.
  function pollControls(li, p) {
    var form = li.querySelector('form.room-poll__mod');
    if (!form) {
      form = el('form', 'inline-form room-poll__mod');
      form.setAttribute('method', 'post');
      form.setAttribute('action', '/rooms/' + roomId + '/polls/' + p.id + '/state');
      form.setAttribute('data-room-form', '');
      li.appendChild(form);
    }
    Array.prototype.slice.call(form.querySelectorAll('button')).forEach(function (b) { b.remove(); });
    var wanted = [p.status === 'open' ? 'close' : 'open', p.show_results ? 'hide' : 'show'];
    wanted.forEach(function (action) {
      var b = el('button', 'button button--quiet', S.poll_actions && S.poll_actions[action]);
      b.setAttribute('type', 'submit');
      b.setAttribute('name', 'action');
      b.setAttribute('value', action);
      form.appendChild(b);
    });
  }
  function applyPoll(p) {
    var polls = document.getElementById('poll-list');
    if (!polls) return;
    var li = document.getElementById('poll-' + p.id);
    if (p.status === 'draft' && (!moderator || present)) return;
    // The presenter view shows one poll: the one opened last.
    if (present && !li && p.status !== 'open') return;
    var fresh = !li;
    if (fresh) {
      li = pollItem(p);
      if (present) polls.textContent = '';
      polls.insertBefore(li, polls.firstChild);
      var none = document.getElementById('no-polls'); if (none) none.remove();
      var box = document.getElementById('present-poll'); if (box) box.classList.remove('room-hidden');
    }
    li.setAttribute('data-status', p.status);
    setText(field(li, 'status_label'), S.poll_status && S.poll_status[p.status]);
    setCount(li, 'voters', p.voters, S.voters_forms);
    if (p.status !== 'open') li.querySelectorAll('form[data-poll-vote]').forEach(function (f) { f.remove(); });
    var ul = field(li, 'results');
    // The presenter's screen is the audience's: results there only once they are shown to everyone.
    var withResults = p.options.length && p.options[0].votes !== undefined && (!present || p.show_results);
    if (ul && withResults) {
      p.options.forEach(function (o) {
        var row = resultRow(ul, o);
        setCount(row, 'votes', o.votes, S.votes_forms);
        setText(field(row, 'percent'), o.percent);
        var bar = row.querySelector('progress'); if (bar) bar.value = o.percent;
      });
      ul.classList.remove('room-hidden');
    } else if (ul && (!moderator || present)) {
      ul.classList.add('room-hidden');
    }
    if (moderator && root.getAttribute('data-state') === 'open') pollControls(li, p);
    if (fresh) announce((S.new_poll || '') + ': ' + clip(p.question));
  }

  // ---- chat ----
  function applyChat(m) {
    var ul = document.getElementById('chat-list');
    if (!ul || document.getElementById('m-' + m.id)) return;
    var li = el('li', 'room-chat__msg'); li.id = 'm-' + m.id; li.setAttribute('data-id', String(m.id));
    var head = el('p');
    head.appendChild(el('strong', null, m.author));
    head.appendChild(document.createTextNode(' '));
    var when = '';
    try { when = new Date(m.created_at * 1000).toLocaleTimeString(document.documentElement.lang || undefined, { hour: '2-digit', minute: '2-digit' }); } catch (e) { when = ''; }
    head.appendChild(el('span', 'meta', when));
    li.appendChild(head);
    li.appendChild(el('p', 'room-chat__body', m.body));
    if (moderator) {
      var f = el('form', 'inline-form'); f.method = 'post';
      f.action = '/rooms/' + roomId + '/chat/' + m.id + '/hide'; f.setAttribute('data-room-form', '');
      var hide = el('button', 'link-button', S.hide);
      hide.setAttribute('type', 'submit');
      f.appendChild(hide);
      li.appendChild(f);
    }
    var atEnd = ul.scrollHeight - ul.scrollTop - ul.clientHeight < 40;
    ul.appendChild(li);
    if (atEnd) ul.scrollTop = ul.scrollHeight;
    announce((S.new_message || '') + ': ' + m.author + ': ' + clip(m.body));
  }
  function removeChat(d) { var li = document.getElementById('m-' + d.id); if (li) li.remove(); }

  function applyRoom(d) {
    var chatForm = $('form[action$="/chat"]');
    if (chatForm) chatForm.classList.toggle('room-hidden', !d.chat_enabled);
    if (d.state !== root.getAttribute('data-state')) {
      root.setAttribute('data-state', d.state);
      document.querySelectorAll('form[data-room-form] button').forEach(function (b) { b.disabled = d.state !== 'open'; });
      announce(d.state === 'closed' ? S.closed : d.state === 'open' ? S.opened : '');
    }
  }

  // ---- the stream ----
  var handlers = {
    question: applyQuestion, question_removed: removeQuestion, votes: applyVotes, pin: applyPin, log: applyLog,
    poll: applyPoll, chat: applyChat, chat_removed: removeChat, room: applyRoom
  };
  var source = new EventSource(root.getAttribute('data-stream'));
  Object.keys(handlers).forEach(function (type) {
    source.addEventListener(type, function (ev) {
      var data;
      try { data = JSON.parse(ev.data); } catch (e) { return; }
      handlers[type](data);
    });
  });

  // ---- forms without leaving the page ----
  function showError(form, message) {
    var p = form.nextElementSibling;
    if (!p || !p.classList.contains('room-error')) {
      p = el('p', 'field__error room-error');
      p.setAttribute('role', 'alert');
      form.parentNode.insertBefore(p, form.nextSibling);
    }
    p.textContent = message || S.error || '';
  }
  function clearError(form) {
    var p = form.nextElementSibling;
    if (p && p.classList.contains('room-error')) p.remove();
  }
  // Where focus goes after a moderator's one-click action on a card: the next card of the queue
  // (the card itself leaves it), else the same card; its first button that still applies.
  function firstButton(li) {
    var found = null;
    Array.prototype.forEach.call(li.querySelectorAll('.room-q__mod button, .room-q__more summary, button'), function (b) {
      if (!found && b.offsetParent !== null && !b.closest('.room-hidden')) found = b;
    });
    return found;
  }
  function focusCard(li) {
    var b = li && firstButton(li);
    if (b) { b.focus(); return; }
    var target = li || document.getElementById('queue');
    if (!target) return;
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus();
  }
  var settled = { approve: 'visible', pin: 'visible', answer: 'answered', hide: 'hidden', merge: 'hidden' };
  function afterModeration(form, action, from, next) {
    var li = form.closest('li.room-q');
    if (!li) return;
    var status = li.getAttribute('data-status');
    if (settled[action] && !(action === 'pin' && status !== 'pending')) status = settled[action];
    li.setAttribute('data-status', status);
    ['pending', 'hidden', 'answered'].forEach(function (s) { li.classList.toggle('room-q--' + s, status === s); });
    if (from === queue) {
      place(li, list);
      if (next && next.parentNode === queue) focusCard(next); else focusCard(null);
    } else if (!form.contains(document.activeElement) || document.activeElement.offsetParent === null) {
      focusCard(li);
    }
    announce(S.mod_done && S.mod_done[action]);
  }

  document.addEventListener('submit', function (ev) {
    var form = ev.target;
    if (!form.hasAttribute || !form.hasAttribute('data-room-form')) return;
    ev.preventDefault();
    // Busy forms ignore a second submit; their buttons are not disabled, which would drop the
    // focus to <body>: it stays where the person is.
    if (form.getAttribute('aria-busy') === 'true') return;
    var data = new URLSearchParams();
    new FormData(form).forEach(function (v, k) { if (k !== 'csrf') data.append(k, v); });
    if (ev.submitter && ev.submitter.name) data.append(ev.submitter.name, ev.submitter.value);
    var action = data.get('action');
    var card = form.hasAttribute('data-mod') ? form.closest('li.room-q') : null;
    var from = card ? card.parentNode : null;
    var next = card && from === queue ? card.nextElementSibling || card.previousElementSibling : null;
    if (form.hasAttribute('data-done')) justAsked = data.get('body');
    form.setAttribute('aria-busy', 'true');
    fetch(form.getAttribute('action'), {
      method: 'POST', body: data, credentials: 'same-origin',
      headers: { 'X-CSRF-Token': csrf(), Accept: 'application/json' }
    }).then(function (res) {
      return res.json().catch(function () { return {}; }).then(function (body) { return { ok: res.ok, body: body }; });
    }).then(function (r) {
      form.removeAttribute('aria-busy');
      if (!r.ok) { showError(form, r.body && r.body.error && r.body.error.message); return; }
      clearError(form);
      if (form.hasAttribute('data-reset')) form.reset();
      var vote = form.getAttribute('data-vote');
      if (vote) {
        var li = form.closest('li');
        var other = li.querySelector('form[data-vote="' + (vote === 'add' ? 'remove' : 'add') + '"]');
        li.querySelector('form[data-vote="add"]').classList.toggle('room-hidden', vote === 'add');
        li.querySelector('form[data-vote="remove"]').classList.toggle('room-hidden', vote !== 'add');
        if (form.contains(document.activeElement) && other) other.querySelector('button').focus();
      }
      if (form.hasAttribute('data-poll-vote')) {
        var thanks = el('p', 'meta', S.poll_thanks);
        thanks.setAttribute('tabindex', '-1');
        form.replaceWith(thanks);
        thanks.focus();
      }
      var details = form.closest('details');
      if (details && !form.hasAttribute('data-reset')) details.open = false;
      if (card) afterModeration(form, action, from, next);
      if (form.hasAttribute('data-done')) announce(form.getAttribute('data-done'));
    }).catch(function () {
      form.removeAttribute('aria-busy');
      showError(form, S.error);
    });
  });
})();
