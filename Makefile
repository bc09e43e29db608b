# One command per job; each sets up what it needs first (.venv, node_modules, Graphviz).
#   make serve   build the site and serve it at http://127.0.0.1:8000 with live reload
#   make test    run the whole test suite (every code block of every page, in both languages)
#   make build   write the static site to site/
#   make bench   time builds against a plain build and against mkdocs-jupyter executing notebooks
#   make lighthouse   audit the home page and every chapter page in both languages (mobile)
.DEFAULT_GOAL := help
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1

.PHONY: help setup serve build test bench lighthouse clean

help:
	@sed -n 's/^#   //p' Makefile

setup: $(VENV)/.installed node_modules/.installed
	@tools/system-deps.sh

$(VENV)/.installed: requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "error: Python 3.11 or newer is needed (found $$($(PYTHON) --version)); set PYTHON=/path/to/python3.11" >&2; exit 1; }
	@$(PYTHON) -m venv --help >/dev/null 2>&1 && $(PYTHON) -c 'import ensurepip' 2>/dev/null || \
	  { echo "error: $(PYTHON) cannot create virtual environments; on Debian/Ubuntu: apt-get install python3-venv" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

node_modules/.installed: package.json package-lock.json
	@tools/system-deps.sh
	npm ci --omit=dev --no-audit --no-fund --loglevel=error
	@touch $@

serve: setup
	$(VENV)/bin/mkdocs serve --dev-addr 127.0.0.1:8000

build: setup
	$(VENV)/bin/mkdocs build --strict

test: setup
	@tools/system-deps.sh --browser  # the tests load pages in headless Chromium
	$(PY) -m pytest

bench: setup
	$(PY) -m tools.bench

lighthouse: build
	@tools/system-deps.sh --browser
	npm ci --no-audit --no-fund --loglevel=error  # with the devDependencies: lighthouse
	@touch node_modules/.installed
	$(PY) -m tools.lighthouse

clean:
	rm -rf site generated .cache
