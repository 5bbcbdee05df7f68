# Two commands do all set-up: `make serve` and `make test` (see README.md).
export NO_MKDOCS_2_WARNING := 1
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: serve test build offline lint bench clean chromium vendor

# Mermaid for the diagrams, from the npm registry (not committed). Without npm the site still
# works: overrides/assets/javascripts/mermaid-loader.js then falls back to Material's CDN.
MERMAID := overrides/assets/vendor/mermaid.min.js
MERMAID_VERSION ?= 11

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

$(MERMAID):
	@if command -v npm >/dev/null 2>&1; then \
	  tmp=$$(mktemp -d); \
	  if (cd $$tmp && npm pack --silent mermaid@$(MERMAID_VERSION) >/dev/null && \
	      tar -xzf mermaid-*.tgz package/dist/mermaid.min.js); then \
	    mkdir -p $(dir $(MERMAID)) && cp $$tmp/package/dist/mermaid.min.js $(MERMAID); \
	  else echo "could not fetch Mermaid from the npm registry: diagrams will load it from a CDN"; fi; \
	  rm -rf $$tmp; \
	else echo "npm not found: diagrams will load Mermaid from a CDN"; fi

vendor: $(MERMAID)

serve: $(STAMP) vendor
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

# Browser tests need Debian's chromium; install it when missing (root, non-interactive).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

test: $(STAMP) chromium vendor
	node --test tests/js/
	$(BIN)/python -m pytest

build: $(STAMP) vendor
	$(BIN)/mkdocs build --strict

offline: $(STAMP) vendor
	OFFLINE=true $(BIN)/mkdocs build --strict --site-dir site-offline

lint: $(STAMP)
	$(BIN)/python -m pytest tests/test_style.py -q

# Figures, not pass/fail: build cost of the hooks and growth with pages, then search quality
# and latency against stock Material. Results: bench/RESULTS.md.
bench: $(STAMP) chromium vendor
	$(BIN)/python bench/build.py
	$(BIN)/python bench/search.py

clean:
	rm -rf site site-offline .pytest_cache
