# wsframe: `make serve` builds and serves the page; `make test` runs every test.
GO      ?= go
PORT    ?= 8080
GOROOT  := $(shell $(GO) env GOROOT)
VERSION ?= $(shell git describe --always --dirty 2>/dev/null || echo dev)
WASM_ENV := GOOS=js GOARCH=wasm
# The page's weight: no inlining inside the standard packages that only the
# slow paths use (messages, errors, JSON text, the JS boundary) takes 27 KB
# of gzip off the wasm. The decoder's own packages, encoding/binary,
# unicode/utf8, bytes, math/bits and compress/flate keep inlining, so the
# hot paths (unmasking, inflating, UTF-8 checks) are as fast as before.
WASM_GCFLAGS := $(foreach p,fmt reflect strconv time os syscall syscall/js sort strings internal/... io/... github.com/hack-pad/safejs,-gcflags=$(p)=-l)
# The first program decodes pastes (small inputs: a frame, a handshake, a
# dump), so its decoder (and package paste) goes without inlining too: 11 KB of gzip off the
# first load, for a paste decoded 7 to 19 % slower. The full program, which
# reads captures and large files, keeps the decoder's inlining.
FIRST_GCFLAGS := -gcflags=github.com/wsframe/wsframe/decoder=-l -gcflags=github.com/wsframe/wsframe/paste=-l
# Node runs Go's wasm tests; Go ships the runner since 1.24 in lib/wasm.
WASM_EXEC_RUNNER := $(GOROOT)/lib/wasm/go_js_wasm_exec
# The pure packages also run as wasm under node.
WASM_PKGS := ./decoder/ ./paste/ ./detail/ ./capture/ ./inspect/ ./wasm/ ./reading/ ./internal/jsonenc/ ./internal/jsontext/ ./internal/words/ ./internal/msg/ ./tlsdec/ ./tlsdec/crypt/ ./build/ ./har/
GO_SOURCES := $(shell find decoder paste detail capture inspect wasm reading internal/jsonenc internal/jsontext internal/words internal/msg tlsdec build har -name '*.go' -not -name '*_test.go' 2>/dev/null) go.mod go.sum

.PHONY: all build cli serve test lint test-go test-wasm test-e2e deps deps-python deps-tcpdump size bench bench-capture bench-page fuzz clean counts

all: build cli

## build: the page as it is published, in site/: the wasm, wasm_exec.js and
## the first view built next to the sources in web/, then the modules bundled
## and every other file copied (internal/bundle; it takes well under a second)
build: web/wsframe.wasm web/wsframe-full.wasm web/wasm_exec.js web/first-view.json
	$(GO) run ./internal/bundle -src web -out site

web/wsframe.wasm: $(GO_SOURCES)
	$(WASM_ENV) $(GO) build -trimpath $(WASM_GCFLAGS) $(FIRST_GCFLAGS) -ldflags="-s -w -X main.version=$(VERSION)" -o $@ ./wasm

# The full program (-tags full): wsframe.wasm decodes pastes, this one adds
# capture files, TLS with its cryptography, and the functions wasm/ops.go
# lists; the worker loads it the first time it is needed.
web/wsframe-full.wasm: $(GO_SOURCES)
	$(WASM_ENV) $(GO) build -tags full -trimpath $(WASM_GCFLAGS) -ldflags="-s -w -X main.version=$(VERSION)" -o $@ ./wasm

web/wasm_exec.js: $(GOROOT)/lib/wasm/wasm_exec.js
	cp $< $@

# The seed exchange as the page first shows it (the decode and frame 1's
# detail, Go's own answers with the page's options), drawn before the
# decoder has arrived (wasm/main_native.go).
web/first-view.json: $(GO_SOURCES)
	$(GO) run ./wasm -first-view $@

## cli: the wsframe command, in bin/
cli:
	$(GO) build -trimpath -ldflags="-X main.version=$(VERSION)" -o bin/wsframe ./cmd/wsframe

## serve: build, then serve site/ on http://localhost:8080 (PORT=...)
serve: build
	$(GO) run ./internal/serve -dir site -addr localhost:$(PORT)

## test: formatting, vet, Go tests (native and wasm under node), browser tests
test: lint test-go test-wasm test-e2e

lint:
	@out=$$(gofmt -l .); if [ -n "$$out" ]; then echo "gofmt -l lists files to format:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(WASM_ENV) $(GO) vet $(WASM_PKGS)
	$(WASM_ENV) $(GO) vet -tags full $(WASM_PKGS)
	$(GO) test -run TestNoJSOutsideWasm .
	@[ -x e2e/node_modules/.bin/tsc ] || (cd e2e && npm ci --no-audit --no-fund --loglevel=error)
	e2e/node_modules/.bin/tsc -p e2e/tsconfig.json
	e2e/node_modules/.bin/tsc -p e2e/tsconfig.worker.json
	@if grep -n "^import.*['\"]\./lazy/" web/*.js; then echo "a first-load module imports web/lazy/ statically; use import()"; exit 1; fi

test-go: deps-python deps-tcpdump
	WSFRAME_REQUIRE_PEERS=1 $(GO) test -count=1 ./...

test-wasm:
	PATH="$(GOROOT)/lib/wasm:$$PATH" $(WASM_ENV) $(GO) test -count=1 -tags full $(WASM_PKGS)
	PATH="$(GOROOT)/lib/wasm:$$PATH" $(WASM_ENV) $(GO) test -count=1 ./wasm/

## deps: what the browser tests need on a fresh Debian machine (as root; elsewhere
## install Chromium yourself and point CHROMIUM at it)
CHROMIUM ?= /usr/bin/chromium
export CHROMIUM
deps: deps-python
	@if [ ! -x "$(CHROMIUM)" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "installing Debian's chromium"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
		else echo "the browser tests need Chromium at $(CHROMIUM): apt-get install chromium, or make test CHROMIUM=/path/to/chrome"; exit 1; fi; \
	fi
	@command -v node >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; }
	cd e2e && npm ci --no-audit --no-fund --loglevel=error

## deps-python: Python's websockets, the peer build's tests compare frames with
deps-python:
	@/usr/bin/python3 -c 'import websockets' 2>/dev/null || { \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "installing Debian's python3-websockets"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-websockets >/dev/null; \
		else echo "build's tests need /usr/bin/python3 with websockets: apt-get install python3-websockets"; exit 1; fi; }

## deps-tcpdump: tcpdump, which the -follow test runs on loopback
## (tcpdump -U -w - | wsframe -follow -)
deps-tcpdump:
	@command -v tcpdump >/dev/null 2>&1 || { \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "installing tcpdump"; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tcpdump >/dev/null; \
		else echo "cmd/wsframe's -follow test needs tcpdump: apt-get install tcpdump"; exit 1; fi; }

test-e2e: deps build
	cd e2e && node --test --test-concurrency=1

## size: the gzip weight of everything the page downloads on its first load
## (site/ as published: the page, its scripts and the chunks index.html
## preloads, which internal/bundle lists from the imports), and apart from
## it what is loaded when its feature is opened, and the full program
size: build
	@preloaded() { grep -q "modulepreload\" href=\"$${1#site/}\"" site/index.html; }; \
	total=0; for f in site/*.html site/*.js site/*.css site/*.wasm site/*.svg site/*.json; do \
		[ -f "$$f" ] || continue; [ "$$f" = site/wsframe-full.wasm ] && continue; \
		case "$$f" in site/reader.js) continue ;; site/chunk-*.js) \
			preloaded "$$f" || continue ;; esac; \
		n=$$(gzip -9 -c "$$f" | wc -c); total=$$((total + n)); \
		printf '%9d  %s\n' "$$n" "$$f"; done; \
	big=0; for f in site/i18n/*.js; do n=$$(gzip -9 -c "$$f" | wc -c); printf '%9s  %s\n' "($$n)" "$$f"; [ $$n -gt $$big ] && big=$$n; done; \
	total=$$((total + big)); printf '%9d  the largest catalog (a visit loads one)\n' "$$big"; \
	printf '%9d  total, first load (gzip -9)\n' "$$total"; \
	for f in site/reader.js site/lazy/*.js site/i18n/full/*.js site/chunk-*.js; do [ -f "$$f" ] || continue; \
		preloaded "$$f" && continue; n=$$(gzip -9 -c "$$f" | wc -c); \
		printf '%9s  %s, loaded when its feature is opened\n' "($$n)" "$$f"; done; \
	n=$$(gzip -9 -c site/wsframe-full.wasm | wc -c); \
	printf '%9d  site/wsframe-full.wasm, loaded when a file is opened or a paste needs it (gzip -9)\n' "$$n"

## bench: Go benchmarks (decode throughput in MB/s)
bench:
	$(GO) test -run '^$$' -bench . -benchmem ./decoder/ ./capture/

## bench-capture: a ~120 MB generated capture: the native command, then in
## one run the page beside Chromium's bare read of the file, tshark and
## Wiregasm (installed by the bench in e2e/wiregasm/, never by make test)
BENCH_FILE ?= /tmp/wsframe-bench.pcap
BENCH_MB ?= 120
bench-capture: build deps
	$(GO) run ./tools/benchcapture -mb $(BENCH_MB) -out $(BENCH_FILE) -stats-only
	cd e2e && BENCH_FILE=$(BENCH_FILE) node bench-capture.mjs

## bench-page: a cold visit to the first diagram, on localhost and at a
## throttled 20 Mbit/s with gzip, and a paste's decode, in Chromium, printed
bench-page: build deps
	cd e2e && node bench-page.mjs

## fuzz: run each fuzz target for FUZZTIME (seeds live in testdata/fuzz)
FUZZTIME ?= 30s
fuzz:
	@for pkg in ./decoder/ ./paste/ ./capture/ ./internal/jsontext/ ./tlsdec/ ./build/ ./har/ ./inspect/; do \
		for t in $$($(GO) test -list '^Fuzz' $$pkg | grep ^Fuzz); do \
			$(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) $$pkg || exit 1; done; done

clean:
	rm -rf bin web/wsframe.wasm web/wsframe-full.wasm web/wsframe-tls.wasm web/wasm_exec.js web/first-view.json e2e/artifacts

## counts: the structure in numbers, for the README's "For contributors"
counts:
	$(GO) run ./tools/counts
