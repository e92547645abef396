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

.PHONY: setup system venv data run serve test bench lint clean deck-preview

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

lint: venv
	$(PY) -m ruff check .

clean:
	rm -rf $(STORE) $(STORE).wal data/kpi.dossiers data/.store-communes-* .pytest_cache .cache/static
