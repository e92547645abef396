"""The one gateway to DuckDB. Every query of the app goes through `Store.query`.

Readers never hold the store file open for writing. A writer (the build, an import) writes a new
file beside the store and swaps it in with os.replace, so a reader sees the old store or the
new one, never half of an import. The reader notices the swap by the file's identity (inode,
mtime, size) and ATTACHes the new file read-only; ATTACH, unlike connect(), is not served from
DuckDB's per-path instance cache, so it sees the new file while old queries finish on the old one.
"""
from __future__ import annotations

import os
import threading
from pathlib import Path

import duckdb
import pandas as pd

from metrics.paths import store_path


class StoreMissing(RuntimeError):
    """The store file does not exist: run `make data` (python -m store.build)."""


def file_version(path: Path) -> str:
    """A token that changes whenever the store file is replaced or rewritten."""
    st = os.stat(path)
    return f"{st.st_ino}-{st.st_mtime_ns}-{st.st_size}"


class Store:
    """Read-only access to one store file, following it across atomic replacements."""

    KEEP_ATTACHED = 2  # the current version and the one before, for queries still running

    def __init__(self, path: Path | str | None = None):
        self.path = Path(path) if path else store_path()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._lock = threading.Lock()
        self._attached: list[tuple[str, str]] = []  # (version, alias), newest last
        self._serial = 0

    def version(self) -> str:
        if not self.path.exists():
            raise StoreMissing(f"{self.path} does not exist: run `make data`")
        return file_version(self.path)

    def _alias_for_current(self) -> str:
        version = self.version()
        with self._lock:
            if self._attached and self._attached[-1][0] == version:
                return self._attached[-1][1]
            if self._con is None:
                # No replacement scans: a table missing from an older store must be an error that
                # names it, not a lookup of a Python variable of that name in the caller's frame
                # ("annotations" found `from __future__ import annotations`).
                self._con = duckdb.connect(":memory:", config={"python_enable_replacements": False})
            self._serial += 1
            alias = f"kpi_v{self._serial}"
            self._con.execute(f"ATTACH '{self._sql_path()}' AS {alias} (READ_ONLY)")
            self._attached.append((version, alias))
            while len(self._attached) > self.KEEP_ATTACHED:
                _, old = self._attached.pop(0)
                try:
                    self._con.execute(f"DETACH {old}")
                except duckdb.Error:
                    pass  # still in use by a running query: it goes with the connection
            return alias

    def _sql_path(self) -> str:
        return str(self.path.resolve()).replace("'", "''")

    def query(self, sql: str, params: list | tuple | dict | None = None) -> pd.DataFrame:
        """Run one read-only statement with bound parameters; a DataFrame back."""
        alias = self._alias_for_current()
        cursor = self._con.cursor()  # one cursor per query: a shared connection is not thread-safe
        try:
            cursor.execute(f"USE {alias}")
            return cursor.execute(sql, params or []).df()
        finally:
            cursor.close()

    def scalar(self, sql: str, params: list | tuple | None = None):
        frame = self.query(sql, params)
        return None if frame.empty else frame.iat[0, 0]

    def close(self) -> None:
        with self._lock:
            if self._con is not None:
                self._con.close()
            self._con, self._attached = None, []


def connect_writable(path: Path | str) -> duckdb.DuckDBPyConnection:
    """A read-write connection, for the build and for imports writing a new copy of the store."""
    return duckdb.connect(str(path))
