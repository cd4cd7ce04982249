-- kuis: self-check multiple-choice questions that work offline.
--
--   :::kuis Cek pemahaman
--   ? Siapa yang pertama tahu ketika seorang lansia berhenti keluar rumah?
--   - [ ] Dinas sosial kabupaten
--   - [x] TKSM di lingkungannya
--   > TKSM tinggal dan bekerja di tengah warga.
--   :::
--
-- A line "? …" starts a question, "- [x]" marks the right option, "- [ ]"
-- a wrong one, "> …" explains the answer. Participants get feedback when
-- they press "Periksa", but their page never states the answer: it holds
-- only a hash of it. The trainer edition marks the right options and shows
-- the explanations and an answer key.

local function fnv1a(s)
  local h = 2166136261
  for i = 1, #s do
    h = ((h ~ string.byte(s, i)) * 16777619) & 0xffffffff
  end
  return string.format("%08x", h)
end

local function esc(s)
  return (string.gsub(s, "[&<>\"']", {
    ["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;", ['"'] = "&quot;", ["'"] = "&#39;",
  }))
end

local function parse(body, pos)
  local questions, q = {}, nil
  local n = 0
  for line in string.gmatch(body .. "\n", "([^\n]*)\n") do
    n = n + 1
    local text = string.match(line, "^%?%s*(.-)%s*$")
    local mark, option = string.match(line, "^%s*[-*]%s*%[([ xX])%]%s*(.-)%s*$")
    local why = string.match(line, "^>%s*(.-)%s*$")
    if text and text ~= "" then
      q = { text = text, options = {}, line = pos.line + n }
      questions[#questions + 1] = q
    elseif option then
      if not q then
        error(string.format("%s:%d: an option comes before any '? question' line", pos.path, pos.line + n), 0)
      end
      q.options[#q.options + 1] = { text = option, right = mark ~= " " }
    elseif why then
      if q then q.why = (q.why and q.why .. " " or "") .. why end
    elseif string.match(line, "%S") then
      error(string.format("%s:%d: a quiz line starts with '?', '- [ ]', '- [x]' or '>'", pos.path, pos.line + n), 0)
    end
  end
  for i, question in ipairs(questions) do
    local right = 0
    for _, o in ipairs(question.options) do
      if o.right then right = right + 1 end
    end
    if right ~= 1 or #question.options < 2 then
      error(string.format("%s:%d: question %d needs two or more options and exactly one [x]",
        pos.path, question.line, i), 0)
    end
  end
  if #questions == 0 then
    error(string.format("%s:%d: a quiz needs at least one '? question'", pos.path, pos.line), 0)
  end
  return questions
end

-- Checks an answer in the browser: the same FNV-1a as above.
local script = [==[
<script>
(function () {
  if (window.lontarKuis) return;
  window.lontarKuis = true;
  function h(s) {
    var x = 0x811c9dc5, b = unescape(encodeURIComponent(s));
    for (var i = 0; i < b.length; i++) { x ^= b.charCodeAt(i); x = Math.imul(x, 16777619) >>> 0; }
    return ("0000000" + x.toString(16)).slice(-8);
  }
  document.addEventListener("submit", function (ev) {
    var form = ev.target;
    if (!form.classList || !form.classList.contains("kuis")) return;
    ev.preventDefault();
    var qs = form.querySelectorAll("fieldset"), right = 0;
    for (var i = 0; i < qs.length; i++) {
      var chosen = qs[i].querySelector("input:checked"), out = qs[i].querySelector(".kuis-hasil");
      var ok = chosen && h(form.getAttribute("data-salt") + ":" + i + ":" + chosen.value) === qs[i].getAttribute("data-kunci");
      if (ok) right++;
      out.textContent = !chosen ? "Belum dijawab." : ok ? "Benar." : "Belum tepat, coba lagi.";
      out.className = "kuis-hasil " + (ok ? "benar" : "salah");
    }
    form.querySelector(".kuis-skor").textContent = right + " dari " + qs.length + " benar.";
  });
})();
</script>]==]

lontar.directive {
  name = "kuis",
  body = "raw",
  run = function(d)
    local questions = parse(d.body, d.pos)
    local trainer = d.edition == "pelatih"
    local salt = fnv1a(d.pos.path .. ":" .. d.pos.line)
    local title = d.arg ~= "" and d.arg or "Kuis"
    local out = {
      string.format('<form class="directive directive-kuis kuis" data-salt="%s" aria-label="%s">', salt, esc(title)),
      string.format('<p class="directive-title">%s</p>', esc(title)),
    }
    for i, q in ipairs(questions) do
      local key = ""
      for j, o in ipairs(q.options) do
        if o.right then key = fnv1a(salt .. ":" .. (i - 1) .. ":" .. j) end
      end
      out[#out + 1] = string.format('<fieldset data-kunci="%s"><legend>%d. %s</legend>', key, i, esc(q.text))
      for j, o in ipairs(q.options) do
        local mark = (trainer and o.right) and ' class="kuis-kunci"' or ""
        out[#out + 1] = string.format(
          '<label%s><input type="radio" name="q%d-%s" value="%d"> %s%s</label>',
          mark, i, salt, j, esc(o.text), (trainer and o.right) and " ✓" or "")
      end
      if trainer and q.why then
        out[#out + 1] = '<p class="kuis-penjelasan">' .. esc(q.why) .. "</p>"
      end
      out[#out + 1] = '<p class="kuis-hasil" aria-live="polite"></p></fieldset>'
    end
    out[#out + 1] = '<p><button type="submit">Periksa</button> <span class="kuis-skor" aria-live="polite"></span></p>'
    if trainer then
      local keys = {}
      for i, q in ipairs(questions) do
        for j, o in ipairs(q.options) do
          if o.right then keys[#keys + 1] = string.format("%d: %s", i, string.char(96 + j)) end
        end
      end
      out[#out + 1] = '<p class="kuis-kunci-jawaban">Kunci jawaban (pelatih): ' .. table.concat(keys, "; ") .. "</p>"
    end
    out[#out + 1] = "</form>"
    out[#out + 1] = script
    return table.concat(out, "\n")
  end,
}
