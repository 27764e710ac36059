# Two commands do all the set-up:  make lab  and  make test.
# Both create .venv when it is missing or stale (the stamp is keyed on pyproject.toml).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.kit-installed-$(shell $(PYTHON) -c "import hashlib,sys;print(hashlib.sha256(open('pyproject.toml','rb').read()).hexdigest()[:12])")
PORT   ?= 8888
ROOT_FLAG := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)

.PHONY: lab test test-fast bench check doctor notebooks clean help

help:
	@echo "make lab    - create the environment and open JupyterLab at the start notebook"
	@echo "make test   - create the environment and run every test (unit, doctest, nbval, browser)"
	@echo "make bench  - speed and memory benchmarks"
	@echo "make check  - validate the article files in seeds/"
	@echo "make notebooks - run every notebook again and store its outputs (after changing kit/ or its data)"
	@echo "make clean  - remove the environment"

$(STAMP): pyproject.toml
	@$(PYTHON) -c "import sys; sys.exit(0 if sys.version_info >= (3, 10) else 'The kit needs Python 3.10 or newer; found ' + sys.version.split()[0])"
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	$(BIN)/python -m kit.setup_lab
	touch $(STAMP)

$(VENV): $(STAMP)

# .venv/bin goes first on PATH, so `python -m kit ...` works in a JupyterLab terminal.
lab: $(STAMP)
	PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/jupyter lab --ip 127.0.0.1 --port $(PORT) --ServerApp.open_browser=True $(ROOT_FLAG) \
		--LabApp.default_url=/lab/tree/notebooks/00_start_here.ipynb $(LAB_ARGS)

test: $(STAMP)
	$(BIN)/python -m pytest tests kit notebooks exercises --nbval -p no:cacheprovider $(PYTEST_ARGS)

test-fast: $(STAMP)
	$(BIN)/python -m pytest tests kit --ignore=tests/browser -q $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/python benchmarks/run_all.py

# Stored outputs are what nbval compares and what a reader sees before running a cell.
NOTEBOOKS := $(wildcard notebooks/*.ipynb) $(wildcard exercises/*.ipynb)
notebooks: $(STAMP)
	export KIT_PROGRESS_DIR=$$(mktemp -d); for nb in $(NOTEBOOKS); do \
		(cd $$(dirname $$nb) && $(CURDIR)/$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
			--ExecutePreprocessor.store_widget_state=True --ExecutePreprocessor.timeout=300 $$(basename $$nb)) || exit 1; \
	done

check: $(STAMP)
	$(BIN)/python -m kit check

doctor: $(STAMP)
	$(BIN)/python -m kit doctor

clean:
	rm -rf $(VENV) test-artifacts .pytest_cache
