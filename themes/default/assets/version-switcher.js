/* The version switcher (partials/versions.html), a <details> that works
 * without JavaScript. This adds:
 *  - the versions published after this page was built: ../versions.js
 *    (loaded before this file by a <script> tag, so it works from file://)
 *    lists every version; one the page does not know leads to that
 *    version's home page;
 *  - closing the open list, which lies over the page, on Escape (focus goes
 *    back to the summary) or on a click outside it. */
(function () {
  "use strict";
  var box = document.querySelector(".version-switcher");
  if (!box) return;

  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape" || !box.open) return;
    box.open = false;
    box.querySelector("summary").focus();
  });
  document.addEventListener("click", function (e) {
    if (box.open && !box.contains(e.target)) box.open = false;
  });

  var data = window.lontarVersions;
  if (!data) return;
  var list = box.querySelector(".version-list");
  var known = {};
  list.querySelectorAll("a[data-version]").forEach(function (a) {
    known[a.getAttribute("data-version")] = true;
  });
  var root = box.getAttribute("data-root") || "";
  data.versions.forEach(function (v, i) {
    if (known[v.name]) return;
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = root + "../" + v.folder + "/index.html";
    a.setAttribute("data-version", v.name);
    a.textContent = v.label;
    var note = document.createElement("span");
    note.className = "version-note";
    note.textContent = " " + box.getAttribute("data-l-other");
    li.appendChild(a);
    li.appendChild(note);
    list.insertBefore(li, list.children[i] || null);
  });
})();
