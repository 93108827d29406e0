/*
 * WTE markup behaviour: show/hide blocks.
 * Loaded as a file (the CSP allows no inline script). The server renders every block open, with
 * aria-expanded="true", so that without JavaScript all content is visible; this script applies each
 * block's initial state (data-wte-initial) and toggles it with its button.
 * Content inserted later (the editor's preview) calls WteMarkup.init(container).
 */
(function () {
  'use strict';

  function bodyOf(button) {
    var next = button.nextElementSibling;
    if (next && next.classList.contains('wte-showhide-body')) {
      return next;
    }
    var id = button.getAttribute('aria-controls');
    return id ? document.getElementById(id) : null;
  }

  function setOpen(button, open) {
    var body = bodyOf(button);
    button.setAttribute('aria-expanded', open ? 'true' : 'false');
    if (body) {
      body.hidden = !open;
    }
  }

  function init(root) {
    var boxes = (root || document).querySelectorAll('.wte-showhide');
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      if (box.hasAttribute('data-wte-ready')) {
        continue;
      }
      box.setAttribute('data-wte-ready', '');
      var button = box.firstElementChild;
      if (button && button.classList.contains('wte-showhide-toggle')) {
        setOpen(button, box.getAttribute('data-wte-initial') === 'open');
      }
    }
  }

  document.addEventListener('click', function (event) {
    var target = event.target;
    var button = target && target.closest ? target.closest('.wte-showhide-toggle') : null;
    if (button) {
      setOpen(button, button.getAttribute('aria-expanded') !== 'true');
    }
  });

  window.WteMarkup = { init: init };

  // Blocks above the script (at the end of the body) get their state at once, the rest when the page is parsed.
  init(document);
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', function () { init(document); });
  }
}());
