#!/usr/bin/env bash
# Times `qualify import opportunities` on 100,000 rows next to the sqlite3
# shell in the same run, and reports peak memory for 10,000 and 100,000 rows
# (it should be flat: rows are streamed). Two shell figures:
#   floor  the shell storing the same rows in qualify's schema from an
#          already-loaded plain table (the goal is qualify within 1.5x of it);
#   whole  the shell's own CSV -> schema path: `.import` into a plain table,
#          then that same INSERT ... SELECT (both steps timed, added up).
# Then, at 100,000 rows, RUNS (default 5) runs of qualify and of the floor
# alternated, and their CPU time (user + sys) as medians: wall seconds on a
# busy machine measure the scheduler, CPU time the work.
# Not part of `make test`.
#   bench/import/run.sh                          # builds the binary `make install` builds first
#   QUALIFY=path/to/qualify bench/import/run.sh  # times that binary
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
source bench/common.sh
needs "sqlite3 time python3" sqlite3 /usr/bin/time python3
installed_qualify .build-lld
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

run_qualify() { # rows
  local home="$OUT/home-$1"
  rm -rf "$home"; mkdir -p "$home"
  HOME="$home" XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" XDG_STATE_HOME="$home/state" \
    "$QUALIFY" import accounts "$OUT/accounts.csv" >/dev/null
  HOME="$home" XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" XDG_STATE_HOME="$home/state" \
    /usr/bin/time -f "%e %M %U %S" -o "$OUT/time-$1" "$QUALIFY" import opportunities "$OUT/opportunities-$1.csv" >/dev/null
}

run_sqlite() { # rows
  /usr/bin/time -f "%e %M" -o "$OUT/sqlite-$1" \
    sqlite3 "$OUT/plain-$1.sqlite" ".import --csv $OUT/opportunities-$1.csv opportunity" >/dev/null
}

# What SQLite alone needs to store the same rows in qualify's own schema (its
# unique and secondary indexes, foreign keys), from the plain table above:
# the floor under any import, before a single cell is read or checked.
run_floor() { # rows
  local home="$OUT/floor-$1"
  rm -rf "$home"; mkdir -p "$home"
  HOME="$home" XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" XDG_STATE_HOME="$home/state" \
    "$QUALIFY" import accounts "$OUT/accounts.csv" >/dev/null
  /usr/bin/time -f "%e %M %U %S" -o "$OUT/floor-time-$1" sqlite3 "$home/data/qualify/qualify.sqlite" \
    "PRAGMA foreign_keys = ON; PRAGMA cache_size = -8192; ATTACH '$OUT/plain-$1.sqlite' AS plain; BEGIN;
     INSERT INTO opportunity (uuid, name, accountId, createdAt, amountHundredths, currency, closeDate, stageId,
                              probability, nextMilestone, owner, leadSource, description)
     SELECT CAST(printf('%016x', p.rowid) AS BLOB), p.\"Opportunity Name\",
            (SELECT id FROM account WHERE name = p.\"Account Name\"), '2026-01-01 00:00:00.000',
            CAST(round(p.Amount * 100) AS INTEGER), p.Currency, p.\"Expected Close Date\",
            (SELECT id FROM stage WHERE name = p.\"Sales Stage\"), 10, p.\"Next Step\", 'bench', p.\"Lead Source\", p.Description
     FROM plain.opportunity AS p; COMMIT;" >/dev/null
}

for rows in 10000 100000; do
  python3 bench/import/generate.py "$rows" "$OUT/opportunities-$rows.csv" "$OUT/accounts.csv"
  run_qualify "$rows"
  run_sqlite "$rows"
  run_floor "$rows"
  read -r q_seconds q_kb _ < "$OUT/time-$rows"
  read -r s_seconds s_kb < "$OUT/sqlite-$rows"
  read -r f_seconds _ _ < "$OUT/floor-time-$rows"
  size=$(du -k "$OUT/opportunities-$rows.csv" | cut -f1)
  ratios=$(python3 -c "q, s, f = $q_seconds, max($s_seconds, 0.01), max($f_seconds, 0.01); print(f'{q / f:.2f}x {s + f:.2f} {q / (s + f):.2f}x')")
  read -r floor_ratio whole whole_ratio <<< "$ratios"
  printf "%7d rows (%6d KiB CSV): qualify %5.2f s, peak %6d KiB | floor (sqlite3 into qualify's schema) %5.2f s: qualify %s | whole (sqlite3 .import %5.2f s + floor) %5.2f s: qualify %s | sqlite3 .import peak %6d KiB\n" \
    "$rows" "$size" "$q_seconds" "$q_kb" "$f_seconds" "$floor_ratio" "$s_seconds" "$whole" "$whole_ratio" "$s_kb"
done

runs=${RUNS:-5}
: > "$OUT/cpu"
for _ in $(seq "$runs"); do
  run_qualify 100000
  run_floor 100000
  read -r qe _ qu qs < "$OUT/time-100000"
  read -r fe _ fu fs < "$OUT/floor-time-100000"
  echo "$qe $qu $qs $fe $fu $fs" >> "$OUT/cpu"
done
python3 - "$OUT/cpu" "$runs" <<'PY'
import statistics, sys
rows = [list(map(float, line.split())) for line in open(sys.argv[1])]
qw, fw = statistics.median(r[0] for r in rows), statistics.median(r[3] for r in rows)
q, f = statistics.median(r[1] + r[2] for r in rows), statistics.median(r[4] + r[5] for r in rows)
print(f" 100000 rows, median of {sys.argv[2]} alternated: wall qualify {qw:.2f} s, floor {fw:.2f} s: qualify {qw / fw:.2f}x"
      f" | CPU (user + sys) qualify {q:.3f} s, floor {f:.3f} s: qualify {q / f:.2f}x")
PY
uptime
