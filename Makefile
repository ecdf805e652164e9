# The two commands a reader needs are `make run` and `make test`; both set everything up first.
# Set-up is skipped when nothing changed: the venv is rebuilt only when pyproject.toml changes.
.DEFAULT_GOAL := run
.PHONY: run serve test test-fast lint format check weight bench bench-http loadtest probe lighthouse clean

VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

run: $(STAMP)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py runserver 127.0.0.1:8000

# Production: tools/serve.sh collects static files for WhiteNoise, migrates, saves the search index and
# starts granian with one worker per core (the benchmarks start the server with the same script).
# Needs SECRET_KEY and ALLOWED_HOSTS; see "Deploying" in the README for the other variables.
# It runs from its own environment, .venv-prod, with the runtime dependencies only (no test or lint tools).
WORKERS ?= $(shell nproc)
PROD_VENV := .venv-prod
PROD_STAMP := $(PROD_VENV)/.installed
serve: $(PROD_STAMP)
	PATH="$(CURDIR)/$(PROD_VENV)/bin:$$PATH" WEB_CONCURRENCY=$${WEB_CONCURRENCY:-$(WORKERS)} tools/serve.sh

# Python 3.12 or newer, found as for .venv below (less uv: a server has its Python installed).
$(PROD_STAMP): pyproject.toml
	@set -e; \
	ok() { "$$1" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; }; \
	if [ ! -x $(PROD_VENV)/bin/python ] || ! ok $(PROD_VENV)/bin/python; then \
	  found="$$(PYTHON='$(PYTHON)' tools/find_python.sh || true)"; \
	  if [ -z "$$found" ]; then echo "Python 3.12 or newer is needed: make PYTHON=/path/to/python3.12 serve"; exit 1; fi; \
	  rm -rf $(PROD_VENV); echo "Creating $(PROD_VENV) with $$found"; "$$found" -m venv $(PROD_VENV); \
	fi
	$(PROD_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PROD_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -e .
	touch $(PROD_STAMP)

test: $(STAMP)
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .
	$(PY) manage.py check --fail-level WARNING
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) -m pytest

# the quick inner loop: no browser, and nothing that starts servers or subprocesses or walks the whole site
test-fast: $(STAMP)
	$(PY) -m pytest -m "not browser and not slow"

lint: $(STAMP)
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

check: $(STAMP)
	$(PY) manage.py check

# Benchmarks and audits live in tools/ (python -m tools.NAME); ARGS passes options, e.g. ARGS="--seconds 10".
weight: $(STAMP)
	$(PY) manage.py migrate --noinput --verbosity 0
	$(PY) -m tools.pageweight $(ARGS)

bench: $(STAMP)
	$(PY) -m tools.bench $(ARGS)

# the app server vs nginx (static copies and proxy_cache) under wrk on loopback; needs: apt-get install wrk nginx-light
bench-http: $(STAMP)
	$(PY) -m tools.benchhttp $(ARGS)

# 64 connections for 60 s against a mix of pages and widget scenarios, on loopback; needs wrk
# issue 16's hostile clients replayed against the production server on loopback (memory, slow clients,
# host poisoning, cookie-less votes, admin lock-out), with the numbers printed
probe: $(STAMP)
	$(PY) -m tools.probe $(ARGS)

loadtest: $(STAMP)
	$(PY) -m tools.loadtest $(ARGS)

# Lighthouse's mobile profile on four pages, against Debian's Chromium; Lighthouse comes from npm
lighthouse: $(STAMP)
	@[ -x .lighthouse/node_modules/.bin/lighthouse ] || npm install --no-audit --no-fund --prefix .lighthouse lighthouse@12
	CHROME_PATH=$${CHROME_PATH:-$$(command -v chromium)} $(PY) -m tools.lighthouse $(ARGS)

clean:
	rm -rf $(VENV) db.sqlite3

# Django 6.1 needs Python >= 3.12: tools/find_python.sh looks for one ($PYTHON, the PATH, pyenv);
# failing that, uv, which can fetch a Python itself.
$(STAMP): pyproject.toml
	@set -e; \
	ok() { "$$1" -c 'import sys; sys.exit(sys.version_info < (3, 12))' >/dev/null 2>&1; }; \
	found="$$(PYTHON='$(PYTHON)' tools/find_python.sh || true)"; \
	if [ ! -x $(PY) ] || ! ok $(PY); then \
	  rm -rf $(VENV); \
	  if [ -n "$$found" ]; then \
	    echo "Creating $(VENV) with $$found ($$("$$found" --version))"; \
	    "$$found" -m venv $(VENV); \
	  elif command -v uv >/dev/null 2>&1; then \
	    echo "Creating $(VENV) with uv"; \
	    uv venv --seed --python '>=3.12' $(VENV); \
	  else \
	    echo "Python 3.12 or newer is needed and none was found."; \
	    echo "Install one (for example: apt install python3.12, brew install python@3.13,"; \
	    echo "pyenv install 3.13, or install uv from https://docs.astral.sh/uv/), then run make again,"; \
	    echo "or point to it: make PYTHON=/path/to/python3.12 run"; \
	    exit 1; \
	  fi; \
	fi
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)
