// Time on page: counts the seconds this page is visible and in active use (a key, a pointer move, a scroll,
// a click or focus within the last 30 s), and reports them with navigator.sendBeacon when the page is
// hidden or left, and every minute. The body is form data with the CSRF token: a beacon cannot set headers.
(function () {
  'use strict';
  var box = document.getElementById('time-on-page');
  if (!box || !navigator.sendBeacon || typeof URLSearchParams === 'undefined') {
    return;
  }
  var url = box.getAttribute('data-time-url');
  var csrf = box.getAttribute('data-csrf');
  var IDLE_MS = 30000;      // no activity for this long: the reader has stepped away
  var TICK_MS = 1000;
  var REPORT_MS = 60000;    // at least one beacon a minute, so little is lost if the browser dies
  var MAX_SECONDS = 120;    // the server refuses more in one beacon (TimeBeacons.MAX_SECONDS)

  var lastActivity = Date.now();   // opening the page is activity
  var lastTick = Date.now();
  var activeMs = 0;                // counted, not yet reported
  // Updated after the report on hiding, so that the last moments before the switch still count.
  var visible = document.visibilityState === 'visible';

  function activity() {
    lastActivity = Date.now();
  }
  ['keydown', 'pointermove', 'mousemove', 'pointerdown', 'scroll', 'wheel', 'touchstart', 'click', 'focus', 'focusin']
    .forEach(function (type) {
      window.addEventListener(type, activity, { capture: true, passive: true });
    });

  // Measured from the clock, not by counting ticks: a late timer neither loses nor invents time, and a gap
  // longer than two ticks (a sleeping laptop, a frozen tab) adds nothing.
  function tick() {
    var now = Date.now();
    var elapsed = now - lastTick;
    lastTick = now;
    if (visible && now - lastActivity < IDLE_MS && elapsed <= 2 * TICK_MS) {
      activeMs += elapsed;
    }
  }

  function report() {
    tick();
    while (activeMs >= 1000) {
      var seconds = Math.min(Math.floor(activeMs / 1000), MAX_SECONDS);
      var body = new URLSearchParams();
      body.set('_csrf', csrf);
      body.set('seconds', String(seconds));
      if (!navigator.sendBeacon(url, body)) {
        return; // the browser's beacon queue is full: keep the seconds for the next report
      }
      activeMs -= seconds * 1000;
    }
  }

  setInterval(tick, TICK_MS);
  setInterval(report, REPORT_MS);
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState === 'hidden') {
      report();
      visible = false;
    } else {
      visible = true;
      lastTick = Date.now();   // hidden time is not counted
      activity();
    }
  });
  window.addEventListener('pagehide', report);
}());
