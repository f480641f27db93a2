# One command to run, one to test. Each target is idempotent: a second `make run` only
# re-checks what the first one did, so it starts in seconds and keeps the data in var/.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
LOCALE := src/opendebate/locale
PO := $(wildcard $(LOCALE)/*/LC_MESSAGES/django.po)
MO := $(PO:.po=.mo)
CODE := src tests $(wildcard bench)

.PHONY: run install test test-fast lint check-catalogs messages lock clean

run: $(VENV)/.installed $(MO)
	$(BIN)/opendebate migrate --no-input
	$(BIN)/opendebate registry load
	@echo "E-mail intake: SMTP on 127.0.0.1:2525 (each meeting's intake address)"
	@echo "Background tasks (compilations): one worker reading the queue in the database"
	$(BIN)/opendebate demo --statements 60
	$(BIN)/opendebate intake-smtp & smtp=$$!; \
	$(BIN)/opendebate db_worker --interval 0.5 --no-reload & worker=$$!; \
	$(BIN)/opendebate receipts send & receipts=$$!; \
	trap 'kill $$smtp $$worker $$receipts 2>/dev/null' EXIT INT TERM; $(BIN)/opendebate serve

# Production: the locked runtime dependencies and the compiled catalogs, no development tools.
install: $(VENV)/.installed $(MO)

# The whole suite, spread over the machine's cores. xdist's default scheduling hands each worker
# tests in collection order, where pytest-django puts the tests that flush the database (and the
# registry with it) last: grouping by file (--dist loadfile) would run them before others.
test: $(VENV)/.installed-dev $(MO) lint
	$(BIN)/pytest -n auto

# The edit loop: everything but the tests that start real servers, browsers and LibreOffice
# (marked slow), spread over the machine's cores. `make test` still runs the whole suite.
test-fast: $(VENV)/.installed-dev $(MO)
	$(BIN)/pytest -m "not slow" -n auto -q

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check $(CODE)
	$(BIN)/ruff format --check $(CODE)
	$(BIN)/mypy
	$(BIN)/opendebate makemigrations --check --dry-run

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

# The lock files are the only source of versions; the project itself is installed without
# build isolation so that nothing unpinned is fetched on the way.
$(VENV)/.installed: requirements.lock requirements-build.lock pyproject.toml | $(VENV)/bin/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-build.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.installed-dev: requirements-dev.lock $(VENV)/.installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.lock
	touch $@

# Catalogs are compiled with Babel (a locked dependency) so no system gettext is needed.
$(LOCALE)/%/LC_MESSAGES/django.mo: $(LOCALE)/%/LC_MESSAGES/django.po $(VENV)/.installed
	$(BIN)/pybabel --quiet compile --input-file $< --output-file $@

# Developer targets: refresh the catalogs from the source (needs GNU gettext) and re-lock.
messages: $(VENV)/.installed
	cd src/opendebate && ../../$(BIN)/opendebate makemessages --no-obsolete --no-location -l ar -l zh_Hans -l en -l fr -l ru -l es

lock:
	uv pip compile requirements-build.in --python-version 3.11 --generate-hashes -o requirements-build.lock
	uv pip compile pyproject.toml --python-version 3.11 --generate-hashes -o requirements.lock
	uv pip compile pyproject.toml --extra dev --python-version 3.11 --generate-hashes -o requirements-dev.lock

clean:
	rm -rf $(VENV) var
