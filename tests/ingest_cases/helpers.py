"""Fixtures and checks shared by the import tests: a writable copy of the session store (never
the session store itself, never data/kpi.duckdb), the store file's hash, and its observations."""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import duckdb
import pytest


@pytest.fixture
def writable_store(store_path, tmp_path) -> Path:
    """A private copy of the session test store, for tests that write."""
    path = tmp_path / "kpi.duckdb"
    shutil.copyfile(store_path, path)
    yield path
    for leftover in tmp_path.glob("*kpi.duckdb*"):  # 33 MB a copy: gone with the test, not the run
        leftover.unlink(missing_ok=True)


def file_hash(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def observations(path: Path) -> list[tuple]:
    """The observations table, every column, in a stable order."""
    con = duckdb.connect(":memory:")
    try:
        con.execute(f"ATTACH '{path}' AS s (READ_ONLY)")
        return con.execute("SELECT * FROM s.observations ORDER BY ALL").fetchall()
    finally:
        con.close()


def table(path: Path, sql: str, params=None) -> list[tuple]:
    con = duckdb.connect(":memory:")
    try:
        con.execute(f"ATTACH '{path}' AS s (READ_ONLY)")
        con.execute("USE s")
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()
