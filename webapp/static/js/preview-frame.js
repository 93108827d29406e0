// Inside the preview of a student's workspace (a sandboxed frame with an opaque origin): the frame's side
// of the scroll protocol, so that the editor can put the student back where they were after each reload.
// It tells the parent where the page is scrolled, and scrolls where the parent asks; and it gives the page
// storage and cookies of its own, which the sandbox takes away. Nothing else: the student's own scripts
// on the page must behave as they would anywhere.
(function () {
  'use strict';

  // The sandbox gives the page an opaque origin, where localStorage, sessionStorage and document.cookie
  // throw a SecurityError: a to-do list exercise would break in the preview and work anywhere else. So the
  // page gets stand-ins of its own, which never touch the app's storage or cookies (they cannot: the
  // origin is opaque). They last across the preview's reloads after each save by riding in window.name,
  // which stays with the frame while it moves from one of the student's pages to the next.
  var PREFIX = 'wte-preview-state:';
  var LIMIT = 2 * 1024 * 1024; // characters, about what a browser allows one origin's localStorage
  // Objects without a prototype, so that a key such as "__proto__" or "constructor" is only a key.
  var state = { local: Object.create(null), session: Object.create(null), cookies: Object.create(null) };
  try {
    if (String(window.name).indexOf(PREFIX) === 0) {
      var kept = JSON.parse(String(window.name).substring(PREFIX.length));
      ['local', 'session', 'cookies'].forEach(function (k) {
        if (kept && kept[k] && typeof kept[k] === 'object') {
          state[k] = Object.assign(Object.create(null), kept[k]);
        }
      });
    }
  } catch (e) { /* a name of the student's own: start empty */ }

  function persist() {
    var text = PREFIX + JSON.stringify(state);
    if (text.length > LIMIT) {
      return false;
    }
    window.name = text;
    return true;
  }

  function blocked(read) {
    try {
      read();
      return false;
    } catch (e) {
      return true;
    }
  }

  function storage(area) {
    var data = state[area];
    function has(key) { return Object.prototype.hasOwnProperty.call(data, key); }
    function set(key, value) {
      var before = has(key) ? data[key] : undefined;
      data[key] = String(value);
      if (!persist()) {
        if (before === undefined) { delete data[key]; } else { data[key] = before; }
        throw new DOMException('The preview keeps at most 2 MB of storage.', 'QuotaExceededError');
      }
    }
    var api = {
      getItem: function (key) { key = String(key); return has(key) ? data[key] : null; },
      setItem: function (key, value) { set(String(key), value); },
      removeItem: function (key) { delete data[String(key)]; persist(); },
      clear: function () { Object.keys(data).forEach(function (k) { delete data[k]; }); persist(); },
      key: function (i) { var keys = Object.keys(data); return i >= 0 && i < keys.length ? keys[i] : null; }
    };
    Object.defineProperty(api, 'length', { get: function () { return Object.keys(data).length; }, configurable: true });
    // localStorage.score = 3 and localStorage['score'] work on the real thing, so they work here too.
    return new Proxy(api, {
      get: function (target, key) {
        if (key in target) { return target[key]; }
        return typeof key === 'string' && has(key) ? data[key] : undefined;
      },
      set: function (target, key, value) {
        if (typeof key !== 'string' || key in target) { return false; }
        set(key, value);
        return true;
      },
      deleteProperty: function (target, key) {
        if (typeof key === 'string' && has(key)) { delete data[key]; persist(); }
        return true;
      },
      has: function (target, key) { return key in target || (typeof key === 'string' && has(key)); },
      ownKeys: function () { return Object.keys(data); },
      getOwnPropertyDescriptor: function (target, key) {
        return typeof key === 'string' && has(key)
          ? { value: data[key], writable: true, enumerable: true, configurable: true } : undefined;
      }
    });
  }

  function replace(object, name, descriptor) {
    try {
      Object.defineProperty(object, name, descriptor);
    } catch (e) { /* a browser that does not let it be replaced: the page sees the sandbox's error */ }
  }

  ['localStorage', 'sessionStorage'].forEach(function (name) {
    if (blocked(function () { return window[name]; })) {
      replace(window, name, { value: storage(name === 'localStorage' ? 'local' : 'session'),
        configurable: true, enumerable: true });
    }
  });

  if (blocked(function () { return document.cookie; })) {
    // name=value pairs; an expiry in the past or max-age=0 deletes one, other attributes do not matter here.
    replace(document, 'cookie', {
      configurable: true,
      get: function () {
        return Object.keys(state.cookies).map(function (k) { return k + '=' + state.cookies[k]; }).join('; ');
      },
      set: function (text) {
        var parts = String(text).split(';');
        var pair = parts[0];
        var at = pair.indexOf('=');
        var key = (at < 0 ? '' : pair.substring(0, at)).trim();
        var value = (at < 0 ? pair : pair.substring(at + 1)).trim();
        var gone = parts.slice(1).some(function (a) {
          var kv = a.split('=');
          var attribute = kv[0].trim().toLowerCase();
          var v = kv.slice(1).join('=').trim();
          return attribute === 'max-age' && Number(v) <= 0
            || attribute === 'expires' && Date.parse(v) <= Date.now();
        });
        if (gone) {
          delete state.cookies[key];
        } else {
          state.cookies[key] = value;
        }
        persist();
      }
    });
  }

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
