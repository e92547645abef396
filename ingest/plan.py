"""What an import would do to the store, figure by figure, before anything is written.

Each checked figure is compared with the one already stored for its place, metric, service and
period:
  add     nothing there yet;
  change  a demo figure (replaced by anything), or a published one replaced by a newer published
          document (a later issue date);
  leave   the same figure from the same document is already there;
  keep    refused: a published figure is never replaced by demo data, nor by a document that is
          not newer or whose date is unknown. The rest of the file is still imported.
"""
from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass, field
from datetime import date, datetime

import pandas as pd

from ingest import sql
from ingest.validate import Record

ACTIONS = ("add", "change", "leave", "keep")


@dataclass
class Step:
    record: Record
    action: str
    reason: str | None = None          # why a figure is kept (l10n: ingest_keep_<reason>)
    params: dict = field(default_factory=dict)
    old: dict | None = None            # the stored figure: value, numerator, denominator, status, source_id ...


@dataclass
class Plan:
    steps: list[Step]

    def count(self, action: str) -> int:
        return sum(1 for s in self.steps if s.action == action)

    @property
    def writes(self) -> list[Step]:
        return [s for s in self.steps if s.action in ("add", "change")]

    def digest(self) -> str:
        """A fingerprint of what would be written: a preview is confirmed only if it still holds."""
        rows = [[*s.record.key, s.action, s.record.value, s.record.numerator, s.record.denominator,
                 s.record.status, s.record.source_id] for s in self.steps]
        return hashlib.sha256(json.dumps(rows, default=str).encode()).hexdigest()


def _same(a, b) -> bool:
    missing_a = a is None or (isinstance(a, float) and math.isnan(a))
    missing_b = b is None or (isinstance(b, float) and math.isnan(b))
    if missing_a or missing_b:
        return missing_a and missing_b
    return abs(float(a) - float(b)) < 1e-9


def _day(value) -> date | None:
    # pd.NaT (a stored source without a date) is a datetime too: test for missing first
    if value is None or pd.isna(value):
        return None
    return value.date() if isinstance(value, datetime) else value


def _step(record: Record, old: dict | None) -> Step:
    if old is None:
        return Step(record, "add")
    if (all(_same(old[k], getattr(record, k)) for k in ("value", "numerator", "denominator"))
            and old["status"] == record.status and old["source_id"] == record.source_id):
        return Step(record, "leave", old=old)
    if old["status"] == "demo":
        return Step(record, "change", old=old)
    if record.status == "demo":
        return Step(record, "keep", "demo_over_published", old=old)
    old_date, new_date = _day(old["source_date"]), record.source.issued_on
    params = {"old": old["source_number"] or old["source_id"],
              "old_date": f"{old_date:%d/%m/%Y}" if old_date else "?",
              "new_date": f"{new_date:%d/%m/%Y}" if new_date else "?", "undo_vi": "", "undo_en": ""}
    if isinstance(old.get("batch_id"), str):  # imported: a correction means undoing that batch first
        params["undo_vi"] = f" Để sửa, hoàn tác đợt nhập {old['batch_id']} rồi nhập lại."
        params["undo_en"] = f" To correct it, undo batch {old['batch_id']} and import again."
    if record.source_id != old["source_id"] and old_date and new_date and new_date > old_date:
        return Step(record, "change", old=old)
    reason = "undated" if record.source_id != old["source_id"] and not (old_date and new_date) else "not_newer"
    return Step(record, "keep", reason, params, old=old)


def make_plan(store, records: list[Record]) -> Plan:
    """The step for every record, against what `store` (anything with .query) holds now."""
    if not records:
        return Plan([])
    existing = store.query(sql.EXISTING, {"metrics": sorted({r.metric_id for r in records}),
                                          "periods": sorted({r.period.key for r in records})})
    stored = {(r["entity_id"], r["metric_id"], r["dimension_id"], r["period"]): r
              for r in existing.to_dict("records")}
    return Plan([_step(r, stored.get(r.key)) for r in records])
