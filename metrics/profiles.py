"""A place on several metrics, and the components of composite indices (766 groups, PAR INDEX
fields), each beside its region, the nation and the best place."""
from __future__ import annotations

import pandas as pd

from metrics import catalogue
from metrics.periods import parse
from metrics.rankings import RANK_DECIMALS
from metrics.values import aggregate_values_many, entity_values_many, grains_for

PROFILE_COLUMNS = ["metric_id", "label_vi", "label_en", "max_value", "value", "region_value", "national_value",
                   "best_value", "best_entity", "status", "share", "previous_value", "change"]


def profile(store, metric_ids: list[str], entity_id: str, kind: str, period: str,
            boundary: str = "2025", parent: str | None = None) -> pd.DataFrame:
    """A place on several metrics of one unit (the key rates, in %) beside its region, the nation
    and the best place (the first of rankings.ranking), with the change since the previous
    period: the figures of every metric in three lookups (places, regions, nation), not four
    per metric.

    Columns as components_of (metric_id, label_vi, label_en, max_value, value,
    region_value, national_value, best_value, best_entity, status, share) plus previous_value,
    change.
    """
    grain, previous = parse(period).grain, parse(period).previous().key
    ids = [m for m in metric_ids if catalogue.get(m).applies_to(kind) and grain in grains_for(m)]
    if not ids:
        return pd.DataFrame(columns=PROFILE_COLUMNS)
    every = entity_values_many(store, [(m, p) for m in ids for p in (previous, period)], kind, boundary, parent)
    every = every.assign(shown=every.value.round(RANK_DECIMALS))  # ties as rankings.ranking sees them
    places: dict[tuple[str, str], list[dict]] = {}
    for row in every.to_dict("records"):
        places.setdefault((row["metric_id"], row["period"]), []).append(row)
    groups = {}
    for level in ("region", "nation"):
        frame = aggregate_values_many(store, ids, kind, level, grain, boundary, period, period, parent=parent)
        for row in frame.to_dict("records"):
            groups.setdefault((row["metric_id"], row["group_id"]), row["value"])
    rows = []
    for metric_id in ids:
        now = places.get((metric_id, period), [])
        me = next((r for r in now if r["entity_id"] == entity_id), None)
        if me is None:
            continue
        metric = catalogue.get(metric_id)
        best = _best_of(now, metric.higher_is_better)
        before = next((r for r in places.get((metric_id, previous), []) if r["entity_id"] == entity_id), None)
        previous_value = _number(before["value"]) if before else None
        value, top = float(me["value"]), metric.max_value or 100.0
        region = groups.get((metric_id, me["region_id"])) if pd.notna(me["region_id"]) else None
        rows.append(dict(metric_id=metric_id, label_vi=metric.label_vi, label_en=metric.label_en, max_value=top,
                         value=value, region_value=_number(region), national_value=_number(groups.get((metric_id, "all"))),
                         best_value=float(best["value"]), best_entity=best["entity_name"], status=me["status"],
                         share=value / top, previous_value=previous_value,
                         change=(value - previous_value) if previous_value is not None else None))
    return pd.DataFrame(rows, columns=PROFILE_COLUMNS)


def _best_of(rows: list[dict], higher_is_better: bool) -> dict:
    """The first place of rankings.ranking: the best shown value, ties by name; places without
    a figure last."""
    sign = -1 if higher_is_better else 1
    return min(rows, key=lambda r: (pd.isna(r["shown"]), 0 if pd.isna(r["shown"]) else sign * r["shown"],
                                    r["entity_name"]))


def _number(value) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def component_values(store, parent_id: str, kind: str, period: str, boundary: str = "2025",
                     province: str | None = None) -> pd.DataFrame:
    """Every place's score on each component of an index (766 groups, PAR INDEX fields) in a
    period and the previous one, beside its region's, the nation's and the best place's. It does
    not depend on the place (components_of picks one), so switching places costs no query.

    Columns: metric_id, label_vi, label_en, max_value, entity_id, value, previous_value, status,
    region_value, national_value, best_value, best_entity. For the communes of a `province`,
    national_value is the province's own figure and there is no region value.
    """
    columns = ["metric_id", "label_vi", "label_en", "max_value", "entity_id", "value", "previous_value", "status",
               "region_value", "national_value", "best_value", "best_entity"]
    previous = parse(period).previous().key
    parts = catalogue.breakdown(parent_id, parse(period).start, kind)
    if not parts:
        return pd.DataFrame(columns=columns)
    ids = [part.id for part in parts]
    every = entity_values_many(store, [(m, p) for m in ids for p in (previous, period)], kind, boundary, province)
    grain = parse(period).grain
    regions = aggregate_values_many(store, ids, kind, "region", grain, boundary, period, period, parent=province)
    nations = aggregate_values_many(store, ids, kind, "nation", grain, boundary, period, period, parent=province)
    # every component at once: the frame operations cost the same for five components as for one
    now = every[every.period == period].dropna(subset=["value"])
    if now.empty:
        return pd.DataFrame(columns=columns)
    sign = now.metric_id.map({part.id: 1 if part.higher_is_better else -1 for part in parts})
    best = now.loc[(now.value * sign).groupby(now.metric_id).idxmax()].set_index("metric_id")
    before = every[every.period == previous][["metric_id", "entity_id", "value"]].rename(
        columns={"value": "previous_value"})
    regional = regions[["metric_id", "group_id", "value"]].rename(columns={"group_id": "region_id",
                                                                           "value": "region_value"})
    national = nations.groupby("metric_id", sort=False).value.first()
    frame = (now[["metric_id", "entity_id", "region_id", "value", "status"]]
             .merge(before, on=["metric_id", "entity_id"], how="left")
             .merge(regional, on=["metric_id", "region_id"], how="left"))
    order = {part.id: i for i, part in enumerate(parts)}
    frame = frame.iloc[frame.metric_id.map(order).argsort(kind="stable")].reset_index(drop=True)
    of = {part.id: part for part in parts}
    frame = frame.assign(label_vi=[of[m].label_vi for m in frame.metric_id],
                         label_en=[of[m].label_en for m in frame.metric_id],
                         max_value=[of[m].max_value for m in frame.metric_id],
                         best_value=frame.metric_id.map(best.value).astype(float),
                         best_entity=frame.metric_id.map(best.entity_name),
                         national_value=frame.metric_id.map(national))
    return frame[columns]


def components_of(values: pd.DataFrame, entity_id: str) -> pd.DataFrame:
    """One place's rows of component_values, plus the
    change: metric_id, label_vi, label_en, max_value, value, region_value, national_value,
    best_value, best_entity, status, share, previous_value, change."""
    mine = values[values.entity_id == entity_id].drop(columns=["entity_id"]).reset_index(drop=True)
    return mine.assign(share=mine.value / mine.max_value, change=mine.value - mine.previous_value)
