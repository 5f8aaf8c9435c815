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

// A field marked data-only-when="id_period=custom" is shown only while that select has that value (the report
// period's two dates, for a date range); without the script both stay shown, and the server ignores them otherwise.
function showDependents() {
  for (const field of document.querySelectorAll("[data-only-when]")) {
    const [id, value] = field.dataset.onlyWhen.split("=");
    const select = document.getElementById(id);
    if (select) field.parentElement.hidden = select.value !== value;
  }
}
document.addEventListener("change", showDependents);
document.addEventListener("DOMContentLoaded", showDependents);

// A select marked data-picker becomes a searchable Tom Select (node_modules/tom-select, loaded at the end of the body;
// DOMContentLoaded comes after it has run). Its search ignores accents and case: "cong an" finds "Công an" and
// "đ" matches "d" (Tom Select's diacritics option, on by default, said here so it stays on).
document.addEventListener("DOMContentLoaded", () => {
  if (!window.TomSelect) return;
  for (const select of document.querySelectorAll("select[data-picker]")) {
    const words = select.dataset;
    const picker = new TomSelect(select, {
      diacritics: true,
      maxOptions: null,
      plugins: select.multiple ? { remove_button: { title: words.remove } } : {},
      render: {
        no_results: () => {
          const div = document.createElement("div");
          div.className = "no-results";
          div.textContent = words.noResults;
          return div;
        },
      },
    });
    // The select stays in the page, hidden, for the form to send; assistive tools read Tom Select's own control
    // (which the label now names), not the select as a second copy of it.
    picker.input.setAttribute("aria-hidden", "true");
  }
});
