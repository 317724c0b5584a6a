#!/usr/bin/env bash
# A manager's merged pipeline at 100,000 deals and 1,000,000 statements,
# measured against the sqlite3 shell on the same file, in the same run:
# Tab completion and the welcome screen at a pseudo-terminal, the lists,
# export all / import all, start-up to the first question, and one answer.
# Wall times are the best of three (Tab and start-up: of seven), memory the
# largest peak (max RSS).
#
#   bench/pipeline/run.sh                      # full size, release build
#   OPPORTUNITIES=10000 bench/pipeline/run.sh
#   QUALIFY=/path/to/qualify bench/pipeline/run.sh
#
# The pipeline is bench/review/generate.sql's. Not part of `make test`: it measures, it does not check
# (except that the lists and export all write the same bytes as the shell: checked with cmp).
# EXCHANGE=0 leaves out export all / import all (minutes at full size); PIPELINE=0 leaves out
# everything at 100,000 deals and measures only a rep's database (start-up and one answer).
# REP_FOLDER=/dev/shm puts the rep's database on a RAM disk: a flush costs nothing there, so the
# per-answer ratio is all CPU (what qualify adds to SQLite's insert, unhidden by the disk).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
opportunities="${OPPORTUNITIES:-100000}"
out="$root/bench/out/pipeline"
db="$out/pipeline-$opportunities.sqlite"
mkdir -p "$out"

source "$root/bench/common.sh"
needs "sqlite3 time python3" sqlite3 /usr/bin/time python3
release_qualify .build-review
isolate "$out"
export QUALIFY_REP=bench

# best wall seconds (to the millisecond) and largest max-RSS (KiB) of three runs of "$@", output discarded
measure() {
    local best="" rss=0 seconds kib start end
    for _ in 1 2 3; do
        start=$(date +%s%N)
        /usr/bin/time -f "%M" -o "$out/time.txt" "$@" >/dev/null 2>"$out/stderr.txt" </dev/null
        end=$(date +%s%N)
        seconds=$(awk -v n=$(( end - start )) 'BEGIN { printf "%.4f", n / 1e9 }')
        read -r kib < "$out/time.txt"
        best=$(awk -v a="$best" -v b="$seconds" 'BEGIN { print (a == "" || b < a) ? b : a }')
        [ "$kib" -gt "$rss" ] && rss=$kib
    done
    echo "$best $rss"
}

line() {  # label qualify-seconds qualify-KiB sqlite3-seconds sqlite3-KiB
    awk -v l="$1" -v q="$2" -v qk="$3" -v s="$4" -v sk="$5" \
        'BEGIN { ratio = (s > 0) ? sprintf("%.2fx", q / s) : "-"
                 printf "%-44s %9.3f %9.3f %8s %9.1f %9.1f\n", l, q, s, ratio, qk / 1024, sk / 1024 }'
}

once() {  # seconds and max-RSS of one run of "$@"
    local start end
    start=$(date +%s%N)
    /usr/bin/time -f "%M" -o "$out/time.txt" "$@" >/dev/null </dev/null
    end=$(date +%s%N)
    echo "$(awk -v n=$(( end - start )) 'BEGIN { printf "%.3f", n / 1e9 }') $(cat "$out/time.txt")"
}
identical() {  # says whether qualify's output ($1) and the shell's ($2) are the same bytes
    cmp -s "$1" "$2" && echo "  (byte-identical to the sqlite3 shell's output)" || echo "  (DIFFERS from the sqlite3 shell's output)"
}

if [ "${PIPELINE:-1}" != 0 ]; then
if [ ! -s "$db" ]; then
    echo "Generating $opportunities opportunities and $((opportunities * 10)) statements in $db" >&2
    new_database "$db"
    { echo ".parameter set :opportunities $opportunities"; cat "$root/bench/review/generate.sql"; } | sqlite3 "$db" >/dev/null
fi
# Migrations run now, not inside a timing; this also brings the file into the page cache.
"$QUALIFY" stats --database "$db" >/dev/null

echo "== Tab and the welcome screen at a pseudo-terminal ($opportunities opportunities)"
python3 "$here/tab.py" "$QUALIFY" "$db"
read -r s_s _ < <(measure sqlite3 "$db" "SELECT name FROM opportunity WHERE name >= 'Account 1234 - Deal ' AND name < 'Account 1234 - Deal ' || char(1114111) ORDER BY name LIMIT 41")
printf '%-44s %8.1f ms (the same prefix query, process start included)\n' "sqlite3 shell" "$(awk -v s="$s_s" 'BEGIN { print s * 1000 }')"
read -r s_s _ < <(measure sqlite3 "$db" "SELECT 1")
printf '%-44s %8.1f ms (SELECT 1: the shell starting)\n' "sqlite3 shell" "$(awk -v s="$s_s" 'BEGIN { print s * 1000 }')"

echo
printf '%-44s %9s %9s %8s %9s %9s\n' "what ($opportunities opportunities)" "qualify s" "sqlite3 s" "ratio" "qual. MB" "sqlite MB"
read -r q_s q_kb < <(measure "$QUALIFY" --database "$db")
read -r s_s s_kb < <(measure sqlite3 "$db" "SELECT count(*) FROM opportunity")
line "qualify piped (welcome, nothing to show)" "$q_s" "$q_kb" "$s_s" "$s_kb"
# The shell's side writes the same bytes as qualify (the SQL files format every cell and pad the
# table's columns), so each pair does the same work; run.sh checks with cmp.
read -r q_s q_kb < <(measure "$QUALIFY" account list --database "$db")
read -r s_s s_kb < <(measure sqlite3 "$db" "SELECT name FROM account ORDER BY name")
line "account list" "$q_s" "$q_kb" "$s_s" "$s_kb"
"$QUALIFY" account list --database "$db" > "$out/qualify.txt"
sqlite3 "$db" "SELECT name FROM account ORDER BY name" > "$out/sqlite3.txt"
identical "$out/qualify.txt" "$out/sqlite3.txt"
read -r q_s q_kb < <(measure "$QUALIFY" opportunity list --database "$db")
read -r s_s s_kb < <(measure sqlite3 "$db" ".read $here/opportunity-list.sql")
line "opportunity list" "$q_s" "$q_kb" "$s_s" "$s_kb"
"$QUALIFY" opportunity list --database "$db" > "$out/qualify.txt"
sqlite3 "$db" ".read $here/opportunity-list.sql" > "$out/sqlite3.txt"
identical "$out/qualify.txt" "$out/sqlite3.txt"
filtered=(--stage Negotiation/Review --min-amount 250000 --sort amount --format csv)
read -r q_s q_kb < <(measure "$QUALIFY" opportunity list "${filtered[@]}" --database "$db")
read -r s_s s_kb < <(measure sqlite3 "$db" ".read $here/opportunity-list-filtered.sql")
line "opportunity list --stage --min-amount --sort" "$q_s" "$q_kb" "$s_s" "$s_kb"
"$QUALIFY" opportunity list "${filtered[@]}" --database "$db" > "$out/qualify.txt"
sqlite3 "$db" ".read $here/opportunity-list-filtered.sql" > "$out/sqlite3.txt"
identical "$out/qualify.txt" "$out/sqlite3.txt"

if [ "${EXCHANGE:-1}" != 0 ]; then
    # export all, and sqlite3's json_object writing the same bytes.
    read -r q_s q_kb < <(measure "$QUALIFY" export all --format jsonl -o "$out/qualify.jsonl" --force --database "$db")
    # The shell's SQL follows the tables and keys qualify's export just wrote.
    python3 "$here/exchange_sql.py" export "$db" "$out/qualify.jsonl" > "$out/export.sql"
    python3 "$here/exchange_sql.py" import "$db" "$out/qualify.jsonl" > "$out/import.sql"
    read -r s_s s_kb < <(measure sh -c "sqlite3 '$db' '.read $out/export.sql' > '$out/sqlite3.jsonl'")
    line "export all --format jsonl" "$q_s" "$q_kb" "$s_s" "$s_kb"
    identical "$out/qualify.jsonl" "$out/sqlite3.jsonl"

    # import all into a fresh database; sqlite3 reads the lines into a temporary table and json_extracts them.
    printf '.mode ascii\n.separator "\037" "\\n"\nCREATE TEMP TABLE line (line TEXT);\n.import %s line\n.read %s\n' \
        "$out/qualify.jsonl" "$out/import.sql" > "$out/import-run.sql"
    new_database "$out/import-q.sqlite"; new_database "$out/import-s.sqlite"
    read -r q_s q_kb < <(once "$QUALIFY" import all "$out/qualify.jsonl" --database "$out/import-q.sqlite")
    read -r s_s s_kb < <(once sqlite3 "$out/import-s.sqlite" ".read $out/import-run.sql")
    line "import all (the file above, FTS on)" "$q_s" "$q_kb" "$s_s" "$s_kb"
fi
fi  # PIPELINE

# A rep's own database: start-up to the first question, and one answer.
small="${REP_FOLDER:-$out}/rep.sqlite"
new_database "$small"
"$QUALIFY" account add "Acme Corp" --database "$small" >/dev/null
"$QUALIFY" opportunity add "Acme - Rollout" --account "Acme Corp" --database "$small" >/dev/null
echo
echo "== A rep's database: start-up and one answer"
read -r q_s q_kb < <(measure "$QUALIFY" interview "Acme - Rollout" --database "$small")
read -r s_s s_kb < <(measure sqlite3 "$small" "SELECT count(*) FROM statement")
line "interview piped until the first question" "$q_s" "$q_kb" "$s_s" "$s_kb"
q_ms=$(python3 "$here/start.py" "problem> " "$QUALIFY" interview "Acme - Rollout" --database "$small")
s_ms=$(python3 "$here/start.py" "sqlite> " sqlite3 "$small")
ms_line() {  # label qualify-ms sqlite3-ms
    printf '%-44s %8.3f ms %8.3f ms %7.2fx\n' "$1" "$2" "$3" "$(awk -v q="$2" -v s="$3" 'BEGIN { print q / s }')"
}
ms_line "at a terminal until the prompt" "$q_ms" "$s_ms"
# Most reps keep a config.yaml (who they are, their currency, who signs the letters): every command reads it.
mkdir -p "$XDG_CONFIG_HOME/qualify"
printf 'owner: Dana Reyes\ncurrency: EUR\nhomeDays: 30\nsender:\n  name: Dana Reyes\n  email: dana@example.com\n  company: Example GmbH\n' \
    > "$XDG_CONFIG_HOME/qualify/config.yaml"
q_ms=$(python3 "$here/start.py" "problem> " "$QUALIFY" interview "Acme - Rollout" --database "$small")
rm "$XDG_CONFIG_HOME/qualify/config.yaml"
ms_line "the same, with a config.yaml" "$q_ms" "$s_ms"

# 2,000 answers: a problem, a pain and 1,998 reasons; sqlite3 inserts as many rows, each its own
# transaction, into the same table with the same synchronous mode (FULL) and the same triggers.
answers=2000
python3 -c "
import sys
print('We lose share'); print('I cannot sleep')
for i in range($answers - 2): print(f'Reason {i}: the numbers arrive late')
print()" > "$out/answers.txt"
python3 -c "
print('PRAGMA synchronous = FULL;')
for i in range($answers):
    print(f\"INSERT INTO statement (uuid, opportunityId, field, position, text, capturedBy, capturedAt) VALUES (randomblob(16), 1, 'reasons', {i + 1}, 'Reason {i}: the numbers arrive late', 'bench', strftime('%Y-%m-%d %H:%M:%f', 'now'));\")
" > "$out/inserts.sql"
fresh_rep() {
    new_database "$small"
    "$QUALIFY" account add "Acme Corp" --database "$small" >/dev/null
    "$QUALIFY" opportunity add "Acme - Rollout" --account "Acme Corp" --database "$small" >/dev/null
}
elapsed_us() {  # microseconds "$@" takes
    local start end
    start=$(date +%s%N)
    "$@"
    end=$(date +%s%N)
    echo $(( (end - start) / 1000 ))
}
# Best of three each, qualify and the shell taking turns so both meet the same disk.
q_us="" s_us=""
for _ in 1 2 3; do
    fresh_rep
    us=$(elapsed_us sh -c "'$QUALIFY' interview 'Acme - Rollout' --database '$small' < '$out/answers.txt' >/dev/null 2>&1")
    if [ -z "$q_us" ] || [ "$us" -lt "$q_us" ]; then q_us=$us; fi
    fresh_rep
    us=$(elapsed_us sh -c "sqlite3 '$small' < '$out/inserts.sql' >/dev/null")
    if [ -z "$s_us" ] || [ "$us" -lt "$s_us" ]; then s_us=$us; fi
done
ms_line "per answer piped ($answers answers, synchronous FULL)" \
    "$(awk -v u="$q_us" -v n="$answers" 'BEGIN { print u / n / 1000 }')" "$(awk -v u="$s_us" -v n="$answers" 'BEGIN { print u / n / 1000 }')"

# What a rep lives: Enter -> the next question at a terminal, during a call's answers (answer.py),
# on 20 opportunities; the shell's Enter -> `sqlite> ` after as many INSERTs. The median: on shared
# cores a few answers wait for the scheduler, and the mean follows them (answer.py prints both).
new_database "$small"
"$QUALIFY" account add "Acme Corp" --database "$small" >/dev/null
calls=()
for i in $(seq 1 20); do
    "$QUALIFY" opportunity add "Acme - Call $i" --account "Acme Corp" --database "$small" >/dev/null
    calls+=("Acme - Call $i")
done
read -r _ q_ms q_n < <(python3 "$here/answer.py" qualify "$QUALIFY" "$small" "${calls[@]}")
read -r _ s_ms _ < <(python3 "$here/answer.py" sqlite3 "$small" "$q_n")
ms_line "per answer at a terminal, Enter to the prompt" "$q_ms" "$s_ms"
