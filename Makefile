# The two commands a newcomer runs on a fresh machine are `make demo` and `make test`.
# Both create .venv and install orderforge with everything it needs.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test test-fast bench clean install system-deps

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

## Build every example plan in plans/ into output/: .docx and PDF (installs LibreOffice when missing).
demo: system-deps $(STAMP)
	$(BIN)/orderforge validate
	$(BIN)/orderforge build --pdf

## Run the tests, including the slow ones that open the output in real LibreOffice.
test: system-deps $(STAMP)
	$(BIN)/python -m pytest -m "slow or not slow"

## Fast tests only (what a developer runs on every save).
test-fast: $(STAMP)
	$(BIN)/python -m pytest

## LibreOffice and poppler for PDF conversion and the slow tests (Debian/Ubuntu, needs root).
system-deps:
	@tools/system-deps.sh

bench: $(STAMP)
	$(BIN)/python tools/bench.py

clean:
	rm -rf output $(VENV) .pytest_cache build dist src/*.egg-info *.egg-info
