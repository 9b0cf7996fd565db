# Two commands for users: `make demo` and `make test`. Both set up a virtual
# environment in .venv first (Python 3.10+ and pip are all that is needed).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test install lint patterns bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(STAMP)

install: $(STAMP)

## Crawl the bundled demo sites from 127.0.0.1, analyse them and open Datasette.
demo: $(STAMP)
	$(BIN)/monitor run --demo

## Run the linter and the whole test suite.
test: $(STAMP)
	$(BIN)/ruff check monitor tests datasette benchmarks scripts
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check monitor tests datasette benchmarks scripts

## Measure speed, scaling, memory and Datasette latency; writes benchmarks/RESULTS.md.
## BENCH_ARGS=--quick for a small check run.
bench: $(STAMP)
	$(BIN)/python -m benchmarks.run $(BENCH_ARGS)

## Regenerate models/patterns/*.jsonl after editing the country or institution lists.
patterns: $(STAMP)
	$(BIN)/python -m monitor.nlp.gazetteer

clean:
	rm -rf $(VENV) monitor.db monitor.db-wal monitor.db-shm monitor-private.db monitor-private.db-wal monitor-private.db-shm .pytest_cache
