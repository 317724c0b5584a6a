#!/usr/bin/env bash
# The manager's review at scale, measured against SQLite itself.
#
# Generates a pipeline of 100,000 opportunities and 1,000,000 statements (same
# data every run), then times `qualify review --search`, `review --field pain
# --stage X`, `review gaps` and `stats` next to the same SQL run through the
# sqlite3 shell on the same file, in the same run. Each figure is the best of
# three runs (wall time) and the largest peak memory (max RSS) seen.
#
#   bench/review/run.sh                 # full size, release build
#   OPPORTUNITIES=10000 bench/review/run.sh
#   QUALIFY=/path/to/qualify bench/review/run.sh
#
# Not part of `make test`: it takes minutes and measures, it does not check.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
opportunities="${OPPORTUNITIES:-100000}"
out="$root/bench/out/review"
db="$out/pipeline-$opportunities.sqlite"
mkdir -p "$out"

source "$root/bench/common.sh"
needs "sqlite3 time" sqlite3 /usr/bin/time
release_qualify .build-review
isolate "$out"

if [ ! -s "$db" ]; then
    echo "Generating $opportunities opportunities and $((opportunities * 10)) statements in $db" >&2
    # qualify creates the schema (and the FTS triggers); SQL fills it.
    new_database "$db"
    start=$(date +%s)
    { echo ".parameter set :opportunities $opportunities"; cat "$here/generate.sql"; } | sqlite3 "$db" >/dev/null
    echo "generated in $(( $(date +%s) - start )) s, $(du -h "$db" | cut -f1)" >&2
fi

# Migrations (if this qualify is newer than the file) run now, not inside a timing;
# this also brings the file into the page cache for both contestants.
"$QUALIFY" stats --database "$db" >/dev/null

# best wall seconds and largest max-RSS (KiB) of three runs of "$@", output discarded
measure() {
    local best="" rss=0 seconds kib
    for _ in 1 2 3; do
        /usr/bin/time -f "%e %M" -o "$out/time.txt" "$@" >/dev/null
        read -r seconds kib < "$out/time.txt"
        best=$(awk -v a="$best" -v b="$seconds" 'BEGIN { print (a == "" || b < a) ? b : a }')
        [ "$kib" -gt "$rss" ] && rss=$kib
    done
    echo "$best $rss"
}

printf '%-34s %10s %10s %10s %8s %10s %10s\n' "query ($opportunities opportunities)" "qualify s" "sqlite3 s" "ratio" "rows" "qualify MB" "sqlite3 MB"
# The SQL qualify runs, as files for sqlite3; gaps and stats share the per-opportunity CTE.
mkdir -p "$out/queries"
cp "$here/queries/search.sql" "$here/queries/pain-in-stage.sql" "$out/queries/"
for tail in gaps stats; do
    grep -hv '^--' "$here/queries/qualification.sql" "$here/queries/$tail.sql" > "$out/queries/$tail.sql"
done

row() {
    local label="$1" sql="$out/queries/$2"; shift 2
    read -r q_s q_kb < <(measure "$QUALIFY" "$@" --database "$db")
    read -r s_s s_kb < <(measure sqlite3 -csv "$db" ".read $sql")
    local rows
    rows=$(sqlite3 "$db" "SELECT count(*) FROM ($(grep -v '^--' "$sql" | sed 's/;[[:space:]]*$//'))")
    awk -v l="$label" -v q="$q_s" -v s="$s_s" -v r="$rows" -v qk="$q_kb" -v sk="$s_kb" \
        'BEGIN { ratio = (s > 0) ? sprintf("%.2fx", q / s) : "-"
                 printf "%-34s %10.2f %10.2f %10s %8d %10.1f %10.1f\n", l, q, s, ratio, r, qk / 1024, sk / 1024 }'
}

row "review --search \"forecast board\"" search.sql review --search "forecast board" --format csv
row "review --field pain --stage X" pain-in-stage.sql review --field pain --stage "Negotiation/Review" --format csv
row "review gaps" gaps.sql review gaps
row "stats" stats.sql stats --format json

# What a manager waits for on screen: the first 40 lines of the table.
first_page() {
    local start end
    start=$(date +%s%N)
    "$QUALIFY" "$@" --database "$db" | head -n 40 >/dev/null
    end=$(date +%s%N)
    echo $(( (end - start) / 1000000 ))
}
for args in "review" "review --field pain --stage Negotiation/Review" "review --search forecast"; do
    best=""
    for _ in 1 2 3; do
        # shellcheck disable=SC2086
        ms=$(first_page $args)
        if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
    done
    printf 'first page of `qualify %s`: %d ms\n' "$args" "$best"
done
