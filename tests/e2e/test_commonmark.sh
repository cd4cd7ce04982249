#!/usr/bin/env bash
# The pipeline adds to cmark-gfm's HTML and never changes it: the body of a
# page equals cmark-gfm's own output for the same input, once the heading
# self-links lontar adds are taken out and the footnote back-links' label,
# which lontar gives in the site's language, is put back in English.
. "$(dirname "$0")/lib.sh"
command -v cmark-gfm >/dev/null || fail "cmark-gfm is not installed (scripts/install-deps.sh installs it)"

site="$FIXTURES/commonmark"
run build "$site" -o "$WORK/out"
expect_status 0
# The label is Indonesian (the default language) before it is put back.
expect_contains "$WORK/out/index.html" 'class="footnote-backref" data-footnote-backref aria-label="Kembali ke teks"'
sed -E -e 's|<a class="heading-anchor" id="[^"]*" href="#[^"]*" aria-label="[^"]*">#</a>||g' \
  -e 's|aria-label="Kembali ke teks"|aria-label="Back to content"|g' \
  "$WORK/out/index.html" >"$WORK/lontar.html"
cmark-gfm -e footnotes -e table -e strikethrough -e autolink -e tasklist \
  "$site/index.md" >"$WORK/cmark.html"
diff -u "$WORK/cmark.html" "$WORK/lontar.html" || fail "body HTML differs from cmark-gfm's"
ok
# The anchors really were there before being taken out.
expect_contains "$WORK/out/index.html" 'id="unicode-heading-with-dash"'
expect_contains "$WORK/out/index.html" 'id="setext-heading"'
# Safe by default: raw HTML omitted, like cmark-gfm without --unsafe.
expect_contains "$WORK/out/index.html" '<!-- raw HTML omitted -->'

# markdown.unsafe: true passes raw HTML through, again exactly like cmark-gfm.
cp -r "$site" "$WORK/unsafe"
printf 'markdown:\n  unsafe: true\n' >"$WORK/unsafe/lontar.yml"
run build "$WORK/unsafe" -o "$WORK/out2"
expect_status 0
expect_contains "$WORK/out2/index.html" '<span>raw html</span>'
sed -E -e 's|<a class="heading-anchor" id="[^"]*" href="#[^"]*" aria-label="[^"]*">#</a>||g' \
  -e 's|aria-label="Kembali ke teks"|aria-label="Back to content"|g' \
  "$WORK/out2/index.html" >"$WORK/lontar2.html"
cmark-gfm --unsafe -e footnotes -e table -e strikethrough -e autolink -e tasklist \
  "$site/index.md" >"$WORK/cmark2.html"
diff -u "$WORK/cmark2.html" "$WORK/lontar2.html" || fail "unsafe body HTML differs"
ok
finish
