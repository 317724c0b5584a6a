#!/usr/bin/env bash
# Mutated inputs, in turn: a piped interview, a CSV import, an `import all`
# JSONL file and random arguments (NUL, escapes, CR, invalid UTF-8, quotes,
# long lines). Prints inputs / crashes (signal, exit > 64, "Fatal error") /
# hangs (20 s) / partial writes (a refused import that changed a row count) /
# integrity failures (checked every 100 inputs).
#
#   bench/reliability/fuzz.sh            # 10,000 inputs
#   N=1000 SEED=7 bench/reliability/fuzz.sh
source "$(dirname "$0")/common.sh"
python3 "$here/harness.py" fuzz "${N:-10000}"
