/* lontar: the words of a search query, cut and stemmed exactly as the index
 * was (src/render/search_text.c): the same tokeniser and Snowball's
 * Indonesian stemmer, written here from the algorithm's description
 * (snowballstem.org, "Indonesian stemming algorithm", after Tala 2003).
 * tests/e2e/test_search_stemmer.sh checks both against libstemmer word by
 * word. Plain ES5: no modules, works from file://.
 *
 * Defines the global lontarStemmer:
 *   stem(word)          the stem of a folded token
 *   tokens(text, all)   [{t: folded token, s: start, e: end}, ...]; with
 *                       all, the second halves of reduplicated words too */
(function (global) {
  "use strict";

  /* U+00C0..U+017F folded to lower-case ASCII; "" splits words. */
  var FOLD = ("a|a|a|a|a|a|ae|c|e|e|e|e|i|i|i|i|d|n|o|o|o|o|o||o|u|u|u|u|y|th|ss|" +
    "a|a|a|a|a|a|ae|c|e|e|e|e|i|i|i|i|d|n|o|o|o|o|o||o|u|u|u|u|y|th|y|" +
    "a|a|a|a|a|a|c|c|c|c|c|c|c|c|d|d|d|d|e|e|e|e|e|e|e|e|e|e|g|g|g|g|" +
    "g|g|g|g|h|h|h|h|i|i|i|i|i|i|i|i|i|i|ij|ij|j|j|k|k|k|l|l|l|l|l|l|l|" +
    "l|l|l|n|n|n|n|n|n|n|n|n|o|o|o|o|o|o|oe|oe|r|r|r|r|r|r|s|s|s|s|s|s|" +
    "s|s|t|t|t|t|t|t|u|u|u|u|u|u|u|u|u|u|u|u|w|w|y|y|y|z|z|z|z|z|z|s").split("|");
  var SPLIT = 0, IGNORE = 1, KEEP = 2;
  var MAX_TOKEN = 40;

  function classify(cp) {
    if (cp === 0xad || (cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200d) ||
        cp === 0x2060 || (cp >= 0xfe00 && cp <= 0xfe0f) || cp === 0xfeff) {
      return IGNORE;
    }
    /* Surrogates: a code point past U+FFFF splits words, as in C. */
    if (cp < 0xc0 || (cp >= 0x2000 && cp <= 0x2bff) || (cp >= 0x2e00 && cp <= 0x2e7f) ||
        (cp >= 0x3000 && cp <= 0x303f) || (cp >= 0xd800 && cp <= 0xdfff) || cp >= 0xfe10) {
      return SPLIT;
    }
    return KEEP;
  }

  function tokens(text, all) {
    var out = [];
    var cur = "", chars = 0, start = 0, end = 0, tooLong = false, inWord = false;
    var prev = "", prevEnd = 0, havePrev = false;
    for (var i = 0; i <= text.length; i++) {
      var cls = SPLIT, piece = "";
      if (i < text.length) {
        var cp = text.charCodeAt(i);
        if (cp < 0x80) {
          if ((cp >= 97 && cp <= 122) || (cp >= 48 && cp <= 57)) {
            piece = text.charAt(i);
          } else if (cp >= 65 && cp <= 90) {
            piece = String.fromCharCode(cp + 32);
          }
          cls = piece ? KEEP : SPLIT;
        } else if (cp >= 0xc0 && cp <= 0x17f) {
          piece = FOLD[cp - 0xc0];
          cls = piece ? KEEP : SPLIT;
        } else {
          cls = classify(cp);
          piece = text.charAt(i);
        }
      }
      if (cls === KEEP) {
        if (!inWord) {
          cur = "";
          chars = 0;
          tooLong = false;
          start = i;
          inWord = true;
        }
        if (tooLong || chars + piece.length > MAX_TOKEN) {
          tooLong = true;
        } else {
          cur += piece;
          chars += piece.length;
        }
        end = i + 1;
      } else if (cls === SPLIT && inWord) {
        inWord = false;
        var hyphenated = havePrev && prevEnd + 1 === start && text.charAt(prevEnd) === "-";
        var repeats = hyphenated && !tooLong && prev.length >= cur.length &&
          prev.slice(prev.length - cur.length) === cur;
        if (repeats) {
          prevEnd = end;
          if (all) {
            out.push({t: cur, s: start, e: end});
          }
        } else if (!tooLong && chars >= 2) {
          out.push({t: cur, s: start, e: end});
          prev = cur;
          prevEnd = end;
          havePrev = true;
        } else {
          havePrev = false;
        }
      }
    }
    return out;
  }

  function isVowel(ch) {
    return ch === "a" || ch === "e" || ch === "i" || ch === "o" || ch === "u";
  }

  /* The stemmer's state: the word, its measure (vowels left) and the kind
   * of prefix taken off (0 none; 1 di-, meng-, ter-; 2 per-; 3 ke-, peng-;
   * 4 ber-), which decides the suffixes allowed. */
  function State(word, measure) {
    this.w = word;
    this.measure = measure;
    this.prefix = 0;
  }

  State.prototype.cut = function (at, len, put) {
    this.w = this.w.slice(0, at) + put + this.w.slice(at + len);
    this.measure--;
  };

  State.prototype.endsWith = function (suffix, floor) {
    var n = this.w.length - suffix.length;
    return n >= floor && this.w.slice(n) === suffix;
  };

  /* -kah, -lah, -pun; then -ku, -mu, -nya. */
  function removeEnding(st, endings) {
    for (var i = 0; i < endings.length; i++) {
      if (st.endsWith(endings[i], 0)) {
        st.cut(st.w.length - endings[i].length, endings[i].length, "");
        return;
      }
    }
  }

  /* -kan, -an, -i after the position floor; true when one was removed. */
  function removeSuffix(st, floor) {
    var w = st.w, n = w.length;
    if (st.endsWith("kan", floor) && st.prefix !== 3 && st.prefix !== 2) {
      st.cut(n - 3, 3, "");
      return true;
    }
    if (st.endsWith("an", floor) && st.prefix !== 1) {
      st.cut(n - 2, 2, "");
      return true;
    }
    /* Not after "s": keeps loan words such as "televisi" whole. */
    if (st.endsWith("i", floor) && st.prefix <= 2 && !(n - 2 >= floor && w.charAt(n - 2) === "s")) {
      st.cut(n - 1, 1, "");
      return true;
    }
    return false;
  }

  /* di-, ke-, meng-, peng-, ter- and their variants. Returns where the
   * rest of the word starts being examined (the algorithm's cursor), or -1
   * when there was no such prefix. */
  function removeFirstOrderPrefix(st) {
    var w = st.w;
    var vowelAfter = function (n) {
      return n < w.length && isVowel(w.charAt(n));
    };
    var two = w.slice(0, 2), three = w.slice(0, 3), four = w.slice(0, 4);
    if ((four === "meny" || four === "peny") && vowelAfter(4)) {
      st.prefix = four === "meny" ? 1 : 3;
      st.cut(0, 4, "s");
      return 1;
    }
    if (four === "meng" || four === "peng") {
      st.prefix = four === "meng" ? 1 : 3;
      st.cut(0, 4, "");
      return 0;
    }
    if (three === "mem" || three === "pem") {
      st.prefix = three === "mem" ? 1 : 3;
      if (vowelAfter(3)) {
        st.cut(0, 3, "p");
        return 2;
      }
      st.cut(0, 3, "");
      return 0;
    }
    if (three === "men" || three === "pen" || three === "ter") {
      st.prefix = three === "pen" ? 3 : 1;
      st.cut(0, 3, "");
      return 0;
    }
    if (two === "me" || two === "di" || two === "ke") {
      st.prefix = two === "ke" ? 3 : 1;
      st.cut(0, 2, "");
      return 0;
    }
    return -1;
  }

  /* per-, pe-, ber-, be- and the irregular pelajar, belajar, from at. */
  function removeSecondOrderPrefix(st, at) {
    var w = st.w;
    var starts = function (s) {
      return w.substr(at, s.length) === s;
    };
    if (starts("belajar") || starts("pelajar")) {
      if (w.charAt(at) === "b") {
        st.prefix = 4;
      }
      st.cut(at, 7, "ajar");
    } else if (starts("ber")) {
      st.prefix = 4;
      st.cut(at, 3, "");
    } else if (starts("per")) {
      st.prefix = 2;
      st.cut(at, 3, "");
    } else if (starts("be")) {
      /* be- only before a consonant and "er": bekerja → kerja. */
      if (at + 2 < w.length && !isVowel(w.charAt(at + 2)) && w.substr(at + 3, 2) === "er") {
        st.prefix = 4;
        st.cut(at, 2, "");
      }
    } else if (starts("pe")) {
      st.prefix = 2;
      st.cut(at, 2, "");
    }
  }

  function stem(word) {
    var measure = 0;
    for (var i = 0; i < word.length; i++) {
      if (isVowel(word.charAt(i))) {
        measure++;
      }
    }
    var st = new State(word, measure);
    if (st.measure <= 2) {
      return st.w;
    }
    removeEnding(st, ["kah", "lah", "pun"]);
    if (st.measure <= 2) {
      return st.w;
    }
    removeEnding(st, ["nya", "ku", "mu"]);
    if (st.measure <= 2) {
      return st.w;
    }
    var at = removeFirstOrderPrefix(st);
    if (at >= 0) {
      /* A second prefix comes off only when a suffix did. */
      if (st.measure > 2 && removeSuffix(st, at) && st.measure > 2) {
        removeSecondOrderPrefix(st, at);
      }
    } else {
      removeSecondOrderPrefix(st, 0);
      if (st.measure > 2) {
        removeSuffix(st, 0);
      }
    }
    return st.w;
  }

  global.lontarStemmer = {stem: stem, tokens: tokens};
})(typeof window !== "undefined" ? window : this);
