// The appeal form: the enterprise-name field is shown only while "enterprise" is the chosen caller type.
(function () {
  const field = document.getElementById('enterprise-field');
  if (!field) return;
  const radios = document.querySelectorAll('input[name="Input.CallerType"]');
  const input = document.getElementById('enterpriseName');
  const update = () => {
    const chosen = document.querySelector('input[name="Input.CallerType"]:checked');
    const shown = chosen !== null && chosen.value === field.dataset.forCallerType;
    // A field with an error stays visible, whatever is chosen.
    field.hidden = !shown && !input.classList.contains('is-invalid');
  };
  radios.forEach(r => r.addEventListener('change', update));
  update();
})();
