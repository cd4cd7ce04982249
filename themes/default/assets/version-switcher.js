/* Adds to the version switcher the versions published after this page was
 * built: ../versions.js (loaded before this file by a <script> tag, so it
 * works from file://) lists every version. A version the page does not
 * know leads to that version's home page. */
(function () {
  "use strict";
  var data = window.lontarVersions;
  var box = document.querySelector(".version-switcher");
  if (!data || !box) return;
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
