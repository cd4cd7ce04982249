-- tna: a Training Needs Assessment page made from the competency framework.
--
-- Each competency without children becomes a statement the trainee rates
-- from 1 (belum mampu) to 4 (sangat mampu). A small script scores the
-- answers in the browser, offline, and recommends the modules that cover
-- the weakest competencies (those that master or assess them first).
--
-- Settings (optional) under params.tna in lontar.yml: path, title.

local function esc(s)
  return (string.gsub(tostring(s or ""), "[&<>\"']", {
    ["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;", ['"'] = "&quot;", ["'"] = "&#39;",
  }))
end

-- A JSON string for a script block: also escape "<" so "</script>" inside
-- a title cannot end the block.
local function json_string(s)
  s = string.gsub(s, '[%c"\\<]', function(c)
    if c == '"' then return '\\"' end
    if c == "\\" then return "\\\\" end
    return string.format("\\u%04x", string.byte(c))
  end)
  return '"' .. s .. '"'
end

local scale = { "Belum mampu", "Cukup mampu", "Mampu", "Sangat mampu" }

local script = [==[
<script>
(function () {
  var form = document.getElementById("tna-form");
  var data = JSON.parse(document.getElementById("tna-data").textContent);
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var weak = [];
    for (var i = 0; i < data.competencies.length; i++) {
      var c = data.competencies[i];
      var chosen = form.querySelector('input[name="' + c.id + '"]:checked');
      var score = chosen ? parseInt(chosen.value, 10) : 0;
      if (score && score <= 2) weak.push({ c: c, score: score });
    }
    weak.sort(function (a, b) { return a.score - b.score; });
    var out = document.getElementById("tna-hasil");
    out.innerHTML = "";
    if (!weak.length) {
      out.textContent = "Tidak ada kompetensi yang Anda nilai lemah (1 atau 2). Lanjutkan ke jenjang berikutnya.";
      return;
    }
    var wanted = {}, order = [];
    var h = document.createElement("p");
    h.textContent = "Kompetensi yang perlu diperkuat: " + weak.map(function (w) { return w.c.id + " " + w.c.title; }).join("; ") + ".";
    out.appendChild(h);
    for (var j = 0; j < weak.length; j++) {
      var mods = weak[j].c.modules;
      for (var k = 0; k < mods.length; k++) {
        if (!wanted[mods[k]]) { wanted[mods[k]] = true; order.push(mods[k]); }
      }
    }
    var list = document.createElement("ol");
    for (var m = 0; m < order.length; m++) {
      var mod = data.modules[order[m]], li = document.createElement("li"), a = document.createElement("a");
      a.href = mod.url; a.textContent = order[m] + " " + mod.title;
      li.appendChild(a); list.appendChild(li);
    }
    var p = document.createElement("p");
    p.textContent = "Modul yang disarankan:";
    out.appendChild(p); out.appendChild(list);
  });
})();
</script>]==]

lontar.on("load", function(site)
  local has_children = {}
  for _, c in ipairs(site.competencies) do
    if c.parent then has_children[c.parent] = true end
  end
  -- Which modules cover each competency, strongest depth first.
  local rank = { M = 1, A = 2, R = 3, I = 4, [""] = 5 }
  local covered_by = {}
  for _, m in ipairs(site.modules) do
    for _, cv in ipairs(m.competencies) do
      local list = covered_by[cv.id] or {}
      list[#list + 1] = { id = m.id, rank = rank[cv.depth] or 5 }
      covered_by[cv.id] = list
    end
  end
  local p = (site.config.params or {}).tna or {}
  local path = p.path or "penilaian-kebutuhan.html"
  local depth = select(2, string.gsub(path, "/", ""))
  local root = string.rep("../", depth)

  local rows, items = {}, {}
  for _, c in ipairs(site.competencies) do
    if not has_children[c.id] then
      local mods = covered_by[c.id] or {}
      table.sort(mods, function(a, b)
        if a.rank ~= b.rank then return a.rank < b.rank end
        return a.id < b.id
      end)
      local ids = {}
      for _, m in ipairs(mods) do ids[#ids + 1] = json_string(m.id) end
      items[#items + 1] = string.format('{"id":%s,"title":%s,"modules":[%s]}',
        json_string(c.id), json_string(c.title), table.concat(ids, ","))
      local cells = {}
      for v = 1, 4 do
        cells[#cells + 1] = string.format(
          '<td><input type="radio" name="%s" value="%d" aria-label="%s: %s"></td>',
          esc(c.id), v, esc(c.id), esc(scale[v]))
      end
      rows[#rows + 1] = string.format('<tr><th scope="row">%s %s</th>%s</tr>',
        esc(c.id), esc(c.title), table.concat(cells))
    end
  end
  if #rows == 0 then return end
  local modules = {}
  for _, m in ipairs(site.modules) do
    modules[#modules + 1] = string.format('%s:{"title":%s,"url":%s}', json_string(m.id),
      json_string(m.title), json_string(root .. m.path))
  end
  local head = {}
  for v = 1, 4 do head[#head + 1] = string.format('<th scope="col">%d<br>%s</th>', v, scale[v]) end
  local html = table.concat({
    "<p>Nilailah kemampuan Anda sendiri untuk setiap kompetensi di bawah ini, dari 1 (belum mampu) sampai 4 (sangat mampu). Jawaban tidak dikirim ke mana pun: semuanya dihitung di perangkat Anda.</p>",
    '<form id="tna-form" class="tna">',
    '<div class="table-scroll"><table class="tna-table"><caption>Penilaian diri kompetensi TKSM</caption>',
    '<thead><tr><th scope="col">Kompetensi</th>' .. table.concat(head) .. "</tr></thead>",
    "<tbody>", table.concat(rows, "\n"), "</tbody></table></div>",
    '<p><button type="submit">Hitung kebutuhan pelatihan</button></p>',
    "</form>",
    '<section id="tna-hasil" class="tna-hasil" aria-live="polite"></section>',
    '<script type="application/json" id="tna-data">{"competencies":[' .. table.concat(items, ",")
      .. '],"modules":{' .. table.concat(modules, ",") .. "}}</script>",
    script,
  }, "\n")
  lontar.page {
    path = path,
    title = p.title or "Analisis Kebutuhan Pelatihan (TNA)",
    html = html,
    weight = 96,
    handbook = false,
  }
end)
