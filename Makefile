# The two commands a new user needs: `make demo` and `make test`.
SWIFT ?= swift
BIN := $(shell $(SWIFT) build --show-bin-path 2>/dev/null)

.PHONY: deps build demo test bench clean

deps:
	@Scripts/install-deps.sh

build: deps
	$(SWIFT) build

demo: build
	$(BIN)/xentui --demo

test: deps
	$(SWIFT) build --build-tests
	XENTUI_VENV=$(CURDIR)/.venv SWIFT=$(SWIFT) Scripts/run-tests.sh

clean:
	rm -rf .build
