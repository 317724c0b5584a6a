#!/usr/bin/env bash
# Times `qualify import opportunities` on 100,000 rows next to the sqlite3
# shell's own `.import` of the same file into a plain table, in the same run,
# and reports peak memory for 10,000 and 100,000 rows (it should be flat:
# rows are streamed). Also times the sqlite3 shell storing the same rows in
# qualify's schema, the floor under any import. Not part of `make test`.
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

# What SQLite alone needs to store the same rows in qualify's own schema (its
# unique and secondary indexes, foreign keys), from the plain table above:
# the floor under any import, before a single cell is read or checked.
run_floor() { # rows
  local home="$OUT/floor-$1"
  mkdir -p "$home"
  HOME="$home" XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" XDG_STATE_HOME="$home/state" \
    "$QUALIFY" import accounts "$OUT/accounts.csv" >/dev/null
  /usr/bin/time -f "%e %M" -o "$OUT/floor-time-$1" sqlite3 "$home/data/qualify/qualify.sqlite" \
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
  read -r q_seconds q_kb < "$OUT/time-$rows"
  read -r s_seconds s_kb < "$OUT/sqlite-$rows"
  read -r f_seconds _ < "$OUT/floor-time-$rows"
  size=$(du -k "$OUT/opportunities-$rows.csv" | cut -f1)
  ratio=$(python3 -c "print(f'{$q_seconds / max($s_seconds, 0.01):.1f}')")
  floor=$(python3 -c "print(f'{$f_seconds / max($s_seconds, 0.01):.1f}')")
  printf "%7d rows (%6d KiB CSV): qualify %6.2f s, peak %6d KiB | sqlite3 .import %5.2f s, peak %6d KiB | ratio %sx | sqlite3 into qualify's schema %5.2f s (%sx)\n" \
    "$rows" "$size" "$q_seconds" "$q_kb" "$s_seconds" "$s_kb" "$ratio" "$f_seconds" "$floor"
done
