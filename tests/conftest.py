"""Shared fixtures: one test store, built once per session with a fixed last month so that
figures do not move with the calendar, and pointed to by KPI_STORE before any page runs."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TEST_UNTIL = "2026-10"
# setdefault: a second import of this module (as tests.conftest) must point at the same store
_STORE_DIR = Path(os.environ.setdefault("KPI_TEST_DIR", tempfile.mkdtemp(prefix="kpi-test-")))
TEST_STORE = _STORE_DIR / "kpi.duckdb"
os.environ["KPI_STORE"] = str(TEST_STORE)  # before any app code creates its Store


def pytest_sessionstart(session) -> None:
    from store.build import build

    problems = build(TEST_STORE, TEST_UNTIL, quiet=True)
    assert not problems, f"demo data misses published facts: {problems}"


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
def commune_store_path(tmp_path_factory) -> Path:
    """A store with the 3,321 communes (`python -m store.build --communes`), built once for the
    tests that ask for it; the session store above stays without them."""
    from store.build import build

    path = tmp_path_factory.mktemp("communes") / "kpi.duckdb"
    problems = build(path, TEST_UNTIL, quiet=True, communes=True)
    assert not problems, f"demo data misses published facts: {problems}"
    return path
