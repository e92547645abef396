# Two commands do everything on a fresh Debian machine: `make run` and `make test`.
# Both install what the project needs (Debian packages, a virtual environment in .venv/ with the
# pinned Python packages, the fonts), build the store if it is missing or older than its inputs,
# then start the dashboard or run the whole test suite.

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PORT   ?= 8501
# make serve: Streamlit workers behind nginx (default: one per core)
WORKERS ?= $(shell nproc 2>/dev/null || echo 2)
STORE  := data/kpi.duckdb
# The store holds the 3,321 communes of the 2025 map and their demo figures (provincial offices
# rank their communes); COMMUNES=0 builds the smaller store without them.
COMMUNES ?= 1
COMMUNES_STAMP := data/.store-communes-$(COMMUNES)
# nginx: `make serve`; PostgreSQL: the dossier sync's tests start a real server; Java: the Spark
# engine (PySpark).
APT_PACKAGES := chromium fonts-noto-core fonts-liberation2 fontconfig nginx libnginx-mod-http-brotli-static \
                postgresql default-jre-headless
# Everything the build reads: the reference files, the code that builds (store/) and the code it
# takes the catalogue, periods and SQL from (metrics/), in every subfolder.
STORE_INPUTS := $(shell find data store metrics -type f \( -name '*.csv' -o -name '*.yaml' -o -name '*.sql' -o -name '*.py' \) \
                  -not -path '*/__pycache__/*' 2>/dev/null)

.PHONY: setup system venv data run serve test bench lint clean deck-preview mutate

setup: system venv $(VENV)/.fonts

# Debian packages: Chromium for Kaleido's static images and the browser tests, fonts that cover
# Vietnamese, nginx (with its brotli_static module) for `make serve`. Installed only when
# missing, so a second run costs nothing.
system:
	@missing=""; for p in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

venv: $(VENV)/.installed

$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip --version >/dev/null 2>&1 || $(PY) -m ensurepip --default-pip >/dev/null
	$(PY) -m pip install -q --disable-pip-version-check uv==0.13.8
	$(PY) -m uv pip install -q --python $(PY) -r requirements.txt
	touch $@

$(VENV)/.fonts: $(VENV)/.installed charts/fonts.py
	$(PY) -m charts.fonts
	touch $@

data: $(STORE)

$(STORE): $(STORE_INPUTS) $(COMMUNES_STAMP) | venv
	$(PY) -m store.build --out $(STORE) $(if $(filter 1,$(COMMUNES)),--communes)

# Which COMMUNES the store was built with: choosing the other one makes a new stamp, newer
# than the store, so the store is rebuilt.
$(COMMUNES_STAMP):
	rm -f data/.store-communes-*
	touch $@

# The alerts' scheduler (python -m alerts scheduler: evaluations, the monthly report, the outbox)
# runs beside the server and stops with it; ALERTS=0 serves without it. A server started another
# way can start it with alerts.schedule.start_beside(); only one scheduler per store ever sends.
ALERTS ?= 1
# The alerts' scheduler runs beside the server and ends with it (ALERTS=0: without it).
WITH_SCHEDULER = if [ "$(ALERTS)" = 1 ]; then $(PY) -m alerts scheduler --db $(STORE) & scheduler=$$!; fi; \
	trap '[ -n "$$scheduler" ] && kill $$scheduler 2>/dev/null' EXIT INT TERM;

run: setup data
	@$(WITH_SCHEDULER) \
	$(PY) -m ui.serve --server.port $(PORT) --browser.gatherUsageStats false

# WORKERS Streamlit processes behind nginx on PORT (see serve/ and the README's "Serving a meeting").
serve: setup data
	@$(WITH_SCHEDULER) \
	$(PY) -m serve --workers $(WORKERS) --port $(PORT)

test: setup data
	$(PY) -m pytest -q

bench: setup data
	$(PY) -m bench

# Mutation testing with mutmut (setup.cfg says which modules and which tests); not part of
# `make test`. By default the subset below, one part of each thing the issue names, chosen for
# what a person reads: the answering layer (a place's rank, region rank and previous rank, the
# leaders and laggards, the biggest movers, the places' names), the exports (the whole CSV/XLSX
# writer, the PNG/SVG footer with sources and demo mark), the page helpers (rank labels and
# arrows, the movers' table, a place typed in the URL, the served figure, "no data") and the
# import's write path (undo, the atomic swap, the date of a stored source): 1.056 mutants.
# Cold, mutmut first maps which tests reach which function and runs the clean suite (~12 min);
# on 2026-12-02 it then judged 969 of them in ~80 min on two shared cores (a survivor
# costs every test that reaches it, up to 2-3 min for the import's), so a cold run takes
# 2 hours or more. Verdicts are kept in mutants/ and only changed functions are judged again.
# Name any set with MUTATE_SUBSET='metrics.rankings.* store.rollups.*', or ALL=1 for every module
# of setup.cfg (about 10.600 mutants: many hours). The score is printed by tests/mutation_score.py
# (and shown in the README).
MUTATE_SUBSET ?= metrics.rankings.x_ranking__* metrics.rankings.x__rank__* \
                 metrics.rankings.x_leaders_and_laggards__* metrics.rankings.x_movers_at__* \
                 ui.labels.x_province_name__* \
                 exports.tables.* exports.images.x__footer__* \
                 charts.ranking.x_rank_of__* charts.ranking.x_band_label__* charts.ranking.x_rank_arrow__* \
                 charts.ranking.x__arrow_html__* charts.ranking.x_movers_table__* \
                 ui.pickers.x_match_place__* ui.chart_frame.x_served__* ui.chart_frame.x_no_data__* \
                 ingest.plan.x__day__* ingest.write.x_undo__* store.swap.*
MUTATE_JOBS ?= 2
mutate: setup data
	mkdir -p mutants/test-dir
	KPI_TEST_DIR=$(CURDIR)/mutants/test-dir $(PY) -m mutmut run --max-children $(MUTATE_JOBS) $(if $(filter 1,$(ALL)),,$(MUTATE_SUBSET))
	$(PY) -m tests.mutation_score $(if $(filter 1,$(ALL)),,$(MUTATE_SUBSET))

lint: venv
	$(PY) -m ruff check .

clean:
	rm -rf $(STORE) $(STORE).wal data/kpi.dossiers data/.store-communes-* .pytest_cache .cache/static mutants
