// dxhub's only script, an enhancement (every page works without it): shows an event's start in the viewer's own time zone.
(function () {
  'use strict';
  if (!window.Intl || !document.querySelectorAll) return;
  var lang = document.documentElement.lang || undefined;
  var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  var nodes = document.querySelectorAll('[data-local-time]');
  for (var i = 0; i < nodes.length; i++) {
    var el = nodes[i];
    var value = el.getAttribute('data-local-time') || '';
    // Only an instant ("2020-04-22T12:00:00Z") has a local time; "2024" or "2020-04-22" do not.
    if (!/T\d\d:\d\d/.test(value)) continue;
    var when = new Date(value);
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
