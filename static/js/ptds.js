// The portal's only script of its own, a static file because the Content Security Policy allows no inline script.

// A select marked data-submit-on-change sends its form when changed (the dashboard's programme choice).
document.querySelectorAll("select[data-submit-on-change]").forEach((select) => {
  select.addEventListener("change", () => select.form.submit());
});
