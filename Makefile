# China–US AI Report. Run `make` for the list of targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
export PYTHONHASHSEED := 0
# Folder with copies of the primary-data snapshots (data/snapshots.csv); empty means download.
SNAPSHOT_MIRROR ?= $(if $(wildcard ../shared/primary),../shared/primary,)

$(STAMP): pyproject.toml
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

.PHONY: help install fetch report test lint lab bench clean

help: ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

install: $(STAMP) ## create .venv and install the project with its test extras

fetch: $(STAMP) ## put the pinned primary-data snapshots in build/snapshots (mirror or download)
	$(PY) -m helpers fetch $(if $(SNAPSHOT_MIRROR),--mirror $(SNAPSHOT_MIRROR))

report: fetch ## build the HTML report into reports/zh and reports/en (options: ARGS="--as-of 2025-03")
	$(PY) -m helpers report $(ARGS)

test: fetch ## lint, then run every test (unit, notebooks, end-to-end)
	$(PY) -m ruff check src tests benchmarks
	$(PY) -m pytest -p no:cacheprovider -n 2 tests
	$(PY) -m pytest -p no:cacheprovider --nbval-lax --nbval-sanitize-with tests/nbval_sanitize.cfg notebooks

lab: $(STAMP) ## open the notebooks in JupyterLab with the project's environment
	$(VENV)/bin/jupyter lab --ServerApp.root_dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root)

bench: $(STAMP) ## measure extraction throughput, memory and build times
	$(PY) benchmarks/run.py

clean: ## remove generated files (reports, build, caches); keeps .venv
	rm -rf reports build .pytest_cache .ruff_cache .hypothesis
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
