# The two commands a new user needs: `make demo` and `make test`.
SWIFT ?= swift
BIN := $(shell $(SWIFT) build --show-bin-path 2>/dev/null)
RELEASE_BIN = $(shell $(SWIFT) build -c release --show-bin-path 2>/dev/null)

.PHONY: deps build demo test bench clean

deps:
	@Scripts/install-deps.sh

build: deps
	$(SWIFT) build

demo: build
	$(BIN)/xentui --demo

test: deps
	$(SWIFT) build --build-tests
	# Serial until a hang seen once in parallel runs (a log-follower test with the simulator's
	# tests) is understood: the 2-core machine's cooperative pool is only two threads wide.
	XENTUI_VENV=$(CURDIR)/.venv $(SWIFT) test --no-parallel

# The performance figures of issue 5 against their goals: release build, then one table, the
# raw results in bench/results.json and the summary in BENCHMARKS.md (takes ~15 min).
bench: deps
	$(SWIFT) build -c release
	$(RELEASE_BIN)/xentui-bench --command "make bench" --python .venv/bin/python \
		--json bench/results.json --markdown BENCHMARKS.md

clean:
	rm -rf .build
