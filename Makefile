# The one entry point: `make html` builds the site, `make test` runs the tests.
# Both create .venv when it is missing or stale. `make html` installs only what
# building needs (requirements/docs.txt and the package); `make test` adds the
# test tools (requirements/dev.txt) and the browser tests' npm packages.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DOCS_STAMP := $(VENV)/.biblog-docs
DEV_STAMP := $(VENV)/.biblog-dev
BROWSER_TESTS := tests/browser
NPM_STAMP := $(BROWSER_TESTS)/node_modules/.biblog-installed
BUILDDIR := _build
# sphinxcontrib-bibtex's own test suite, run with biblog loaded (tests/test_peer_suite.py):
# the sdist of the pinned version, downloaded once.
PEER_CACHE := .cache/peer
PEER_VERSION = $(shell sed -n 's/^sphinxcontrib-bibtex==//p' requirements/docs.txt)
PEER_SDIST = $(PEER_CACHE)/sphinxcontrib_bibtex-$(PEER_VERSION).tar.gz
SPHINXOPTS ?= -W --keep-going -n
SPHINXBUILD = $(BIN)/sphinx-build -b dirhtml -c . -d $(BUILDDIR)/doctrees $(SPHINXOPTS)

# Sphinx versions of `make test-matrix`: the oldest supported (pyproject's lower bound) and the newest.
SPHINX_OLDEST = $(shell sed -n 's/.*"sphinx>=\([0-9.]*\),<\([0-9]*\)".*/\1/p' pyproject.toml)
SPHINX_CEILING = $(shell sed -n 's/.*"sphinx>=\([0-9.]*\),<\([0-9]*\)".*/\2/p' pyproject.toml)
MATRIX_TOOLS := pytest hypothesis beautifulsoup4 lxml feedparser jsonschema PyYAML furo alabaster pydata-sphinx-theme
#: the fast subset: the pure unit tests, a small build, a new blog, the themes, drafts, the CLI,
#: translations and template overrides, the settings policy, the garbage collector's pauses
MATRIX_TESTS := tests/unit tests/test_minimal_build.py tests/test_init.py tests/test_themes.py \
	tests/test_drafts.py tests/test_cli_conf.py tests/test_adapt.py tests/test_settings_policy.py \
	tests/test_gc_pauses.py

.PHONY: html test test-matrix serve clean lint bench lock venv figures locale

# The venv is stale when the pins or the project metadata are newer than the
# stamp, or when its interpreter is gone (moved machine, deleted Python).
$(DOCS_STAMP): pyproject.toml requirements/docs.txt
	@if ! $(BIN)/python -c "import sys; sys.exit(sys.version_info < (3, 11))" 2>/dev/null; then \
		echo "creating $(VENV)"; rm -rf $(VENV); $(PYTHON) -m venv $(VENV); fi
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements/docs.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $(DOCS_STAMP)

$(DEV_STAMP): $(DOCS_STAMP) requirements/dev.txt
	$(BIN)/python -m pip install --quiet -r requirements/dev.txt
	@touch $(DEV_STAMP)

venv: $(DEV_STAMP)

# The browser tests serve MathJax from here in place of the CDN, and inject
# axe-core. Reinstalled when node_modules is missing or older than the lockfile.
$(NPM_STAMP): $(BROWSER_TESTS)/package.json $(BROWSER_TESTS)/package-lock.json
	npm ci --prefix $(BROWSER_TESTS) --no-audit --no-fund
	@touch $(NPM_STAMP)

html: $(DOCS_STAMP)
	$(SPHINXBUILD) docs $(BUILDDIR)/html
	@echo "The site is in $(BUILDDIR)/html/index.html"

$(PEER_SDIST): requirements/docs.txt
	$(BIN)/python -m pip download --quiet --no-binary :all: --no-deps --dest $(PEER_CACHE) \
		sphinxcontrib-bibtex==$(PEER_VERSION)
	@touch $(PEER_SDIST)

test: $(DEV_STAMP) $(NPM_STAMP) $(PEER_SDIST)
	BIBLOG_PEER_SDIST=$(PEER_SDIST) $(BIN)/python -m pytest

# The fast subset (MATRIX_TESTS) under the oldest and the newest Sphinx this
# package supports, each in its own venv resolved from pyproject's ranges, not the lock.
test-matrix: $(DEV_STAMP)
	@for pair in "oldest sphinx~=$(SPHINX_OLDEST).0" "newest sphinx<$(SPHINX_CEILING)"; do \
		set -- $$pair; env=$(BUILDDIR)/matrix/$$1; spec=$$2; \
		[ -x $$env/bin/python ] || $(PYTHON) -m venv $$env || exit 1; \
		$$env/bin/python -m pip install --quiet --upgrade "$$spec" -e . $(MATRIX_TOOLS) || exit 1; \
		echo "== $$($$env/bin/python -c 'import sphinx; print("Sphinx", sphinx.__version__)')"; \
		$$env/bin/python -m pytest -q -p no:cacheprovider $(MATRIX_TESTS) || exit 1; \
	done

# sphinx-autobuild serves the site from /, not from blog_url's path: the 404 page's links follow.
# Drafts are shown there, with their banner.
serve: $(DEV_STAMP)
	$(BIN)/sphinx-autobuild -b dirhtml -c . -d $(BUILDDIR)/serve-doctrees -n -D notfound_urls_prefix=/ \
		-D blog_show_drafts=1 --watch src --watch references.bib docs $(BUILDDIR)/serve

lint: $(DEV_STAMP)
	$(BIN)/ruff check src tests tools benchmarks
	$(BIN)/mypy

bench: $(DEV_STAMP)
	$(BIN)/python -m benchmarks.run
	$(BIN)/python -m benchmarks.reader

# The flagship's figures: matplotlib scripts in figures/ write SVGs under docs/figures/,
# which are committed, so that building the site never needs matplotlib.
figures: $(DEV_STAMP)
	$(BIN)/python -m pip install --quiet -r requirements/figures.txt
	$(BIN)/python -m figures.run

# Re-pin after changing dependency ranges in pyproject.toml, with pip-tools' pip-compile:
# existing pins are kept while they still fit; `make lock UPGRADE=--upgrade` moves them all.
LOCK_OPTIONS = --quiet --strip-extras --no-emit-index-url --no-emit-find-links $(UPGRADE)
lock: $(DEV_STAMP)
	$(BIN)/pip-compile $(LOCK_OPTIONS) --extra furo --output-file requirements/docs.txt pyproject.toml
	$(BIN)/pip-compile $(LOCK_OPTIONS) --allow-unsafe --extra furo --extra dev \
		--constraint requirements/docs.txt --output-file requirements/dev.txt pyproject.toml

clean:
	rm -rf $(BUILDDIR)

# The message catalog of the interface strings: extract, merge into each language, compile.
locale: $(DEV_STAMP)
	$(BIN)/pybabel extract -F src/biblog/locale/babel.cfg --no-location --omit-header --sort-output \
		-o src/biblog/locale/biblog.pot src/biblog
	$(BIN)/pybabel update -i src/biblog/locale/biblog.pot -d src/biblog/locale -D biblog
	$(BIN)/pybabel compile -d src/biblog/locale -D biblog
