# Two commands do all set-up:  `make run`  and  `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: run test lint clean

# WordNet 3.0 (Debian's wordnet-base) is the engine's thesaurus; without it the engine still
# answers, with less paraphrase. Installed when missing and this user may install packages.
WORDNET := /usr/share/wordnet/index.noun

$(STAMP): pyproject.toml
	@test -f $(WORDNET) || ! command -v apt-get >/dev/null || [ "$$(id -u)" != 0 ] \
		|| (apt-get update -qq && apt-get install -y -qq wordnet-base >/dev/null) \
		|| echo "note: could not install wordnet-base; answering without a thesaurus" >&2
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
