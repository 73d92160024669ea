# Two commands do all set-up:  `make run`  and  `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test lint clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## Run the Discord bot when DISCORD_TOKEN is set (in the environment or .env), else the local console.
run: $(STAMP)
	$(PY) -m bot

## Run the test suite.
test: $(STAMP)
	$(PY) -m pytest

## Lint, format check and type check (CI runs these after the tests).
lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache corpus/.cache
