# Missiemonitor — the two commands:
#   make run    set up, materialise every asset, serve the UIs on localhost
#   make test   set up and run the whole test suite (what .ci/run calls)
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := run

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
DAGSTER_PORT ?= 3000
# Superset pins old libraries (SQLAlchemy 1.4, pandas 2.1): its own virtual environment.
SUPERSET_VENV := .venv-superset
SBIN := $(SUPERSET_VENV)/bin
SUPERSET_PORT ?= 8088

export MISSIEMONITOR_WAREHOUSE ?= $(CURDIR)/data/warehouse/missiemonitor.duckdb
export DAGSTER_HOME ?= $(CURDIR)/.dagster_home
export MISSIEMONITOR_SERVING ?= $(CURDIR)/data/serving/missiemonitor.duckdb
export SUPERSET_CONFIG_PATH := $(CURDIR)/dashboards/superset_config.py
export FLASK_APP := superset

.PHONY: run setup prepare materialise provision serve test benchmark superset-wachtwoord

run: materialise serve

setup: $(VENV)/.installed $(SUPERSET_VENV)/.installed /usr/bin/chromium $(DAGSTER_HOME)/dagster.yaml

$(VENV)/.installed: requirements/main.txt pyproject.toml
	@echo "==> Python-omgeving $(VENV) installeren (eenmalig, ~1 minuut)"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements/main.txt
	touch $@

$(SUPERSET_VENV)/.installed: requirements/superset.txt
	@echo "==> Superset-omgeving $(SUPERSET_VENV) installeren (eenmalig, ~2 minuten)"
	$(PYTHON) -m venv $(SUPERSET_VENV)
	$(SBIN)/pip install --quiet --disable-pip-version-check -r requirements/superset.txt
	touch $@

# Debian's Chromium, driven by Playwright in the browser tests (`playwright install` cannot download here).
/usr/bin/chromium:
	@echo "==> Chromium (Debian) installeren voor de browsertests"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver >/dev/null \
	  || (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver >/dev/null)

$(DAGSTER_HOME)/dagster.yaml:
	mkdir -p $(DAGSTER_HOME)
	printf 'telemetry:\n  enabled: false\n' > $@

prepare: setup
	@echo "==> dbt-project inlezen (manifest voor Dagster)"
	$(BIN)/dbt parse --quiet --project-dir dbt --profiles-dir dbt

materialise: prepare
	@echo "==> Alle assets materialiseren naar $(MISSIEMONITOR_WAREHOUSE)"
	$(BIN)/dagster asset materialize --select '*' -m dagster_project.definitions
	@echo "==> dbt-documentatie genereren: dbt/target/static_index.html"
	$(BIN)/dbt docs generate --static --quiet --project-dir dbt --profiles-dir dbt

provision: setup
	@echo "==> Superset inrichten (metadata, rollen, dashboards uit dashboards/bundle/)"
	mkdir -p .superset
	# Superset logs a lot; the log is kept and shown only when a step fails.
	$(SBIN)/superset db upgrade >.superset/inrichten.log 2>&1 || (tail -30 .superset/inrichten.log; exit 1)
	$(SBIN)/superset init >>.superset/inrichten.log 2>&1 || (tail -30 .superset/inrichten.log; exit 1)
	$(SBIN)/python dashboards/provision.py 2>>.superset/inrichten.log || (tail -30 .superset/inrichten.log; exit 1)

serve: setup provision
	@echo "==> Superset: http://127.0.0.1:$(SUPERSET_PORT)   Dagster UI: http://127.0.0.1:$(DAGSTER_PORT)   (stoppen: Ctrl-C)"
	mkdir -p .superset
	$(SBIN)/superset run -h 127.0.0.1 -p $(SUPERSET_PORT) --with-threads >.superset/superset.log 2>&1 & \
	  superset_pid=$$!; trap 'kill $$superset_pid 2>/dev/null' EXIT INT TERM; \
	  $(BIN)/dagster dev -m dagster_project.definitions -h 127.0.0.1 -p $(DAGSTER_PORT)

test: prepare
	$(BIN)/pytest

# Measures builds, refreshes, dashboard queries and the synthetic scale set (~25 minutes); writes
# docs/benchmark/resultaat.{json,md} and the table in README.md. Options: make benchmark ARGS="--runs 5"
benchmark: prepare
	$(BIN)/python -m tests.benchmark.run $(ARGS)

# A new Superset admin password: MISSIEMONITOR_SUPERSET_PASSWORD=... make superset-wachtwoord
superset-wachtwoord: setup
	@test -n "$${MISSIEMONITOR_SUPERSET_PASSWORD:-}" || (echo "Zet eerst MISSIEMONITOR_SUPERSET_PASSWORD."; exit 1)
	$(SBIN)/superset fab reset-password --username admin --password "$$MISSIEMONITOR_SUPERSET_PASSWORD" 2>/dev/null
