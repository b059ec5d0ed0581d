# Quick start: `make run` (demo chat on the bundled sample booklet) and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup run test test-fast lint bench booklet clean

setup: $(STAMP)

# torch is installed first and pinned so the CPU build is used.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

run: setup
	$(BIN)/sudang demo

test: setup
	$(BIN)/python -m pytest -q

test-fast: setup
	$(BIN)/python -m pytest -q -m "not slow and not e2e"

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

bench: setup
	$(BIN)/python -m bench.retrieval --json bench/results/retrieval.json
	$(BIN)/python -m bench.quizgen --json bench/results/quizgen.json
	bash testkit/emulator/install.sh
	$(BIN)/python -m bench.bot --users 50 --json bench/results/bot.json
	$(BIN)/python -m bench.bot --users 50 --think 0 --ramp 0 --json bench/results/bot_burst.json
	$(BIN)/python -m bench.contest --json bench/results/contest.json
	$(BIN)/python -m bench.web --json bench/results/web.json

booklet: setup
	$(BIN)/python -m tools.booklets

clean:
	rm -rf $(VENV) data .pytest_cache
