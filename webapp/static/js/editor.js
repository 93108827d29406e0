// The part editor: CodeMirror for the Markdown, a live preview rendered by the server (the same pipeline
// as the saved page), scroll sync, a bold/italic/code toolbar with shortcuts, Ctrl+S to save without
// leaving, and a warning before leaving with unsaved changes. Without JavaScript the plain form works.
(function () {
  'use strict';
  var form = document.getElementById('editor-form');
  var textarea = document.getElementById('f-content');
  if (!form || !textarea || typeof CodeMirror === 'undefined') {
    return;
  }
  var csrf = form.getAttribute('data-csrf');
  var previewUrl = form.getAttribute('data-preview-url');
  var preview = document.getElementById('preview');
  var status = document.getElementById('editor-status');
  var dirty = false;

  var editor = CodeMirror.fromTextArea(textarea, {
    mode: 'markdown',
    lineNumbers: true,
    lineWrapping: true,
    indentUnit: 4,
    extraKeys: {
      'Ctrl-S': function () { save(); },
      'Cmd-S': function () { save(); },
      'Ctrl-B': function () { wrap('**'); },
      'Cmd-B': function () { wrap('**'); },
      'Ctrl-I': function () { wrap('*'); },
      'Cmd-I': function () { wrap('*'); },
      'Ctrl-E': function () { wrap('`'); },
      'Cmd-E': function () { wrap('`'); }
    }
  });
  document.body.classList.add('editor-enhanced');

  function say(text) {
    if (status) {
      status.textContent = text;
    }
  }

  function post(url, fields) {
    var body = Object.keys(fields).map(function (k) {
      return encodeURIComponent(k) + '=' + encodeURIComponent(fields[k]);
    }).join('&');
    return fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        'X-CSRF-Token': csrf,
        'X-Requested-With': 'fetch'
      },
      body: body
    });
  }

  // Bold, italic, code: around the selection, or markers with the cursor between them.
  function wrap(marker) {
    var selection = editor.getSelection();
    editor.replaceSelection(marker + selection + marker, 'around');
    if (!selection) {
      var cursor = editor.getCursor();
      editor.setCursor({ line: cursor.line, ch: cursor.ch - marker.length });
    }
    editor.focus();
  }
  Array.prototype.forEach.call(document.querySelectorAll('[data-wrap]'), function (button) {
    button.addEventListener('click', function () { wrap(button.getAttribute('data-wrap')); });
  });

  // Live preview, debounced; an answer that arrives late never overwrites a newer one.
  var timer = null;
  var sequence = 0;
  function refreshPreview() {
    var mine = ++sequence;
    post(previewUrl, { content: editor.getValue() }).then(function (response) {
      return response.text().then(function (html) {
        if (mine !== sequence) {
          return;
        }
        if (response.ok) {
          preview.innerHTML = html;
          if (window.WteMarkup) {
            window.WteMarkup.init(preview);
          }
        } else if (response.status === 401 || response.status === 303) {
          say('Your session has ended: log in again in another tab, then keep typing.');
        } else {
          say('The preview could not be made (' + response.status + ').');
        }
      });
    }, function () {
      say('No connection to the server: the preview waits.');
    });
  }
  editor.on('change', function () {
    if (!dirty) {
      dirty = true;
      say('Unsaved changes.');
    }
    clearTimeout(timer);
    timer = setTimeout(refreshPreview, 400);
  });

  // Scroll sync: the preview follows the editor proportionally.
  editor.on('scroll', function () {
    var info = editor.getScrollInfo();
    var range = info.height - info.clientHeight;
    var ratio = range > 0 ? info.top / range : 0;
    preview.scrollTop = ratio * (preview.scrollHeight - preview.clientHeight);
  });

  // Ctrl+S: saves through the same form, stays here.
  function save() {
    editor.save();
    var fields = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      // Quick saves never mail the module's users: that takes the Save button.
      if (el.name && ['_csrf', 'stay', 'notify', 'notify_message'].indexOf(el.name) < 0
          && (el.type !== 'checkbox' || el.checked)) {
        fields[el.name] = el.value;
      }
    });
    fields.stay = '1';
    say('Saving…');
    post(form.getAttribute('action'), fields).then(function (response) {
      return response.text().then(function (html) {
        if (response.ok) {
          dirty = false;
          var problems = document.getElementById('save-problems');
          problems.innerHTML = html;
          say(html.indexOf('markup-problems') >= 0 ? 'Saved, with problems in the text (see above the preview).'
            : 'Saved at ' + new Date().toLocaleTimeString() + '.');
        } else {
          say('Not saved (' + response.status + '): use the Save button to see why.');
        }
      });
    }, function () {
      say('Not saved: no connection to the server. Your text is still here; try again.');
    });
  }
  form.addEventListener('submit', function () {
    dirty = false;
  });
  window.addEventListener('beforeunload', function (e) {
    if (dirty) {
      e.preventDefault();
      e.returnValue = '';
    }
  });
  // Other tools (asset search, cross-references, uploads) insert text here.
  document.addEventListener('wte:insert', function (e) {
    editor.replaceSelection(e.detail);
    editor.focus();
  });
  refreshPreview();
})();
