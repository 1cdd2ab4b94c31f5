# poold developer commands. `make localnet` and `make test` are the two that matter.
BUILD_DIR ?= $(CURDIR)/build
POOLD     := $(BUILD_DIR)/poold
GO        ?= go

.PHONY: all build install localnet localnet-up localnet-down localnet-ibc localnet-ibc-down localnet-4 localnet-4-down test test-unit test-e2e test-faults test-clients clients-deps ts-gen ts-check web proto-gen proto-check proto-lint cli-docs cli-docs-check lint bench fuzz fuzz-endblock clean \
	sim sim-short sim-import-export sim-after-import sim-determinism

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

## localnet-ibc / localnet-ibc-down: two poold chains (poolnet-1, hubnet-1) on 127.0.0.1,
## linked by an ICS-20 channel with the Go relayer (built into build/rly) relaying, in the
## background; stopped by PID. Walkthrough: docs/ibc.md.
localnet-ibc: build
	POOLD=$(POOLD) scripts/localnet-ibc.sh up

localnet-ibc-down:
	scripts/localnet-ibc.sh down

## localnet-4 / localnet-4-down: four validators (poold testnet init-files) on 127.0.0.1 in the
## background, demo keys alice and bob funded, each node's PID in ~/.poold-4/node<i>/node.pid.
localnet-4: build
	POOLD=$(POOLD) scripts/localnet-4.sh up

localnet-4-down:
	scripts/localnet-4.sh down

## test: stale-proto check, vet, unit/property/keeper tests, the end-to-end tests against real poold processes,
## the fault tests, sim-short, and the clients (TypeScript client, wallet metadata, the web page in Chromium).
test: proto-check proto-lint
	@unformatted="$$(gofmt -l $$(git ls-files '*.go'))"; [ -z "$$unformatted" ] || { echo "not gofmt-formatted: $$unformatted" >&2; exit 1; }
	$(GO) vet ./...
	$(MAKE) cli-docs-check
	$(GO) test -count=1 -timeout 45m ./...
	$(MAKE) test-faults
	$(MAKE) sim-short
	$(MAKE) test-clients

test-unit:
	$(GO) test -count=1 $$($(GO) list ./... | grep -v /tests/e2e)

test-e2e:
	$(GO) test -count=1 -v ./tests/e2e/...

## test-faults: four real validators (scripts/localnet-4.sh) killed and restarted with SIGKILL,
## then a fifth node joins by state sync (tests/e2e faults_test.go); a software upgrade by governance
## to the upgradetest build (upgrade_test.go, docs/upgrades.md). Build tag faults.
test-faults:
	$(GO) test -count=1 -v -tags faults -run '^(TestFourValidatorFaults|TestSoftwareUpgrade)$$' -timeout 30m ./tests/e2e/

proto-gen:
	scripts/protocgen.sh

## clients-deps: the npm packages of clients/ exactly as package-lock.json records them.
CLIENTS_DEPS := clients/node_modules/.package-lock.json
$(CLIENTS_DEPS): clients/package.json clients/package-lock.json
	cd clients && npm ci --no-audit --no-fund
clients-deps: $(CLIENTS_DEPS)

## ts-gen / ts-check: write clients/ts/src/generated (ts-proto types, the amino table and its
## vectors from the chain's encoder, the typed REST queries), or fail if the committed one is stale.
ts-gen: $(CLIENTS_DEPS)
	scripts/protocgen-ts.sh

ts-check: $(CLIENTS_DEPS)
	@tmp="$$(mktemp -d)"; TS_OUT="$$tmp" scripts/protocgen-ts.sh >/dev/null; \
	if ! diff -r "$$tmp" clients/ts/src/generated >/dev/null; then diff -r "$$tmp" clients/ts/src/generated | head -20; rm -rf "$$tmp"; \
	  echo "clients/ts/src/generated is stale: run make ts-gen and commit" >&2; exit 1; fi; \
	rm -rf "$$tmp"; echo "ts-check: clients/ts/src/generated is up to date"

## test-clients: type-check clients/, then its tests: the amino vectors, the TypeScript client and the
## web page (headless Chromium, /usr/bin/chromium) against localnets they start, the wallet metadata.
test-clients: build ts-check
	cd clients && npx tsc -p ts/tsconfig.json && npx tsc -p web/tsconfig.json && npx vitest run

## web: build the pools page (clients/web) and serve it on http://127.0.0.1:$(WEB_PORT), talking to
## the localnet's REST and RPC (make localnet in another terminal).
WEB_PORT ?= 8080
web: $(CLIENTS_DEPS)
	cd clients && node web/build.mjs && PORT=$(WEB_PORT) node web/serve.mjs

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
	for t in FuzzSwapNeverLowersValue FuzzJoinExitNeverProfit FuzzTinySwapsNeverProfit FuzzJoinExitDetourNeverBeatsSwap FuzzFeePolicyBounds; do \
	  $(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) ./x/smartpool/poolmath/ || exit 1; \
	done
	for t in FuzzPoolOperations FuzzEndBlock; do \
	  $(GO) test -run '^$$' -fuzz "^$$t$$" -fuzztime $(FUZZTIME) -parallel 1 ./x/smartpool/keeper/ || exit 1; \
	done

## fuzz-endblock: the end-block fuzzer alone for FUZZTIME (the issue-6 bar is 10m).
fuzz-endblock:
	$(GO) test -run '^$$' -fuzz '^FuzzEndBlock$$' -fuzztime $(FUZZTIME) -parallel 1 ./x/smartpool/keeper/

## sim: whole-app simulation (SDK simsx, app/sim_test.go, build tag sims): SIM_SEEDS
## seeds, one after the other, of SIM_BLOCKS blocks of up to SIM_BLOCK_SIZE operations;
## x/smartpool's invariants after every block, value per share across every pool
## operation, and every x/smartpool message delivered at least once per seed.
SIM_SEEDS      ?= 1,2,3
SIM_BLOCKS     ?= 500
SIM_BLOCK_SIZE ?= 200
SIM_TEST        = $(GO) test -tags sims -count=1 -parallel 1 -v ./app
## The long runs keep state in goleveldb: the default in-memory DB holds every
## committed version and grows past 10 GB over 500 blocks.
SIM_DB         ?= goleveldb
sim:
	$(SIM_TEST) -timeout 6h -run '^TestFullAppSimulation$$' -SimSeeds=$(SIM_SEEDS) -NumBlocks=$(SIM_BLOCKS) -BlockSize=$(SIM_BLOCK_SIZE) -DBBackend=$(SIM_DB)

## sim-short: one seed of 50 blocks of up to 200 operations (about a minute); part of make test.
sim-short:
	$(GO) vet -tags sims ./app
	$(SIM_TEST) -timeout 20m -run '^(TestValuePerShareCheck|TestFullAppSimulation)$$' -SimSeeds=1 -NumBlocks=50 -BlockSize=200

## sim-import-export / sim-after-import / sim-determinism: the other simsx app tests
## (export, import and compare every store; simulate on from an export; 3 runs per
## seed with equal app hashes), on SIM_SEEDS with SIM_CHECK_BLOCKS blocks of SIM_CHECK_BLOCK_SIZE.
SIM_CHECK_BLOCKS     ?= 50
SIM_CHECK_BLOCK_SIZE ?= 100
sim-import-export:
	$(SIM_TEST) -timeout 6h -run '^TestAppImportExport$$' -SimSeeds=$(SIM_SEEDS) -NumBlocks=$(SIM_CHECK_BLOCKS) -BlockSize=$(SIM_CHECK_BLOCK_SIZE)
sim-after-import:
	$(SIM_TEST) -timeout 6h -run '^TestAppSimulationAfterImport$$' -SimSeeds=$(SIM_SEEDS) -NumBlocks=$(SIM_CHECK_BLOCKS) -BlockSize=$(SIM_CHECK_BLOCK_SIZE)
sim-determinism:
	$(SIM_TEST) -timeout 6h -run '^TestAppStateDeterminism$$' -SimSeeds=$(SIM_SEEDS) -NumBlocks=$(SIM_CHECK_BLOCKS) -BlockSize=$(SIM_CHECK_BLOCK_SIZE)

clean:
	rm -rf $(BUILD_DIR)
