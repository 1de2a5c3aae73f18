# nexla-tui: the two commands a newcomer needs are `make demo` and `make test`.
GO      ?= go
BIN     := bin/nexla-tui
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X main.version=$(VERSION)

.PHONY: build test demo bench lint e2e fuzz screenshots man clean

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) .

# Unit, HTTP (simulator and httptest), golden and tmux end-to-end tests.
test: build
	$(GO) vet ./...
	NEXLA_TUI_BIN=$(CURDIR)/$(BIN) $(GO) test -count=1 -timeout 480s ./...

# Run the TUI against the built-in simulator: no account needed.
demo: build
	./$(BIN) demo

# Benchmarks; docs/BENCHMARKS.md records the ratios they print.
bench: build
	NEXLA_TUI_BIN=$(CURDIR)/$(BIN) $(GO) test -run '^$$' -bench . -benchmem -count=1 -timeout 900s ./...

lint:
	$(GO) vet ./...
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

fuzz:
	$(GO) test ./nexla/ -run '^$$' -fuzz FuzzDecoders -fuzztime 30s
	$(GO) test ./nexla/safetext/ -run '^$$' -fuzz FuzzClean -fuzztime 30s

# The README's frames, captured from the running demo in tmux.
screenshots: build
	NEXLA_TUI_BIN=$(CURDIR)/$(BIN) docs/screenshots/capture.sh

# One man page per command (cobra/doc) into bin/man, not committed: read with
# `man -l bin/man/nexla-tui.1`; SOURCE_DATE_EPOCH fixes their date.
man: build
	./$(BIN) man --dir bin/man

clean:
	rm -rf bin
