#!/usr/bin/env bash
# Times `qualify import opportunities` on 100,000 rows next to the sqlite3
# shell's own `.import` of the same file into a plain table, in the same run,
# and reports peak memory for 10,000 and 100,000 rows (it should be flat:
# rows are streamed). Not part of `make test`.
#   bench/import/run.sh            # builds the release binary first
set -euo pipefail
cd "$(dirname "$0")/../.."
SCRATCH=${SCRATCH:-.build-bench}
command -v sqlite3 >/dev/null || { echo "needs the sqlite3 shell: apt-get install -y sqlite3"; exit 1; }
[ -x /usr/bin/time ] || { echo "needs GNU time: apt-get install -y time"; exit 1; }
if ! build=$(swift build -c release --scratch-path "$SCRATCH" --product qualify 2>&1); then
  echo "$build" | tail -20
  exit 1
fi
QUALIFY="$SCRATCH/release/qualify"
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

run_qualify() { # rows
  local home="$OUT/home-$1"
  mkdir -p "$home"
  HOME="$home" XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" XDG_STATE_HOME="$home/state" \
    "$QUALIFY" import accounts "$OUT/accounts.csv" >/dev/null
  HOME="$home" XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" XDG_STATE_HOME="$home/state" \
    /usr/bin/time -f "%e %M" -o "$OUT/time-$1" "$QUALIFY" import opportunities "$OUT/opportunities-$1.csv" >/dev/null
}

run_sqlite() { # rows
  /usr/bin/time -f "%e %M" -o "$OUT/sqlite-$1" \
    sqlite3 "$OUT/plain-$1.sqlite" ".import --csv $OUT/opportunities-$1.csv opportunity" >/dev/null
}

for rows in 10000 100000; do
  python3 bench/import/generate.py "$rows" "$OUT/opportunities-$rows.csv" "$OUT/accounts.csv"
  run_qualify "$rows"
  run_sqlite "$rows"
  read -r q_seconds q_kb < "$OUT/time-$rows"
  read -r s_seconds s_kb < "$OUT/sqlite-$rows"
  size=$(du -k "$OUT/opportunities-$rows.csv" | cut -f1)
  ratio=$(python3 -c "print(f'{$q_seconds / max($s_seconds, 0.01):.1f}')")
  printf "%7d rows (%6d KiB CSV): qualify %6.2f s, peak %6d KiB | sqlite3 .import %5.2f s, peak %6d KiB | ratio %sx\n" \
    "$rows" "$size" "$q_seconds" "$q_kb" "$s_seconds" "$s_kb" "$ratio"
done
