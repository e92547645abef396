"""Shared fixtures, and a hermetic run: one test store built once per session with a fixed last
month so that figures do not move with the calendar (pointed to by KPI_STORE before any page
runs), the tests' own secrets (never .streamlit/secrets.toml), and every temporary file of the
run in one directory that is removed when the run ends.

Why one directory: each run used to leave ~2,4 GB in /tmp (pytest keeps its last three base
directories, each with copies of the store, and Chromium and Kaleido leave their profiles). Here
TMPDIR points inside it, so the servers, browsers and renderers the tests start put theirs there
too, and it goes when the process that made it exits.
"""
from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TEST_UNTIL = "2026-10"
# A second import of this module (as tests.conftest), or a process forked from this one (mutmut's
# workers), inherits KPI_TEST_DIR and shares the directory; only the process that made it removes it.
if "KPI_TEST_DIR" not in os.environ:
    os.environ["KPI_TEST_DIR"] = tempfile.mkdtemp(prefix="kpi-test-")
    _OWNER = os.getpid()
    atexit.register(lambda: os.getpid() == _OWNER and shutil.rmtree(os.environ["KPI_TEST_DIR"], ignore_errors=True))
_STORE_DIR = Path(os.environ["KPI_TEST_DIR"])
# mkdtemp makes it 0700; the PostgreSQL server the dossier sync's tests start runs as the postgres
# user with its data directory in here (TMPDIR), so others may pass through (not list it)
if _STORE_DIR.stat().st_uid == os.getuid():
    os.chmod(_STORE_DIR, 0o711)
TEST_STORE = _STORE_DIR / "kpi.duckdb"
TEST_TMP = _STORE_DIR / "tmp"
TEST_TMP.mkdir(exist_ok=True)
os.environ["KPI_STORE"] = str(TEST_STORE)  # before any app code creates its Store
os.environ["TMPDIR"] = str(TEST_TMP)
tempfile.tempdir = None  # gettempdir() reads TMPDIR again

# The tests' own secrets: an empty file, so that a user's editor password or identity provider in
# .streamlit/secrets.toml (README, "Importing") never reaches a test; a test that needs secrets
# sets them on its AppTest (at.secrets), the browser server is started with this file.
TEST_SECRETS = _STORE_DIR / "secrets.toml"
TEST_SECRETS.touch()
os.environ["KPI_SECRETS"] = str(TEST_SECRETS)  # the alerts' SMTP settings (alerts.settings) too


def _own_secrets() -> None:
    from streamlit import config

    config.set_option("secrets.files", [str(TEST_SECRETS)])


_own_secrets()


def pytest_configure(config) -> None:
    if not config.option.basetemp:  # tmp_path and tmp_path_factory inside the run's directory
        # per process: mutmut's workers run side by side, and pytest empties basetemp first
        config.option.basetemp = str(_STORE_DIR / f"pytest-{os.getpid()}")


def _built(path: Path, **options) -> Path:
    """Build the store at `path` once per run: a marker says it is complete, so that a second
    session in the same process (mutmut runs pytest many times) reuses it."""
    from store.build import build

    done = path.with_name(path.name + ".built")
    if not done.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        problems = build(path, TEST_UNTIL, quiet=True, **options)
        assert not problems, f"demo data misses published facts: {problems}"
        done.touch()
    return path


def _forget_answers() -> None:
    """Empty Streamlit's caches and the project's lru_caches. A process forked after a first
    session (mutmut's workers) would otherwise answer from what the unmutated code computed."""
    import sys

    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()
    for name, module in list(sys.modules.items()):
        if name.split(".")[0] in {"metrics", "ui", "charts", "exports", "l10n", "ingest", "store"}:
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)) and getattr(value, "__module__", None) == name:
                    value.cache_clear()


def pytest_sessionstart(session) -> None:
    _built(TEST_STORE)
    _forget_answers()  # nothing to forget in a fresh process; a second session starts clean


@pytest.fixture(scope="session")
def store_path() -> Path:
    return TEST_STORE


@pytest.fixture(scope="session")
def store(store_path):
    from metrics.db import Store

    s = Store(store_path)
    yield s
    s.close()


@pytest.fixture(scope="session")
def commune_store_path() -> Path:
    """A store with the 3,321 communes (`python -m store.build --communes`), built once for the
    tests that ask for it; the session store above stays without them."""
    return _built(_STORE_DIR / "communes" / "kpi.duckdb", communes=True)
