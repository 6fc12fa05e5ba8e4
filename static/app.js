// dxhub's only script, an enhancement: every page works without it. It shows an event's start in the viewer's own time zone.
(function () {
  'use strict';
  if (!window.Intl || !document.querySelectorAll) return;
  var lang = document.documentElement.lang || undefined;
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  var nodes = document.querySelectorAll('[data-local-time]');
  for (var i = 0; i < nodes.length; i++) {
    var el = nodes[i];
    var when = new Date(el.getAttribute('data-local-time'));
    if (isNaN(when.getTime())) continue;
    try {
      var fmt = new Intl.DateTimeFormat(lang, { dateStyle: 'full', timeStyle: 'short' });
      el.textContent = fmt.format(when) + (zone ? ' (' + zone + ')' : '');
    } catch (e) {
      continue;
    }
    var row = el.closest ? el.closest('[hidden]') : null;
    if (row) row.hidden = false;
  }
})();
