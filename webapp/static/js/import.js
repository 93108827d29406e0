// The import form with a progress bar: the upload's progress from XHR upload events, then a "processing"
// state until the server answers. Without JavaScript the form posts as it is and works the same.
(function () {
  'use strict';
  var form = document.querySelector('form[data-import]');
  if (!form || !window.XMLHttpRequest || !window.FormData) {
    return;
  }
  var box = form.querySelector('.import-progress');
  var bar = form.querySelector('progress');
  var status = form.querySelector('.import-status');
  var button = form.querySelector('button[type=submit]');

  function megabytes(n) {
    return (n / 1048576).toFixed(1) + ' MB';
  }

  // The message of an error answer: the form's own error, else the error page's text.
  function problem(html) {
    var doc = new DOMParser().parseFromString(html, 'text/html');
    var field = doc.querySelector('.field-error');
    if (field) {
      return field.textContent.trim();
    }
    var main = doc.querySelector('main');
    var p = main && main.querySelector('p');
    return p ? p.textContent.trim() : 'The import failed.';
  }

  form.addEventListener('submit', function (e) {
    var file = form.querySelector('input[type=file]');
    if (!file.files || file.files.length === 0) {
      return; // the browser's own "required" message, or the server's
    }
    e.preventDefault();
    var xhr = new XMLHttpRequest();
    xhr.open('POST', form.action);
    xhr.setRequestHeader('X-CSRF-Token', form.querySelector('[name=_csrf]').value);
    box.hidden = false;
    button.disabled = true;
    bar.removeAttribute('value');
    status.textContent = 'Uploading…';
    xhr.upload.addEventListener('progress', function (ev) {
      if (ev.lengthComputable) {
        bar.max = ev.total;
        bar.value = ev.loaded;
        status.textContent = 'Uploading: ' + megabytes(ev.loaded) + ' of ' + megabytes(ev.total);
      }
    });
    xhr.upload.addEventListener('load', function () {
      bar.removeAttribute('value'); // indeterminate: the server is working
      status.textContent = 'Processing: checking the file and creating the parts and pages…';
    });
    xhr.addEventListener('load', function () {
      if (xhr.status >= 200 && xhr.status < 300 && xhr.responseURL && xhr.responseURL.indexOf('/imports/') >= 0) {
        status.textContent = 'Done. Opening the report…';
        window.location.assign(xhr.responseURL);
        return;
      }
      button.disabled = false;
      bar.value = 0;
      status.textContent = 'Not imported: ' + problem(xhr.responseText);
    });
    xhr.addEventListener('error', function () {
      button.disabled = false;
      status.textContent = 'The connection failed before the server answered. Nothing was imported; try again.';
    });
    xhr.send(new FormData(form));
  });
}());
