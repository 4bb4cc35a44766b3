# The two commands a new user needs: `make demo` and `make test`.
SWIFT ?= swift
BIN := $(shell $(SWIFT) build --show-bin-path 2>/dev/null)

.PHONY: deps build demo test bench clean

deps:
	@Scripts/install-deps.sh

build: deps
	$(SWIFT) build

demo: build
	$(BIN)/xentui ls --demo

test: deps
	$(SWIFT) build --build-tests
	# Serial: several suites start servers and child processes, and on a 2-core machine the
	# cooperative thread pool they share is only two threads wide.
	XENTUI_VENV=$(CURDIR)/.venv $(SWIFT) test --no-parallel

clean:
	rm -rf .build
