// The student's workspace: tabs of files in CodeMirror above a sandboxed live preview. Saves ~2 s after the
// last keystroke, on Ctrl+S and with the Save button; each tab says honestly whether its text is saved. A
// failed save keeps the text and retries with a growing delay; an ended session asks the student to log in
// again in a new tab and then saves; a save refused because another tab saved first opens a dialog that
// shows both texts. Unsaved text is kept in localStorage (keyed by user, part, file and the version it was
// edited from) until the server confirms a save, so it survives a reload or a crash.
// Every URL comes from the page's data attributes (built from the context path) or from the server's answers.
(function () {
  'use strict';
  var root = document.getElementById('workspace');
  if (!root || typeof CodeMirror === 'undefined') {
    return;
  }
  var readOnly = root.getAttribute('data-readonly') === 'true';
  var resetAllUrl = root.getAttribute('data-reset-url');
  var filesUrl = root.getAttribute('data-files-url');
  var loginHref = root.getAttribute('data-login-href');
  var csrf = root.getAttribute('data-csrf');
  var storePrefix = 'wte-ws:' + root.getAttribute('data-user') + ':' + root.getAttribute('data-part') + ':';
  var tabsEl = document.getElementById('ws-tabs');
  var noticesEl = document.getElementById('ws-notices');
  var statusEl = document.getElementById('ws-status');
  var iframe = document.getElementById('preview');
  var openLink = document.getElementById('ws-preview-open');
  var previewNameEl = document.getElementById('ws-preview-name');
  var layout = document.getElementById('ws-layout');

  var AUTOSAVE_MS = 2000;
  var MAX_RETRY_MS = 30000;
  var files = [];
  var current = null;
  var previewName = root.getAttribute('data-preview-file');
  var scroll = { x: 0, y: 0 };
  var listedAt = 0;
  var linkMinutes = 60;
  var sessionLost = false;
  var sessionTimer = null;
  var conflicts = [];
  var conflictShown = null;

  var editor = CodeMirror(document.getElementById('ws-editor'), {
    value: '',
    lineNumbers: true,
    matchBrackets: true,
    matchTags: { bothTags: true },
    autoCloseTags: true,
    indentUnit: 2,
    tabSize: 2,
    indentWithTabs: false,
    readOnly: readOnly,
    extraKeys: {
      // Soft tabs: spaces, never a tab character; with a selection, indent the lines.
      Tab: function (cm) {
        if (cm.somethingSelected()) {
          cm.indentSelection('add');
        } else {
          cm.replaceSelection(new Array(cm.getOption('indentUnit') + 1).join(' '), 'end', '+input');
        }
      },
      'Shift-Tab': function (cm) { cm.indentSelection('subtract'); },
      'Ctrl-S': function () { saveAll(); },
      'Cmd-S': function () { saveAll(); }
    }
  });
  editor.setOption('placeholder', '');

  // ------------------------------------------------------------------ helpers

  function modeFor(name) {
    var ext = name.lastIndexOf('.') > 0 ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
    switch (ext) {
      case 'html': case 'htm': return 'htmlmixed';
      case 'css': return 'css';
      case 'js': case 'mjs': return 'javascript';
      case 'json': case 'map': return { name: 'javascript', json: true };
      case 'xml': case 'svg': case 'xsl': case 'xslt': case 'xhtml': return 'xml';
      case 'md': case 'markdown': return 'markdown';
      default: return 'text/plain';
    }
  }

  function isHtml(name) {
    return /\.html?$/i.test(name);
  }

  function fileNamed(name) {
    for (var i = 0; i < files.length; i++) {
      if (files[i].name === name) {
        return files[i];
      }
    }
    return null;
  }

  function say(text) {
    statusEl.textContent = text;
  }

  function storeKey(file, version) {
    return storePrefix + encodeURIComponent(file.name) + ':' + version;
  }

  function keep(file) {
    try {
      localStorage.setItem(storeKey(file, file.version), file.doc.getValue());
    } catch (e) {
      // Storage full or disabled: the text is still in the editor.
    }
  }

  function forget(file, version) {
    try {
      localStorage.removeItem(storeKey(file, version));
    } catch (e) {
      // Nothing was kept.
    }
  }

  /** Every kept copy of a file: [{version, text, key}]. */
  function kept(name) {
    var found = [];
    var prefix = storePrefix + encodeURIComponent(name) + ':';
    try {
      for (var i = 0; i < localStorage.length; i++) {
        var key = localStorage.key(i);
        if (key && key.indexOf(prefix) === 0) {
          found.push({ version: parseInt(key.slice(prefix.length), 10), text: localStorage.getItem(key), key: key });
        }
      }
    } catch (e) {
      return [];
    }
    return found;
  }

  function forgetAll(name) {
    kept(name).forEach(function (k) {
      try { localStorage.removeItem(k.key); } catch (e) { /* gone already */ }
    });
  }

  function encodeForm(fields) {
    return Object.keys(fields).map(function (k) {
      return encodeURIComponent(k) + '=' + encodeURIComponent(fields[k]);
    }).join('&');
  }

  /**
   * A request to the workspace's API. Resolves to {status, body} or {login: true} when the session has
   * ended (a redirect to the login page, 401, or a 403 that is not the API's own JSON refusal).
   */
  function call(method, url, fields) {
    var options = {
      method: method,
      credentials: 'same-origin',
      redirect: 'manual',
      headers: { 'X-Requested-With': 'fetch', 'Accept': 'application/json' }
    };
    if (method === 'POST') {
      options.headers['Content-Type'] = 'application/x-www-form-urlencoded';
      options.headers['X-CSRF-Token'] = csrf;
      options.body = encodeForm(fields || {});
    }
    return fetch(url, options).then(function (response) {
      var json = (response.headers.get('Content-Type') || '').indexOf('application/json') === 0;
      if (response.type === 'opaqueredirect' || response.status === 401 || (response.status === 403 && !json)) {
        return { login: true };
      }
      if (!json) {
        return { status: response.status, body: { error: 'The server answered ' + response.status + '.' } };
      }
      return response.json().then(function (body) {
        return { status: response.status, body: body };
      });
    });
  }

  // ------------------------------------------------------------------ tabs and their states

  var LABELS = {
    saved: 'saved',
    modified: 'modified',
    saving: 'saving…',
    error: 'not saved',
    refused: 'not saved',
    login: 'not saved',
    conflict: 'conflict'
  };

  function setState(file, state, message) {
    file.state = state;
    file.message = message || '';
    file.stateEl.textContent = LABELS[state] || state;
    file.tab.setAttribute('data-state', state);
    file.tab.title = file.name + ': ' + (message || LABELS[state]);
    if (file === current) {
      showStatus();
    }
  }

  function showStatus() {
    if (!current) {
      say('');
      return;
    }
    if (readOnly) {
      say('Version ' + current.version);
      return;
    }
    say(current.name + ': ' + (current.message || LABELS[current.state]));
  }

  /** The addresses the server gave a file, for saving, deleting, resetting and renaming it. */
  function urlsOf(data) {
    return { save: data.saveUrl, remove: data.deleteUrl, reset: data.resetUrl, rename: data.renameUrl };
  }

  function addTab(data) {
    var file = {
      name: data.name,
      version: data.version,
      saved: data.content,
      template: data.template,
      previewUrl: data.previewUrl,
      urls: urlsOf(data),
      doc: CodeMirror.Doc(data.content, modeFor(data.name)),
      timer: null,
      retries: 0,
      inFlight: false,
      again: false,
      state: 'saved',
      message: ''
    };
    var tab = document.createElement('button');
    tab.type = 'button';
    tab.className = 'ws-tab';
    tab.setAttribute('role', 'tab');
    tab.setAttribute('aria-selected', 'false');
    tab.setAttribute('data-name', data.name);
    var label = document.createElement('span');
    label.className = 'ws-tab-name';
    label.textContent = data.name;
    var state = document.createElement('span');
    state.className = 'ws-tab-state';
    tab.appendChild(label);
    tab.appendChild(state);
    tab.addEventListener('click', function () { select(file); });
    file.tab = tab;
    file.stateEl = state;
    tabsEl.appendChild(tab);
    files.push(file);
    file.doc.on('change', function () { edited(file); });
    setState(file, 'saved');
    return file;
  }

  function removeTab(file) {
    clearTimeout(file.timer);
    file.tab.remove();
    files.splice(files.indexOf(file), 1);
    if (current === file) {
      current = null;
      if (files.length) {
        select(files[0]);
      } else {
        editor.swapDoc(CodeMirror.Doc('', 'text/plain'));
        showStatus();
      }
    }
  }

  function select(file) {
    current = file;
    files.forEach(function (f) {
      f.tab.setAttribute('aria-selected', f === file ? 'true' : 'false');
      f.tab.classList.toggle('active', f === file);
    });
    editor.swapDoc(file.doc);
    editor.setOption('mode', modeFor(file.name));
    showStatus();
    showNotices();
    if (isHtml(file.name) && file.name !== previewName) {
      previewName = file.name;
      scroll = { x: 0, y: 0 };
      freshPreviewUrl(file).then(function (url) { showPreview(url); });
    }
    var menuReset = document.getElementById('ws-reset-file');
    if (menuReset) {
      menuReset.disabled = file.template === 'none';
    }
  }

  // ------------------------------------------------------------------ notices (templates, restored text, session)

  var restoredOffers = {};
  var restoredNames = [];

  function notice(className, text, buttons) {
    var box = document.createElement('div');
    box.className = 'ws-notice ' + className;
    var p = document.createElement('span');
    p.textContent = text;
    box.appendChild(p);
    (buttons || []).forEach(function (b) {
      var button = document.createElement('button');
      button.type = 'button';
      button.className = 'link-button';
      button.textContent = b.label;
      button.addEventListener('click', b.action);
      box.appendChild(button);
    });
    noticesEl.appendChild(box);
    return box;
  }

  var newTemplates = [];

  function showNotices() {
    Array.prototype.slice.call(noticesEl.querySelectorAll('.ws-notice:not(.ws-session)')).forEach(function (n) {
      n.remove();
    });
    if (readOnly) {
      return;
    }
    if (current && current.template === 'changed') {
      notice('ws-template-changed', 'The template of “' + current.name + '” has changed since it was copied.', [
        { label: 'Update from template…', action: function () { fromTemplate(current, false); } }
      ]);
    }
    newTemplates.forEach(function (template) {
      notice('ws-template-new', 'New file from the template: “' + template.name + '”.', [
        { label: 'Add it…', action: function () { addTemplate(template); } }
      ]);
    });
    if (restoredNames.length) {
      var box = notice('ws-restored', 'Restored text that was not saved, kept in this browser: “'
          + restoredNames.join('”, “') + '”. It is being saved now.', [
        { label: 'OK', action: function () { restoredNames = []; box.remove(); } }
      ]);
    }
    Object.keys(restoredOffers).forEach(function (name) {
      var offer = restoredOffers[name];
      var file = fileNamed(name);
      if (!file) {
        return;
      }
      notice('ws-restore', 'This browser kept text of “' + name + '” that was never saved (edited from an older '
          + 'version).', [
        { label: 'Restore it', action: function () {
          delete restoredOffers[name];
          file.doc.setValue(offer.text);
          forgetAll(name);
          keep(file);
          select(file);
        } },
        { label: 'Discard it', action: function () {
          delete restoredOffers[name];
          try { localStorage.removeItem(offer.key); } catch (e) { /* gone */ }
          showNotices();
        } }
      ]);
    });
  }

  // ------------------------------------------------------------------ saving

  function edited(file) {
    if (readOnly) {
      return;
    }
    if (file.doc.getValue() === file.saved) {
      forget(file, file.version);
      clearTimeout(file.timer);
      if (!file.inFlight && file.state !== 'conflict') {
        setState(file, 'saved');
      }
      return;
    }
    keep(file);
    if (file.state === 'conflict' || file.state === 'login') {
      return; // saved once the student has chosen, or has logged in again
    }
    if (!file.inFlight) {
      setState(file, 'modified');
    }
    schedule(file, AUTOSAVE_MS);
  }

  function schedule(file, delay) {
    clearTimeout(file.timer);
    file.timer = setTimeout(function () { save(file); }, delay);
  }

  function saveAll() {
    files.forEach(function (f) {
      if (f.doc.getValue() !== f.saved || f.state === 'error' || f.state === 'refused') {
        save(f);
      }
    });
  }

  function save(file) {
    if (readOnly || file.state === 'conflict') {
      return;
    }
    clearTimeout(file.timer);
    if (file.inFlight) {
      file.again = true;
      return;
    }
    if (sessionLost) {
      setState(file, 'login', 'not saved: log in again (see above); your text is kept in this browser.');
      return;
    }
    var text = file.doc.getValue();
    if (text === file.saved) {
      setState(file, 'saved');
      return;
    }
    var base = file.version;
    file.inFlight = true;
    setState(file, 'saving');
    call('POST', file.urls.save, { content: text, version: base, preview: previewName })
      .then(function (result) {
        file.inFlight = false;
        if (result.login) {
          keep(file);
          setState(file, 'login', 'not saved: your session has ended; log in again (see above).');
          lostSession();
        } else if (result.status === 200) {
          forget(file, base);
          file.version = result.body.version;
          file.saved = text;
          file.retries = 0;
          if (file.doc.getValue() !== text) {
            keep(file);
            setState(file, 'modified');
            schedule(file, file.again ? 0 : AUTOSAVE_MS);
          } else {
            setState(file, 'saved', 'saved (version ' + file.version + ')');
          }
          showPreview(result.body.previewUrl);
        } else if (result.status === 409) {
          setState(file, 'conflict', 'conflict: choose which text to keep.');
          conflicts.push({ file: file, version: result.body.version, content: result.body.content });
          nextConflict();
        } else if (result.status === 400 || result.status === 413 || result.status === 404 || result.status === 403) {
          setState(file, 'refused', 'not saved: ' + (result.body.error || 'refused') + ' Your text is kept.');
        } else {
          retry(file, 'the server answered ' + result.status + '.');
        }
        file.again = false;
      }, function () {
        file.inFlight = false;
        file.again = false;
        retry(file, 'no connection to the server.');
      });
  }

  function retry(file, why) {
    file.retries++;
    var delay = Math.min(MAX_RETRY_MS, 2000 * Math.pow(2, file.retries - 1));
    keep(file);
    setState(file, 'error', 'not saved: ' + why + ' Retrying in ' + Math.round(delay / 1000)
        + ' s; your text is kept.');
    schedule(file, delay);
  }

  // ------------------------------------------------------------------ an ended session

  var sessionBox = null;

  function lostSession() {
    if (sessionLost) {
      return;
    }
    sessionLost = true;
    sessionBox = document.createElement('div');
    sessionBox.className = 'ws-notice ws-session';
    sessionBox.setAttribute('role', 'alert');
    sessionBox.appendChild(document.createTextNode('Your session has ended, so your changes are not saved yet. '));
    var link = document.createElement('a');
    link.href = loginHref;
    link.target = '_blank';
    link.rel = 'noopener';
    link.textContent = 'Log in again in a new tab';
    sessionBox.appendChild(link);
    sessionBox.appendChild(document.createTextNode(', then come back here: they are saved as soon as you have.'));
    noticesEl.insertBefore(sessionBox, noticesEl.firstChild);
    sessionTimer = setInterval(checkSession, 10000);
  }

  /** After logging in again (a new session, a new CSRF token): take the token and save what waits. */
  function checkSession() {
    if (!sessionLost) {
      return;
    }
    call('GET', filesUrl).then(function (result) {
      if (result.login || result.status !== 200) {
        return;
      }
      csrf = result.body.csrf || csrf;
      sessionLost = false;
      clearInterval(sessionTimer);
      if (sessionBox) {
        sessionBox.remove();
        sessionBox = null;
      }
      files.forEach(function (f) {
        if (f.state === 'login') {
          setState(f, 'modified');
          save(f);
        }
      });
    }, function () { /* still away: the next check tries again */ });
  }

  window.addEventListener('focus', checkSession);

  // ------------------------------------------------------------------ conflicts

  var dialog = document.getElementById('ws-conflict');

  function nextConflict() {
    if (conflictShown || !conflicts.length || !dialog) {
      return;
    }
    conflictShown = conflicts.shift();
    dialog.querySelector('.ws-conflict-name').textContent = conflictShown.file.name;
    document.getElementById('ws-conflict-mine').value = conflictShown.file.doc.getValue();
    document.getElementById('ws-conflict-theirs').value = conflictShown.content;
    if (typeof dialog.showModal === 'function') {
      dialog.showModal();
    } else {
      dialog.setAttribute('open', '');
    }
  }

  function closeConflict() {
    if (typeof dialog.close === 'function') {
      dialog.close();
    } else {
      dialog.removeAttribute('open');
    }
    conflictShown = null;
    nextConflict();
  }

  if (dialog) {
    document.getElementById('ws-keep-mine').addEventListener('click', function () {
      var c = conflictShown;
      // Mine, saved over the version the server has now: a deliberate choice, not a silent overwrite.
      forget(c.file, c.file.version);
      c.file.version = c.version;
      c.file.saved = c.content;
      keep(c.file);
      setState(c.file, 'modified');
      closeConflict();
      save(c.file);
    });
    document.getElementById('ws-take-theirs').addEventListener('click', function () {
      var c = conflictShown;
      forgetAll(c.file.name);
      c.file.version = c.version;
      c.file.saved = c.content;
      c.file.doc.setValue(c.content);
      setState(c.file, 'saved', 'saved (version ' + c.version + ')');
      closeConflict();
      refreshPreview();
    });
    dialog.addEventListener('cancel', function (event) {
      event.preventDefault(); // a choice is needed: Escape does not drop the question
    });
  }

  // ------------------------------------------------------------------ the preview

  function showPreview(url) {
    if (!url || !iframe) {
      return;
    }
    iframe.removeAttribute('srcdoc'); // the "no HTML file yet" note would win over src
    iframe.src = url;
    openLink.href = url;
    openLink.hidden = false;
    previewNameEl.textContent = previewName;
  }

  /** A signed URL still far from its expiry: the one listed, or a new listing's. */
  function freshPreviewUrl(file) {
    if (Date.now() - listedAt < linkMinutes * 30000) {
      return Promise.resolve(file.previewUrl);
    }
    return call('GET', filesUrl).then(function (result) {
      if (result.status === 200) {
        listedAt = Date.now();
        result.body.files.forEach(function (f) {
          var mine = fileNamed(f.name);
          if (mine) {
            mine.previewUrl = f.previewUrl;
          }
        });
      }
      return file.previewUrl;
    }, function () { return file.previewUrl; });
  }

  function refreshPreview() {
    var file = fileNamed(previewName);
    if (file) {
      freshPreviewUrl(file).then(function (url) { showPreview(url); });
    }
  }

  if (iframe) {
    // The preview's page (served with a script of the preview server) reports its scroll position; after
    // a reload the parent sends it back. Only messages from the preview's own window count.
    window.addEventListener('message', function (event) {
      if (event.source !== iframe.contentWindow || !event.data || event.data.type !== 'wte-preview-scroll') {
        return;
      }
      scroll = { x: Number(event.data.x) || 0, y: Number(event.data.y) || 0 };
    });
    iframe.addEventListener('load', function () {
      if (iframe.contentWindow) {
        iframe.contentWindow.postMessage({ type: 'wte-preview-restore', x: scroll.x, y: scroll.y }, '*');
        iframe.setAttribute('data-restored', scroll.x + ',' + scroll.y); // what was sent: for tests and debugging
      }
    });
  }

  // ------------------------------------------------------------------ files: load, add, delete, templates

  function load() {
    say('Loading your files…');
    call('GET', filesUrl).then(function (result) {
      if (result.login) {
        lostSession();
        return;
      }
      if (result.status !== 200) {
        say('Your files could not be loaded: ' + (result.body.error || result.status));
        return;
      }
      listedAt = Date.now();
      csrf = result.body.csrf || csrf;
      linkMinutes = result.body.previewLinkMinutes || linkMinutes;
      newTemplates = result.body.newTemplates || [];
      tabsEl.textContent = '';
      files = [];
      current = null;
      result.body.files.forEach(function (data) {
        var file = addTab(data);
        if (!readOnly) {
          restore(file);
        }
      });
      var first = fileNamed(previewName) || files[0];
      if (first) {
        select(first);
      } else {
        say(readOnly ? 'No files.' : 'No files yet: add one.');
      }
    }, function () {
      say('Your files could not be loaded: no connection to the server. Reload the page to try again.');
    });
  }

  /** Text kept in this browser: restored when edited from the server's version, offered when older. */
  function restore(file) {
    kept(file.name).forEach(function (k) {
      if (k.version === file.version) {
        if (k.text !== file.saved) {
          file.doc.setValue(k.text); // fires edited(): modified, saved in 2 s
          restoredNames.push(file.name);
        }
      } else if (k.version < file.version && k.text !== file.saved) {
        restoredOffers[file.name] = k;
      } else {
        try { localStorage.removeItem(k.key); } catch (e) { /* gone */ }
      }
    });
  }

  function replaceFile(file, data) {
    forgetAll(file.name);
    file.version = data.version;
    file.saved = data.content;
    file.template = data.template;
    file.previewUrl = data.previewUrl;
    file.doc.setValue(data.content);
    clearTimeout(file.timer);
    setState(file, 'saved', 'saved (version ' + data.version + ')');
  }

  function fromTemplate(file, reset) {
    var question = reset
        ? 'Reset “' + file.name + '” to its template? Your changes to this file are lost.'
        : 'Update “' + file.name + '” from the changed template? Your text in this file is replaced by the template’s.';
    if (!window.confirm(question)) {
      return;
    }
    call('POST', file.urls.reset, {}).then(function (result) {
      if (result.login) {
        lostSession();
      } else if (result.status === 200) {
        replaceFile(file, result.body);
        showNotices();
        refreshPreview();
      } else {
        say('Not reset: ' + (result.body.error || result.status));
      }
    }, function () { say('Not reset: no connection to the server.'); });
  }

  /** The file under the name the server gave it; its text, version and place stay. */
  function renamed(file, data) {
    var old = file.name;
    forgetAll(old);
    file.name = data.name;
    file.template = data.template;
    file.previewUrl = data.previewUrl;
    file.urls = urlsOf(data);
    file.tab.setAttribute('data-name', data.name);
    file.tab.querySelector('.ws-tab-name').textContent = data.name;
    if (file === current) {
      editor.setOption('mode', modeFor(data.name));
    }
    setState(file, 'saved', 'renamed from “' + old + '”');
    if (previewName === old && isHtml(data.name)) {
      previewName = data.name;
      refreshPreview();
    }
    // A template of the old name is now one the workspace has no file for: offered, as any new template.
    newTemplates = data.newTemplates || newTemplates;
    showNotices();
  }

  function addTemplate(template) {
    var name = template.name;
    if (!window.confirm('Add “' + name + '” from the template to your files?')) {
      return;
    }
    call('POST', template.addUrl, {}).then(function (result) {
      if (result.login) {
        lostSession();
      } else if (result.status === 200) {
        newTemplates = newTemplates.filter(function (t) { return t.name !== name; });
        select(addTab(result.body));
      } else {
        say('Not added: ' + (result.body.error || result.status));
      }
    }, function () { say('Not added: no connection to the server.'); });
  }

  if (!readOnly) {
    document.getElementById('ws-new-form').addEventListener('submit', function (event) {
      event.preventDefault();
      var input = document.getElementById('ws-new-name');
      var name = input.value.trim();
      if (!name) {
        say('Type the new file’s name, e.g. page2.html or script.js.');
        input.focus();
        return;
      }
      call('POST', filesUrl, { name: name }).then(function (result) {
        if (result.login) {
          lostSession();
        } else if (result.status === 201) {
          input.value = '';
          select(addTab(result.body));
          editor.focus();
        } else {
          say('Not added: ' + (result.body.error || result.status));
        }
      }, function () { say('Not added: no connection to the server.'); });
    });
    document.getElementById('ws-save').addEventListener('click', function () { saveAll(); });
    document.getElementById('ws-reset-file').addEventListener('click', function () {
      if (current) {
        fromTemplate(current, true);
      }
    });
    // A choice made in the More menu closes it, as a menu does.
    document.querySelector('.ws-more .ws-menu').addEventListener('click', function (event) {
      if (event.target.closest('button, a')) {
        document.querySelector('.ws-more').open = false;
      }
    });
    document.getElementById('ws-rename-file').addEventListener('click', function () {
      var file = current;
      if (!file) {
        return;
      }
      if (file.state !== 'saved') {
        say('“' + file.name + '” has changes that are not saved yet: save it, then rename it.');
        return;
      }
      var to = window.prompt('New name for “' + file.name + '”:', file.name);
      to = to === null ? '' : to.trim();
      if (!to || to === file.name) {
        return;
      }
      call('POST', file.urls.rename, { to: to, version: file.version }).then(function (result) {
        if (result.login) {
          lostSession();
        } else if (result.status === 200) {
          renamed(file, result.body);
        } else {
          say('Not renamed: ' + (result.body.error || result.status));
        }
      }, function () { say('Not renamed: no connection to the server.'); });
    });
    document.getElementById('ws-delete-file').addEventListener('click', function () {
      var file = current;
      if (!file || !window.confirm('Delete “' + file.name + '”? This cannot be undone.')) {
        return;
      }
      call('POST', file.urls.remove, {}).then(function (result) {
        if (result.login) {
          lostSession();
        } else if (result.status === 200 || result.status === 404) {
          forgetAll(file.name);
          removeTab(file);
          say('Deleted “' + file.name + '”.');
        } else {
          say('Not deleted: ' + (result.body.error || result.status));
        }
      }, function () { say('Not deleted: no connection to the server.'); });
    });
    document.getElementById('ws-reset-all').addEventListener('click', function () {
      if (!window.confirm('Reset all files that come from the templates? Your changes to them are lost; '
          + 'files you added yourself stay.')) {
        return;
      }
      call('POST', resetAllUrl, {}).then(function (result) {
        if (result.login) {
          lostSession();
        } else if (result.status === 200) {
          files.forEach(function (f) { forgetAll(f.name); clearTimeout(f.timer); });
          load();
          refreshPreview();
        } else {
          say('Not reset: ' + (result.body.error || result.status));
        }
      }, function () { say('Not reset: no connection to the server.'); });
    });
    document.addEventListener('keydown', function (event) {
      if ((event.ctrlKey || event.metaKey) && (event.key === 's' || event.key === 'S')) {
        event.preventDefault();
        saveAll();
      }
    });
    window.addEventListener('beforeunload', function (event) {
      var waiting = files.some(function (f) { return f.state !== 'saved'; });
      if (waiting) {
        event.preventDefault();
        event.returnValue = '';
      }
    });
    document.addEventListener('visibilitychange', function () {
      if (document.visibilityState === 'hidden') {
        files.forEach(function (f) {
          if (f.state === 'modified') {
            save(f);
          }
        });
      }
    });
  }

  // ------------------------------------------------------------------ the panes' sizes

  var sizes = { text: 38, editor: 55 };
  try {
    var stored = JSON.parse(localStorage.getItem('wte-ws-layout') || '{}');
    if (stored.text >= 15 && stored.text <= 75) { sizes.text = stored.text; }
    if (stored.editor >= 15 && stored.editor <= 85) { sizes.editor = stored.editor; }
  } catch (e) { /* defaults */ }

  function applySizes() {
    layout.style.setProperty('--ws-text', sizes.text + '%');
    root.style.setProperty('--ws-editor', sizes.editor + '%');
    editor.refresh();
  }

  function keepSizes() {
    try { localStorage.setItem('wte-ws-layout', JSON.stringify(sizes)); } catch (e) { /* not kept */ }
  }

  /** The panes fill the window below the page's heading, whatever its size. */
  function fit() {
    if (window.innerWidth <= 800) {
      layout.style.height = ''; // one column (phones): the text above, the workspace below
    } else {
      var top = layout.getBoundingClientRect().top + window.pageYOffset;
      layout.style.height = Math.max(360, window.innerHeight - top - 8) + 'px';
    }
    editor.refresh();
  }

  function splitter(el, key, min, max, measure) {
    if (!el) {
      return;
    }
    el.addEventListener('pointerdown', function (event) {
      event.preventDefault();
      try {
        el.setPointerCapture(event.pointerId);
      } catch (e) { /* not captured: the document still hears the pointer (below) */ }
      document.body.classList.add('ws-dragging');
      function move(e) {
        sizes[key] = Math.max(min, Math.min(max, measure(e)));
        applySizes();
      }
      // Pointer moves are dispatched once per frame, so a quick drag can end before its last move
      // arrives: the release's own position is where the student let go.
      function up(e) {
        if (e.type === 'pointerup') {
          move(e);
        }
        document.removeEventListener('pointermove', move, true);
        document.removeEventListener('pointerup', up, true);
        document.removeEventListener('pointercancel', up, true);
        document.body.classList.remove('ws-dragging');
        keepSizes();
      }
      // Listened for on the document, not the 6-pixel splitter: when the pointer is not captured (CI's
      // Chromium sometimes did not), the moves over the panes still reach it. Frames ignore the pointer
      // while dragging (ws-dragging), so none of them swallows the moves either.
      document.addEventListener('pointermove', move, true);
      document.addEventListener('pointerup', up, true);
      document.addEventListener('pointercancel', up, true);
    });
    el.addEventListener('keydown', function (event) {
      var step = { ArrowLeft: -2, ArrowUp: -2, ArrowRight: 2, ArrowDown: 2 }[event.key];
      if (step) {
        event.preventDefault();
        sizes[key] = Math.max(min, Math.min(max, sizes[key] + step));
        applySizes();
        keepSizes();
      }
    });
  }

  splitter(document.getElementById('ws-splitter-v'), 'text', 15, 75, function (e) {
    var box = layout.getBoundingClientRect();
    return (e.clientX - box.left) / box.width * 100;
  });
  splitter(document.getElementById('ws-splitter-h'), 'editor', 15, 85, function (e) {
    var box = root.getBoundingClientRect();
    return (e.clientY - box.top - 40) / (box.height - 40) * 100;
  });

  window.addEventListener('resize', fit);
  applySizes();
  fit();
  load();
}());
