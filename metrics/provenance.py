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


SHORT_TITLE = 70   # characters of a document's title shown beside its number


def short_title(title: str, limit: int = SHORT_TITLE) -> str:
    """A title cut at a word before `limit` characters, with '…' when cut."""
    title = " ".join(str(title or "").split())
    if len(title) <= limit:
        return title
    return title[:limit].rsplit(" ", 1)[0].rstrip(",;:—-") + "…"


def source_label(row, lang: str = "vi", dated: bool = True) -> str:
    """How a reader sees a document, never by its internal id: '766/QĐ-TTg — Quyết định phê duyệt
    Bộ chỉ số… (23/06/2022)'; a page without a number by its title and date: 'PAR INDEX 2023
    — Báo Quảng Ninh (tiếng Anh) (17/04/2024)'. `row`: a row of sources() (anything with its fields)."""
    from l10n.formatting import format_date

    title = row.title_en if lang == "en" and isinstance(getattr(row, "title_en", None), str) and row.title_en else row.title_vi
    number = row.number if isinstance(row.number, str) and row.number else None
    # a document without a number is known by its whole title (who published it is often at its end)
    name = f"{number} — {short_title(title)}" if number else " ".join(str(title).split())
    issued = getattr(row, "issued_on", None)
    return f"{name} ({format_date(issued, lang)})" if dated and issued is not None and pd.notna(issued) else name


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


def coverage(store, metric_id: str, period: str, kind: str) -> dict[str, int]:
    """How much of a ranking is published: {'published': places with a published figure or rank,
    'places': the provinces or ministries in force at the period's end (ranked ones for the PAR INDEX)}."""
    from metrics.periods import parse

    frame = store.query(sql.COVERAGE_SQL, {"metric": metric_id, "period": period, "kind": kind,
                                           "day": parse(period).end.isoformat()})
    return {"published": int(frame.published.iloc[0]), "places": int(frame.places.iloc[0])}


def coverage_by_year(store, metric_ids: list[str]) -> pd.DataFrame:
    """Per yearly index, kind and year, the places with a published figure or rank.
    Columns: metric_id, period, entity_kind, published."""
    return store.query(sql.COVERAGE_BY_YEAR_SQL, {"metrics": list(metric_ids)})


def set_aside(store) -> pd.DataFrame:
    """The rows of the published record the store does not use. Columns: file, line, entity, metric,
    period, value, reason, reason_vi, reason_en, url, quote."""
    return store.query(sql.SET_ASIDE_SQL)


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

    Columns: metric_id, published, demo, records (computed from dossier records), source_ids (of
    the published figures), first_period, last_period.
    """
    counts = status_counts(store, list(metric_ids))
    out = []
    for metric_id in metric_ids:
        rows = counts[counts.metric_id == metric_id]
        published = rows[rows.status == "published"]
        out.append(dict(
            metric_id=metric_id,
            published=int(published.observations.sum()), demo=int(rows[rows.status == "demo"].observations.sum()),
            records=int(rows[rows.status == "records"].observations.sum()),
            source_ids=sorted({i for cell in published.source_ids for i in ids_in(cell)}),
            first_period=rows.first_period.min() if not rows.empty else None,
            last_period=rows.last_period.max() if not rows.empty else None))
    return pd.DataFrame(out, columns=["metric_id", "published", "demo", "records", "source_ids", "first_period",
                                      "last_period"])


# The documented SQL surface (data/views.sql), in the order an analyst meets it, each with an
# example query an analyst can run (metrics.sql.VIEW_EXAMPLES).
VIEW_EXAMPLES = sql.VIEW_EXAMPLES
VIEWS = ("kpi_metrics", "kpi_entities", "kpi_observations", "kpi_observations_2025",
         "kpi_quality_flags", "kpi_sources", "kpi_targets", "kpi_dossiers", "kpi_dossier_values")


def view_columns(store, views: tuple[str, ...] = VIEWS) -> pd.DataFrame:
    """The columns of the analysts' SQL views. Columns: view, column_name, data_type, position."""
    return store.query(sql.VIEW_COLUMNS_SQL, {"views": list(views)})
