# poold developer commands. `make localnet` and `make test` are the two that matter.
BUILD_DIR ?= $(CURDIR)/build
POOLD     := $(BUILD_DIR)/poold
GO        ?= go

.PHONY: all build install localnet localnet-up localnet-down test test-unit test-e2e proto-gen proto-check proto-lint cli-docs cli-docs-check lint bench fuzz fuzz-endblock clean

all: build

build:
	$(GO) build -o $(POOLD) ./cmd/poold

install:
	$(GO) install ./cmd/poold

## localnet: build poold, reset ~/.poold (or LOCALNET_HOME) and run a fresh single-validator chain in the foreground.
localnet: build
	POOLD=$(POOLD) scripts/localnet.sh init
	POOLD=$(POOLD) scripts/localnet.sh start

## localnet-up / localnet-down: the same chain in the background, stopped by PID.
localnet-up: build
	POOLD=$(POOLD) scripts/localnet.sh up

localnet-down:
	scripts/localnet.sh down

## test: stale-proto check, vet, unit/property/keeper tests and the end-to-end test against a real poold process.
test: proto-check proto-lint
	@unformatted="$$(gofmt -l $$(git ls-files '*.go'))"; [ -z "$$unformatted" ] || { echo "not gofmt-formatted: $$unformatted" >&2; exit 1; }
	$(GO) vet ./...
	$(MAKE) cli-docs-check
	$(GO) test -count=1 -timeout 45m ./...

test-unit:
	$(GO) test -count=1 $$($(GO) list ./... | grep -v /tests/e2e)

test-e2e:
	$(GO) test -count=1 -v ./tests/e2e/...

proto-gen:
	scripts/protocgen.sh

## cli-docs / cli-docs-check: write docs/cli.md from the binary's --help, or fail if it is stale.
cli-docs: build
	scripts/gen-cli-docs.sh $(POOLD)

cli-docs-check: build
	@tmp="$$(mktemp)"; CLI_DOCS_OUT="$$tmp" scripts/gen-cli-docs.sh $(POOLD) >/dev/null; \
	if ! cmp -s "$$tmp" docs/cli.md; then rm -f "$$tmp"; echo "docs/cli.md is stale: run make cli-docs and commit" >&2; exit 1; fi; \
	rm -f "$$tmp"; echo "cli-docs-check: docs/cli.md is up to date"

## proto-lint: buf lint of proto/smartpool with the Cosmos SDK's rules (offline workspace).
proto-lint:
	scripts/proto-lint.sh

## proto-check: fail if the committed generated code differs from what the .proto files generate.
proto-check:
	scripts/proto-check.sh

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./x/smartpool/...

## fuzz: each fuzz target for FUZZTIME (default 60s); their seed corpora also run in `make test`.
FUZZTIME ?= 60s
fuzz:
	for t in FuzzSwapNeverLowersValue FuzzJoinExitNeverProfit FuzzTinySwapsNeverProfit; do \
	  $(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) ./x/smartpool/poolmath/ || exit 1; \
	done
	for t in FuzzPoolOperations FuzzEndBlock; do \
	  $(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) -parallel 1 ./x/smartpool/keeper/ || exit 1; \
	done

## fuzz-endblock: the end-block fuzzer alone for FUZZTIME (the issue-6 bar is 10m).
fuzz-endblock:
	$(GO) test -run '^$$' -fuzz '^FuzzEndBlock$$' -fuzztime $(FUZZTIME) -parallel 1 ./x/smartpool/keeper/

clean:
	rm -rf $(BUILD_DIR)
