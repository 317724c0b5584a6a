#!/usr/bin/env bash
# kill -9 at random points of interviews (typed on a pseudo-terminal, one
# answer at a time) and CSV imports, on one growing database. An answer is
# acknowledged when the next prompt appears; an import when it exited 0.
# Prints trials / acknowledged / lost / integrity failures / partial imports.
#
#   bench/reliability/kill.sh            # 1,000 trials, release build
#   N=100 bench/reliability/kill.sh      # fewer
#   QUALIFY=.build/debug/qualify bench/reliability/kill.sh
source "$(dirname "$0")/common.sh"
python3 "$here/harness.py" kill "${N:-1000}"
