"""Questions the overview, rankings, trends and peers pages ask that the core modules do not
answer in one call. Each takes the store first (as queries.* do) and returns plain data; no
Streamlit, no formatting.
"""
from __future__ import annotations

import pandas as pd

from metrics import catalogue
from metrics.periods import parse
from metrics.queries import (
    aggregate_values_many,
    entities,
    entity_values,
    entity_values_many,
    grains_for,
    targets,
)
from metrics.ranking import RANK_DECIMALS, peer_summary

REGIONS_SQL = "SELECT region_id, name_vi, name_en, short_vi FROM regions ORDER BY rowid"


def choose_period(metric_id: str, period: str, by_grain: dict[str, list[str]]) -> str | None:
    """The period a metric is best shown at when a page is set to `period`: the period itself if
    the metric has figures at that grain, else the latest period of the metric's own grain that
    starts before `period` ends ('2026-10' -> '2025' for the yearly PAR INDEX); None if none.
    by_grain: queries.periods_by_grain(store, metric_id)."""
    asked = parse(period)
    if asked.grain in by_grain:
        return period if period in by_grain[asked.grain] else None
    own = [p for p in by_grain.get(catalogue.get(metric_id).grain, []) if parse(p).start <= asked.end]
    return own[-1] if own else None


def national_trends(store, metric_ids: list[str], kind: str, grain: str, boundary: str = "2025",
                    first: str | None = None, last: str | None = None) -> pd.DataFrame:
    """National figures of several metrics over time, long.

    Columns: metric_id, label_vi, label_en, unit, period, period_start, value, status,
    estimated, published_source.
    """
    shown = [m for m in metric_ids if catalogue.get(m).applies_to(kind) and grain in grains_for(m)]
    columns = ["metric_id", "label_vi", "label_en", "unit", "period", "period_start", "value", "status",
               "estimated", "published_source"]
    if not shown:
        return pd.DataFrame(columns=columns)
    frame = aggregate_values_many(store, shown, kind, "nation", grain, boundary, first, last)
    labels = pd.DataFrame([dict(metric_id=m.id, label_vi=m.label_vi, label_en=m.label_en, unit=m.unit)
                           for m in map(catalogue.get, shown)])
    frame = frame.merge(labels, on="metric_id")
    order = {m: i for i, m in enumerate(shown)}  # the order asked, as before
    return frame.sort_values(["metric_id", "period"], key=lambda c: c.map(order) if c.name == "metric_id" else c
                             ).reset_index(drop=True)[columns]


def up_to(frame: pd.DataFrame, last: str) -> pd.DataFrame:
    """The rows of a long frame up to period `last` (same grain: keys sort as periods do)."""
    return frame[frame.period <= last].reset_index(drop=True)


def movers_at(store, metric_periods: list[tuple[str, str]], kind: str, boundary: str = "2025") -> pd.DataFrame:
    """For each (metric, period), the place that improved most and the one that fell most since
    the previous period (direction-aware). One lookup for all metrics and both periods, so the
    overview stays quick.

    Columns: metric_id, period, side ('up' | 'down'), entity_id, entity_name, entity_name_en,
    value, previous_value, change, rank, previous_rank, rank_change, status. A side is missing
    when nobody moved that way.
    """
    columns = ["metric_id", "period", "side", "entity_id", "entity_name", "entity_name_en", "value",
               "previous_value", "change", "rank", "previous_rank", "rank_change", "status"]
    pairs = [(m, at) for m, at in metric_periods if catalogue.get(m).applies_to(kind)]
    if not pairs:
        return pd.DataFrame(columns=columns)
    at_of = dict(pairs)
    previous_of = {m: parse(at).previous().key for m, at in pairs}
    every = entity_values_many(store, list(at_of.items()) + list(previous_of.items()), kind, boundary)
    # all metrics at once: ranks on the value turned so that higher is better, rounded as shown
    sign = every.metric_id.map({m: 1 if catalogue.get(m).higher_is_better else -1 for m in at_of})
    every = every.assign(_sign=sign, _good=every.value.round(RANK_DECIMALS) * sign)
    now = every[every.period.eq(every.metric_id.map(at_of))]
    before = every[every.period.eq(every.metric_id.map(previous_of))]
    now = now.assign(rank=now.groupby("metric_id")._good.rank(method="min", ascending=False))
    before = before.assign(previous_rank=before.groupby("metric_id")._good.rank(method="min", ascending=False))
    moved = now.merge(before[["metric_id", "entity_id", "value", "previous_rank"]].rename(
        columns={"value": "previous_value"}), on=["metric_id", "entity_id"]).dropna(subset=["value", "previous_value"])
    moved = moved.assign(period=moved.metric_id.map(at_of), change=moved.value - moved.previous_value,
                         rank_change=moved.previous_rank - moved["rank"]).reset_index(drop=True)
    better = moved.change * moved._sign
    up = moved.loc[better[better > 0].groupby(moved.metric_id).idxmax()].assign(side="up")
    down = moved.loc[better[better < 0].groupby(moved.metric_id).idxmin()].assign(side="down")
    order = {m: i for i, (m, _) in enumerate(pairs)}
    out = pd.concat([up, down]).sort_values(["metric_id", "side"], key=lambda c: c.map(order) if c.name == "metric_id"
                                            else c.map({"up": 0, "down": 1}))
    return out[columns].reset_index(drop=True)


def place_options(store, metric_id: str, kind: str, boundary: str = "2025", grain: str | None = None,
                  parent: str | None = None) -> pd.DataFrame:
    """The places with at least one figure for the metric, by name.

    Columns: entity_id, entity_name, entity_name_en, region_id, first_period, last_period,
    ended (its last figure is before the last period of the data: a province merged in 2025),
    came_from (ids of the former units, '' if none).
    """
    values = entity_values(store, metric_id, grain, boundary, kind, parent=parent)
    columns = ["entity_id", "entity_name", "entity_name_en", "region_id", "first_period", "last_period",
               "ended", "came_from"]
    if values.empty:
        return pd.DataFrame(columns=columns)
    spans = values.groupby(["entity_id", "entity_name", "entity_name_en"], dropna=False).agg(
        region_id=("region_id", "first"), first_period=("period", "min"), last_period=("period", "max")).reset_index()
    spans["ended"] = spans.last_period < values.period.max()
    lineage = entities(store, kind)[["entity_id", "came_from"]]
    spans = spans.merge(lineage, on="entity_id", how="left").fillna({"came_from": ""})
    return spans.sort_values(["entity_name", "first_period"]).reset_index(drop=True)[columns]


def former_units(store, entity_id: str) -> pd.DataFrame:
    """The units a 2025 province or ministry was formed from (empty if none).
    Columns: entity_id, entity_name, entity_name_en, valid_to, merged_on (the new unit's first
    day: 2025-07-01 for provinces, 2025-03-01 for ministries)."""
    every = entities(store)
    me = every[every.entity_id == entity_id]
    columns = ["entity_id", "entity_name", "entity_name_en", "valid_to", "merged_on"]
    if me.empty or pd.isna(me.came_from.iloc[0]) or not str(me.came_from.iloc[0]).strip():
        return pd.DataFrame(columns=columns)
    ids = [part.strip() for part in str(me.came_from.iloc[0]).split(",") if part.strip()]
    parts = every[every.entity_id.isin(ids)].assign(merged_on=me.valid_from.iloc[0])
    return parts[columns].reset_index(drop=True)


def target_lines(store, metric_id: str, kind: str) -> pd.DataFrame:
    """The targets to draw for a kind of place: one per year, the one made for that kind if
    there is one, else the one for all. Columns: year, value, comparison, source (the document's
    number, or its id), source_id, note_vi, note_en."""
    frame = targets(store, metric_id, kind)
    columns = ["year", "value", "comparison", "source", "source_id", "note_vi", "note_en"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    frame = frame.assign(source=frame.source_number.fillna(frame.source_id),
                         specific=(frame.entity_kind == kind).astype(int))
    frame = frame.sort_values(["year", "specific"]).drop_duplicates("year", keep="last")
    return frame[columns].reset_index(drop=True)


def profile(store, metric_ids: list[str], entity_id: str, kind: str, period: str,
            boundary: str = "2025", parent: str | None = None) -> pd.DataFrame:
    """A place on several metrics of one unit (the key rates, in %) beside its region, the nation
    and the best place, with the change since the previous period.

    Columns as breakdowns.components_of (metric_id, label_vi, label_en, max_value, value,
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


def regions(store) -> pd.DataFrame:
    """The six socio-economic regions. Columns: region_id, name_vi, name_en, short_vi."""
    return store.query(REGIONS_SQL)
