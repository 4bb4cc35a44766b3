# The two commands a new user needs: `make demo` and `make test`.
SWIFT ?= swift
BIN := $(shell $(SWIFT) build --show-bin-path 2>/dev/null)
RELEASE_BIN = $(shell $(SWIFT) build -c release --show-bin-path 2>/dev/null)

.PHONY: deps build demo test fuzz bench clean

deps:
	@Scripts/install-deps.sh

build: deps
	$(SWIFT) build

demo: build
	$(BIN)/xentui --demo

test: deps
	$(SWIFT) build --build-tests
	XENTUI_VENV=$(CURDIR)/.venv SWIFT=$(SWIFT) Scripts/run-tests.sh
	# A short fuzz run (10 s per target) so the fuzzer cannot rot; `make fuzz` is the long form.
	SWIFT=$(SWIFT) Scripts/fuzz.sh 10

# libFuzzer + AddressSanitizer over every decoder and parser, FUZZ_SECONDS per target.
FUZZ_SECONDS ?= 300
fuzz: deps
	SWIFT=$(SWIFT) Scripts/fuzz.sh $(FUZZ_SECONDS)

# The performance figures of issue 5 against their goals: release build, then one table, the
# raw results in bench/results.json and the summary in BENCHMARKS.md (takes ~15 min).
bench: deps
	$(SWIFT) build -c release
	$(RELEASE_BIN)/xentui-bench --command "make bench" --python .venv/bin/python \
		--json bench/results.json --markdown BENCHMARKS.md

clean:
	rm -rf .build .build-fuzz
