// Inside the preview of a student's workspace (a sandboxed frame with an opaque origin): the frame's side
// of the scroll protocol, so that the editor can put the student back where they were after each reload.
// It tells the parent where the page is scrolled, and scrolls where the parent asks. Nothing else: the
// student's own scripts on the page must behave as they would anywhere.
(function () {
  'use strict';
  var parent = window.parent;
  if (!parent || parent === window) {
    return; // opened in a tab of its own: nobody to tell
  }
  var pending = false;

  function report() {
    pending = false;
    parent.postMessage({type: 'wte-preview-scroll', x: window.scrollX, y: window.scrollY}, '*');
  }

  // At most one message every 100 ms; the last one always carries the final position.
  window.addEventListener('scroll', function () {
    if (!pending) {
      pending = true;
      window.setTimeout(report, 100);
    }
  }, {passive: true});

  window.addEventListener('message', function (event) {
    var data = event.data;
    if (event.source !== parent || !data || data.type !== 'wte-preview-restore') {
      return;
    }
    var x = Number(data.x);
    var y = Number(data.y);
    if (!isFinite(x) || !isFinite(y)) {
      return;
    }
    function restore() {
      window.scrollTo(x, y);
    }
    // Images still loading would make the page too short to reach y: wait for them.
    if (document.readyState === 'complete') {
      restore();
    } else {
      window.addEventListener('load', restore);
    }
  });
})();
