// A "print" button (data-print): the page's own print stylesheet does the rest. A file, not an onclick
// attribute, so that the Content-Security-Policy can refuse every inline script.
(function () {
  'use strict';
  document.querySelectorAll('[data-print]').forEach(function (button) {
    button.addEventListener('click', function () { window.print(); });
  });
})();
