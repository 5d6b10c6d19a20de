# The one entry point: `make html` builds the site, `make test` runs the tests.
# Both create .venv when it is missing or stale and install the pinned set;
# `make test` also installs the browser tests' npm packages from their lockfile.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.biblog-installed
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

.PHONY: html test serve clean lint bench lock venv figures

# The venv is stale when the pins or the project metadata are newer than the
# stamp, or when its interpreter is gone (moved machine, deleted Python).
$(STAMP): pyproject.toml requirements/docs.txt requirements/dev.txt
	@if ! $(BIN)/python -c "import sys; sys.exit(sys.version_info < (3, 11))" 2>/dev/null; then \
		echo "creating $(VENV)"; rm -rf $(VENV); $(PYTHON) -m venv $(VENV); fi
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements/dev.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e . || \
		$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $(STAMP)

venv: $(STAMP)

# The browser tests serve MathJax from here in place of the CDN, and inject
# axe-core. Reinstalled when node_modules is missing or older than the lockfile.
$(NPM_STAMP): $(BROWSER_TESTS)/package.json $(BROWSER_TESTS)/package-lock.json
	npm ci --prefix $(BROWSER_TESTS) --no-audit --no-fund
	@touch $(NPM_STAMP)

html: $(STAMP)
	$(SPHINXBUILD) docs $(BUILDDIR)/html
	@echo "The site is in $(BUILDDIR)/html/index.html"

$(PEER_SDIST): requirements/docs.txt
	$(BIN)/python -m pip download --quiet --no-binary :all: --no-deps --dest $(PEER_CACHE) \
		sphinxcontrib-bibtex==$(PEER_VERSION)
	@touch $(PEER_SDIST)

test: $(STAMP) $(NPM_STAMP) $(PEER_SDIST)
	BIBLOG_PEER_SDIST=$(PEER_SDIST) $(BIN)/python -m pytest

# sphinx-autobuild serves the site from /, not from blog_url's path: the 404 page's links follow.
serve: $(STAMP)
	$(BIN)/sphinx-autobuild -b dirhtml -c . -d $(BUILDDIR)/serve-doctrees -n -D notfound_urls_prefix=/ \
		--watch src --watch references.bib \
		docs $(BUILDDIR)/serve

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python -m benchmarks.run

# The flagship's figures: matplotlib scripts in figures/ write SVGs under docs/figures/,
# which are committed, so that building the site never needs matplotlib.
figures: $(STAMP)
	$(BIN)/python -m pip install --quiet -r requirements/figures.txt
	$(BIN)/python -m figures.run

# Re-pin after changing dependency ranges in pyproject.toml.
lock:
	rm -rf $(BUILDDIR)/lockvenv && $(PYTHON) -m venv $(BUILDDIR)/lockvenv
	$(BUILDDIR)/lockvenv/bin/pip install --quiet . && \
		$(BUILDDIR)/lockvenv/bin/pip freeze --exclude-editable | grep -vi '^biblog' > requirements/docs.txt.new
	@echo "review requirements/docs.txt.new, then move it over requirements/docs.txt"

clean:
	rm -rf $(BUILDDIR)
