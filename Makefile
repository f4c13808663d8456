# Two commands do all set-up: `make run` and `make test`. Everything else is for developers.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format check-migrations migrate bench serve-prod clean icons messages

$(VENV)/.python-ok:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; set PYTHON=/path/to/python3.11")'
	$(PYTHON) -m venv $(VENV)
	@touch $@

$(VENV)/.installed: $(VENV)/.python-ok requirements.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

migrate: $(VENV)/.installed
	@mkdir -p var
	$(MANAGE) migrate --noinput
	$(MANAGE) load_seed_content

run: migrate
	SITE_ORIGIN="$${SITE_ORIGIN:-http://$(HOST):$(PORT)}" $(MANAGE) runserver $(HOST):$(PORT)

test: $(VENV)/.installed-dev
	$(MANAGE) makemigrations --check --dry-run
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Refresh the Spanish catalog after changing interface words, then compile it: needs GNU gettext
# (apt-get install gettext) on a developer's machine only. The compiled django.mo is committed, so
# `make run` and `make test` never need gettext; a test checks it matches django.po.
messages: $(VENV)/.installed
	$(MANAGE) makemessages -l es --ignore=.venv --ignore=staticfiles --ignore=var --no-location
	msgfmt --check -o locale/es/LC_MESSAGES/django.mo locale/es/LC_MESSAGES/django.po

# Redraw the neutral app icons in static/icons/ (pure Python; commit the PNG files).
icons: $(VENV)/.python-ok
	$(BIN)/python scripts/make_icons.py

# The production settings behind gunicorn, on this machine only: http://127.0.0.1:8000/.
# A throwaway SECRET_KEY each run; LOCAL_PLAIN_HTTP=1 turns off the HTTPS redirect and is
# refused for any host that is not loopback (docs/deployment.md).
serve-prod: $(VENV)/.installed
	@mkdir -p var
	@export DJANGO_SETTINGS_MODULE=analcare.settings.prod \
		SECRET_KEY="$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
		ALLOWED_HOSTS=127.0.0.1,localhost \
		SITE_ORIGIN="$${SITE_ORIGIN:-http://$(HOST):$(PORT)}" \
		DATABASE_URL="$${DATABASE_URL:-sqlite:///$(CURDIR)/var/db.sqlite3}" \
		LOCAL_PLAIN_HTTP=1 \
		GUNICORN_BIND="$(HOST):$(PORT)"; \
	$(MANAGE) collectstatic --noinput -v 0 && \
	$(MANAGE) migrate --noinput && \
	$(MANAGE) load_seed_content && \
	exec $(BIN)/gunicorn -c gunicorn.conf.py

# Throughput, latency, page weight and Lighthouse scores of the production set-up, on loopback
# (the bench/ package; BENCH_ARGS="--help" for options). Takes 2 to 4 minutes.
bench: $(VENV)/.installed
	$(BIN)/python -m bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) staticfiles var .pytest_cache
