# Two commands do all set-up: `make serve` and `make test` (see README.md).
export NO_MKDOCS_2_WARNING := 1
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: serve test build offline lint bench clean chromium node vendor

# Mermaid for the diagrams, from the npm registry (not committed). The site never loads it from
# a CDN: without it `mkdocs build --strict` fails with "Mermaid is missing" (hooks/diagrams.py).
MERMAID := overrides/assets/vendor/mermaid.min.js
MERMAID_VERSION ?= 11

# The graph view's drawing library (hooks/graph.py, web/graph/), from the npm registry (not committed).
# No CDN fallback: without it the graph page says the drawing is unavailable.
FORCE_GRAPH := overrides/assets/vendor/force-graph.min.js
FORCE_GRAPH_VERSION ?= 1.52.0

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
	  else echo "could not fetch Mermaid from the npm registry: the build will fail (Mermaid is missing)" >&2; fi; \
	  rm -rf $$tmp; \
	else echo "npm not found: cannot fetch Mermaid, the build will fail (Mermaid is missing); install npm" >&2; fi

$(FORCE_GRAPH):
	@command -v npm >/dev/null 2>&1 || { echo "npm not found: the graph view needs force-graph from the npm registry"; exit 1; }
	@tmp=$$(mktemp -d) && (cd $$tmp && npm pack --silent force-graph@$(FORCE_GRAPH_VERSION) >/dev/null && \
	  tar -xzf force-graph-*.tgz package/dist/force-graph.min.js package/LICENSE) && \
	mkdir -p $(dir $(FORCE_GRAPH)) && cp $$tmp/package/dist/force-graph.min.js $(FORCE_GRAPH) && \
	cp $$tmp/package/LICENSE $(dir $(FORCE_GRAPH))force-graph.LICENSE.txt; status=$$?; rm -rf $$tmp; exit $$status

# npm fetches the vendored libraries and Node runs the front-end unit tests: Debian's npm
# (with Node.js) is installed when missing (root, non-interactive), as chromium is below.
node:
	@command -v npm >/dev/null 2>&1 || { \
	  echo "Installing Debian's npm (Node.js) for the vendored libraries and the front-end tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq npm >/dev/null; }

vendor: node $(MERMAID) $(FORCE_GRAPH)

serve: $(STAMP) vendor
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

# Browser tests need Debian's chromium, and Noto CJK so that Chinese text is measured with real
# glyphs; install them when missing (root, non-interactive).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	@fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || { \
	  echo "Installing Debian's fonts-noto-cjk for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-noto-cjk >/dev/null; }

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
