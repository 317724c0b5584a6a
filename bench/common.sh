# Sourced by bench/*/run.sh (after setting $root): what every benchmark does
# before it measures, written once.

# needs "APT PACKAGES" TOOL...: stops with the line that installs a missing tool.
needs() {
    local packages="$1"; shift
    for tool in "$@"; do
        if ! command -v "$tool" >/dev/null; then
            echo "run.sh needs $tool: apt-get install -y $packages" >&2
            exit 1
        fi
    done
}

# release_qualify SCRATCH: $QUALIFY, else a release build in $root/SCRATCH.
release_qualify() {
    if [ -z "${QUALIFY:-}" ]; then
        swift build -c release --scratch-path "$root/$1" --product qualify >&2
        QUALIFY="$root/$1/release/qualify"
    fi
}

# installed_qualify SCRATCH: $QUALIFY, else the binary `make install` builds (its flags,
# `make install-flags`: the Swift runtime linked in), built in $root/SCRATCH.
installed_qualify() {
    if [ -z "${QUALIFY:-}" ]; then
        # shellcheck disable=SC2046 # the flags are words
        swift build -c release $(make -s --no-print-directory -C "$root" install-flags) \
            --scratch-path "$root/$1" --product qualify >&2
        QUALIFY="$root/$1/release/qualify"
    fi
}

# isolate OUT: qualify must not read the developer's own config, colours or backups.
isolate() {
    export XDG_CONFIG_HOME="$1/config" XDG_DATA_HOME="$1/data" XDG_STATE_HOME="$1/state" NO_COLOR=1
}

# new_database PATH: an empty qualify database, schema and triggers, no rows. The piped
# assistant with nothing to read creates it (reading commands like stats refuse a missing file).
new_database() {
    rm -f "$1" "$1-wal" "$1-shm"
    "$QUALIFY" --database "$1" </dev/null >/dev/null 2>&1
}
