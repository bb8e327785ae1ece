/* PPID register: filter and sort the DIP tables in place (progressive enhancement).
   Without this script the page is complete: every category, year and unit has its own
   static page. No framework, no network; texts come from the page (data-count-template). */
(function () {
  "use strict";
  var form = document.querySelector("form.dip-filter");
  if (!form || !document.querySelectorAll || !Array.prototype.forEach) { return; }
  var groups = Array.prototype.slice.call(document.querySelectorAll("[data-group]"));
  var rows = Array.prototype.slice.call(document.querySelectorAll(".dip-table tbody tr"));
  var count = form.querySelector(".dip-count");
  var empty = document.querySelector(".dip-empty");
  var template = form.getAttribute("data-count-template") || "{shown} / {total}";

  var compare = {
    number: function (a, b) { return Number(a.dataset.number) - Number(b.dataset.number); },
    title: function (a, b) { return a.dataset.title.localeCompare(b.dataset.title, "id"); },
    updated: function (a, b) { return a.dataset.updated < b.dataset.updated ? 1 : a.dataset.updated > b.dataset.updated ? -1 : 0; },
    year: function (a, b) { return Number(b.dataset.year) - Number(a.dataset.year) || compare.number(a, b); }
  };

  function value(name) { return form.elements[name] ? form.elements[name].value : ""; }

  function apply() {
    var wanted = { category: value("category"), year: value("year"), unit: value("unit") };
    var shown = 0;
    rows.forEach(function (row) {
      var match = (!wanted.category || row.dataset.category === wanted.category) &&
                  (!wanted.year || row.dataset.year === wanted.year) &&
                  (!wanted.unit || row.dataset.unit === wanted.unit);
      row.hidden = !match;
      if (match) { shown += 1; }
    });
    groups.forEach(function (group) {
      group.hidden = !group.querySelector("tbody tr:not([hidden])");
      var body = group.querySelector("tbody");
      var order = compare[value("sort")] || compare.number;
      Array.prototype.slice.call(body.rows).sort(order).forEach(function (row) { body.appendChild(row); });
    });
    if (empty) { empty.hidden = shown > 0; }
    if (count) { count.textContent = template.replace("{shown}", shown).replace("{total}", rows.length); }
  }

  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
  form.hidden = false;
  apply();
}());
