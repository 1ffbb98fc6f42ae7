# opensight — two commands on a fresh machine:
#   make run    set everything up, then start the main job (for now: a demo over sample photos)
#   make test   set everything up, then ruff + mypy (strict) + the whole pytest suite
# `make setup` only installs; `make bench` runs the benchmarks and appends to BENCHMARKS.md.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
BIN    := $(VENV)/bin
EXTRAS ?= dev
# torch must be pinned EXACTLY and installed first: a range or a bare `torch` pulls a multi-GB CUDA build.
TORCH  := torch==2.13.0
STAMP  := $(VENV)/.installed-$(EXTRAS)

export HF_HUB_OFFLINE := 1
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: setup run test lint typecheck pytest bench clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet $(TORCH)
	$(BIN)/python -m pip install --quiet -e '.[$(EXTRAS)]'
	@$(BIN)/python -c "import torch, sys; v = torch.__version__; sys.exit(0 if v.startswith('2.13.0') else f'torch {v} was installed, expected 2.13.0')"
	@touch $@

run: setup
	$(BIN)/opensight demo

lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: setup
	$(BIN)/mypy

pytest: setup
	$(BIN)/pytest

test: lint typecheck pytest

bench: setup
	$(BIN)/python bench/classify.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache test-output bench/data
