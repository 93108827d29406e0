// Recompile all content in batches, with a progress bar (without JavaScript one request does it all).
(function () {
  'use strict';
  var form = document.getElementById('recompile-form');
  if (!form) {
    return;
  }
  var bar = document.getElementById('recompile-progress');
  var status = document.getElementById('recompile-status');
  form.addEventListener('submit', function (e) {
    e.preventDefault();
    var button = form.querySelector('button');
    button.disabled = true;
    bar.hidden = false;
    var problems = 0;
    function step(after) {
      fetch(form.action, {
        method: 'POST',
        credentials: 'same-origin',
        headers: {
          'Content-Type': 'application/x-www-form-urlencoded',
          'X-CSRF-Token': form.querySelector('[name=_csrf]').value,
          'X-Requested-With': 'fetch',
          'Accept': 'application/json'
        },
        body: 'after=' + after
      }).then(function (r) {
        if (!r.ok) {
          throw new Error('the server answered ' + r.status);
        }
        return r.json();
      }).then(function (p) {
        problems += p.problems;
        bar.max = p.total;
        if (p.done === 0) {
          bar.value = p.total;
          status.textContent = 'Done: all ' + p.total + ' parts and pages recompiled'
            + (problems ? '; ' + problems + ' have problems in their text.' : '.');
          button.disabled = false;
          return;
        }
        bar.value = p.done;
        status.textContent = p.done + ' of ' + p.total + ' recompiled…';
        step(p.last);
      }).catch(function (err) {
        status.textContent = 'Stopped: ' + err.message + '. What was done is saved; start again to finish.';
        button.disabled = false;
      });
    }
    step(0);
  });
})();
