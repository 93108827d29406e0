// Drag-and-drop reordering of a part's children. Without JavaScript the ↑/↓ buttons do the same.
(function () {
  'use strict';
  var box = document.querySelector('.children[data-reorder-url]');
  if (!box || !box.querySelector('[data-sortable]')) {
    return;
  }
  var dragged = null;
  var status = document.createElement('p');
  status.className = 'reorder-status';
  status.setAttribute('role', 'status');
  box.appendChild(status);

  function save() {
    var ids = Array.prototype.map.call(box.querySelectorAll('li[data-id]'), function (li) {
      return li.getAttribute('data-id');
    });
    status.textContent = 'Saving the new order…';
    fetch(box.getAttribute('data-reorder-url'), {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        'X-CSRF-Token': box.getAttribute('data-csrf'),
        'X-Requested-With': 'fetch'
      },
      body: 'order=' + encodeURIComponent(ids.join(','))
    }).then(function (response) {
      status.textContent = response.ok ? 'The new order is saved.'
        : 'The new order was not saved (' + response.status + '). Reload the page and try again.';
    }, function () {
      status.textContent = 'The new order was not saved: no connection. Reload the page and try again.';
    });
  }

  box.addEventListener('dragstart', function (e) {
    dragged = e.target.closest('li[data-id]');
    if (dragged) {
      dragged.classList.add('dragging');
      e.dataTransfer.effectAllowed = 'move';
      e.dataTransfer.setData('text/plain', dragged.getAttribute('data-id'));
    }
  });
  box.addEventListener('dragover', function (e) {
    var over = e.target.closest('li[data-id]');
    if (!dragged || !over || over === dragged || over.parentNode !== dragged.parentNode) {
      return;
    }
    e.preventDefault();
    var rect = over.getBoundingClientRect();
    var after = e.clientY > rect.top + rect.height / 2;
    over.parentNode.insertBefore(dragged, after ? over.nextSibling : over);
  });
  box.addEventListener('drop', function (e) {
    e.preventDefault();
  });
  box.addEventListener('dragend', function () {
    if (dragged) {
      dragged.classList.remove('dragging');
      dragged = null;
      save();
    }
  });
})();
