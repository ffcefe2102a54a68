// Calling a caller back (回电). A link marked data-call-outcome="#form" dials the caller (tel:); when the user comes
// back to the page after the call, the page asks for the call's outcome: the prompt shows and the form named by the
// attribute takes the focus. The call page (data-autodial) dials at once when it opens from the inbox's button, and
// not again when it is shown again (reload, back). Without script the link and the form are on the page as they are.
(function () {
  'use strict';
  var dialed = null;   // the outcome form of the call in progress
  var left = false;    // the page was hidden (the phone's dialler came up) since the call began

  function ask() {
    if (!dialed) { return; }
    var form = dialed;
    dialed = null;
    left = false;
    var prompt = document.getElementById('call-outcome-prompt');
    if (prompt) { prompt.hidden = false; }
    form.classList.add('call-outcome-asked');
    form.scrollIntoView({ block: 'center' });
    var first = form.querySelector('input[type=radio]');
    if (first) { first.focus(); }
  }

  function armed(link) {
    var form = document.querySelector(link.getAttribute('data-call-outcome'));
    if (form) {
      dialed = form;
      left = false;
      document.documentElement.setAttribute('data-call-dialed', link.getAttribute('href'));
    }
  }

  document.addEventListener('visibilitychange', function () {
    if (!dialed) { return; }
    if (document.visibilityState === 'hidden') {
      left = true;
    } else if (left) {
      ask();
    }
  });
  // A page brought back from the back-forward cache (some phones keep it while the dialler runs).
  window.addEventListener('pageshow', function (event) {
    if (event.persisted && dialed) { ask(); }
  });

  var links = document.querySelectorAll('a[data-call-outcome][href^="tel:"]');
  links.forEach(function (link) {
    link.addEventListener('click', function () { armed(link); });
  });

  var auto = document.querySelector('a[data-call-outcome][data-autodial]');
  var entry = window.performance && performance.getEntriesByType ? performance.getEntriesByType('navigation')[0] : null;
  if (auto && (!entry || entry.type === 'navigate')) {
    // Once the page has loaded, so that it is there to come back to.
    var dial = function () {
      armed(auto);
      window.location.assign(auto.getAttribute('href'));
    };
    if (document.readyState === 'complete') {
      dial();
    } else {
      window.addEventListener('load', function () { window.setTimeout(dial, 0); });
    }
  }
})();
