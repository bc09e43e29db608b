# One command per job; each sets up what it needs first (.venv, node_modules, Graphviz).
#   make serve   build the site and serve it at http://127.0.0.1:8000 with live reload
#   make test    run the whole test suite (every code block of every page, in both languages)
#   make accept  write what the code prints now into the pages' documented outputs (PAGES="docs/..." for some; FORCE=1 with uncommitted docs/)
#   make page NAME=<chapter>/<page> TITLE_KO="..." TITLE_EN="..."   a new page pair with its snippets and nav entry (AFTER=<page> to place it)
#   make chapter NAME=<folder> NUMBER=<n> TITLE_KO="..." TITLE_EN="..."   a new chapter: folder, first page pair, nav section (PAGE=<first page>, GLOSSARY=1)
#   make compat PYTHON=/path/to/another/python   run every page with another torch/numpy/matplotlib and show what would change (PAGES="docs/..." for some)
#   make build   write the static site to site/
#   make pdf     write the static site with the chapter as one PDF per language (site/pdf/)
#   make bench   time builds against a plain build and against mkdocs-jupyter executing notebooks
#   make lighthouse   audit the home page and every chapter page in both languages (mobile)
#   make lock    refresh requirements.lock (every package, with hashes) from requirements.txt
#   make deploy  build the site with its PDFs and push it to the gh-pages branch (the workflow runs it)
.DEFAULT_GOAL := help
SHELL := /bin/bash
DEFAULT_PYTHON := $(shell command -v python3.11 || command -v python3)
PYTHON ?= $(DEFAULT_PYTHON)
VENV := .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1

.PHONY: help setup serve build pdf test bench lighthouse lock deploy clean

help:
	@sed -n 's/^#   //p' Makefile

setup: $(VENV)/.installed node_modules/.installed
	@tools/system-deps.sh

$(VENV)/.installed: requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "error: Python 3.11 or newer is needed (found $$($(PYTHON) --version)); set PYTHON=/path/to/python3.11" >&2; exit 1; }
	@$(PYTHON) -m venv --help >/dev/null 2>&1 && $(PYTHON) -c 'import ensurepip' 2>/dev/null || \
	  { echo "error: $(PYTHON) cannot create virtual environments; on Debian/Ubuntu: apt-get install python3-venv" >&2; exit 1; }
	$(PYTHON) -m venv $(VENV)
	@echo "installing the $$(grep -c '^[a-z0-9]' requirements.lock) packages of requirements.lock, each file checked against its hash"
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements.lock
	@touch $@

node_modules/.installed: package.json package-lock.json
	@tools/system-deps.sh
	npm ci --omit=dev --no-audit --no-fund --loglevel=error
	@touch $@

serve: setup
	$(VENV)/bin/mkdocs serve --dev-addr 127.0.0.1:8000

build: setup
	$(VENV)/bin/mkdocs build --strict

pdf: setup
	@tools/system-deps.sh --browser  # Chromium prints the PDFs
	SITE_PDF=1 $(VENV)/bin/mkdocs build --strict

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

# pip-tools runs in a throwaway environment, so the project's own stays exactly the lock
lock:
	@tmp=$$(mktemp -d) && $(PYTHON) -m venv $$tmp && $$tmp/bin/pip install --quiet pip-tools==7.6.2 && \
	  $$tmp/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras --no-emit-index-url \
	    --no-emit-find-links --output-file requirements.lock requirements.txt; \
	  status=$$?; rm -rf $$tmp; exit $$status

deploy: setup
	@tools/system-deps.sh --browser  # Chromium prints the PDFs
	SITE_PDF=1 $(VENV)/bin/mkdocs gh-deploy --force --strict

.PHONY: accept page
accept: setup
	$(PY) -m tools.accept $(if $(FORCE),--force) $(PAGES)

page:  # stdlib only: no set-up needed
	@[ -n "$(NAME)" ] && [ -n "$(TITLE_KO)" ] && [ -n "$(TITLE_EN)" ] || \
	  { echo 'usage: make page NAME=<chapter>/<page> TITLE_KO="..." TITLE_EN="..." [AFTER=<page>]' >&2; exit 2; }
	$(PYTHON) -m tools.new_page "$(NAME)" --title-ko "$(TITLE_KO)" --title-en "$(TITLE_EN)" $(if $(AFTER),--after "$(AFTER)")

.PHONY: chapter compat
chapter:  # stdlib only: no set-up needed
	@[ -n "$(NAME)" ] && [ -n "$(NUMBER)" ] && [ -n "$(TITLE_KO)" ] && [ -n "$(TITLE_EN)" ] || \
	  { echo 'usage: make chapter NAME=<folder> NUMBER=<n> TITLE_KO="..." TITLE_EN="..." [PAGE=<first page>] [GLOSSARY=1]' >&2; exit 2; }
	$(PYTHON) -m tools.new_chapter "$(NAME)" --number "$(NUMBER)" --title-ko "$(TITLE_KO)" --title-en "$(TITLE_EN)" \
	  $(if $(PAGE),--page "$(PAGE)") $(if $(GLOSSARY),--glossary)

# PYTHON names the other interpreter here; the project's own .venv (set up with DEFAULT_PYTHON) compares
compat:
	@[ "$(origin PYTHON)" = "command line" ] || \
	  { echo 'usage: make compat PYTHON=/path/to/another/python [PAGES="docs/..."]' >&2; exit 2; }
	@$(MAKE) --no-print-directory setup PYTHON="$(DEFAULT_PYTHON)"
	$(PY) -m tools.compat --python "$(PYTHON)" $(PAGES)

clean:
	rm -rf site generated .cache
