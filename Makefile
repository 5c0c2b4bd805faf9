# lagebild task runner.  The README's two commands are `make demo` and `make test`.
PYTHON ?= python3.11
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
EXAMPLE ?= examples/gasstreit.txt

.PHONY: install demo test test-fast lint typecheck eval bench model docs clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[dev,spark]'
	$(BIN)/python -m compileall -q lagebild  # an editable install is not byte-compiled by pip
	touch $(STAMP)

install: $(STAMP)

## install, then analyse the example article
demo: $(STAMP)
	$(BIN)/lagebild analyze $(EXAMPLE)

## install, then run the whole test suite
test: $(STAMP)
	bash scripts/sysdeps.sh
	$(BIN)/python -m pytest -q

test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not model and not slow"

lint: $(STAMP)
	$(BIN)/ruff check lagebild tests benchmarks training
	$(BIN)/ruff format --check lagebild tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

## accuracy on the shared dev data (see docs/evaluation.md)
eval: $(STAMP)
	$(BIN)/python -m lagebild.evaluation.run_all

bench: $(STAMP)
	$(BIN)/python benchmarks/parse_speed.py

## retrain the shipped German model from ../shared/data (see training/README.md)
model: $(STAMP)
	$(BIN)/python -m pip install -q -c constraints.txt -e '.[train]'
	$(MAKE) -j2 -C training PYTHON=$(abspath $(BIN))/python

## regenerate the CLI reference (a test checks it is current)
docs: $(STAMP)
	$(BIN)/python -m lagebild.clidoc > docs/cli.md
	$(BIN)/python -m lagebild.api.snapshot > tests/api/openapi.snapshot.json

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
