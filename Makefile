# Cities of Migration: `make run` serves the portal, `make test` runs the tests. Both set up everything first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
PORT ?= 8000
WORKERS ?= 3

.PHONY: run dev test lint format migrations-check check prepare demo messages clean

JOB_WORKER := $(MANAGE) procrastinate worker

run: prepare  ## Serve the portal as in production (gunicorn, debug off) on http://127.0.0.1:$(PORT), with a job worker
	$(BIN)/python scripts/together.py \
		"$(BIN)/gunicorn citiesofmigration.wsgi --bind 127.0.0.1:$(PORT) --workers $(WORKERS) --limit-request-line 8190 --access-logfile - --no-control-socket" \
		"$(JOB_WORKER)"

dev: prepare  ## Serve with autoreload and debug on, with a job worker
	DJANGO_DEBUG=true $(BIN)/python scripts/together.py "$(MANAGE) runserver 127.0.0.1:$(PORT)" "$(JOB_WORKER)"

test: $(VENV)/installed var/secret_key  ## Run the whole test suite (pytest-django, PostgreSQL)
	$(MANAGE) compiletranslations
	$(BIN)/pytest $(PYTEST_ARGS)

lint: $(VENV)/installed  ## What pre-commit and CI check: ruff, ruff format, django-upgrade, djhtml
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	@# django-upgrade has no check mode: it rewrites what is out of date and exits 1.
	git ls-files -z '*.py' ':!:*/migrations/*' | xargs -0 $(BIN)/django-upgrade --target-version 5.2
	git ls-files -z 'templates/*.html' | xargs -0 $(BIN)/djhtml --check

format: $(VENV)/installed  ## Apply what `make lint` checks
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	git ls-files -z '*.py' ':!:*/migrations/*' | xargs -0 $(BIN)/django-upgrade --target-version 5.2 || true
	git ls-files -z 'templates/*.html' | xargs -0 $(BIN)/djhtml

migrations-check: $(VENV)/installed var/secret_key
	$(MANAGE) makemigrations --check --dry-run

check: lint migrations-check test

prepare: $(VENV)/installed var/secret_key
	$(MANAGE) compiletranslations
	$(MANAGE) migrate --no-input
	$(MANAGE) collectstatic --no-input --verbosity 0
	$(MANAGE) load_demo

demo: $(VENV)/installed var/secret_key
	$(MANAGE) load_demo

messages: $(VENV)/installed  ## Update locale/*/django.po from the code (needs GNU gettext)
	$(MANAGE) makemessages --all --no-location --no-obsolete --no-wrap --ignore=.venv --ignore=var

$(VENV)/installed: pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e ".[dev]"
	touch $@

var/secret_key:
	mkdir -p var
	$(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > $@
	chmod 600 $@

clean:
	rm -rf $(VENV) var/static
