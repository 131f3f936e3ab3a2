# China–US AI Report. Run `make` for the list of targets.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON ?= python3
VENV := .venv
export PYTHONHASHSEED := 0
# Folder with copies of the primary-data snapshots (data/snapshots.csv); empty means download.
SNAPSHOT_MIRROR ?= $(if $(wildcard ../shared/primary),../shared/primary,)

# Conda: inside an activated environment made from environment.yml (its python imports this
# checkout's helpers), use it as it is; anywhere else, .venv is created and kept up to date.
CONDA_PY := $(if $(CONDA_PREFIX),$(wildcard $(CONDA_PREFIX)/bin/python))
CONDA_ROOT := $(if $(CONDA_PY),$(shell '$(CONDA_PY)' -c 'from helpers import paths; print(paths.ROOT)' 2>/dev/null))
ifeq ($(CONDA_ROOT),$(realpath $(CURDIR)))
PY := $(CONDA_PY)
ENV_READY :=
else
PY := $(VENV)/bin/python
ENV_READY := $(VENV)/.installed
ifneq ($(CONDA_PY),)
$(info note: conda environment $(CONDA_PREFIX) has not installed this checkout, so .venv is used; to use conda instead: conda env create -f environment.yml && conda activate china-us-ai-report)
endif
endif

$(VENV)/.installed: pyproject.toml
	@test -x $(VENV)/bin/python || $(PYTHON) -m venv $(VENV)
	$(VENV)/bin/python -m pip install --quiet --upgrade pip
	$(VENV)/bin/python -m pip install --quiet -e '.[test]'
	@touch $@

.PHONY: help install fetch report test lint lab bench clean

help: ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

install: $(ENV_READY) ## create .venv and install the project with its test extras (conda: nothing to do)

fetch: $(ENV_READY) ## put the pinned primary-data snapshots in build/snapshots (mirror or download)
	$(PY) -m helpers fetch $(if $(SNAPSHOT_MIRROR),--mirror $(SNAPSHOT_MIRROR))

report: fetch ## build the HTML report into reports/zh and reports/en (options: ARGS="--as-of 2025-03")
	$(PY) -m helpers report $(ARGS)

test: fetch ## lint, then run every test (unit, notebooks, end-to-end)
	$(PY) -m ruff check src tests benchmarks
	$(PY) -m pytest -p no:cacheprovider -n 2 --durations=15 tests
	$(PY) -m pytest -p no:cacheprovider --nbval-lax --nbval-sanitize-with tests/nbval_sanitize.cfg notebooks

# JupyterLab at the project root (data/, seeds/ and their CSVs in the file browser), opening
# on notebooks/explore.ipynb, with this environment's python as the python3 kernel (registered in
# the environment itself, which Jupyter then prefers to a python3 kernel in the home folder).
# LAB_ARGS adds options, e.g. LAB_ARGS="--no-browser --port 8890".
lab: $(ENV_READY) ## open JupyterLab at the project root on notebooks/explore.ipynb, project kernel
	$(PY) -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (china-us-ai-report)" >/dev/null
	JUPYTER_PREFER_ENV_PATH=1 $(PY) -m jupyterlab --ServerApp.root_dir=. \
	  --LabApp.default_url=/lab/tree/notebooks/explore.ipynb \
	  $(if $(filter 0,$(shell id -u)),--allow-root) $(LAB_ARGS)

bench: $(ENV_READY) ## measure extraction throughput, memory and build times
	$(PY) benchmarks/run.py

clean: ## remove generated files (reports, build, caches); keeps .venv
	rm -rf reports build .pytest_cache .ruff_cache .hypothesis
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
