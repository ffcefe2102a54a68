// The change-of-post form: when the administrator picks another unit, "subordinates follow" is unticked, and ticked
// again for the cadre's own unit, until the administrator sets the box by hand. The server renders the same default
// and applies whatever is posted; without this script the box keeps the default of the unit first shown.
(function () {
  'use strict';
  var select = document.querySelector('select[data-home-department]');
  var box = document.querySelector('input[data-follow-default]');
  if (!select || !box) {
    return;
  }
  var touched = false;
  box.addEventListener('change', function () { touched = true; });
  select.addEventListener('change', function () {
    if (!touched) {
      box.checked = select.value === select.getAttribute('data-home-department');
    }
  });
})();
