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
# its module fixtures (a processed store, a browser) are built once. Files go out
# in collection order, which tests/conftest.py starts with the longest files
# (xdist's default sends the files with the most tests first).
test: $(STAMP)
	$(VENV)/bin/python -m pytest -q -n auto --dist loadfile --no-loadscope-reorder

clean-db:
	rm -f newsweave.duckdb newsweave.duckdb.wal
