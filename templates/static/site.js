// controlbrief site: filtering and sorting of the index, highlighting of evidence.
// No network access, no third-party code; text is read with textContent only.
(function () {
  "use strict";

  function filterIndex() {
    var table = document.getElementById("notices");
    if (!table) { return; }
    var issuer = document.getElementById("f-issuer").value;
    var kind = document.getElementById("f-kind").value;
    var item = document.getElementById("f-item").value.trim().toLowerCase();
    var shown = 0;
    table.querySelectorAll("tbody tr").forEach(function (row) {
      var ok = (!issuer || row.dataset.issuer === issuer) &&
        (!kind || row.dataset.kinds.split(" ").indexOf(kind) >= 0) &&
        (!item || row.dataset.items.toLowerCase().split("|").some(function (i) { return i.indexOf(item) >= 0; }));
      row.hidden = !ok;
      if (ok) { shown += 1; }
    });
    document.getElementById("f-count").textContent = shown + " notices";
  }

  function sortBy(th) {
    var table = th.closest("table");
    var index = Array.prototype.indexOf.call(th.parentNode.children, th);
    var numeric = th.dataset.sort === "num";
    var asc = th.getAttribute("aria-sort") !== "ascending";
    table.querySelectorAll("th").forEach(function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", asc ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.cells[index].textContent.trim(), y = b.cells[index].textContent.trim();
      var c = numeric ? (parseFloat(x) || 0) - (parseFloat(y) || 0) : x.localeCompare(y);
      return asc ? c : -c;
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }

  function highlight() {
    document.querySelectorAll("mark.ev.active").forEach(function (m) { m.classList.remove("active"); });
    var id = decodeURIComponent(location.hash.replace(/^#ev-/, ""));
    if (!id || id === location.hash) { return; }
    var first = null;
    document.querySelectorAll("mark.ev").forEach(function (m) {
      if (m.dataset.p.split(" ").indexOf(id) >= 0) {
        m.classList.add("active");
        if (!first) { first = m; }
      }
    });
    if (first) { first.scrollIntoView({ block: "center" }); }
  }

  // search.html: Pagefind's UI over the index in pagefind/; browsers refuse its fetch() on file:// pages.
  function startSearch() {
    var box = document.getElementById("search");
    if (!box) { return; }
    if (location.protocol === "file:") { document.getElementById("search-file").hidden = false; return; }
    if (typeof PagefindUI === "undefined") { return; }
    var base = new URL(box.dataset.root || "./", location.href).pathname;
    var bundle = new URL(box.dataset.bundle, location.href).pathname;  // a module path must not be bare
    var ui = new PagefindUI({ element: "#search", bundlePath: bundle, baseUrl: base, showImages: false,
      showSubResults: true, resetStyles: false });
    var q = new URLSearchParams(location.search).get("q");
    if (q) { ui.triggerSearch(q); }
  }

  document.addEventListener("DOMContentLoaded", function () {
    startSearch();
    ["f-issuer", "f-kind", "f-item"].forEach(function (id) {
      var el = document.getElementById(id);
      if (el) { el.addEventListener("input", filterIndex); el.addEventListener("change", filterIndex); }
    });
    document.querySelectorAll("th[data-sort]").forEach(function (th) {
      th.addEventListener("click", function () { sortBy(th); });
    });
    window.addEventListener("hashchange", highlight);
    highlight();
  });
}());
