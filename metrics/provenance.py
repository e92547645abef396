"""Where the figures come from: the source documents, the quality flags, published against demo
figures per metric, the import batches, and the analysts' SQL views.

A figure's sources are a list of source ids (the roll-ups keep them as lists: store/sql.py);
`ids_in` reads such a cell, `source_ids_of` gathers them from the frames behind a chart, and
`source_rows` gives the documents, so that a reader sees a number and title, never an id.
"""
from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from metrics import sql

DEMO_SOURCE = "demo"  # the source id of generated figures: not a document to cite


def ids_in(cell) -> list[str]:
    """The source ids in one cell: a list (or array) of ids, one id, or nothing."""
    if cell is None or isinstance(cell, float) or cell is pd.NA:
        return []
    if isinstance(cell, str):
        return [cell] if cell else []
    return [str(i) for i in cell if isinstance(i, str) and i]


def source_ids_of(frames: Iterable[pd.DataFrame], extra: Iterable[str] = ()) -> list[str]:
    """Every document cited by the frames' source_ids / source_id columns (and `extra`), sorted,
    each once, without the demo marker."""
    ids = set(extra)
    for frame in frames:
        for column in ("source_ids", "source_id"):
            if column in frame:
                for cell in frame[column]:
                    ids.update(ids_in(cell))
    return sorted(ids - {DEMO_SOURCE})


def sources(store) -> pd.DataFrame:
    """Every source document. Columns: source_id, number, title_vi, title_en, issuer, issued_on,
    url, kind, note, observations (how many figures cite it)."""
    return store.query(sql.SOURCES_SQL)


def quality_flags(store) -> pd.DataFrame:
    """Disagreements found in the sources. Columns: flag_id, entity_id, entity_name, metric_id,
    period, kind, stated_value, computed_value, source_id, message_vi, message_en."""
    return store.query(sql.QUALITY_FLAGS_SQL)


def store_info(store) -> dict[str, str]:
    """built_at, demo_until, counts; last_import when an import has run."""
    frame = store.query(sql.STORE_INFO_SQL)
    return dict(zip(frame.key, frame.value))


def status_counts(store, metric_ids: list[str]) -> pd.DataFrame:
    """How many figures of each metric are published or demo, with their sources.
    Columns: metric_id, status, observations, source_ids, first_period, last_period."""
    return store.query(sql.STATUS_COUNTS_SQL, {"metrics": list(metric_ids)})


def import_batches(store) -> pd.DataFrame:
    return store.query(sql.BATCHES_SQL)


def flags_for(store, entity_id: str, metric_id: str, period: str) -> pd.DataFrame:
    """The quality flags raised on one figure (columns as quality_flags())."""
    flags = quality_flags(store)
    return flags[(flags.entity_id == entity_id) & (flags.metric_id == metric_id) & (flags.period == period)]


def source_rows(store, source_ids) -> pd.DataFrame:
    """The source documents with these ids, in the order given (columns as sources())."""
    ids = list(dict.fromkeys(i for i in source_ids if i != DEMO_SOURCE))
    found = sources(store).set_index("source_id")
    return found.loc[[i for i in ids if i in found.index]].reset_index()


def status_table(store, metric_ids: list[str]) -> pd.DataFrame:
    """Per metric: how many figures are published and how many demo, and the published sources.

    Columns: metric_id, published, demo, source_ids (of the published figures), first_period,
    last_period.
    """
    counts = status_counts(store, list(metric_ids))
    out = []
    for metric_id in metric_ids:
        rows = counts[counts.metric_id == metric_id]
        published = rows[rows.status == "published"]
        out.append(dict(
            metric_id=metric_id,
            published=int(published.observations.sum()), demo=int(rows[rows.status == "demo"].observations.sum()),
            source_ids=sorted({i for cell in published.source_ids for i in ids_in(cell)}),
            first_period=rows.first_period.min() if not rows.empty else None,
            last_period=rows.last_period.max() if not rows.empty else None))
    return pd.DataFrame(out, columns=["metric_id", "published", "demo", "source_ids", "first_period", "last_period"])


# The documented SQL surface (data/views.sql), in the order an analyst meets it, each with an
# example query an analyst can run (metrics.sql.VIEW_EXAMPLES).
VIEW_EXAMPLES = sql.VIEW_EXAMPLES
VIEWS = ("kpi_metrics", "kpi_entities", "kpi_observations", "kpi_observations_2025",
         "kpi_quality_flags", "kpi_sources", "kpi_targets")


def view_columns(store, views: tuple[str, ...] = VIEWS) -> pd.DataFrame:
    """The columns of the analysts' SQL views. Columns: view, column_name, data_type, position."""
    return store.query(sql.VIEW_COLUMNS_SQL, {"views": list(views)})
