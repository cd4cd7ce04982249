#!/usr/bin/env bash
# The bundled curriculum: it checks clean, builds in both editions, and its
# output has the facts a training institute relies on.
. "$(dirname "$0")/lib.sh"
export LONTAR_HANDBOOK_PDF=never
content=$(copy_content)

run check "$content" --strict
expect_status 0
run check "$content" --strict --edition pelatih
expect_status 0

run build "$content" -o "$WORK/peserta" --strict
expect_status 0
run build "$content" -o "$WORK/pelatih" --strict --edition pelatih
expect_status 0

# Seven modules, each with a summary box.
n=$(ls "$WORK/peserta/modul" | grep -c '^m[1-7]-.*\.html$')
[ "$n" -eq 7 ] || fail "expected 7 module pages, got $n"
ok
for m in "$WORK"/peserta/modul/m*.html; do expect_contains "$m" 'class="module-summary"'; done
# The coverage matrix has no gaps: every competency covered, mastered, assessed.
expect_contains "$WORK/peserta/kompetensi/index.html" 'class="coverage-complete"'
expect_not_contains "$WORK/peserta/kompetensi/index.html" '<tr class="gap">'
# Trainer notes only in the trainer edition: nowhere in the participant folder.
if grep -rq 'class="directive directive-pelatih"' "$WORK/peserta"; then fail "trainer notes in the participant edition"; fi
ok
[ "$(grep -rl 'class="directive directive-pelatih"' "$WORK/pelatih" | wc -l)" -ge 7 ] || fail "trainer notes missing"
ok
# The shipped plugins: timetable, TNA form, quizzes.
expect_contains "$WORK/peserta/jadwal.html" '<h2>Hari 1'
expect_contains "$WORK/peserta/penilaian-kebutuhan.html" 'id="tna-form"'
# At least 15,000 words of teaching material.
words=$(cat "$content"/*.md "$content"/*/*.md "$content"/kompetensi/*.yml | wc -w)
[ "$words" -ge 15000 ] || fail "only $words words"
ok
finish
