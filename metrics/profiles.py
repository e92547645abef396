"""A place on several metrics, and the components of composite indices (766 groups, PAR INDEX
fields), each beside its region, the nation and the best place."""
from __future__ import annotations

import pandas as pd

from metrics import catalogue
from metrics.periods import parse
from metrics.rankings import peer_summary
from metrics.values import aggregate_values_many, entity_values_many, grains_for


def profile(store, metric_ids: list[str], entity_id: str, kind: str, period: str,
            boundary: str = "2025", parent: str | None = None) -> pd.DataFrame:
    """A place on several metrics of one unit (the key rates, in %) beside its region, the nation
    and the best place, with the change since the previous period.

    Columns as components_of (metric_id, label_vi, label_en, max_value, value,
    region_value, national_value, best_value, best_entity, status, share) plus previous_value,
    change.
    """
    rows = []
    for metric_id in metric_ids:
        metric = catalogue.get(metric_id)
        if not metric.applies_to(kind) or parse(period).grain not in grains_for(metric_id):
            continue
        summary = peer_summary(store, metric_id, entity_id, period, kind, boundary, parent=parent)
        if summary is None:
            continue
        top = metric.max_value or 100.0
        rows.append(dict(metric_id=metric_id, label_vi=metric.label_vi, label_en=metric.label_en, max_value=top,
                         value=summary.value, region_value=summary.region_value,
                         national_value=summary.national_value, best_value=summary.best_value,
                         best_entity=summary.best_entity, status=summary.status,
                         share=summary.value / top, previous_value=summary.previous_value,
                         change=(summary.value - summary.previous_value) if summary.previous_value is not None else None))
    columns = ["metric_id", "label_vi", "label_en", "max_value", "value", "region_value", "national_value",
               "best_value", "best_entity", "status", "share", "previous_value", "change"]
    return pd.DataFrame(rows, columns=columns)


def component_values(store, parent_id: str, kind: str, period: str, boundary: str = "2025",
                     province: str | None = None) -> pd.DataFrame:
    """Every place's score on each component of an index (766 groups, PAR INDEX fields) in a
    period and the previous one, beside its region's, the nation's and the best place's. It does
    not depend on the place (components_of picks one), so switching places costs no query.

    Columns: metric_id, label_vi, label_en, max_value, entity_id, value, previous_value, status,
    region_value, national_value, best_value, best_entity. For the communes of a `province`,
    national_value is the province's own figure and there is no region value.
    """
    previous = parse(period).previous().key
    parts = [part for part in catalogue.components(parent_id) if part.applies_to(kind)]
    ids = [part.id for part in parts]
    every = entity_values_many(store, [(m, p) for m in ids for p in (previous, period)], kind, boundary, province) \
        if parts else None
    grain = parse(period).grain
    regions = aggregate_values_many(store, ids, kind, "region", grain, boundary, period, period, parent=province) \
        if parts else None
    nations = aggregate_values_many(store, ids, kind, "nation", grain, boundary, period, period, parent=province) \
        if parts else None
    frames = []
    for part in parts:
        both = every[every.metric_id == part.id]
        now = both[both.period == period].dropna(subset=["value"])
        if now.empty:
            continue
        best = now.loc[now.value.idxmax() if part.higher_is_better else now.value.idxmin()]
        before = both[both.period == previous][["entity_id", "value"]].rename(columns={"value": "previous_value"})
        regional = regions[regions.metric_id == part.id][["group_id", "value"]].rename(
            columns={"group_id": "region_id", "value": "region_value"})
        national = nations[nations.metric_id == part.id]
        frame = (now[["entity_id", "region_id", "value", "status"]].merge(before, on="entity_id", how="left")
                 .merge(regional, on="region_id", how="left"))
        frames.append(frame.assign(metric_id=part.id, label_vi=part.label_vi, label_en=part.label_en,
                                   max_value=part.max_value, best_value=float(best.value), best_entity=best.entity_name,
                                   national_value=float(national.value.iloc[0]) if not national.empty else None))
    columns = ["metric_id", "label_vi", "label_en", "max_value", "entity_id", "value", "previous_value", "status",
               "region_value", "national_value", "best_value", "best_entity"]
    return pd.concat(frames, ignore_index=True)[columns] if frames else pd.DataFrame(columns=columns)


def components_of(values: pd.DataFrame, entity_id: str) -> pd.DataFrame:
    """One place's rows of component_values, plus the
    change: metric_id, label_vi, label_en, max_value, value, region_value, national_value,
    best_value, best_entity, status, share, previous_value, change."""
    mine = values[values.entity_id == entity_id].drop(columns=["entity_id"]).reset_index(drop=True)
    return mine.assign(share=mine.value / mine.max_value, change=mine.value - mine.previous_value)
