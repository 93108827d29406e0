// The editor's side tools: search this part's (and its ancestors') files and insert a reference; search
// the parts the author can see and insert a cross-reference; upload a file (chosen, or dropped on the
// text) with a progress bar, then insert its reference. Text goes into the editor via 'wte:insert'.
(function () {
  'use strict';
  var tools = document.querySelector('.editor-tools');
  if (!tools) {
    return;
  }

  function insert(text) {
    document.dispatchEvent(new CustomEvent('wte:insert', { detail: text }));
  }

  function reference(name, isImage) {
    var target = /[\s()<>]/.test(name) ? '<asset:' + name + '>' : 'asset:' + name;
    return (isImage ? '![' + name + '](' : '[' + name + '](') + target + ')';
  }

  function search(input, list, url, render) {
    var timer = null;
    input.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        fetch(url + '?q=' + encodeURIComponent(input.value), { credentials: 'same-origin' })
          .then(function (r) { return r.ok ? r.json() : []; })
          .then(function (hits) {
            list.textContent = '';
            hits.forEach(function (hit) {
              var li = document.createElement('li');
              var button = document.createElement('button');
              button.type = 'button';
              button.className = 'link-button';
              render(hit, button);
              li.appendChild(button);
              list.appendChild(li);
            });
            if (!hits.length) {
              var none = document.createElement('li');
              none.className = 'muted';
              none.textContent = 'Nothing found.';
              list.appendChild(none);
            }
          });
      }, 250);
    });
  }

  search(document.getElementById('asset-search'), document.getElementById('asset-results'),
    tools.getAttribute('data-assets-url'), function (hit, button) {
      button.textContent = hit.name + (hit.from ? ' (' + hit.from + ')' : '');
      button.addEventListener('click', function () { insert(reference(hit.name, hit.isImage)); });
    });
  search(document.getElementById('xref-search'), document.getElementById('xref-results'),
    tools.getAttribute('data-xrefs-url'), function (hit, button) {
      button.textContent = hit.path;
      button.addEventListener('click', function () { insert('[](part:' + hit.id + ')'); });
    });

  var progress = document.getElementById('upload-progress');
  var status = document.getElementById('upload-status');

  function upload(file) {
    var data = new FormData();
    data.append('file', file, file.name);
    var xhr = new XMLHttpRequest();
    xhr.open('POST', tools.getAttribute('data-upload-url'));
    xhr.setRequestHeader('X-Requested-With', 'fetch');
    // The token in a header, not in the URL (where access logs would keep it).
    xhr.setRequestHeader('X-CSRF-Token', document.getElementById('editor-form').getAttribute('data-csrf'));
    progress.hidden = false;
    progress.value = 0;
    status.textContent = 'Uploading ' + file.name + '…';
    xhr.upload.addEventListener('progress', function (e) {
      if (e.lengthComputable) {
        progress.value = Math.round(100 * e.loaded / e.total);
      }
    });
    xhr.addEventListener('load', function () {
      progress.hidden = true;
      if (xhr.status >= 200 && xhr.status < 300 && xhr.responseURL.indexOf('/assets') >= 0) {
        status.textContent = 'Uploaded ' + file.name + '.';
        insert(reference(file.name, /^image\//.test(file.type)));
      } else {
        var reason = xhr.status === 413 ? 'the file is too large' : 'the server answered ' + xhr.status;
        var doc = new DOMParser().parseFromString(xhr.responseText || '', 'text/html');
        var message = doc.querySelector('.field-error, .error-summary li, main p.lead');
        status.textContent = file.name + ' was not uploaded: ' + (message ? message.textContent.trim() : reason) + '.';
      }
    });
    xhr.addEventListener('error', function () {
      progress.hidden = true;
      status.textContent = file.name + ' was not uploaded: no connection to the server.';
    });
    xhr.send(data);
  }

  document.getElementById('upload-file').addEventListener('change', function (e) {
    Array.prototype.forEach.call(e.target.files, upload);
    e.target.value = '';
  });
  // A file dropped on the text is uploaded, not pasted: CodeMirror's own drop handling is stopped first.
  document.addEventListener('dragover', function (e) {
    if (e.target.closest && e.target.closest('.CodeMirror') && e.dataTransfer && e.dataTransfer.types
        && Array.prototype.indexOf.call(e.dataTransfer.types, 'Files') >= 0) {
      e.preventDefault();
    }
  }, true);
  document.addEventListener('drop', function (e) {
    if (e.target.closest && e.target.closest('.CodeMirror') && e.dataTransfer && e.dataTransfer.files.length) {
      e.preventDefault();
      e.stopPropagation();
      tools.open = true;
      Array.prototype.forEach.call(e.dataTransfer.files, upload);
    }
  }, true);
})();
