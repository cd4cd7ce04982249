/* lontar: search as you type, offline. The index (search/*.js, written by
 * src/render/search_index.c) is loaded with <script> tags, since fetch and
 * XHR are blocked on pages opened from file://: every index file
 * calls lontarSearch.add(key, data). Only the files a query needs are
 * loaded: search/meta.js on first use, one term shard per query word, and
 * the page chunks holding the results shown.
 *
 * The box is the form in the header partial (#search form); the query is
 * cut and stemmed by stemmer-id.js exactly as the index was. Words must
 * all match (stop words aside); the last word, while being typed, also
 * matches words that start with it. Results are ranked by the sum of their
 * words' BM25F scores. The form's action page (cari.html?q=…) shows every
 * result in <main>. Plain ES5, no modules, no frameworks. */
(function () {
  "use strict";

  var form = document.querySelector("#search form");
  var words = window.lontarStemmer;
  if (!form || !words) {
    return;
  }
  var input = form.querySelector("input");
  var panel = form.querySelector(".search-panel");
  var list = form.querySelector("[role=listbox]");
  var statusLine = form.querySelector("[role=status]");
  var root = form.getAttribute("data-root") || window.lontarRoot || "";
  var text = function (name) {
    return form.getAttribute("data-l-" + name) || "";
  };

  var DROPDOWN = 8, PAGE = 50, PREFIX_TERMS = 40, PREFIX_SHARDS = 6;
  var DIGITS = " !#$%&')*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWYZ[]^_`" +
    "abcdefghijklmnopqrstuvwxyz{|}~";
  var NTERM = 60, NCONT = 31;
  var VALUE = [];
  for (var i = 0; i < DIGITS.length; i++) {
    VALUE[DIGITS.charCodeAt(i)] = i;
  }

  /* ---- loading index files ---- */

  var loaded = {}, waiting = {};

  window.lontarSearch = {
    add: function (key, data) {
      loaded[key] = data;
    }
  };

  function settle(key) {
    var callbacks = waiting[key] || [];
    delete waiting[key];
    if (!loaded.hasOwnProperty(key)) {
      loaded[key] = null; /* missing or broken: searched as empty */
    }
    for (var k = 0; k < callbacks.length; k++) {
      callbacks[k](loaded[key]);
    }
  }

  function load(key, done) {
    if (loaded.hasOwnProperty(key)) {
      done(loaded[key]);
      return;
    }
    if (waiting[key]) {
      waiting[key].push(done);
      return;
    }
    waiting[key] = [done];
    var script = document.createElement("script");
    script.src = root + "search/" + key + ".js";
    script.onload = script.onerror = function () {
      settle(key);
    };
    document.body.appendChild(script);
  }

  function loadAll(keys, done) {
    var left = keys.length;
    if (!left) {
      done();
      return;
    }
    for (var k = 0; k < keys.length; k++) {
      load(keys[k], function () {
        if (--left === 0) {
          done();
        }
      });
    }
  }

  /* ---- the index ---- */

  var meta = null, stop = {};

  function withMeta(done) {
    load("meta", function (m) {
      if (m && !meta) {
        meta = m;
        for (var k = 0; k < m.stop.length; k++) {
          stop[m.stop[k]] = true;
        }
      }
      done(meta);
    });
  }

  /* Index of the last item of list whose key(item) is <= value, or -1. */
  function lastAtMost(items, value, key) {
    var lo = 0, hi = items.length - 1, found = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (key(items[mid]) <= value) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found;
  }

  function shardFirst(s) {
    return s[1];
  }

  /* Shards [from, to] that may hold terms in [low, high]. */
  function shardRange(low, high) {
    var shards = meta.shards;
    var from = lastAtMost(shards, low, shardFirst);
    var to = lastAtMost(shards, high, shardFirst);
    if (to < 0) {
      return null;
    }
    from = Math.max(from, 0);
    while (from > 0 && shards[from][2] && shards[from][1] === low) {
      from--; /* the term began in an earlier shard */
    }
    return {from: from, to: to};
  }

  var shardCache = {};

  /* A loaded shard as parallel arrays, made once. */
  function shard(key) {
    if (shardCache[key]) {
      return shardCache[key];
    }
    var data = loaded[key] || [], s = {terms: [], tops: [], posts: []};
    for (var k = 0; k + 2 < data.length; k += 3) {
      s.terms.push(data[k]);
      s.tops.push(data[k + 1]);
      s.posts.push(data[k + 2]);
    }
    shardCache[key] = s;
    return s;
  }

  /* Adds a postings string to scores (page → score), keeping the best. */
  function decode(posts, top, weight, scores) {
    var levels = meta.levels, acc = 0, prev = -1;
    for (var k = 0; k < posts.length; k++) {
      var v = VALUE[posts.charCodeAt(k)];
      if (v >= NTERM) {
        acc = acc * NCONT + v - NTERM;
        continue;
      }
      v = acc * NTERM + v;
      acc = 0;
      var page = prev + 1 + Math.floor(v / levels);
      var score = weight * top / 1000 * (v % levels + 1) / levels;
      if (!(scores[page] >= score)) {
        scores[page] = score;
      }
      prev = page;
    }
  }

  /* ---- queries ---- */

  var stems = {};

  function stem(word) {
    if (!stems.hasOwnProperty(word)) {
      stems[word] = words.stem(word);
    }
    return stems[word];
  }

  function addUnique(list, item, min) {
    if (item && item.length >= min && list.indexOf(item) < 0) {
      list.push(item);
    }
  }

  /* The query's words: {stem, also, prefixes} each. The last word, while
   * typed (open), is half a word whose stem may not be a stem yet
   * ("pemberdaya" stems to "berdaya", "pemberdayaan" to "daya"). So it also
   * matches the stems it would have with a suffix or less a letter or two
   * (also), and terms that begin with it or its stem (prefixes). */
  function parse(q, open) {
    var tokens = words.tokens(q), out = [];
    for (var k = 0; k < tokens.length; k++) {
      var t = tokens[k].t;
      var typing = open && k === tokens.length - 1 && tokens[k].e === q.length;
      if (stop[t] && !typing) {
        continue;
      }
      var w = {stem: stop[t] ? null : stem(t), also: [], prefixes: []};
      if (typing) {
        var forms = [t + "an", t + "kan", t + "i", t.slice(0, -1), t.slice(0, -2)];
        for (var f = 0; f < forms.length; f++) {
          if (forms[f].length >= 3 && forms[f] !== t) {
            var s = stem(forms[f]);
            if (s !== w.stem) {
              addUnique(w.also, s, 3);
            }
          }
        }
        addUnique(w.prefixes, t, 2);
        addUnique(w.prefixes, w.stem, 3);
      }
      out.push(w);
    }
    return out;
  }

  function shardsFor(w) {
    var keys = [], r, k;
    var exact = w.stem ? [w.stem].concat(w.also) : w.also;
    for (var e = 0; e < exact.length; e++) {
      r = shardRange(exact[e], exact[e]);
      for (k = r ? r.from : 0; r && k <= r.to; k++) {
        keys.push(meta.shards[k][0]);
      }
    }
    for (var p = 0; p < w.prefixes.length; p++) {
      r = shardRange(w.prefixes[p], w.prefixes[p] + "\uffff");
      for (k = r ? r.from : 0; r && k <= r.to && k < r.from + PREFIX_SHARDS; k++) {
        keys.push(meta.shards[k][0]);
      }
    }
    return keys;
  }

  /* page → score for one query word. A term that is only a likely
   * completion of the word counts a little less than the word itself. */
  function scoresFor(w) {
    var scores = {}, keys = shardsFor(w), done = {}, expanded = 0;
    for (var k = 0; k < keys.length; k++) {
      if (done[keys[k]]) {
        continue;
      }
      done[keys[k]] = true;
      var s = shard(keys[k]);
      for (var j = 0; j < s.terms.length; j++) {
        var term = s.terms[j];
        if (term === w.stem) {
          decode(s.posts[j], s.tops[j], 1, scores);
          continue;
        }
        if (w.also.indexOf(term) >= 0) {
          decode(s.posts[j], s.tops[j], 0.9, scores);
          continue;
        }
        for (var p = 0; p < w.prefixes.length; p++) {
          if (term.lastIndexOf(w.prefixes[p], 0) === 0 && expanded < PREFIX_TERMS) {
            expanded++;
            decode(s.posts[j], s.tops[j], 0.8, scores);
            break;
          }
        }
      }
    }
    return scores;
  }

  /* Pages with every word, best first: [{page, score}]. */
  function rank(ws) {
    var all = [];
    for (var k = 0; k < ws.length; k++) {
      all.push(scoresFor(ws[k]));
    }
    all.sort(function (a, b) {
      return Object.keys(a).length - Object.keys(b).length;
    });
    var hits = [];
    for (var page in all[0]) {
      if (!all[0].hasOwnProperty(page)) {
        continue;
      }
      var score = all[0][page];
      for (var j = 1; j < all.length && score >= 0; j++) {
        score = all[j].hasOwnProperty(page) ? score + all[j][page] : -1;
      }
      if (score >= 0) {
        hits.push({page: +page, score: score});
      }
    }
    hits.sort(function (a, b) {
      return b.score - a.score || a.page - b.page;
    });
    return hits;
  }

  function chunkOf(page) {
    return meta.chunks[lastAtMost(meta.chunks, page, function (c) {
      return c[1];
    })];
  }

  /* The page records of hits, in order: {title, section, url, excerpt,
   * headings}. */
  function records(hits, done) {
    var keys = [];
    for (var k = 0; k < hits.length; k++) {
      keys.push(chunkOf(hits[k].page)[0]);
    }
    loadAll(keys, function () {
      var out = [];
      for (var k = 0; k < hits.length; k++) {
        var c = chunkOf(hits[k].page), rec = (loaded[c[0]] || [])[hits[k].page - c[1]];
        if (rec) {
          out.push({title: rec[0], section: rec[1] >= 0 ? meta.sections[rec[1]] : "",
            url: rec[2], excerpt: rec[3], headings: rec[4]});
        }
      }
      done(out);
    });
  }

  /* Runs a query; done(ws, hits) unless a newer query of the same
   * channel (the dropdown, the results page) started meanwhile. ws is null
   * when the index could not be loaded. */
  function search(q, open, channel, done) {
    var mine = ++channel.seq;
    withMeta(function (m) {
      if (mine !== channel.seq) {
        return;
      }
      if (!m) {
        done(null, []);
        return;
      }
      var ws = parse(q, open), keys = [];
      for (var k = 0; k < ws.length; k++) {
        keys = keys.concat(shardsFor(ws[k]));
      }
      loadAll(keys, function () {
        if (mine === channel.seq) {
          done(ws, ws.length ? rank(ws) : []);
        }
      });
    });
  }

  /* ---- showing results ---- */

  function matcher(ws) {
    return function (token) {
      if (stop[token]) {
        return false;
      }
      var s = stem(token);
      for (var k = 0; k < ws.length; k++) {
        if (s === ws[k].stem || ws[k].also.indexOf(s) >= 0) {
          return true;
        }
        for (var p = 0; p < ws[k].prefixes.length; p++) {
          var pre = ws[k].prefixes[p];
          if (s.lastIndexOf(pre, 0) === 0 || token.lastIndexOf(pre, 0) === 0) {
            return true;
          }
        }
      }
      return false;
    };
  }

  /* Appends str to el with the matching words in <mark>. */
  function highlight(el, str, matches) {
    var tokens = words.tokens(str, true), at = 0;
    for (var k = 0; k < tokens.length; k++) {
      if (!matches(tokens[k].t)) {
        continue;
      }
      el.appendChild(document.createTextNode(str.slice(at, tokens[k].s)));
      var mark = document.createElement("mark");
      mark.appendChild(document.createTextNode(str.slice(tokens[k].s, tokens[k].e)));
      el.appendChild(mark);
      at = tokens[k].e;
    }
    el.appendChild(document.createTextNode(str.slice(at)));
  }

  function firstMatch(str, matches) {
    var tokens = words.tokens(str, true);
    for (var k = 0; k < tokens.length; k++) {
      if (matches(tokens[k].t)) {
        return tokens[k];
      }
    }
    return null;
  }

  function plainSlug(s) {
    return s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  }

  /* The snippet and link of a result: the opening text around the first
   * matching word; else a matching heading, linked to; else the opening. */
  function snippet(rec, matches, width) {
    var ex = rec.excerpt, hit = firstMatch(ex, matches);
    if (!hit) {
      for (var k = 0; k + 1 < rec.headings.length; k += 2) {
        if (firstMatch(rec.headings[k], matches)) {
          var id = rec.headings[k + 1] || plainSlug(rec.headings[k]);
          return {text: "\u00a7 " + rec.headings[k], url: rec.url + (id ? "#" + id : "")};
        }
      }
    }
    var from = 0;
    if (hit && hit.s > width / 3) {
      from = ex.indexOf(" ", hit.s - Math.floor(width / 3)) + 1;
    }
    var to = from + width >= ex.length ? ex.length : ex.lastIndexOf(" ", from + width);
    if (to <= from) {
      to = Math.min(ex.length, from + width);
    }
    var out = ex.slice(from, to);
    return {text: (from > 0 ? "\u2026" : "") + out +
      (to < ex.length && out.slice(-1) !== "\u2026" ? "\u2026" : ""), url: rec.url};
  }

  function resultBody(el, rec, matches, width) {
    var snip = snippet(rec, matches, width);
    var title = document.createElement("span");
    title.className = "search-title";
    highlight(title, rec.title, matches);
    el.appendChild(title);
    if (rec.section) {
      var sec = document.createElement("span");
      sec.className = "search-section";
      sec.appendChild(document.createTextNode(rec.section));
      el.appendChild(sec);
    }
    if (snip.text) {
      var p = document.createElement("span");
      p.className = "search-snippet";
      highlight(p, snip.text, matches);
      el.appendChild(p);
    }
    return root + snip.url;
  }

  function countText(n) {
    return text(n === 1 ? "one" : "count").replace("{n}", n);
  }

  function statusText(ws, hits) {
    if (!ws) {
      return text("unavailable");
    }
    return hits.length ? countText(hits.length) : text("none");
  }

  /* ---- the dropdown: an ARIA combobox with a listbox ---- */

  var options = [], active = -1;

  function setOpen(open) {
    panel.hidden = !open;
    input.setAttribute("aria-expanded", open && options.length ? "true" : "false");
    if (!open) {
      setActive(-1);
    }
  }

  function setActive(k) {
    if (active >= 0 && options[active]) {
      options[active].el.setAttribute("aria-selected", "false");
    }
    active = k;
    if (k >= 0 && options[k]) {
      options[k].el.setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", options[k].el.id);
      if (options[k].el.scrollIntoView) {
        options[k].el.scrollIntoView({block: "nearest"});
      }
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function resultsPageUrl(q) {
    return form.getAttribute("action") + "?q=" + encodeURIComponent(q).replace(/%20/g, "+");
  }

  function addOption() {
    var li = document.createElement("li");
    li.id = "search-option-" + options.length;
    li.setAttribute("role", "option");
    li.setAttribute("aria-selected", "false");
    list.appendChild(li);
    options.push({el: li, url: null});
    return options[options.length - 1];
  }

  function showDropdown(q, ws, hits) {
    records(hits.slice(0, DROPDOWN), function (recs) {
      if (input.value !== q) {
        return;
      }
      list.innerHTML = "";
      options = [];
      active = -1;
      var matches = matcher(ws || []);
      for (var k = 0; k < recs.length; k++) {
        var o = addOption();
        o.url = resultBody(o.el, recs[k], matches, 110);
      }
      if (hits.length > DROPDOWN) {
        var all = addOption();
        all.el.className = "search-all";
        all.el.appendChild(document.createTextNode(text("all") + " (" + hits.length + ")"));
        all.url = resultsPageUrl(q);
      }
      statusLine.textContent = statusText(ws, hits);
      setOpen(true);
    });
  }

  var timer = null, dropdown = {seq: 0};

  function onInput() {
    clearTimeout(timer);
    var q = input.value;
    if (!/\S/.test(q)) {
      dropdown.seq++;
      list.innerHTML = "";
      options = [];
      statusLine.textContent = "";
      setOpen(false);
      return;
    }
    timer = setTimeout(function () {
      search(q, true, dropdown, function (ws, hits) {
        showDropdown(q, ws, hits);
      });
    }, 60);
  }

  function go(k) {
    if (options[k] && options[k].url) {
      window.location.href = options[k].url;
    }
  }

  input.addEventListener("input", onInput);
  input.addEventListener("focus", function () {
    withMeta(function () {});
    if (options.length || statusLine.textContent) {
      setOpen(true);
    }
  });
  input.addEventListener("blur", function () {
    setTimeout(function () {
      if (document.activeElement !== input) {
        setOpen(false);
      }
    }, 150);
  });
  input.addEventListener("keydown", function (e) {
    var key = e.key || e.keyIdentifier;
    if (key === "ArrowDown" || key === "Down" || key === "ArrowUp" || key === "Up") {
      e.preventDefault();
      if (panel.hidden) {
        setOpen(true);
        return;
      }
      var n = options.length, down = key === "ArrowDown" || key === "Down";
      if (n) {
        setActive(active < 0 ? (down ? 0 : n - 1) : (active + (down ? 1 : n - 1)) % n);
      }
    } else if (key === "Enter" && active >= 0 && !panel.hidden) {
      e.preventDefault();
      go(active);
    } else if (key === "Escape" || key === "Esc") {
      if (!panel.hidden) {
        e.preventDefault();
        setOpen(false);
      } else if (input.value) {
        e.preventDefault();
        input.value = "";
        onInput();
      }
    }
  });
  /* Keep the focus in the box while an option is clicked. */
  list.addEventListener("mousedown", function (e) {
    e.preventDefault();
  });
  list.addEventListener("click", function (e) {
    for (var el = e.target; el && el !== list; el = el.parentNode) {
      if (el.getAttribute && el.getAttribute("role") === "option") {
        go(+el.id.replace("search-option-", ""));
        return;
      }
    }
  });
  form.addEventListener("submit", function (e) {
    if (!/\S/.test(input.value)) {
      e.preventDefault();
    }
  });

  /* "/" anywhere but in a text field goes to the search box. */
  document.addEventListener("keydown", function (e) {
    var t = e.target, tag = t && t.tagName;
    var slash = e.key ? e.key === "/" : e.keyCode === 191;
    if (slash && !e.ctrlKey && !e.metaKey && !e.altKey &&
        tag !== "INPUT" && tag !== "TEXTAREA" && tag !== "SELECT" && !(t && t.isContentEditable)) {
      e.preventDefault();
      input.focus();
      input.select();
    }
  });

  /* ---- the results page: <form action>?q=… ---- */

  function queryParam() {
    var m = /[?&]q=([^&#]*)/.exec(window.location.search);
    if (!m) {
      return null;
    }
    try {
      return decodeURIComponent(m[1].replace(/\+/g, " "));
    } catch (err) {
      return null;
    }
  }

  function showPage(q, ws, hits, article) {
    var shown = 0;
    var heading = document.createElement("h1");
    heading.appendChild(document.createTextNode(text("results") + ": " + q));
    var stat = document.createElement("p");
    stat.className = "search-page-status";
    stat.setAttribute("role", "status");
    stat.textContent = statusText(ws, hits);
    var ol = document.createElement("ol");
    ol.className = "search-page-results";
    var more = document.createElement("button");
    more.type = "button";
    more.className = "search-more";
    more.appendChild(document.createTextNode(text("more")));
    article.innerHTML = "";
    article.appendChild(heading);
    article.appendChild(stat);
    article.appendChild(ol);
    var matches = matcher(ws || []);
    function next() {
      more.disabled = true;
      records(hits.slice(shown, shown + PAGE), function (recs) {
        for (var k = 0; k < recs.length; k++) {
          var li = document.createElement("li"), a = document.createElement("a");
          a.href = resultBody(a, recs[k], matches, 240);
          li.appendChild(a);
          ol.appendChild(li);
        }
        shown += PAGE;
        more.disabled = false;
        if (shown < hits.length) {
          article.appendChild(more);
        } else if (more.parentNode) {
          more.parentNode.removeChild(more);
        }
      });
    }
    more.addEventListener("click", next);
    document.title = text("results") + ": " + q;
    next();
  }

  var q = queryParam();
  var article = document.querySelector("main article") || document.querySelector("main");
  var action = form.getAttribute("action") || "";
  var here = window.location.pathname.replace(/^.*\//, "");
  if (q !== null && article && here && here === action.replace(/^.*\//, "")) {
    input.value = q;
    search(q, false, {seq: 0}, function (ws, hits) {
      showPage(q, ws, hits, article);
    });
  }
})();
