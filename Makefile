# Set-up and everyday commands. `make demo` and `make test` work on a fresh machine with
# Python 3.11+ and access to PyPI: they create .venv and install every package from
# requirements/lock.txt (each pinned with its hashes, the spaCy model included), then
# tidings itself without dependencies. See requirements/README.md to regenerate the lock.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test install audit clean

$(STAMP): pyproject.toml requirements/lock.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --require-hashes -r requirements/lock.txt
	$(BIN)/python -m pip install -q --no-deps --no-build-isolation -e .
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/tidings extract examples/harbor_talks.txt --published 2024-03-15 --format json
	rm -f demo.duckdb
	$(BIN)/tidings ingest examples --db demo.duckdb --published 2024-03-15
	$(BIN)/tidings events --db demo.duckdb --format table

test: $(STAMP)
	$(BIN)/python -m pytest

# Known vulnerabilities in the locked packages (pip-audit, in .venv-audit); says so and
# succeeds when the vulnerability data cannot be reached.
audit:
	$(PYTHON) scripts/audit.py

clean:
	rm -rf $(VENV) .venv-audit build *.egg-info
