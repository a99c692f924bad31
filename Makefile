# Two commands for a fresh clone: `make run` and `make test`.
PY ?= python3
VENV := .venv
STAMP := $(VENV)/.installed

.PHONY: run test install clean-db

# Reinstall only when the project's dependency list changes.
$(STAMP): pyproject.toml
	test -x $(VENV)/bin/python || $(PY) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(VENV)/bin/newsweave run

# One test process per core (pytest-xdist); a test file stays on one process, so
# its module fixtures (a processed store, a browser) are built once.
test: $(STAMP)
	$(VENV)/bin/python -m pytest -q -n auto --dist loadfile

clean-db:
	rm -f newsweave.duckdb newsweave.duckdb.wal
