"""A Preview as tables a person reads: how each row was understood, the problems, the plan.

Column names are in the language asked for; numbers go through l10n.formatting.
"""
from __future__ import annotations

import pandas as pd

from ingest import sql
from ingest.preview import Preview
from l10n import t
from l10n.formatting import format_count_of, format_value, status_label
from metrics import catalogue


def _named(rows: list[dict], keys: list[str], lang: str) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=keys).rename(columns={k: t(f"ingest_col_{k}", lang) for k in keys})


def _value(metric_id: str, value, lang: str) -> str:
    return format_value(value, catalogue.get(metric_id).unit, lang)


def issues_frame(preview: Preview, lang: str = "vi", severity: str = "error") -> pd.DataFrame:
    """[row, column, problem, fix] for the errors, in file order; notices have no fix column."""
    found = [i for i in preview.issues if i.severity == severity]
    found.sort(key=lambda i: (i.row or 0))
    rows = [dict(row="" if i.row is None else str(i.row), column=i.column or "", problem=i.problem(lang),
                 fix=i.fix(lang)) for i in found]
    keys = ["row", "column", "problem"] + (["fix"] if severity == "error" else [])
    return _named(rows, keys, lang)


def interpretation_frame(preview: Preview, lang: str = "vi") -> pd.DataFrame:
    """One row per figure read: the cells as typed and what they were taken to mean."""
    rows = []
    for r in preview.records:
        metric = catalogue.get(r.metric_id)
        place = r.entity_name if r.raw.get("place") == r.entity_name else f"{r.raw.get('place')} → {r.entity_name}"
        notes = list(r.notes)
        if r.merged_from:
            notes.insert(0, f"{r.merged_from} → {r.entity_name} (sáp nhập)" if lang != "en"
                         else f"{r.merged_from} → {r.entity_name} (merged)")
        rows.append(dict(row=r.row, place=place,
                         metric=metric.label(lang) + (f" — {r.dimension_id}" if r.dimension_id else ""),
                         period=r.period.label(lang), value=_value(r.metric_id, r.value, lang),
                         counts=format_count_of(r.numerator, r.denominator, lang) if r.numerator is not None else "",
                         status=status_label(r.status, lang),
                         source="" if r.status == "demo" or r.source is None else (r.source.number or r.source.title),
                         read_as="; ".join(notes)))
    # rows whose cells needed reading ('TP. HCM' -> Hồ Chí Minh, '96,81%') first: they are the ones to check
    rows.sort(key=lambda r: (not (r["read_as"] or "→" in r["place"]), r["row"]))
    return _named(rows, ["row", "place", "read_as", "metric", "period", "value", "counts", "status", "source"], lang)


def plan_frame(preview: Preview, lang: str = "vi") -> pd.DataFrame:
    """What the import will do to each figure, with the stored value it replaces or keeps."""
    rows = []
    for step in preview.plan.steps if preview.plan else []:
        r, old = step.record, step.old or {}
        reason = ""
        if step.reason:
            reason = t(f"ingest_keep_{step.reason}", lang, **step.params)
        rows.append(dict(row=r.row, place=r.entity_name, metric=catalogue.get(r.metric_id).label(lang),
                         period=r.period.label(lang), action=t(f"ingest_action_{step.action}", lang),
                         old=_value(r.metric_id, old.get("value"), lang) if old else "",
                         new=_value(r.metric_id, r.value, lang),
                         old_status=status_label(old["status"], lang) if old else "",
                         status=status_label(r.status, lang), reason=reason))
    return _named(rows, ["row", "place", "metric", "period", "action", "old", "new", "old_status", "status",
                         "reason"], lang)


def summary(preview: Preview) -> dict[str, int]:
    """Counts: add, change, leave, keep, errors, notices."""
    plan = preview.plan
    counts = {a: plan.count(a) if plan else 0 for a in ("add", "change", "leave", "keep")}
    return counts | {"errors": len(preview.errors), "notices": len(preview.notices)}


def batches(store) -> pd.DataFrame:
    """Every import batch, newest first. Columns: batch_id, imported_by, imported_at, file_name,
    file_sha256, source_id, rows_added, rows_changed, undone_at, source_number, source_title."""
    return store.query(sql.BATCHES)


def batches_frame(store, lang: str = "vi") -> pd.DataFrame:
    """The batches as shown on the page: who, when, file, document, counts, undone."""
    frame = batches(store)
    out = pd.DataFrame({
        "batch_id": frame.batch_id, "imported_at": frame.imported_at.dt.strftime("%d/%m/%Y %H:%M"),
        "imported_by": frame.imported_by, "file_name": frame.file_name,
        "document": frame.source_number.fillna(frame.source_title).fillna(frame.source_id).fillna(""),
        "rows_added": frame.rows_added, "rows_changed": frame.rows_changed,
        "undone_at": frame.undone_at.dt.strftime("%d/%m/%Y %H:%M").fillna(""),
        "sha": frame.file_sha256.str[:12] + "…"})
    return out.rename(columns={k: t(f"ingest_batch_{k}", lang) for k in out.columns if k != "sha"} | {"sha": "SHA-256"})


def open_batches(store) -> list[str]:
    """Ids of the batches that can still be undone, newest first."""
    frame = batches(store)
    return list(frame[frame.undone_at.isna()].batch_id)
