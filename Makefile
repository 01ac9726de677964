# liaison — run `make help` for the targets.
SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DELETE_ON_ERROR:
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

BIN := $(CURDIR)/.bin
export PATH := $(BIN):$(PATH)
# Every Go module of the workspace, tests and vet run in each.
MODULES := $(shell go work edit -json | sed -n 's/.*"DiskPath": "\(.*\)".*/\1/p')
GENERATED := gen/liaison gen/openapi/liaison.openapi.json gen/openapi/parts gen/openapi/liaisonclient
TOOLS_STAMP := $(BIN)/.tools-$(shell cat tools/go.sum tools/buf/go.sum tools/oapi/go.sum | sha256sum | cut -c1-16)

.PHONY: help
help: ## List the targets.
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 20

.PHONY: run
run: ## Run the whole system on this machine (SQLite under .data, in-process cache).
	go run ./cmd/liaison dev

.PHONY: test
test: hydra mailpit ## Run every module's tests with the race detector (talks to PostgreSQL, Redis, the OpenID provider and a mail server).
	@failed=0; for m in $(MODULES); do \
	  echo "== go test $$m"; \
	  (cd $$m && go test -race -count=1 -timeout 15m ./...) || failed=1; \
	done; exit $$failed

.PHONY: test-faults
test-faults: ## Kill and restart services and Redis, as real processes, under load (needs PostgreSQL).
	go test -tags faults -count=1 -timeout 10m ./internal/faults/

.PHONY: bench
bench: ## Load-test the built binaries on PostgreSQL+Redis and SQLite against a bare gRPC and net/http server (about 5 min; not part of test).
	go run ./bench $(BENCH_FLAGS)

# Fuzz targets as module:package:name; `make fuzz FUZZTIME=10m` searches longer.
FUZZTIME ?= 1m
FUZZ_TARGETS := services/events:./internal/app/:FuzzPageToken \
  services/events:./internal/transport/icalfeed/:FuzzFeed \
  services/events:./internal/adapters/sqlstore/:FuzzEventQuery \
  gateway:.:FuzzRequestDecoding \
  .:./internal/security/:FuzzGRPCSurface

.PHONY: fuzz
fuzz: ## Search each fuzz target for FUZZTIME (default 1m); plain `make test` runs only their seeds.
	@for t in $(FUZZ_TARGETS); do \
	  IFS=: read -r mod pkg name <<< "$$t"; \
	  echo "== fuzz $$name ($$mod $$pkg, $(FUZZTIME))"; \
	  (cd $$mod && go test -run '^$$' -fuzz "^$$name\$$" -fuzztime $(FUZZTIME) $$pkg) || exit 1; \
	done

$(TOOLS_STAMP): tools/go.mod tools/go.sum tools/buf/go.mod tools/buf/go.sum tools/oapi/go.mod tools/oapi/go.sum
	@mkdir -p $(BIN)
	cd tools && GOWORK=off GOBIN=$(BIN) go install tool
	cd tools/buf && GOWORK=off GOBIN=$(BIN) go install tool
	cd tools/oapi && GOWORK=off GOBIN=$(BIN) go install tool
	@rm -f $(BIN)/.tools-* && touch $@

.PHONY: tools
tools: $(TOOLS_STAMP) ## Install the pinned code generators and buf into .bin.

# The OpenID provider (Ory Hydra) the identity tests start, built once per version.
HYDRA_VERSION := $(shell sed -n 's|^[[:space:]]*github.com/ory/hydra/v2 \(v[^ ]*\).*|\1|p' tools/hydra/go.mod)
HYDRA := $(BIN)/hydra-$(HYDRA_VERSION)

$(HYDRA): tools/hydra/go.mod tools/hydra/go.sum
	@mkdir -p $(BIN)
	cd tools/hydra && GOWORK=off CGO_ENABLED=0 go build -o $@ github.com/ory/hydra/v2

.PHONY: hydra
hydra: $(HYDRA) ## Build the OpenID provider (Ory Hydra) the identity tests run into .bin, keyed by version.

# The SMTP server (Mailpit) the notice tests send to and read back, built once per version.
MAILPIT_VERSION := $(shell sed -n 's|^[[:space:]]*github.com/axllent/mailpit \(v[^ ]*\).*|\1|p' tools/mailpit/go.mod)
MAILPIT := $(BIN)/mailpit-$(MAILPIT_VERSION)

$(MAILPIT): tools/mailpit/go.mod tools/mailpit/go.sum
	@mkdir -p $(BIN)
	cd tools/mailpit && GOWORK=off CGO_ENABLED=0 go build -o $@ github.com/axllent/mailpit

.PHONY: mailpit
mailpit: $(MAILPIT) ## Build the mail server (Mailpit) the notice tests run into .bin, keyed by version.

# staticcheck, built once per version like the OpenID provider.
STATICCHECK_VERSION := $(shell sed -n 's|^[[:space:]]*honnef.co/go/tools \(v[^ ]*\).*|\1|p' tools/staticcheck/go.mod)
STATICCHECK := $(BIN)/staticcheck-$(STATICCHECK_VERSION)

$(STATICCHECK): tools/staticcheck/go.mod tools/staticcheck/go.sum
	@mkdir -p $(BIN)
	cd tools/staticcheck && GOWORK=off go build -o $@ honnef.co/go/tools/cmd/staticcheck

.PHONY: staticcheck
staticcheck: $(STATICCHECK) ## Build staticcheck into .bin, keyed by version.

.PHONY: generate
generate: tools ## Regenerate gen/ (Go, gateway, OpenAPI 3.1 document and its Go client) from proto/.
	rm -rf $(GENERATED)
	buf generate
	openapiv3-merge $$(find gen/openapi/parts -name '*.openapi.json' | sort) > gen/openapi/parts/merged.json
	cd tools/openapidoc && GOWORK=off go run . ../../gen/openapi/parts/merged.json ../../gen/openapi/liaison.openapi.json
	rm -rf gen/openapi/parts
	mkdir -p gen/openapi/liaisonclient
	oapi-codegen -config tools/oapi/client.yaml gen/openapi/liaison.openapi.json
	cd gen && go mod tidy

.PHONY: check-generated
check-generated: generate ## Fail when the committed generated code differs from a fresh generation.
	@if [ -n "$$(git status --porcelain -- gen)" ]; then \
	  git status --porcelain -- gen; git --no-pager diff --stat -- gen; \
	  echo "gen/ is stale: run 'make generate' and commit the result"; exit 1; fi

.PHONY: lint
lint: tools $(STATICCHECK) ## buf lint, buf format, buf breaking, gofmt, go vet, staticcheck and the import rules.
	buf lint
	buf format -d --exit-code proto
	@./scripts/buf-breaking.sh
	@bad=$$(git ls-files '*.go' | grep -v '^gen/' | xargs gofmt -l); \
	  if [ -n "$$bad" ]; then echo "gofmt needed: $$bad"; exit 1; fi
	go run ./internal/importrules
	@for m in $(MODULES); do (cd $$m && go vet ./...); done
	@failed=0; for m in $(MODULES); do (cd $$m && $(STATICCHECK) ./...) || failed=1; done; exit $$failed

.PHONY: images
images: ## Build the container images (needs a Docker engine).
	./deploy/images.sh

.PHONY: clean
clean: ## Remove local run data and installed tools.
	rm -rf .data .bin
