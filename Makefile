# atelier's front door. `make run` and `make test` are all a newcomer needs.
GO        ?= go
DATA      ?= ./data
ADDR      ?= 127.0.0.1:8080
BIN       := bin/atelier

.PHONY: run build test assets bench fuzz lint clean

## run: build, fetch ECharts if needed, and serve the demo on http://$(ADDR) (data in $(DATA))
run: build
	$(BIN) serve -addr $(ADDR) -data $(DATA) -demo

## build: the single binary, ECharts embedded
build: assets
	CGO_ENABLED=0 $(GO) build -o $(BIN) ./cmd/atelier

## assets: ECharts from the pinned npm package into the embedded static folder
# Always run: it is quick when nothing changed, and the brotli copies of atelier.js and the
# stylesheets must follow every edit of them.
assets:
	bash scripts/assets.sh

## test: every test, the browser tests included (they need Debian's chromium)
test: assets
	bash scripts/test-tools.sh
	$(GO) vet ./...
	$(GO) test -race -count=1 -timeout 30m ./...

## bench: performance figures, one line each: figure, value, unit (never run by `make test`)
bench: assets
	bash scripts/bench.sh

## fuzz: each fuzz target (one per parser) for FUZZTIME (default 30s)
FUZZTIME ?= 30s
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzRead$$' -fuzztime $(FUZZTIME) ./datasets/
	$(GO) test -run '^$$' -fuzz '^FuzzFastRecord$$' -fuzztime $(FUZZTIME) ./datasets/
	$(GO) test -run '^$$' -fuzz '^FuzzParseWhere$$' -fuzztime $(FUZZTIME) ./datasets/query/
	$(GO) test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME) ./charts/
	$(GO) test -run '^$$' -fuzz '^FuzzRender$$' -fuzztime $(FUZZTIME) ./notebooks/
	$(GO) test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME) ./notebooks/questions/

## lint: formatting and vet
lint:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

clean:
	rm -rf bin node_modules internal/web/static/vendor
