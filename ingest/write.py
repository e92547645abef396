"""Writing a batch, and undoing one, without ever showing a reader half of it.

A batch is applied to a copy of the store in one transaction (history first, so that undo can
restore exactly what was there), then swapped in (store.swap): readers see the old file or the
new one, and any error leaves the store file untouched, byte for byte.
"""
from __future__ import annotations

import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pyarrow as pa

from ingest import sql
from ingest.parse import Problem
from ingest.plan import Plan, make_plan
from ingest.resolve import IMPORTED_NOTE
from store import rollups, swap
from store.swap import copy_of, transaction

INCOMING = pa.schema([("entity_id", pa.string()), ("metric_id", pa.string()), ("dimension_id", pa.string()),
                      ("period", pa.string()), ("grain", pa.string()), ("period_start", pa.date32()),
                      ("value", pa.float64()), ("numerator", pa.float64()), ("denominator", pa.float64()),
                      ("status", pa.string()), ("source_id", pa.string()), ("note", pa.string())])


class WriteRefused(Problem):
    """The store was not changed (codes: busy, stale, no_batch, already_undone, later_batch)."""


@dataclass(frozen=True)
class Written:
    batch_id: str | None      # None when there was nothing to write
    added: int
    changed: int
    seconds: float


class _Connection:
    """A writable connection with the .query(sql, params) -> DataFrame of metrics.db.Store."""

    def __init__(self, con):
        self.con = con

    def query(self, statement: str, params=None):
        return self.con.execute(statement, params or {}).df()


@contextmanager
def locked(store: Path, timeout: float | None = None):
    """The store's writer lock (store.swap.locked), refused as WriteRefused('busy') when taken."""
    try:
        with swap.locked(store, timeout):
            yield
    except swap.StoreBusy:
        raise WriteRefused("busy") from None


def _incoming(plan: Plan) -> pa.Table:
    rows = [dict(entity_id=r.entity_id, metric_id=r.metric_id, dimension_id=r.dimension_id,
                 period=r.period.key, grain=r.period.grain, period_start=r.period.start, value=r.value,
                 numerator=r.numerator, denominator=r.denominator, status=r.status,
                 source_id=r.source_id, note=r.note)
            for r in (s.record for s in plan.writes)]
    return pa.Table.from_pylist(rows, schema=INCOMING)


def _new_sources(con, plan: Plan, batch_id: str) -> None:
    seen = set()
    for step in plan.writes:
        src = step.record.source
        if step.record.status != "published" or not src.is_new or src.source_id in seen:
            continue
        seen.add(src.source_id)
        exists = con.execute("SELECT 1 FROM sources WHERE source_id = ?", [src.source_id]).fetchone()
        if not exists:
            con.execute(sql.INSERT_SOURCE, {"source_id": src.source_id, "number": src.number, "title": src.title,
                                            "issued_on": src.issued_on, "note": IMPORTED_NOTE.format(batch=batch_id),
                                            "batch": batch_id})


def import_plan(store: Path, preview, who: str, now: datetime | None = None) -> Written:
    """Write a checked preview's additions and changes as one batch. The plan is made again on
    the locked copy; WriteRefused('stale') if the store changed since the preview was shown."""
    if not preview.ok:
        raise ValueError("a preview with errors is never written")
    started = time.perf_counter()
    now = now or datetime.now()
    store = Path(store)
    with locked(store), copy_of(store) as (con, tmp):
        plan = make_plan(_Connection(con), preview.records)
        if plan.digest() != preview.plan.digest():
            raise WriteRefused("stale")
        if not plan.writes:
            return Written(None, 0, 0, time.perf_counter() - started)
        batch_id = _batch_id(con, now, preview.sha256)
        added, changed = plan.count("add"), plan.count("change")
        with transaction(con):
            _new_sources(con, plan, batch_id)
            for statement, params in _beside(preview, "units", batch_id):
                con.execute(statement, params)
            con.register("incoming", _incoming(plan))
            for statement in (sql.HISTORY_CHANGED, sql.HISTORY_ADDED, sql.DELETE_REPLACED):
                con.execute(statement, {"batch": batch_id} if "$batch" in statement else {})
            con.execute(sql.INSERT_INCOMING, {"batch": batch_id})
            con.unregister("incoming")
            con.execute(sql.INSERT_BATCH, {"batch": batch_id, "who": who, "at": now.isoformat(timespec="seconds"),
                                           "file_name": preview.file_name, "sha256": preview.sha256,
                                           "source_id": preview.batch_source_id(), "added": added, "changed": changed})
            for statement, params in _beside(preview, "flags", batch_id):
                con.execute(statement, params)
            _stamp(con, now)
            rollups.refresh(con, sorted({s.record.metric_id for s in plan.writes}))
        swap.swap(con, tmp, store)
    written = Written(batch_id, added, changed, time.perf_counter() - started)
    _after_swap(store, batch_id, "import", now)
    return written


def _beside(preview, what: str, batch_id: str) -> list[tuple[str, dict]]:
    """What a report form writes beside its figures (ingest.forms.FormPreview.beside): the new
    agencies ('units') or its quality flags ('flags'); nothing for a template."""
    beside = getattr(preview, "beside", None)
    return beside(what, batch_id) if beside else []


def _batch_id(con, now: datetime, sha256: str) -> str:
    """'20251005-143000-8f15b2fd': when and which file; a suffix if that file came twice that second."""
    base = f"{now:%Y%m%d-%H%M%S}-{sha256[:8]}"
    taken = {r[0] for r in con.execute("SELECT batch_id FROM import_batches WHERE batch_id LIKE ?", [base + "%"]).fetchall()}
    return next(c for c in [base] + [f"{base}-{n}" for n in range(2, len(taken) + 3)] if c not in taken)


def _stamp(con, now: datetime) -> None:
    con.execute(sql.SET_INFO, {"key": "last_import_at", "value": now.isoformat(timespec="seconds")})


def undo(store: Path, batch_id: str, now: datetime | None = None) -> Written:
    """Put back exactly what a batch replaced and remove what it added; mark it undone."""
    started = time.perf_counter()
    now = now or datetime.now()
    store = Path(store)
    with locked(store), copy_of(store) as (con, tmp):
        batch = con.execute(sql.BATCH, {"batch": batch_id}).df()
        if batch.empty:
            raise WriteRefused("no_batch", batch=batch_id)
        if batch.undone_at.notna().iloc[0]:
            raise WriteRefused("already_undone", batch=batch_id, at=f"{batch.undone_at.iloc[0]:%d/%m/%Y %H:%M}")
        later = con.execute(sql.LATER_WRITES, {"batch": batch_id}).df()
        if not later.empty:
            raise WriteRefused("later_batch", batch=batch_id, later=", ".join(later.batch_id))
        touched = [r[0] for r in con.execute(sql.BATCH_METRICS, {"batch": batch_id}).fetchall()]
        with transaction(con):
            con.execute(sql.UNDO_DELETE, {"batch": batch_id})
            con.execute(sql.UNDO_RESTORE, {"batch": batch_id})
            con.execute(sql.UNDO_MARK, {"batch": batch_id, "at": now.isoformat(timespec="seconds")})
            _stamp(con, now)
        # DuckDB checks foreign keys against committed rows only, so the documents the batch
        # added can go once its figures are gone; still on the copy, before readers see it.
        with transaction(con):
            con.execute(sql.UNDO_SOURCES, {"batch": batch_id})
            con.execute(sql.UNDO_FLAGS, {"batch": batch_id})
            con.execute(sql.UNDO_AGENCIES, {"batch": batch_id})
            rollups.refresh(con, touched)
        swap.swap(con, tmp, store)
    row = batch.iloc[0]
    written = Written(batch_id, int(row.rows_added), int(row.rows_changed), time.perf_counter() - started)
    _after_swap(store, batch_id, "undo", now)
    return written


def _after_swap(store: Path, batch_id: str, action: str, now: datetime) -> None:
    """The alert rules look at what the batch touched, once the new store is in and its lock is
    free (alerts.evaluate.after_batch); an alert problem is logged there and never undoes the batch."""
    from alerts.evaluate import after_batch

    after_batch(store, batch_id, action, now)
