"""Annotations: events to read the figures by (a directing document, a merger, a change of the
portal's rules, provisional figures), for a trend of a metric or the list on the data page."""
from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from metrics.sql import ANNOTATIONS_ALL_SQL, ANNOTATIONS_FOR_SQL


def for_trend(store, metric_id: str, kind: str, places: Sequence[str] = ()) -> pd.DataFrame:
    """The annotations a trend of `metric_id` over places of `kind` shows: those of every metric
    or of this one, every kind or this one (a commune's trend shows its province's), every place
    or one of `places`. Columns: annotation_id, starts_on, ends_on (NaT for a single day),
    entity_kind, entity_id, metric_id, text_vi, text_en, source_id, source_number, origin,
    created_by, created_at, updated_by, updated_at; oldest first."""
    return store.query(ANNOTATIONS_FOR_SQL, {"metric": metric_id, "kind": kind, "places": list(places)})


def every(store) -> pd.DataFrame:
    """Every annotation, newest first, with its place's names (entity_name, entity_name_en)."""
    return store.query(ANNOTATIONS_ALL_SQL)


def in_range(notes: pd.DataFrame, first, last) -> pd.DataFrame:
    """The annotations that touch the days first..last (a period that overlaps counts)."""
    if notes.empty:
        return notes
    starts = pd.to_datetime(notes.starts_on)
    ends = pd.to_datetime(notes.ends_on).fillna(starts)
    return notes[(ends >= pd.Timestamp(first)) & (starts <= pd.Timestamp(last))].reset_index(drop=True)
