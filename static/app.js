// dxhub's only script, an enhancement (every page works without it). Time zones: the picker and
// the sign-up form pre-select the browser's own zone when none is chosen yet (data-tz-detect);
// event pages offer to use it in one click when it differs from the zone in use (data-tz-use).
(function () {
  'use strict';
  if (!document.querySelector || !window.Intl) return;
  // Browsers' ICU still reports some zones by their old names; the list has the current ones.
  var renamed = {
    'Asia/Calcutta': 'Asia/Kolkata', 'Asia/Katmandu': 'Asia/Kathmandu', 'Asia/Saigon': 'Asia/Ho_Chi_Minh',
    'Asia/Rangoon': 'Asia/Yangon', 'Europe/Kiev': 'Europe/Kyiv', 'America/Buenos_Aires': 'America/Argentina/Buenos_Aires'
  };
  var zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (e) {
    return;
  }
  if (!zone) return;
  zone = renamed[zone] || zone;

  var select = document.querySelector('select[data-tz-detect]');
  if (select)
    for (var i = 0; i < select.options.length; i++)
      if (select.options[i].value === zone) select.selectedIndex = i;

  var form = document.querySelector('form[data-tz-use]');
  if (!form || form.getAttribute('data-tz-use') === zone || !window.fetch) return;
  form.elements.tz.value = zone;
  form.elements.next.value = location.pathname + location.search;
  var button = form.querySelector('button');
  button.textContent = button.textContent + ' (' + zone + ')';
  form.hidden = false;
  form.addEventListener('submit', function (ev) {
    if (form.elements.csrf.value) return;
    ev.preventDefault();
    // This page may come from the shared cache: take this browser's token from the picker.
    fetch('/api/v1/timezone', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) { return r.json(); })
      .then(function (page) {
        form.elements.csrf.value = page.csrf || '';
        form.submit();
      })
      .catch(function () { location.href = '/timezone?next=' + encodeURIComponent(form.elements.next.value); });
  });
})();
