#!/usr/bin/env bash
# One database file, at once: 4 interviews typed on pseudo-terminals, a
# `review` loop, and an `import opportunities --on-duplicate update` of
# IMPORT_ROWS rows (default 100,000). Prints interviews ended early, errors
# shown to the rep, waits announced, answers acknowledged and lost, review
# failures, and the longest time the import kept others from writing.
#
#   bench/reliability/concurrency.sh
#   IMPORT_ROWS=20000 bench/reliability/concurrency.sh
source "$(dirname "$0")/common.sh"
python3 "$here/harness.py" concurrency
