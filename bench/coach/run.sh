#!/bin/sh
# The coach's judgments against the labelled statements: one confusion table
# per judgment (rows: the label, columns: what `qualify coach` judged), with
# precision and recall per label. `-v` also lists every miss with its evidence.
#
#   bench/coach/run.sh [-v]
#
# coach-statements.jsonl was written before the rules; the held-out set was
# written after them and never used to change a rule, so it shows how the
# rules do on sentences they were not shaped by.
set -eu
cd "$(dirname "$0")/../.."
swift build --product qualify >/dev/null
binary=${QUALIFY_BINARY:-.build/debug/qualify}
for set in coach-statements coach-statements-held-out; do
    echo "== $set ($(wc -l < Tests/QualifyKitTests/Fixtures/$set.jsonl) statements)"
    python3 bench/coach/evaluate.py "$binary" "Tests/QualifyKitTests/Fixtures/$set.jsonl" ${1:+"$1"}
    echo
done
