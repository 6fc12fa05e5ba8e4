// dxhub's only script, an enhancement (every page works without it): on the time-zone picker,
// pre-selects the browser's own zone when none is chosen yet (the server shows both clocks).
(function () {
  'use strict';
  var select = document.querySelector && document.querySelector('select[data-tz-detect]');
  if (!select || !window.Intl) return;
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
  zone = renamed[zone] || zone;
  for (var i = 0; i < select.options.length; i++)
    if (select.options[i].value === zone) select.selectedIndex = i;
})();
