# keyward — see README.md.  `make demo` and `make test` are the two commands a new user needs.
SWIFT ?= swift
KEYWARD := .build/debug/keyward

.PHONY: all build release man install demo test rules check-rules clean

all: build

build:
	./scripts/install-deps.sh
	$(SWIFT) build --product keyward

# A release binary with the Swift runtime linked in: runs on a machine without the Swift toolchain
# (it still needs glibc, libstdc++, libpcre2-8, libvectorscan, libarchive and libxml2 of the system;
# libcurl only for AWS calls: it is opened with dlopen on the first request, never linked).
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
	HISTORY_REPO=self bash bench/git-history.sh
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
	HISTORY_REPO=self bash bench/git-history.sh

# Hardening (docs/hardening.md; none of these is part of `make test`). Each has its own scratch path.
# `make asan` / `make tsan`: the whole test suite under AddressSanitizer / ThreadSanitizer.
# `make fuzz`: build the libFuzzer targets, then run each for FUZZ_SECONDS over fixtures/fuzz/<Target>/.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= FuzzRulePack FuzzConfig FuzzGitParsers FuzzAWSXML FuzzAWSJSON FuzzRewriters FuzzEngine
# LeakSanitizer is off under `make asan` (Foundation's Data(contentsOf:) and Process leak thousands of
# small blocks per run, each a failing exit of a child keyward); the fuzzers check leaks instead.
SANITIZER_ENV := ASAN_OPTIONS=detect_leaks=0

.PHONY: asan tsan fuzz fuzz-build fuzz-run

asan:
	./scripts/install-deps.sh --test
	$(SWIFT) build --build-tests --scratch-path .build-asan --sanitize=address
	$(SANITIZER_ENV) $(SWIFT) test --skip-build --scratch-path .build-asan --sanitize=address

tsan:
	./scripts/install-deps.sh --test
	$(SWIFT) build --build-tests --scratch-path .build-tsan --sanitize=thread
	TSAN_OPTIONS="halt_on_error=1 suppressions=$(CURDIR)/scripts/tsan.supp" \
	  $(SWIFT) test --skip-build --scratch-path .build-tsan --sanitize=thread

fuzz: fuzz-build fuzz-run

fuzz-build:
	./scripts/install-deps.sh
	for target in $(FUZZ_TARGETS); do \
	  KEYWARD_FUZZ=1 $(SWIFT) build --scratch-path .build-fuzz -Xswiftc -sanitize=fuzzer,address \
	    -Xswiftc -parse-as-library --product $$target || exit 1; \
	done

fuzz-run:
	FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_TARGETS="$(FUZZ_TARGETS)" bash scripts/fuzz.sh

clean:
	rm -rf .build .build-asan .build-tsan .build-fuzz
