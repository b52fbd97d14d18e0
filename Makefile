# The Prediction Archive's everyday commands. `make demo` for a first look, `make test` for the suite.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
HOST ?= 127.0.0.1
DEMO_ENV := DJANGO_DEBUG=1 ARCHIVE_MIN_RESOLVED=3

.PHONY: help venv install install-dev browser migrate demo demo-data serve test test-fast lint format bench clean screenshots
.PHONY: worker serve-prod

help:
	@echo "make demo       set up a SQLite archive with the demo story and serve it on $(HOST):$(PORT)"
	@echo "make test       install the dev tools, run make lint, then the whole test suite"
	@echo "make lint       ruff check and format check, the import contracts and mypy"
	@echo "make bench      run the benchmarks in bench/ (needs ../shared/corpus)"
	@echo "make screenshots  redraw the README's pictures from the demo (the browser test)"
	@echo "make worker     start one Celery worker on CELERY_BROKER_URL"
	@echo "make serve-prod migrate, collect static files and serve with gunicorn (production settings)"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

venv: $(BIN)/python

install: venv
	$(BIN)/pip install --quiet -e .

install-dev: venv
	$(BIN)/pip install --quiet -e '.[dev]'

# Chromium for the browser tests comes from Debian's packages; nothing downloads a browser.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; fi; }

migrate: install
	$(DEMO_ENV) $(BIN)/python manage.py migrate --noinput

demo-data: migrate
	$(DEMO_ENV) $(BIN)/python manage.py demo_setup

demo: demo-data
	$(DEMO_ENV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

serve:
	$(DEMO_ENV) $(BIN)/python manage.py runserver $(HOST):$(PORT)

# One Celery worker with WORKER_CONCURRENCY processes (default: one per core).
worker: install
	$(BIN)/celery -A config worker --loglevel INFO $(if $(WORKER_CONCURRENCY),--concurrency $(WORKER_CONCURRENCY))

# Production settings: needs DJANGO_SECRET_KEY (and DATABASE_URL, DJANGO_ALLOWED_HOSTS); see README.
serve-prod: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/gunicorn --config config/gunicorn.py config.wsgi

test: lint browser
	DJANGO_DEBUG=0 ARCHIVE_ALLOW_DEV_SECRET=1 $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python -m pytest -n 2 $(PYTEST_ARGS)

test-fast: install-dev
	$(BIN)/python -m pytest -n 2 -m "not browser" $(PYTEST_ARGS)

lint: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy

format: install-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: install-dev
	@for script in bench/*.py; do echo "== $$script"; ARCHIVE_ALLOW_DEV_SECRET=1 $(BIN)/python $$script || exit 1; done

clean:
	rm -rf var/ static/ test-artifacts/ .pytest_cache .ruff_cache .hypothesis

# The README's pictures are the browser test's screenshots of the demo story.
screenshots: browser
	README_SCREENSHOTS=1 $(BIN)/python -m pytest -m browser -q tests/browser
