# `make run` and `make test` work on a fresh Debian machine with Swift 6.3:
# both install the two C libraries qualify links against before building; `make test`
# also installs PostgreSQL (server, psql) and openssl, which the team-sync tests run for
# real, and Python's icalendar, which the letter tests read calendars back with.
SWIFT ?= swift
BUILD_FLAGS ?=
# Headers the build needs, and the Debian packages that provide them.
DEPS_HEADERS := /usr/include/histedit.h /usr/include/sqlite3.h
DEPS_PACKAGES := libedit-dev libsqlite3-dev pkg-config
TEST_PACKAGES := postgresql openssl

.PHONY: run test build release install install-flags deps test-deps apt-install clean bench man

run: build
	@.build/debug/qualify

test: test-deps
	$(SWIFT) build --build-tests $(BUILD_FLAGS)
	$(SWIFT) test --skip-build $(BUILD_FLAGS)

build: deps
	$(SWIFT) build $(BUILD_FLAGS)

release: deps
	$(SWIFT) build -c release $(BUILD_FLAGS)

# The binary carries Prompts/ inside it, so a copy works from any folder. The Swift
# runtime and Foundation are linked in (--static-swift-stdlib): nothing of Swift to load
# at start, a lower peak memory, and the same prompts, libedit and SQLite (the system's);
# every end-to-end test passes against it (QUALIFY_BINARY=... swift test --filter EndToEndTests).
# It is linked by lld with packed relative relocations (the 3 MB relocation table
# becomes 25 KB; needs glibc 2.36, Debian 12's) and without exporting its symbols
# (nothing loads plugins into qualify; the dynamic linker no longer hashes 2 MB of
# names): peak memory at `account list` 25.5 -> 20.7 MB.
# Every module is compiled to reach a concrete generic type's metadata through its accessor,
# not by demangling its name at run time: each first demangling of, say, OptionGroup<GlobalOptions>
# checked its conformances by scanning all 9,700 conformance records of the binary
# (ArgumentParser's parse, GRDB's open): at `account list` that scanning went from 21.5 to
# 13.7 million instructions (callgrind); the rest is casts ArgumentParser and Mirror make on values.
# STATIC_FLAGS= make install builds the dynamically linked binary instead.
PREFIX ?= $(HOME)/.local
STATIC_FLAGS ?= --static-swift-stdlib -Xswiftc -use-ld=lld -Xlinker -z -Xlinker pack-relative-relocs -Xlinker --no-export-dynamic \
	-Xswiftc -Xfrontend -Xswiftc -disable-concrete-type-metadata-mangled-name-accessors
install: deps
	$(SWIFT) build -c release $(STATIC_FLAGS) $(BUILD_FLAGS)
	install -d "$(PREFIX)/bin"
	install -m 0755 "$$($(SWIFT) build -c release $(STATIC_FLAGS) --show-bin-path $(BUILD_FLAGS))/qualify" "$(PREFIX)/bin/qualify"
	@echo "Installed $(PREFIX)/bin/qualify"

deps:
	@missing=""; \
	for h in $(DEPS_HEADERS); do [ -f "$$h" ] || missing="yes"; done; \
	command -v pkg-config >/dev/null 2>&1 || missing="yes"; \
	[ -z "$$missing" ] || $(MAKE) --no-print-directory apt-install PACKAGES="$(DEPS_PACKAGES)"

test-deps: deps
	@# The letter tests read .eml and .ics files back with Python's email and icalendar packages.
	@python3 -c 'import icalendar' 2>/dev/null || python3 -m pip install -q icalendar 2>/dev/null \
	  || python3 -m pip install -q --break-system-packages icalendar
	@missing=""; \
	command -v psql >/dev/null 2>&1 && command -v openssl >/dev/null 2>&1 || missing="yes"; \
	ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || missing="yes"; \
	[ -z "$$missing" ] || $(MAKE) --no-print-directory apt-install PACKAGES="$(TEST_PACKAGES)"

apt-install:
	@if [ "$$(id -u)" = 0 ]; then \
	  echo "Installing $(PACKAGES) with apt-get"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(PACKAGES) >/dev/null; \
	else \
	  echo "qualify needs packages that are not installed. Run:"; \
	  echo "  sudo apt-get install -y $(PACKAGES)"; \
	  exit 1; \
	fi

# The build flags of `make install`, for a benchmark that times the binary a rep installs.
install-flags:
	@echo $(STATIC_FLAGS)

# Man pages from the same ArgumentParser types as --help, one per command.
man: deps
	$(SWIFT) package --allow-writing-to-package-directory generate-manual --configuration debug --multi-page $(BUILD_FLAGS)
	@echo "Read with: man -l .build/plugins/GenerateManual/outputs/qualify/qualify.1"

clean:
	rm -rf .build
