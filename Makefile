# Two commands do all the set-up:  make lab  and  make test.
# Both create .venv when it is missing or stale (the stamp is keyed on pyproject.toml).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.kit-installed-$(shell $(PYTHON) -c "import hashlib,sys;print(hashlib.sha256(open('pyproject.toml','rb').read()).hexdigest()[:12])")
PORT   ?= 8888
ROOT_FLAG := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)

.PHONY: app lab test test-fast bench check doctor notebooks hub hub-install hub-stop classroom-bench clean help

help:
	@echo "make lab    - create the environment and open JupyterLab at the start notebook"
	@echo "make app    - serve the kit as an application (Voila, no code shown) on 127.0.0.1"
	@echo "make test   - create the environment and run every test (unit, doctest, nbval, browser)"
	@echo "make bench  - speed and memory benchmarks"
	@echo "make check  - validate the article files in seeds/"
	@echo "make notebooks - run every notebook again and store its outputs (after changing kit/ or its data)"
	@echo "make hub    - set up and start a JupyterHub for a class on 127.0.0.1:8000 (root; Node.js/npm needed)"
	@echo "make hub-stop - stop the class's hub and everything it started"
	@echo "make classroom-bench - N students (default 30) at once on a loopback hub (root)"
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

# Voila serves app/kit_app.ipynb with its code hidden; --token makes it print a URL with a
# random token (the browser opens there; APP_ARGS=--no-browser stops that).
APP_PORT ?= 8866
app: $(STAMP)
	$(BIN)/voila app/kit_app.ipynb --Voila.ip=127.0.0.1 --port=$(APP_PORT) --token $(APP_ARGS)

test: $(STAMP)
	$(BIN)/python -m pytest tests kit app notebooks exercises --nbval -p no:cacheprovider $(PYTEST_ARGS)

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

# ---- the classroom (docs/classroom.md) ------------------------------------------------------
# The class's hub keeps its state in classroom/ (git-ignored, root only). Its own Python (made
# from the system's python3) and the proxy from npm live in HUB_HOME, outside the project, so
# that student accounts can run them wherever the project is (a home folder is often closed to
# other accounts); classroom/venv and classroom/node point there.
HUB_IP     ?= 127.0.0.1
HUB_PORT   ?= 8000
HUB_PYTHON ?= $(shell [ -x /usr/bin/python3 ] && echo /usr/bin/python3 || echo python3)
HUB_HOME   ?= /opt/kit-classroom
CLASSROOM  := classroom
HUB_BIN    := $(HUB_HOME)/venv/bin
HUB_STAMP  := $(HUB_HOME)/venv/.kit-hub-$(shell $(PYTHON) -c "import hashlib;print(hashlib.sha256(open('pyproject.toml','rb').read()).hexdigest()[:12])")
N          ?= 30

$(HUB_STAMP): pyproject.toml
	@[ "$$(id -u)" = 0 ] || { echo "make hub runs as root: it creates the students' accounts and starts their servers as them (sudo make hub)"; exit 1; }
	@command -v npm >/dev/null || { echo "make hub needs Node.js and npm for configurable-http-proxy (Debian/Ubuntu: sudo apt-get install nodejs npm)"; exit 1; }
	rm -rf $(HUB_HOME)/venv
	mkdir -p $(HUB_HOME) && chmod 755 $(HUB_HOME)
	$(HUB_PYTHON) -m venv $(HUB_HOME)/venv
	$(HUB_BIN)/python -m pip install --quiet --upgrade pip
	$(HUB_BIN)/python -m pip install --quiet ".[hub]"
	mkdir -p $(HUB_HOME)/node
	npm install --prefix $(HUB_HOME)/node --no-audit --no-fund --silent configurable-http-proxy@5
	chmod -R a+rX $(HUB_HOME)
	touch $@

hub-install: $(HUB_STAMP)
	mkdir -p $(CLASSROOM) && chmod 755 $(CLASSROOM)
	for part in venv node; do \
		[ -L $(CLASSROOM)/$$part ] || rm -rf $(CLASSROOM)/$$part; \
		ln -sfn $(abspath $(HUB_HOME))/$$part $(CLASSROOM)/$$part; \
	done

# The kit is installed (not editable) into the hub's Python, so students never need to read
# the project folder; it is reinstalled at every `make hub` to match the code.
hub: hub-install
	$(HUB_BIN)/python -m pip install --quiet --no-deps --force-reinstall .
	$(HUB_BIN)/python -m kit.classroom hub start --ip $(HUB_IP) --port $(HUB_PORT)

hub-stop:
	@if [ -x $(HUB_BIN)/python ]; then $(HUB_BIN)/python -m kit.classroom hub stop; else echo "no hub installed"; fi

classroom-bench: hub-install
	$(HUB_BIN)/python -m pip install --quiet --no-deps --force-reinstall .
	$(HUB_BIN)/python benchmarks/classroom_bench.py --students $(N)

clean:
	rm -rf $(VENV) test-artifacts .pytest_cache $(CLASSROOM)/venv $(CLASSROOM)/node
