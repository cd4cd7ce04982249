-- jadwal: a day-by-day training timetable made from the modules' sessions.
--
-- Settings (all optional) go under params.jadwal in lontar.yml:
--   params:
--     jadwal:
--       path: jadwal.html      # where the page goes
--       title: Jadwal Pelatihan
--       start: "08:00"         # when each day starts
--       jp_per_day: 8          # teaching JP per day
--       breaks:                # fixed breaks, by time of day
--         - {at: "10:00", minutes: 15, title: Rehat}
--         - {at: "12:00", minutes: 60, title: Ishoma}
-- A session never splits across a break or a day: a break that would fall
-- inside a session is taken just before it, and a session that does not
-- fit in the day moves to the next.

local function minutes_of(hhmm)
  local h, m = string.match(hhmm or "", "^(%d%d?):(%d%d)$")
  if not h then
    error("jadwal: a time must look like 08:00, not '" .. tostring(hhmm) .. "'", 0)
  end
  return tonumber(h) * 60 + tonumber(m)
end

local function clock(minutes)
  return string.format("%02d:%02d", minutes // 60, minutes % 60)
end

local function settings(site)
  local p = (site.config.params or {}).jadwal or {}
  local breaks = {}
  for _, b in ipairs(p.breaks or {
    { at = "10:00", minutes = 15, title = "Rehat" },
    { at = "12:00", minutes = 60, title = "Ishoma" },
    { at = "15:00", minutes = 15, title = "Rehat" },
  }) do
    breaks[#breaks + 1] = { at = minutes_of(b.at), minutes = b.minutes or 15, title = b.title or "Rehat" }
  end
  table.sort(breaks, function(a, b) return a.at < b.at end)
  return {
    path = p.path or "jadwal.html",
    title = p.title or "Jadwal Pelatihan",
    start = minutes_of(p.start or "08:00"),
    per_day = (p.jp_per_day or 8) * site.jp_minutes,
    breaks = breaks,
  }
end

-- Places every session; returns a list of days, each a list of rows.
local function plan(site, s)
  local days, day, t, taught, next_break = {}, nil, 0, 0, 1
  local function new_day()
    day = {}
    days[#days + 1] = day
    t, taught, next_break = s.start, 0, 1
  end
  new_day()
  for _, m in ipairs(site.modules) do
    for _, session in ipairs(m.sessions) do
      local len = session.minutes
      if taught > 0 and taught + len > s.per_day then new_day() end
      -- take every break that starts before this session would end
      while s.breaks[next_break] and s.breaks[next_break].at < t + len do
        local b = s.breaks[next_break]
        if b.at >= t then
          day[#day + 1] = { from = clock(t), to = clock(t + b.minutes), title = b.title }
          t = t + b.minutes
        end
        next_break = next_break + 1
      end
      day[#day + 1] = {
        from = clock(t), to = clock(t + len), title = session.title,
        module = m.id, methods = table.concat(session.methods, ", "),
      }
      t, taught = t + len, taught + len
    end
  end
  if #days[#days] == 0 then days[#days] = nil end
  return days
end

local function markdown(site, s, days)
  local out = {
    "Jadwal ini disusun otomatis dari sesi setiap modul: satu hari berisi paling banyak "
      .. string.format("%d menit tatap muka (%d JP), dimulai pukul %s.", s.per_day,
        s.per_day // site.jp_minutes, clock(s.start)),
    "",
  }
  for i, rows in ipairs(days) do
    out[#out + 1] = "## Hari " .. i
    out[#out + 1] = ""
    out[#out + 1] = "| Waktu | Kegiatan | Modul | Metode |"
    out[#out + 1] = "|---|---|---|---|"
    for _, r in ipairs(rows) do
      local module = r.module and ("[[" .. r.module .. "|" .. r.module .. "]]") or ""
      local title = r.module and r.title or ("*" .. r.title .. "*")
      out[#out + 1] = string.format("| %s–%s | %s | %s | %s |", r.from, r.to,
        (string.gsub(title, "|", "\\|")), module, r.methods or "")
    end
    out[#out + 1] = ""
  end
  return table.concat(out, "\n")
end

lontar.on("load", function(site)
  if #site.modules == 0 then return end
  local s = settings(site)
  local days = plan(site, s)
  lontar.page {
    path = s.path,
    title = s.title,
    markdown = markdown(site, s, days),
    weight = 95,
    data = { days = #days },
  }
end)
