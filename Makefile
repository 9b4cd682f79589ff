# The WijkPlatform: `make run` serves it with demo wijken on SQLite, `make test` runs the whole suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1
PORT ?= 8000
export DJANGO_SETTINGS_MODULE := wijkplatform.settings

.PHONY: run test install migrate demo messages lint format vendor clean

$(VENV)/installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $@

install: $(VENV)/installed

migrate: install
	mkdir -p var
	$(PY) manage.py migrate --noinput

demo: migrate
	$(PY) manage.py demo

run: demo
	DEBUG=$${DEBUG:-true} $(PY) manage.py runserver $(HOST):$(PORT)

# Extract and compile translations when gettext is installed; otherwise the committed files are used.
messages: install
	@if command -v xgettext >/dev/null && command -v msgfmt >/dev/null; then \
		for app in wijkplatform/*/locale; do \
			(cd $$(dirname $$app) && ../../$(PY) ../../manage.py makemessages --all --no-obsolete --no-location >/dev/null) || exit 1; \
		done; \
		$(PY) manage.py compilemessages --ignore=.venv >/dev/null; \
	else echo "gettext is not installed: using the committed translation files"; fi

test: install messages
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: install
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

# Refresh the vendored front-end files from npm (the lock file pins them); the copies are committed.
vendor:
	npm ci --no-audit --no-fund
	cp node_modules/htmx.org/dist/htmx.min.js wijkplatform/core/static/vendor/
	cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.js.map node_modules/leaflet/dist/leaflet.css wijkplatform/core/static/vendor/leaflet/
	cp node_modules/leaflet/dist/images/* wijkplatform/core/static/vendor/leaflet/images/
	cp node_modules/axe-core/axe.min.js e2e/vendor/

clean:
	rm -rf $(VENV) var node_modules
