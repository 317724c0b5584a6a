# Shared by kill.sh, fuzz.sh and concurrency.sh: a release build and a scratch folder.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
if [ -z "${QUALIFY:-}" ]; then
    swift build -c release --scratch-path "$root/.build-reliability" --product qualify >&2
    QUALIFY="$root/.build-reliability/release/qualify"
fi
export QUALIFY
export WORK="${WORK:-$root/bench/out/reliability/$(basename "$0" .sh)}"
rm -rf "$WORK"
mkdir -p "$WORK"
command -v python3 >/dev/null || { echo "needs python3" >&2; exit 1; }
