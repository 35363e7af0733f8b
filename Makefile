# Missiemonitor — the two commands:
#   make run        set up, materialise every asset, serve the UIs on localhost
#   make test       set up, lint and run the whole test suite (what .ci/run calls)
# and the fast lane while working:
#   make test-fast  lint, unit tests, definitions, dbt unit tests, the reader and its property tests:
#                   no Superset environment, no Chromium, no full pipeline run
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

export DAGSTER_HOME ?= $(CURDIR)/.dagster_home
export SUPERSET_CONFIG_PATH := $(CURDIR)/dashboards/superset_config.py
export FLASK_APP := superset
# Where the warehouse, serving copy, deliveries and Superset's metadata live: set and defaulted in one
# place, dagster_project/settings.py (MISSIEMONITOR_* variables); recipes ask it.
SETTINGS = $(BIN)/python -m dagster_project.settings
SUPERSET_HOME = $(shell $(SETTINGS) superset_home)
DBT_VARS = --vars "$$($(SETTINGS) dbt-vars)"

.PHONY: run setup prepare materialise provision serve test test-fast lint benchmark superset-wachtwoord rapport pango postgres redis dagster-postgres

run: materialise serve

setup: $(VENV)/.installed $(SUPERSET_VENV)/.installed /usr/bin/chromium pango postgres redis $(DAGSTER_HOME)/dagster.yaml

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

# Pango (with a font) for WeasyPrint, which lays out the progress report's PDF; Chromium brings it too.
pango:
	@ldconfig -p | grep -q libpangoft2-1.0.so.0 || { echo "==> Pango installeren voor de PDF van het rapport"; \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -q libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core >/dev/null \
	  || (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core >/dev/null); }

# Redis (Debian) for the test of several Superset instances sharing one chart-data cache
redis:
	@test -x /usr/bin/redis-server || { echo "==> Redis (Debian) installeren voor de test met meerdere Superset-instanties"; \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -q redis-server >/dev/null \
	  || (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q redis-server >/dev/null); }

$(DAGSTER_HOME)/dagster.yaml:
	mkdir -p $(DAGSTER_HOME)
	printf 'telemetry:\n  enabled: false\n' > $@

# Debian's PostgreSQL server, for the tests of the PostgreSQL profile (tests/test_postgres_profile.py
# starts its own in a temporary folder with tools/postgres_server.py). The package would also create
# and start a system cluster on port 5432; the createcluster.d setting written first prevents that.
postgres:
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || { echo "==> PostgreSQL (Debian) installeren voor de tests van het PostgreSQL-profiel"; \
	  mkdir -p /etc/postgresql-common/createcluster.d; \
	  echo "create_main_cluster = false" > /etc/postgresql-common/createcluster.d/missiemonitor.conf; \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null \
	  || (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null); }

# The PostgreSQL profile for Dagster (docs/productie-postgresql.md): runs, events and schedules in the
# database at $MISSIEMONITOR_DAGSTER_POSTGRES_URL instead of SQLite in $DAGSTER_HOME. Overwrites
# $DAGSTER_HOME/dagster.yaml (the SQLite one is kept as dagster.yaml.sqlite).
dagster-postgres:
	@test -n "$${MISSIEMONITOR_DAGSTER_POSTGRES_URL:-}" || (echo "Zet eerst MISSIEMONITOR_DAGSTER_POSTGRES_URL (postgresql+psycopg2://gebruiker:wachtwoord@host:5432/dagster)."; exit 1)
	mkdir -p $(DAGSTER_HOME)
	@if [ -f $(DAGSTER_HOME)/dagster.yaml ] && ! grep -q postgres $(DAGSTER_HOME)/dagster.yaml; then cp $(DAGSTER_HOME)/dagster.yaml $(DAGSTER_HOME)/dagster.yaml.sqlite; fi
	cp docs/productie/dagster-postgres.yaml $(DAGSTER_HOME)/dagster.yaml

# Only the main environment: the fast lane needs no Superset and no browser.
prepare: $(VENV)/.installed $(DAGSTER_HOME)/dagster.yaml
	@echo "==> dbt-project inlezen (manifest voor Dagster)"
	$(BIN)/dbt parse --quiet --project-dir dbt --profiles-dir dbt $(DBT_VARS)

materialise: prepare
	@echo "==> Alle assets materialiseren naar $$($(SETTINGS) warehouse)"
	$(BIN)/dagster asset materialize --select '*' -m dagster_project.definitions
	@echo "==> dbt-documentatie genereren: dbt/target/static_index.html"
	$(BIN)/dbt docs generate --static --quiet --project-dir dbt --profiles-dir dbt $(DBT_VARS)

provision: setup prepare
	@echo "==> Superset inrichten (metadata, rollen, dashboards uit dashboards/bundle/)"
	mkdir -p "$(SUPERSET_HOME)"
	# Superset logs a lot; the log is kept and shown only when a step fails.
	$(SBIN)/superset db upgrade >"$(SUPERSET_HOME)/inrichten.log" 2>&1 || (tail -30 "$(SUPERSET_HOME)/inrichten.log"; exit 1)
	$(SBIN)/superset init >>"$(SUPERSET_HOME)/inrichten.log" 2>&1 || (tail -30 "$(SUPERSET_HOME)/inrichten.log"; exit 1)
	$(SBIN)/python dashboards/provision.py 2>>"$(SUPERSET_HOME)/inrichten.log" || (tail -30 "$(SUPERSET_HOME)/inrichten.log"; exit 1)

serve: setup provision
	@echo "==> Superset: http://127.0.0.1:$(SUPERSET_PORT)   Dagster UI: http://127.0.0.1:$(DAGSTER_PORT)   (stoppen: Ctrl-C of SIGTERM)"
	# exec: the launcher is make's own child, so a SIGTERM that make passes on reaches it. It stops
	# both services also when started with SIGINT/SIGTERM ignored (cron, a background job, systemd).
	exec $(BIN)/python -m dagster_project.serve --dagster-port $(DAGSTER_PORT) --superset-port $(SUPERSET_PORT) \
	  --superset-log "$(SUPERSET_HOME)/superset.log"

test: setup prepare lint
	$(BIN)/pytest

test-fast: prepare lint
	$(BIN)/pytest -m "not slow"

# ruff (Python: rules and formatting) and sqlfluff (the dbt models, tests and macros; dbt/.sqlfluff)
lint: $(VENV)/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	cd dbt && ../$(BIN)/sqlfluff lint models tests macros

# Measures builds, refreshes, dashboard queries and the synthetic scale set (~25 minutes); writes
# docs/benchmark/resultaat.{json,md}. Options: make benchmark ARGS="--runs 5"
benchmark: setup prepare
	$(BIN)/python -m tools.benchmark.run $(ARGS)

# The yearly progress report (voortgangsrapportage) from the serving copy: PDF and HTML in data/rapport/.
# make rapport PEILDATUM=2025-06-01 builds it from the figures as published on that day (default: today);
# UIT=<map> writes elsewhere. `make materialise` writes today's report too (asset voortgangsrapportage).
rapport: $(VENV)/.installed pango
	$(BIN)/python -m dagster_project.defs.report $${PEILDATUM:+--peildatum "$${PEILDATUM}"} $${UIT:+--uit "$${UIT}"}

# Withdraw a vintage: it stays stored, marked ingetrokken, and counts nowhere after the next refresh
# (docs/aanleveren.md, "Een versie intrekken"). make intrekken VERSIE=<versie- of levering-id> REDEN="..." [DOOR=naam];
# without VERSIE it lists every vintage with its status. Values come from the environment (make
# exports command-line variables), so quotes in REDEN reach the command unchanged.
.PHONY: intrekken terugzetten
intrekken: $(VENV)/.installed
	@if [ -n "$${VERSIE:-}" ]; then \
	  $(BIN)/python -m dagster_project.withdraw --versie "$${VERSIE}" --reden "$${REDEN:-}" $${DOOR:+--door "$${DOOR}"}; \
	else \
	  $(BIN)/python -m dagster_project.withdraw --lijst; \
	fi

# Undo a withdrawal made by mistake: make terugzetten VERSIE=<versie- of levering-id> REDEN="..." [DOOR=naam].
terugzetten: $(VENV)/.installed
	$(BIN)/python -m dagster_project.withdraw --terugzetten --versie "$${VERSIE:-}" --reden "$${REDEN:-}" $${DOOR:+--door "$${DOOR}"}

# A new Superset admin password: MISSIEMONITOR_SUPERSET_PASSWORD=... make superset-wachtwoord
# Flask-AppBuilder's reset-password exits with 0 also when it changed nothing ("User admin not
# found.", or an error it only logs), so its output decides: one line on success, otherwise
# Superset's reason and what to do. The output is not kept (an error shows the new password's hash).
superset-wachtwoord: setup
	@test -n "$${MISSIEMONITOR_SUPERSET_PASSWORD:-}" || (echo "Zet eerst MISSIEMONITOR_SUPERSET_PASSWORD."; exit 1)
	@out=$$(mktemp); trap 'rm -f "$$out"' EXIT; \
	if $(SBIN)/superset fab reset-password --username admin --password "$$MISSIEMONITOR_SUPERSET_PASSWORD" >"$$out" 2>&1 \
	    && grep -q "User admin reseted" "$$out" && ! grep -qE ":ERROR:|Traceback" "$$out"; then \
	  echo "Het wachtwoord van admin is gewijzigd."; \
	else \
	  echo "Het wachtwoord van admin is NIET gewijzigd. Superset meldt:"; \
	  reason=$$(grep -vE "^\[(SQL|parameters): |^\(Background on this error" "$$out" \
	    | awk '/:ERROR:/ {print; if (getline) print; next} /not found|Pending database migrations|^[A-Za-z_.]*(Error|Exception)([: ]|$$)/' \
	    | sed -E 's/^[0-9-]{10} [0-9:,]+:[A-Z]+:[A-Za-z_.]+://' | tail -8); \
	  echo "$${reason:-$$(grep -vE "^\[(SQL|parameters): " "$$out" | tail -15)}" | sed 's/^/    /'; \
	  if grep -qE "not found|Pending database migrations|no such table" "$$out"; then \
	    echo "De Superset-metadata in $(SUPERSET_HOME) is nog niet ingericht of kent geen gebruiker admin."; \
	    echo "Draai 'make provision' (of 'make run') met MISSIEMONITOR_SUPERSET_PASSWORD gezet: dat maakt admin aan met dit wachtwoord."; \
	  else \
	    echo "Verhelp de oorzaak hierboven (Superset-metadata: $(SUPERSET_HOME)) en probeer het opnieuw."; \
	  fi; \
	  exit 1; \
	fi
