#!/usr/bin/env bash
# The browser must cut and stem a query exactly as the index was: the
# tokeniser and the Snowball Indonesian stemmer of stemmer-id.js against
# src/render/search_text.c (libstemmer), on every distinct word of the
# bundled content, on word forms made from Indonesian affixes, and on
# tricky text (reduplication, accents, other scripts, emoji).
. "$(dirname "$0")/lib.sh"
: "${LT_STEM_WORDS:?set LT_STEM_WORDS to the lt_stem_words test tool}"
command -v node >/dev/null || fail "node is needed (scripts/install-deps.sh installs nodejs)"
stemmer_js="$LT_SOURCE_DIR/themes/default/assets/stemmer-id.js"

# node STEMMER [--tokens] < input: what stemmer-id.js makes of it, in
# lt_stem_words' format.
cat >"$WORK/stem.js" <<'JS'
var fs = require("fs"), vm = require("vm");
var sandbox = {};
sandbox.window = sandbox;
vm.createContext(sandbox);
vm.runInContext(fs.readFileSync(process.argv[2], "utf8"), sandbox);
var st = sandbox.lontarStemmer, input = fs.readFileSync(0, "utf8"), out = [];
if (process.argv[3] === "--tokens") {
  st.tokens(input).forEach(function (t) { out.push(t.t + "\t" + st.stem(t.t)); });
} else {
  input.split("\n").forEach(function (w) { if (w) out.push(w + "\t" + st.stem(w)); });
}
process.stdout.write(out.length ? out.join("\n") + "\n" : "");
JS

# compare NAME [--tokens] < input
compare() {
  local name=$1
  shift
  cat >"$WORK/$name.in"
  "$LT_STEM_WORDS" "$@" <"$WORK/$name.in" >"$WORK/$name.c"
  node "$WORK/stem.js" "$stemmer_js" "$@" <"$WORK/$name.in" >"$WORK/$name.js"
  if ! diff "$WORK/$name.c" "$WORK/$name.js" >"$WORK/$name.diff"; then
    fail "$name: stemmer-id.js differs from libstemmer (< C, > JS):
$(head -40 "$WORK/$name.diff")"
  fi
  ok
}

# Every distinct word of the bundled content.
find "$LT_SOURCE_DIR/content" -name '*.md' -print0 | sort -z | xargs -0 cat >"$WORK/content.txt"
"$LT_STEM_WORDS" --tokens <"$WORK/content.txt" | cut -f1 | sort -u >"$WORK/words.txt"
n=$(wc -l <"$WORK/words.txt")
[ "$n" -ge 300 ] || fail "only $n distinct words in content/"
ok
compare content-words <"$WORK/words.txt"

# Word forms from the affixes the algorithm knows, on roots of every shape.
{
  for pre in "" di ke me mem men meng meny pem pen peng peny ter; do
    for pre2 in "" per pe ber be bel pel belajar pelajar; do
      for root in ajar baik latih kerja daya sapu akai baca ulis sejahtera ledak televisi \
        ikut ambil ubah erat isi esa usaha olah yanyi si kan an a lajar rajin kerti; do
        for suf in "" kan an i si nya ku mu lah kah pun annya kannya inya kanlah nyalah kupun; do
          echo "$pre$pre2$root$suf"
        done
      done
    done
  done
} | sort -u >"$WORK/forms.txt"
compare affix-forms <"$WORK/forms.txt"

# The tokeniser on all the content, then on text made to trip it.
compare content-tokens --tokens <"$WORK/content.txt"
printf '%s\n' 'Buku-buku buku-buku-buku BERLARI-LARI sayur-mayur x-x anak-k Anak-anaknya' \
  'CAFÉ naïve Straße ÆØÅ œuvre ĳs ×÷ 3×4 日本語 Ωμέγα ПРИВЕТ мир' \
  "$(printf 'e\xcc\x81tude soft\xc2\xadhyphen zero\xe2\x80\x8bwidth emoji\xf0\x9f\x98\x80here')" \
  '“kutip” «ini» —dash— ﬁne 5K M1 a-b (Pelatihan) [[m1]] `kode_ini` http://contoh.id/a-b' \
  "$(printf 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa-aaaa abc-%050d-bc kata-kata-' 0)" |
  compare tricky-tokens --tokens
finish
