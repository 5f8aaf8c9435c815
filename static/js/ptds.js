// The portal's only script of its own, a static file because the Content Security Policy allows no inline script.
// base.html loads it in <head>, before the body is parsed: its listener is on the document before any control it
// serves exists, so a choice made while the rest of the page (Bootstrap's bundle) is still loading is not lost.

// A select marked data-submit-on-change sends its form when changed (the dashboard's programme choice).
document.addEventListener("change", (event) => {
  const select = event.target;
  if (select instanceof HTMLSelectElement && select.matches("[data-submit-on-change]")) {
    select.form.submit();
  }
});
