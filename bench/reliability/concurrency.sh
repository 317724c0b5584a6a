#!/usr/bin/env bash
# One database file, at once: 4 interviews typed on pseudo-terminals, a
# `review` loop, and an `import opportunities --on-duplicate update` of
# IMPORT_ROWS rows (default 100,000) that changes nothing, then an import of as
# many new deals. Prints interviews ended early, errors
# shown to the rep, waits announced, answers acknowledged and lost, review
# failures, the longest time each import kept others from writing, and the
# longest an answer took from Enter to the next question.
#
#   bench/reliability/concurrency.sh
#   IMPORT_ROWS=20000 bench/reliability/concurrency.sh
source "$(dirname "$0")/common.sh"
python3 "$here/harness.py" concurrency
