/*
 * Quiz answers (org.wte.quiz): adds a "Check answers" button to each quiz of the page, sends the ticked
 * choices to the server, which grades them and records them, and shows "Correct" or "Incorrect" per
 * question, in words (not only colour) and announced through a live region. On a later visit the reader's
 * previous answers are ticked again with their results. The page never holds the correct answers: the
 * server says only whether each answered question is right. Every URL comes from the page's data
 * attributes or the server's JSON (so it works under any mount path).
 */
(function () {
  'use strict';
  var data = document.getElementById('wte-quiz-data');
  var quizzes = Array.prototype.slice.call(document.querySelectorAll('.wte-quiz[data-quiz]'));
  if (!data || quizzes.length === 0 || !window.fetch) {
    return;
  }
  var csrf = data.getAttribute('data-csrf');

  function questionsOf(quiz) {
    return Array.prototype.slice.call(quiz.querySelectorAll('fieldset[data-question]'));
  }

  function inputsOf(fieldset) {
    return Array.prototype.slice.call(fieldset.querySelectorAll('input[data-choice]'));
  }

  /** Shows one question's result in words inside its fieldset (replacing an older one). */
  function showResult(fieldset, correct) {
    clearResult(fieldset);
    var p = document.createElement('p');
    p.className = 'wte-quiz-result ' + (correct ? 'wte-quiz-correct' : 'wte-quiz-incorrect');
    p.textContent = correct ? 'Correct' : 'Incorrect: try again';
    fieldset.appendChild(p);
    fieldset.setAttribute('data-result', correct ? 'correct' : 'incorrect');
  }

  function clearResult(fieldset) {
    var old = fieldset.querySelector('.wte-quiz-result');
    if (old) {
      old.parentNode.removeChild(old);
    }
    fieldset.removeAttribute('data-result');
  }

  /** The message of a refusal: the server's JSON {"error": …} when there is one. */
  function refusal(response) {
    var type = response.headers.get('Content-Type') || '';
    if (type.indexOf('application/json') !== 0) {
      return Promise.resolve('Your answers could not be checked (your session may have ended): reload the page and try again.');
    }
    return response.json().then(function (body) {
      return body && body.error ? body.error : 'Your answers could not be checked. Reload the page and try again.';
    });
  }

  function isJson(response) {
    return (response.headers.get('Content-Type') || '').indexOf('application/json') === 0;
  }

  function summary(results) {
    var right = results.filter(function (r) { return r.correct; }).length;
    if (right === results.length) {
      return results.length === 1 ? 'Your answer is correct.' : 'All ' + results.length + ' answers are correct.';
    }
    return right + ' of ' + results.length + ' answer' + (results.length === 1 ? ' is' : 's are') + ' correct.';
  }

  function check(quiz, state, button, status) {
    var answers = {};
    var any = false;
    questionsOf(quiz).forEach(function (fieldset) {
      var ticked = inputsOf(fieldset).filter(function (i) { return i.checked; })
        .map(function (i) { return parseInt(i.getAttribute('data-choice'), 10); });
      if (ticked.length > 0) {
        answers[fieldset.getAttribute('data-question')] = ticked;
        any = true;
      }
    });
    if (!any) {
      status.textContent = 'Choose an answer to at least one question first.';
      return;
    }
    button.disabled = true;
    status.textContent = 'Checking…';
    fetch(state.url, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {'Content-Type': 'application/json', 'X-CSRF-Token': csrf, 'Accept': 'application/json'},
      body: JSON.stringify({answers: answers})
    }).then(function (response) {
      if (!response.ok || !isJson(response)) {
        return refusal(response).then(function (message) { status.textContent = message; });
      }
      return response.json().then(function (body) {
        var fieldsets = questionsOf(quiz);
        body.results.forEach(function (r) {
          var fieldset = fieldsets.filter(function (f) {
            return f.getAttribute('data-question') === String(r.question);
          })[0];
          if (fieldset) {
            showResult(fieldset, r.correct);
          }
        });
        status.textContent = summary(body.results);
      });
    }).catch(function () {
      status.textContent = 'The server could not be reached. Check your connection and try again.';
    }).then(function () {
      button.disabled = false;
    });
  }

  function setUp(quiz, state, canAnswer, message) {
    var controls = document.createElement('div');
    controls.className = 'wte-quiz-controls';
    var status = document.createElement('p');
    status.className = 'wte-quiz-status';
    status.setAttribute('role', 'status');
    status.setAttribute('aria-live', 'polite');
    if (!canAnswer || !state) {
      status.textContent = !canAnswer ? message
        : 'This quiz has changed since the page was loaded: reload the page to answer it.';
      controls.appendChild(status);
      quiz.appendChild(controls);
      return;
    }
    var button = document.createElement('button');
    button.type = 'button';
    button.className = 'button wte-quiz-check';
    button.textContent = 'Check answers';
    button.addEventListener('click', function () { check(quiz, state, button, status); });
    controls.appendChild(button);
    controls.appendChild(status);
    quiz.appendChild(controls);

    var fieldsets = questionsOf(quiz);
    state.answers.forEach(function (previous) {
      var fieldset = fieldsets[previous.question];
      if (!fieldset) {
        return;
      }
      inputsOf(fieldset).forEach(function (input) {
        input.checked = previous.choices.indexOf(parseInt(input.getAttribute('data-choice'), 10)) >= 0;
      });
      showResult(fieldset, previous.correct);
    });
    if (state.answers.length > 0) {
      status.textContent = 'Your previous answers are ticked, with their results.';
    }
    // A changed answer is not checked yet: its old result goes away until it is.
    fieldsets.forEach(function (fieldset) {
      fieldset.addEventListener('change', function () { clearResult(fieldset); });
    });
  }

  fetch(data.getAttribute('data-quiz-url'), {credentials: 'same-origin', headers: {'Accept': 'application/json'}})
    .then(function (response) {
      if (!response.ok || !isJson(response)) {
        throw new Error('status ' + response.status);
      }
      return response.json();
    })
    .then(function (page) {
      var byKey = {};
      page.quizzes.forEach(function (q) { byKey[q.key] = q; });
      quizzes.forEach(function (quiz) {
        setUp(quiz, byKey[quiz.getAttribute('data-quiz')], page.canAnswer, page.message);
      });
    })
    .catch(function () {
      quizzes.forEach(function (quiz) {
        setUp(quiz, null, false, 'The quiz could not be loaded: reload the page to answer it.');
      });
    });
}());
