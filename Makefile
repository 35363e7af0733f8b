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

export MISSIEMONITOR_WAREHOUSE ?= $(CURDIR)/data/warehouse/missiemonitor.duckdb
export DAGSTER_HOME ?= $(CURDIR)/.dagster_home

.PHONY: run setup prepare materialise serve test

run: materialise serve

setup: $(VENV)/.installed $(DAGSTER_HOME)/dagster.yaml

$(VENV)/.installed: requirements/main.txt pyproject.toml
	@echo "==> Python-omgeving $(VENV) installeren (eenmalig, ~1 minuut)"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements/main.txt
	touch $@

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

serve: setup
	@echo "==> Dagster UI: http://127.0.0.1:$(DAGSTER_PORT)   (stoppen: Ctrl-C)"
	$(BIN)/dagster dev -m dagster_project.definitions -h 127.0.0.1 -p $(DAGSTER_PORT)

test: prepare
	$(BIN)/pytest
