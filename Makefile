# Brobygger: `make run` to try it, `make test` to check it. Everything installs from this file.
SHELL := /bin/bash
# pipefail: a failing install fails the target even though its output is filtered.
.SHELLFLAGS := -o pipefail -c
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
PIP_QUIET := --quiet --disable-pip-version-check
# The settings default to production; these targets are development and say so.
DEV := DEBUG=1
LOCK := requirements/all.lock
# One command for `make lock` and `make lock-check`, so both write the same file.
PIP_COMPILE := CUSTOM_COMPILE_COMMAND="make lock" $(VENV)/bin/pip-compile --quiet --generate-hashes \
	--extra test --allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links pyproject.toml

.PHONY: run test lint format bench install node vendor migrate clean lock lock-check stack stack-stop stack-test

# Exact versions with hashes from the lock, then the project itself without resolving anything.
$(VENV)/.installed: pyproject.toml $(LOCK)
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install $(PIP_QUIET) --require-hashes -r $(LOCK) 2>&1 | { grep -v "^WARNING: Location" || true; }
	$(PY) -m pip install $(PIP_QUIET) --no-deps --no-build-isolation -e . 2>&1 | { grep -v "^WARNING: Location\|BuildBackendWarning\|^ *$$\|!!\|\*\*\*\|Please be careful\|name as your package\|with strategy" || true; }
	$(PY) -c "import django, weasyprint, playwright" && touch $@

install: $(VENV)/.installed

# Upgrade on purpose: newest versions that pyproject.toml allows, with their hashes.
lock: install
	$(PIP_COMPILE) --upgrade --output-file $(LOCK) 2>&1 | { grep -v "^WARNING: Location" || true; }

# Fails when pyproject.toml and the lock disagree (a dependency added, removed or re-bounded).
lock-check: install
	@tmp=$$(mktemp -d) && cp $(LOCK) $$tmp/all.lock && \
	$(PIP_COMPILE) --output-file $$tmp/all.lock 2>&1 | { grep -v "^WARNING: Location" || true; } && \
	if diff <(grep -E '^[A-Za-z0-9]' $(LOCK) | cut -d' ' -f1) <(grep -E '^[A-Za-z0-9]' $$tmp/all.lock | cut -d' ' -f1); \
	then echo "$(LOCK) matches pyproject.toml"; rm -rf $$tmp; \
	else echo "$(LOCK) is out of date: run 'make lock' (or re-run pip-compile without --upgrade)"; rm -rf $$tmp; exit 1; fi

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
	$(DEV) $(PY) manage.py migrate --noinput

run: migrate
	$(DEV) $(PY) manage.py seed_demo --if-empty
	@echo ""
	@echo "Brobygger kører på http://127.0.0.1:$(PORT)/ med en jobkører ved siden af (stop med Ctrl+C)"
	@$(DEV) $(PY) manage.py db_worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(DEV) $(PY) manage.py runserver 127.0.0.1:$(PORT)

test: install node
	$(DEV) FAST_PASSWORD_HASHER=1 DJANGO_ALLOW_ASYNC_UNSAFE=true $(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

bench: install
	$(DEV) $(PY) bench/run.py

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
