# Two commands do all set-up: `make serve` and `make test` (see README.md).
export NO_MKDOCS_2_WARNING := 1
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: serve test build offline lint bench clean chromium

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

serve: $(STAMP)
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

# Browser tests need Debian's chromium; install it when missing (root, non-interactive).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

test: $(STAMP) chromium
	$(BIN)/python -m pytest

build: $(STAMP)
	$(BIN)/mkdocs build --strict

offline: $(STAMP)
	OFFLINE=true $(BIN)/mkdocs build --strict --site-dir site-offline

lint: $(STAMP)
	$(BIN)/python -m pytest tests/test_style.py -q

bench: $(STAMP) chromium
	$(BIN)/python bench/build.py

clean:
	rm -rf site site-offline .pytest_cache
