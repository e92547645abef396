"""How long a client, or an account, must wait before its next editor sign-in: failed attempts
counted across sessions, browser tabs, workers (and machines sharing the data folder).

Why a file: a count kept in the session starts again at zero in a new tab, and each worker of
`make serve` has its own memory. The count lives in a small SQLite file beside the store
(sign-in-attempts.sqlite3; $KPI_SIGN_INS to move it): SQLite lets many processes write, one at
a time, where DuckDB's single writer would lock the store's readers out. Clients and accounts
are kept only as salted hashes, and failures older than the window are deleted.

Rule: at most PER_CLIENT failures per client and PER_ACCOUNT per account in any WINDOW_S; past
that, sign-in is refused until the oldest of those failures leaves the window. A success clears
that client's and that account's failures.
"""
from __future__ import annotations

import hashlib
import os
import sqlite3
import time
from contextlib import closing
from pathlib import Path

from metrics.paths import store_path

WINDOW_S = 15 * 60
PER_CLIENT = 5
PER_ACCOUNT = 10
BUSY_TIMEOUT_S = 5.0
SCHEMA = """
CREATE TABLE IF NOT EXISTS failures (scope TEXT NOT NULL, who TEXT NOT NULL, at REAL NOT NULL);
CREATE INDEX IF NOT EXISTS failures_by_who ON failures (scope, who, at);
"""


def attempts_path() -> Path:
    return Path(os.environ.get("KPI_SIGN_INS") or store_path().parent / "sign-in-attempts.sqlite3")


def _digest(scope: str, value: str) -> str:
    # The salt is the file's own folder: the same person hashes alike across workers of one
    # set-up, and a copied file does not reveal who tried from where by a simple lookup.
    salt = str(attempts_path().parent.resolve())
    return hashlib.sha256(f"{salt}\0{scope}\0{value}".encode()).hexdigest()


def _connect() -> sqlite3.Connection:
    path = attempts_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    con = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.executescript(SCHEMA)
    return con


def _keys(client: str, account: str) -> list[tuple[str, str, int]]:
    keys = [("client", _digest("client", client or "unknown"), PER_CLIENT)]
    if account.strip():
        keys.append(("account", _digest("account", account.strip().casefold()), PER_ACCOUNT))
    return keys


def wait_s(client: str, account: str = "", now: float | None = None) -> int:
    """Seconds until `client` (and `account`, when given) may try again; 0 if now."""
    now = time.time() if now is None else now
    longest = 0.0
    with closing(_connect()) as con:
        for scope, who, limit in _keys(client, account):
            recent = [at for (at,) in con.execute(
                "SELECT at FROM failures WHERE scope = ? AND who = ? AND at > ? ORDER BY at DESC LIMIT ?",
                (scope, who, now - WINDOW_S, limit))]
            if len(recent) >= limit:
                longest = max(longest, recent[-1] + WINDOW_S - now)
    return int(longest + 0.999)


def failed(client: str, account: str, now: float | None = None) -> None:
    """Count one failed sign-in of `account` from `client`; forget failures past the window."""
    now = time.time() if now is None else now
    with closing(_connect()) as con:
        con.execute("BEGIN IMMEDIATE")
        con.executemany("INSERT INTO failures VALUES (?, ?, ?)", [(s, w, now) for s, w, _ in _keys(client, account)])
        con.execute("DELETE FROM failures WHERE at <= ?", (now - WINDOW_S,))
        con.execute("COMMIT")


def succeeded(client: str, account: str) -> None:
    with closing(_connect()) as con:
        con.executemany("DELETE FROM failures WHERE scope = ? AND who = ?",
                        [(s, w) for s, w, _ in _keys(client, account)])


def client_of(ip_address: object, headers: dict[str, str]) -> str:
    """The browser's address. Behind this project's nginx the direct peer is the proxy on the
    loopback, which passes the real peer in X-Real-IP (it overwrites any such header a browser
    sends); from anywhere else a header is not believed."""
    if not isinstance(ip_address, str) or not ip_address:
        return "unknown"
    forwarded = {k.lower(): v for k, v in headers.items()}.get("x-real-ip", "").strip()
    if ip_address in ("127.0.0.1", "::1") and forwarded:
        return forwarded
    return ip_address
