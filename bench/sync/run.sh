#!/usr/bin/env bash
# A team's first sync and an incremental one, against psql \copy of the same rows.
#
# Builds the review benchmark's pipeline (bench/review/generate.sql: N opportunities,
# 10 N statements, N/10 accounts), starts a throwaway PostgreSQL cluster on a Unix
# socket, and in the same run times:
#   1. `qualify sync` of the whole file into an empty team database (first sync);
#   2. psql \copy of the same rows (exported to CSV beforehand, not timed) into a
#      second team database with the same schema, indexes and triggers;
#   3. `qualify sync` after 100 new answers (incremental);
#   4. `qualify sync` of an empty laptop, pulling the whole team (a manager's first sync).
# Wall time and peak memory (max RSS) come from /usr/bin/time.
#
#   bench/sync/run.sh                    # 100,000 opportunities, 1,000,000 statements
#   OPPORTUNITIES=10000 bench/sync/run.sh
#
# Run as root (the cluster runs as the postgres system user) or as a user who may run initdb.
# Not part of `make test`: it measures, it does not check.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
opportunities="${OPPORTUNITIES:-100000}"
out="$root/bench/out/sync"
mkdir -p "$out"
db="$out/pipeline-$opportunities.sqlite"

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
source "$root/bench/common.sh"
needs "sqlite3 time postgresql" sqlite3 /usr/bin/time psql "$bin/pg_ctl"
release_qualify .build-bench
isolate "$out"
export QUALIFY_REP="Bench Rep"

new_database "$db"
{ echo ".parameter set :opportunities $opportunities"; cat "$root/bench/review/generate.sql"; } | sqlite3 "$db" >/dev/null
echo "pipeline: $(sqlite3 "$db" 'SELECT count(*) FROM opportunity') opportunities, $(sqlite3 "$db" 'SELECT count(*) FROM statement') statements, $(du -h "$db" | cut -f1)" >&2

# The cluster, as the tests start it: a temporary folder, a Unix socket only.
cluster=$(mktemp -d /tmp/qualify-bench-pg.XXXXXX)
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
[ "$(id -u)" = 0 ] && chown postgres "$cluster"
as_postgres "$bin/initdb" -D "$cluster/data" -U postgres --auth-local=trust -E UTF8 --locale=C.UTF-8 >/dev/null
as_postgres "$bin/pg_ctl" -D "$cluster/data" -l "$cluster/log" -w \
    -o "-k $cluster -p 5433 -c listen_addresses='' -c shared_buffers=256MB -c max_wal_size=4GB" start >/dev/null
trap 'as_postgres "$bin/pg_ctl" -D "$cluster/data" -m fast -w stop >/dev/null; rm -rf "$cluster"' EXIT
pg() { psql -X -q -h "$cluster" -p 5433 -U postgres "$@"; }
pg -c "CREATE DATABASE team" -c "CREATE DATABASE copied"
url() { echo "postgres://postgres@/$1?host=$cluster&port=5433"; }
for database in team copied; do
    "$QUALIFY" server init "$(url $database)" >/dev/null
    # The superuser syncs as a manager: row-level security does not apply to it, so every rep's rows go up.
    "$QUALIFY" server add-manager postgres --name "$QUALIFY_REP" "$(url $database)" >/dev/null
done

# The same rows as CSV, in the columns qualify sends, references as uuids.
u() { echo "lower(hex($1))"; }
ref() { echo "(SELECT lower(hex(uuid)) FROM $1 r WHERE r.id = t.$2)"; }
export_csv() { sqlite3 -csv "$db" "$2" > "$out/$1.csv"; }
export_csv account "SELECT $(u uuid), name, createdAt FROM account t ORDER BY id"
export_csv opportunity "SELECT $(u uuid), name, isDemo, createdAt, amountHundredths, currency, closeDate, probability, nextMilestone, owner, $(ref account accountId), (SELECT name FROM stage s WHERE s.id = t.stageId) FROM opportunity t ORDER BY id"
export_csv statement "SELECT $(u uuid), field, position, text, capturedBy, capturedAt, $(ref opportunity opportunityId), $(ref statement replacesId) FROM statement t ORDER BY id"
export_csv letter "SELECT $(u uuid), body, draftedBy, draftedAt, $(ref opportunity opportunityId) FROM letter t ORDER BY id"
client=00000000-0000-0000-0000-000000000001

measure() { /usr/bin/time -f "%e %M" -o "$out/time.txt" "$@" > "$out/last.txt"; cat "$out/time.txt"; }

read -r sync_s sync_kb < <(measure "$QUALIFY" sync --database "$db" --server "$(url team)")
cat "$out/last.txt" >&2
copy_script="$out/copy.sql"
cat > "$copy_script" <<SQL
BEGIN;
ALTER TABLE qualify.account ALTER COLUMN "syncedFrom" SET DEFAULT '$client';
ALTER TABLE qualify.opportunity ALTER COLUMN "syncedFrom" SET DEFAULT '$client';
ALTER TABLE qualify.statement ALTER COLUMN "syncedFrom" SET DEFAULT '$client';
ALTER TABLE qualify.letter ALTER COLUMN "syncedFrom" SET DEFAULT '$client';
\copy qualify.account (uuid, name, "createdAt") FROM '$out/account.csv' CSV
\copy qualify.opportunity (uuid, name, "isDemo", "createdAt", "amountHundredths", currency, "closeDate", probability, "nextMilestone", owner, account, stage) FROM '$out/opportunity.csv' CSV
\copy qualify.statement (uuid, field, position, text, "capturedBy", "capturedAt", opportunity, replaces) FROM '$out/statement.csv' CSV
\copy qualify.letter (uuid, body, "draftedBy", "draftedAt", opportunity) FROM '$out/letter.csv' CSV
COMMIT;
SQL
read -r copy_s copy_kb < <(measure psql -X -q -v ON_ERROR_STOP=1 -h "$cluster" -p 5433 -U postgres -d copied -f "$copy_script")

# 100 new answers on one deal, as an interview would add them.
sqlite3 "$db" "INSERT INTO statement (uuid, opportunityId, field, position, text, capturedBy, capturedAt)
  WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100)
  SELECT randomblob(16), 1, 'impacts', 100 + i, 'new answer ' || i, 'Bench Rep', strftime('%Y-%m-%d %H:%M:%f', 'now') FROM n"
read -r incr_s incr_kb < <(measure "$QUALIFY" sync --database "$db" --server "$(url team)")
cat "$out/last.txt" >&2

# A manager's empty laptop pulls the whole team.
rm -f "$out/manager.sqlite"*
read -r pull_s pull_kb < <(measure "$QUALIFY" sync --database "$out/manager.sqlite" --server "$(url team)")
cat "$out/last.txt" >&2

rows="$(pg -At -d team -c 'SELECT count(*) FROM qualify.statement') statements synced, $(pg -At -d copied -c 'SELECT count(*) FROM qualify.statement') copied"
echo "$rows" >&2
printf '%-44s %10s %10s\n' "sync, $opportunities opportunities" "seconds" "peak MB"
mb() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
printf '%-44s %10.2f %10s\n' "qualify sync (first, into an empty team)" "$sync_s" "$(mb "$sync_kb")"
printf '%-44s %10.2f %10s\n' "psql \\copy of the same rows" "$copy_s" "$(mb "$copy_kb")"
printf '%-44s %10s\n' "ratio" "$(awk -v a="$sync_s" -v b="$copy_s" 'BEGIN { printf "%.2fx", a / b }')"
printf '%-44s %10.2f %10s\n' "qualify sync (100 new answers)" "$incr_s" "$(mb "$incr_kb")"
printf '%-44s %10.2f %10s\n' "qualify sync (empty laptop pulls everything)" "$pull_s" "$(mb "$pull_kb")"
