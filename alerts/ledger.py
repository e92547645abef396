"""The alerts' ledger: what fired (with the figures that caused it), which messages wait in the
outbox or went out (each attempt, its error), and which evaluations are still to do — a small
SQLite file beside the store (data/kpi.duckdb -> data/kpi.alerts.sqlite).

Why not the store: DuckDB lets one process write at a time and every write to the store is a
copy of the whole file swapped in (store.swap), so a row per firing or per sent message would copy
the store each time. SQLite commits a row in place, lets processes take turns (a busy timeout),
and a rebuild of the store never touches it. An event is recorded under a unique key and its
messages in the same transaction, so it notifies once, and a crash before the commit leaves
nothing behind (the evaluation is queued first and done again).
"""
from __future__ import annotations

import json
import math
import sqlite3
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime
from email.utils import make_msgid
from pathlib import Path

import pandas as pd

from alerts import sql

BUSY_MS = 30_000  # how long a writer waits for another one to commit


def ledger_path(store_path: Path | str) -> Path:
    store_path = Path(store_path)
    return store_path.with_name(store_path.stem + ".alerts.sqlite")


@dataclass(frozen=True)
class Finding:
    """A condition met: one rule, place, metric and period, with the figures behind it."""
    rule_id: str
    condition: str
    entity_id: str | None
    metric_id: str | None
    period: str | None
    figures: dict = field(default_factory=dict)
    detail: str = ""   # what tells two events of the same rule, place and period apart (a flag id)

    @property
    def event_key(self) -> str:
        return "|".join(str(part or "") for part in (self.rule_id, self.condition, self.entity_id, self.metric_id,
                                                     self.period, self.detail))


@dataclass(frozen=True)
class Outgoing:
    """A message to put in the outbox: to one person, in one language."""
    kind: str                  # alert | monthly
    dedupe_key: str
    recipient: str
    lang: str
    subject: str
    body: str
    period: str | None = None
    firing_ids: tuple[int, ...] = ()
    attachment: tuple[str, str, bytes] | None = None   # (file name, MIME type, bytes)


def _plain(value):
    """JSON-safe: numpy numbers as Python numbers, NaN and NA as null, dates as ISO text."""
    if value is None or value is pd.NA:
        return None
    if hasattr(value, "item") and not isinstance(value, (list, tuple, dict, str)):
        try:
            value = value.item()
        except (ValueError, AttributeError):
            value = list(value)
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


class Ledger:
    """One ledger file; each call opens a short connection (safe from any thread or process)."""

    def __init__(self, path: Path | str):
        self.path = Path(path)

    @classmethod
    def beside(cls, store_path: Path | str) -> Ledger:
        return cls(ledger_path(store_path))

    def exists(self) -> bool:
        return self.path.exists()

    @contextmanager
    def connect(self):
        con = sqlite3.connect(self.path, timeout=BUSY_MS / 1000, isolation_level=None)
        try:
            con.row_factory = sqlite3.Row
            con.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
            con.execute("PRAGMA journal_mode = WAL")
            con.execute("PRAGMA foreign_keys = ON")
            con.executescript(sql.LEDGER_SCHEMA)
            yield con
        finally:
            con.close()

    @contextmanager
    def transaction(self):
        """One write transaction, taken at once (BEGIN IMMEDIATE): all of it or none of it."""
        with self.connect() as con:
            con.execute("BEGIN IMMEDIATE")
            try:
                yield con
            except BaseException:
                con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")

    # --- firings and their messages ------------------------------------------------------------
    def record(self, findings: list[Finding], compose, cause: str, now: datetime) -> tuple[list[int], list[int]]:
        """Record the findings not recorded before, and the messages compose(new) makes of them
        (a list of Outgoing, whose firing_ids index into `new`), in one transaction.
        Returns (new firing ids, new message ids)."""
        at = now.isoformat(timespec="seconds")
        with self.transaction() as con:
            new, ids = [], []
            for finding in findings:
                cursor = con.execute(sql.INSERT_FIRING, dict(
                    event_key=finding.event_key, rule_id=finding.rule_id, condition=finding.condition,
                    entity_id=finding.entity_id, metric_id=finding.metric_id, period=finding.period,
                    figures=json.dumps(_plain(finding.figures), ensure_ascii=False), cause=cause, at=at))
                if cursor.rowcount == 1:
                    new.append(finding)
                    ids.append(cursor.lastrowid)
            messages = []
            for outgoing in compose(new) if new else []:
                outgoing = replace(outgoing, firing_ids=tuple(ids[i] for i in outgoing.firing_ids))
                message_id = self._insert_message(con, outgoing, at)
                if message_id is not None:
                    messages.append(message_id)
        return ids, messages

    def add_messages(self, outgoing: list[Outgoing], now: datetime) -> list[int]:
        """Put messages in the outbox, in one transaction, except those whose dedupe key is there
        already; an attachment several of them carry is stored once. The new message ids."""
        at, ids, stored = now.isoformat(timespec="seconds"), [], {}
        with self.transaction() as con:
            for message in outgoing:
                if con.execute(sql.MESSAGE_EXISTS, [message.dedupe_key]).fetchone():
                    continue
                attachment_id = None
                if message.attachment:
                    key = (message.attachment[0], hash(message.attachment[2]))
                    if key not in stored:
                        stored[key] = con.execute(sql.INSERT_ATTACHMENT, [*message.attachment, at]).lastrowid
                    attachment_id = stored[key]
                new = self._insert_message(con, replace(message, attachment=None), at, attachment_id)
                if new is not None:
                    ids.append(new)
        return ids

    def has_message(self, dedupe_key: str) -> bool:
        with self.connect() as con:
            return con.execute(sql.MESSAGE_EXISTS, [dedupe_key]).fetchone() is not None

    def _insert_message(self, con, outgoing: Outgoing, at: str, attachment_id: int | None = None) -> int | None:
        if outgoing.attachment:
            attachment_id = con.execute(sql.INSERT_ATTACHMENT, [*outgoing.attachment, at]).lastrowid
        cursor = con.execute(sql.INSERT_MESSAGE, dict(
            kind=outgoing.kind, dedupe_key=outgoing.dedupe_key, recipient=outgoing.recipient, lang=outgoing.lang,
            subject=outgoing.subject, body=outgoing.body, attachment_id=attachment_id,
            header_id=make_msgid("cchc-kpi", "alerts.cchc.invalid"), period=outgoing.period, at=at))
        if cursor.rowcount != 1:
            return None
        for firing_id in outgoing.firing_ids:
            con.execute(sql.LINK_FIRING, [cursor.lastrowid, firing_id])
        return cursor.lastrowid

    # --- the outbox ----------------------------------------------------------------------------
    def due(self, now: datetime) -> list[dict]:
        """Pending messages whose next attempt is due, oldest first (with their attachment)."""
        with self.connect() as con:
            return [dict(r) for r in con.execute(sql.DUE_MESSAGES, [now.isoformat(timespec="seconds")])]

    def mark_sent(self, message_id: int, now: datetime) -> None:
        with self.transaction() as con:
            con.execute(sql.MARK_SENT, [now.isoformat(timespec="seconds"), message_id])

    def mark_retry(self, message_id: int, attempts: int, next_at: datetime, error: str, failed: bool) -> None:
        with self.transaction() as con:
            con.execute(sql.MARK_RETRY, [attempts, next_at.isoformat(timespec="seconds"), error[:500],
                                         "failed" if failed else "pending", message_id])

    def retry_failed(self, now: datetime) -> int:
        with self.transaction() as con:
            return con.execute(sql.RETRY_FAILED, [now.isoformat(timespec="seconds")]).rowcount

    # --- evaluations still to do, and small state -----------------------------------------------
    def queue_evaluation(self, batch_id: str, action: str, now: datetime) -> None:
        with self.transaction() as con:
            con.execute(sql.QUEUE_EVALUATION, [batch_id, action, now.isoformat(timespec="seconds")])

    def evaluation_done(self, batch_id: str, action: str, now: datetime) -> None:
        with self.transaction() as con:
            con.execute(sql.EVALUATION_DONE, [now.isoformat(timespec="seconds"), batch_id, action])

    def evaluation_failed(self, batch_id: str, action: str, error: str) -> None:
        with self.transaction() as con:
            con.execute(sql.EVALUATION_FAILED, [error[:500], batch_id, action])

    def pending_evaluations(self) -> list[tuple[str, str]]:
        with self.connect() as con:
            return [(r["batch_id"], r["action"]) for r in con.execute(sql.PENDING_EVALUATIONS)]

    def get(self, key: str) -> str | None:
        with self.connect() as con:
            row = con.execute(sql.GET_STATE, [key]).fetchone()
            return row["value"] if row else None

    def put(self, key: str, value: str) -> None:
        with self.transaction() as con:
            con.execute(sql.SET_STATE, [key, value])

    # --- for people ------------------------------------------------------------------------------
    def firings(self, periods: list[str] | None = None, entity_id: str | None = None, limit: int = 200) -> pd.DataFrame:
        """Firings, newest first. Columns: firing_id, event_key, rule_id, condition, entity_id,
        metric_id, period, figures (a dict), cause, fired_at."""
        if not self.exists():
            return pd.DataFrame(columns=["firing_id", "event_key", "rule_id", "condition", "entity_id", "metric_id",
                                         "period", "figures", "cause", "fired_at"])
        with self.connect() as con:
            frame = pd.read_sql_query(sql.FIRINGS, con, params=dict(
                periods=json.dumps(periods) if periods is not None else None, entity=entity_id, limit=limit))
        return frame.assign(figures=[json.loads(f) for f in frame.figures])

    def messages(self, limit: int = 200) -> pd.DataFrame:
        """The outbox and what went out, newest first. Columns: message_id, kind, recipient, lang,
        subject, period, created_at, state, attempts, next_attempt_at, last_error, sent_at,
        has_attachment."""
        if not self.exists():
            return pd.DataFrame(columns=["message_id", "kind", "recipient", "lang", "subject", "period", "created_at",
                                         "state", "attempts", "next_attempt_at", "last_error", "sent_at",
                                         "has_attachment"])
        with self.connect() as con:
            return pd.read_sql_query(sql.MESSAGES, con, params=[limit])

    def counts(self) -> dict[str, int]:
        if not self.exists():
            return {}
        with self.connect() as con:
            return {r["state"]: r["n"] for r in con.execute(sql.COUNTS)}
