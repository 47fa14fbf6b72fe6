# Brobygger: `make run` to try it, `make test` to check it. Everything installs from this file.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
PIP_QUIET := --quiet --disable-pip-version-check

.PHONY: run test lint format bench install node vendor migrate clean stack stack-stop stack-test

$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install $(PIP_QUIET) --upgrade pip 2>&1 | grep -v "^WARNING: Location" || true
	$(PY) -m pip install $(PIP_QUIET) -e '.[test]' 2>&1 | grep -v "^WARNING: Location" || true
	$(PY) -c "import django, weasyprint, playwright" && touch $@

install: $(VENV)/.installed

# axe-core (accessibility checks in the browser tests) and the sources of static/vendor/.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

node: node_modules/.installed

# Refresh the vendored Bootstrap and htmx from npm (they are committed; this is for upgrades).
vendor: node
	cp node_modules/bootstrap/dist/css/bootstrap.min.css* static/vendor/bootstrap/
	cp node_modules/bootstrap/dist/js/bootstrap.bundle.min.js* static/vendor/bootstrap/
	cp node_modules/htmx.org/dist/htmx.min.js static/vendor/htmx/

migrate: install
	$(PY) manage.py migrate --noinput

run: migrate
	$(PY) manage.py seed_demo --if-empty
	@echo ""
	@echo "Brobygger kører på http://127.0.0.1:$(PORT)/  (stop med Ctrl+C)"
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

test: install node
	FAST_PASSWORD_HASHER=1 DJANGO_ALLOW_ASYNC_UNSAFE=true $(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: install
	$(PY) bench/run.py

# A production-like stack on loopback (bench/stack/): haproxy + TLS, two gunicorn servers, own PostgreSQL
# (:5433) and Redis (:6380). `stack-test` loads it with faults injected and stops it afterwards.
stack: install
	$(PY) bench/stack/stack.py start

stack-stop:
	$(PY) bench/stack/stack.py stop

stack-test: install
	$(PY) bench/stack/stack_test.py

clean:
	rm -rf $(VENV) node_modules var/test-artifacts
