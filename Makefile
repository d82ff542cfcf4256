# keyward — see README.md.  `make demo` and `make test` are the two commands a new user needs.
SWIFT ?= swift
KEYWARD := .build/debug/keyward

.PHONY: all build release man install demo test rules check-rules clean

all: build

build:
	./scripts/install-deps.sh
	$(SWIFT) build --product keyward

# A release binary with the Swift runtime linked in: runs on a machine without the Swift toolchain
# (it still needs glibc, libstdc++, libpcre2-8, libvectorscan, libarchive and libcurl of the system).
release:
	./scripts/install-deps.sh
	$(SWIFT) build -c release --static-swift-stdlib --product keyward

# Man pages from the command-line definition (swift-argument-parser's generate-manual plugin).
man:
	$(SWIFT) package --disable-sandbox generate-manual --multi-page

# `make install PREFIX=/usr/local` (DESTDIR honoured): binary, man pages, bash/zsh/fish completions.
PREFIX ?= /usr/local
install: release man
	./scripts/install.sh $(PREFIX)

# Build, then scan the demo tree of planted fake keys (exit status 1 = leaks found, as designed).
demo: build
	-$(KEYWARD) scan fixtures/demo

# The whole test suite: unit tests, fixtures, golden reports, git repositories, moto_server.
# (The man pages first: the install test installs them.)
test:
	./scripts/install-deps.sh --test
	$(SWIFT) package --disable-sandbox generate-manual --multi-page
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# Re-embed rules/*.toml into the binary after editing them (a test fails when they drift).
rules:
	python3 scripts/embed-rules.py
	python3 scripts/embed-canaries.py

check-rules:
	python3 scripts/embed-rules.py --check
	python3 scripts/embed-canaries.py --check

# Benchmarks (not part of `make test`): see docs/bench.md.
# `make bench`: corpus -> comparison tools -> scan benchmark -> git benchmarks, one after the other
# (never in parallel, even under -j). A missing tool is skipped: its row says "not installed" or
# "not built". Results land in bench/results/. Not part of `make test`.
BENCH_MB ?= 200

.PHONY: bench bench-corpus bench-tools bench-scan bench-git

bench:
	rm -f bench/results/targets.jsonl
	python3 bench/corpus.py $(BENCH_MB)
	bash bench/tools.sh
	CORPUS_MB=$(BENCH_MB) bash bench/run.sh
	SKIP_BUILD=1 python3 bench/scaling.py
	bash bench/git-precommit.sh
	bash bench/git-history.sh
	python3 bench/summary.py

bench-corpus:
	python3 bench/corpus.py $(BENCH_MB)

bench-tools:
	bash bench/tools.sh

bench-scan:
	CORPUS_MB=$(BENCH_MB) bash bench/run.sh

bench-git:
	bash bench/git-precommit.sh
	bash bench/git-history.sh

clean:
	rm -rf .build
