# The two commands a newcomer runs on a fresh machine are `make demo` and `make test`.
# Both create .venv and install orderforge with everything it needs.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test test-fast lint bench clean install system-deps

$(STAMP): pyproject.toml setup.py src/orderforge/_yamlc.pyx
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

## Build every example plan in plans/ into output/: .docx and PDF (installs LibreOffice when missing).
demo: system-deps $(STAMP)
	$(BIN)/orderforge validate
	$(BIN)/orderforge build --pdf

## Lint and types: part of the build (configured in pyproject.toml; the same checks as .pre-commit-config.yaml).
lint: $(STAMP)
	$(BIN)/ruff check src tests tools
	$(BIN)/mypy

## Lint, types and every test, including the slow ones that open the output in real LibreOffice (what CI runs).
test: system-deps $(STAMP) lint
	$(BIN)/python -m pytest -m "slow or not slow"

## Lint, types and the fast tests only (what a developer runs on every save).
test-fast: $(STAMP) lint
	$(BIN)/python -m pytest

## LibreOffice and poppler for PDF conversion and the slow tests, libyaml's headers for the compiled YAML reader (Debian/Ubuntu, needs root).
system-deps:
	@tools/system-deps.sh

bench: $(STAMP)
	$(BIN)/python tools/bench.py

clean:
	rm -rf output $(VENV) .pytest_cache build dist src/*.egg-info *.egg-info src/orderforge/_yamlc.c src/orderforge/*.so
