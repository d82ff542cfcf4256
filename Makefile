# keyward — see README.md.  `make demo` and `make test` are the two commands a new user needs.
SWIFT ?= swift
KEYWARD := .build/debug/keyward

.PHONY: all build release demo test rules check-rules bench clean

all: build

build:
	./scripts/install-deps.sh
	$(SWIFT) build --product keyward

release:
	./scripts/install-deps.sh
	$(SWIFT) build -c release --product keyward

# Build, then scan the demo tree of planted fake keys (exit status 1 = leaks found, as designed).
demo: build
	-$(KEYWARD) scan fixtures/demo

# The whole test suite: unit tests, fixtures, golden reports, git repositories, moto_server.
test:
	./scripts/install-deps.sh --test
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# Re-embed rules/*.toml into the binary after editing them (a test fails when they drift).
rules:
	python3 scripts/embed-rules.py

check-rules:
	python3 scripts/embed-rules.py --check

clean:
	rm -rf .build
