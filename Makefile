# Two commands: `make serve` and `make test` (`make test-fast` for the edit loop). Everything else is a step they call.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
STORE  ?= $(or $(VNGE_STORE),var/store)
HOST   ?= $(or $(VNGE_HOST),127.0.0.1)
PORT   ?= $(or $(VNGE_PORT),8000)

.PHONY: default setup system-deps build serve test test-fast lint docs eval bench clean
default: test lint

$(STAMP): pyproject.toml setup.py
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

## System packages the tests need: Chromium + ChromeDriver (browser tests), a JDK (javac compiles
## the OWL 2 DL profile check; java runs the OWL reasoner bundled with owlready2), Virtuoso 7 (the
## sparql: store backend; the tests start and stop their own throw-away server), nginx (the
## reverse-proxy configuration in docs/nginx is tested in front of the service), the DejaVu fonts
## (`kg eval --forms pdf` prints the real plans to PDF with them). Installed with apt
## when missing (CI runs as root). Under CI=true a test skipped for a missing one fails.
APT_PKGS := $(if $(shell command -v chromium),,chromium) $(if $(shell command -v chromedriver),,chromium-driver) \
            $(if $(shell command -v javac),,default-jdk-headless) \
            $(if $(shell command -v virtuoso-t),,virtuoso-opensource) \
            $(if $(shell command -v nginx),,nginx-light) \
            $(if $(wildcard /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf),,fonts-dejavu-core)
system-deps:
	@pkgs="$(strip $(APT_PKGS))"; if [ -n "$$pkgs" ]; then \
	  echo "installing system packages: $$pkgs"; \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$pkgs >/dev/null; \
	fi

## Build the ontology's HTML docs and the graph from data/ and the corpus (data/corpus, VNGE_CORPUS)
## into the embedded on-disk store (var/store), whether or not it is up to date.
build: setup
	$(BIN)/kg docs --out ontology/docs
	$(BIN)/kg build --store $(STORE)

## The ontology's HTML docs, written again only when the ontology changed.
ontology/docs/index.html: $(wildcard ontology/*.ttl) | $(STAMP)
	$(BIN)/kg docs --out ontology/docs

## Serve the SPARQL endpoint and UI at http://$(HOST):$(PORT)/, after building the store only if it is
## not up to date with the corpus, code and reference data (a restart takes seconds; nothing ingested
## is lost: kg ingest keeps every file in the corpus, which every build reads).
serve: setup ontology/docs/index.html
	$(BIN)/kg build --store $(STORE) --if-needed
	$(BIN)/kg serve --store $(STORE) --host $(HOST) --port $(PORT)

## Run the whole test suite (slow, server and browser tests included; perf tests only with -m perf),
## listing the 25 slowest. pytest's exit 5 (no tests) fails too. tests/README.md says what runs where.
test: setup system-deps
	$(BIN)/python -m pytest --durations=25; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make test: pytest collected no tests - failing on purpose" >&2; exit 1; fi; \
	if [ $$rc -ne 0 ]; then exit $$rc; fi; \
	$(BIN)/ruff check kg service tests bench

## The edit loop, under 2 minutes: no slow test, no server (gunicorn, Virtuoso), no browser.
test-fast: setup
	$(BIN)/python -m pytest -q -m "not slow and not browser and not server and not perf"

lint: setup
	$(BIN)/ruff check kg service tests bench

## Measurements (not part of `make test`): corpus, build/load, validation, every query side by side
## (Oxigraph in-process, our HTTP endpoint, Virtuoso 7, rdflib at 1%), HTTP throughput, extraction.
## BENCH_SCALE=0.01|0.1|1.0 (default 0.01), BENCH_DIR (default var/bench); results: BENCHMARKS.md.
BENCH_SCALE ?= 0.01
BENCH_DIR   ?= var/bench
BENCH_APT   := $(if $(shell command -v wrk),,wrk) $(if $(shell command -v virtuoso-t),,virtuoso-opensource)
bench: setup
	@if [ -n "$(strip $(BENCH_APT))" ]; then \
	  if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $(BENCH_APT) >/dev/null; fi
	$(BIN)/python bench/generate.py --scale $(BENCH_SCALE) --out $(BENCH_DIR)/corpus-$(BENCH_SCALE)
	$(BIN)/python bench/build_speed.py --corpus $(BENCH_DIR)/corpus-$(BENCH_SCALE) --store $(BENCH_DIR)/store-$(BENCH_SCALE) --modes bulk \
	  $(if $(filter 1.0,$(BENCH_SCALE)),--runs 1,)
	$(BIN)/python bench/side_by_side.py --store $(BENCH_DIR)/store-$(BENCH_SCALE) --tmp $(BENCH_DIR) --virtuoso \
	  --virtuoso-buffers $(if $(filter 1.0,$(BENCH_SCALE)),1000000 --runs 3 --timeout 30,340000) $(if $(filter 0.01,$(BENCH_SCALE)),--rdflib,)
	$(BIN)/python bench/extract_speed.py --plans $(BENCH_DIR)/corpus-$(BENCH_SCALE)/texts --repeat 2

## HTML documentation of the ontology (ontology/docs/index.html).
docs: setup
	$(BIN)/kg docs --out ontology/docs

## Score extraction against the hand-checked expected facts in tests/expected/.
eval: setup
	$(BIN)/kg eval

clean:
	rm -rf $(VENV) var build *.egg-info
