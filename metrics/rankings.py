"""Rankings and peer comparison: who leads, who lags, how far each place is from the next, and
what moved most since the previous period."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from metrics import catalogue
from metrics.periods import parse
from metrics.values import aggregate_values, entity_values, entity_values_many, previous_period

RANK_DECIMALS = 2  # places equal to the shown precision are tied


def _rank(frame: pd.DataFrame, higher_is_better: bool, by: str = "value") -> pd.Series:
    shown = frame[by].round(RANK_DECIMALS)
    return shown.rank(method="min", ascending=not higher_is_better).astype("Int64")


def ranking(store, metric_id: str, period: str, kind: str, boundary: str = "2025",
            grain: str | None = None, region: str | None = None, dimension: str = "",
            parent: str | None = None) -> pd.DataFrame:
    """Places ranked on one metric in one period, best first; ties share a rank (1, 2, 2, 4).

    Columns: rank, entity_id, entity_name, entity_name_en, region_id, value, numerator,
    denominator, status, estimated, region_rank, previous_value, previous_rank, rank_change
    (positive: moved up), change (value minus previous value), band_vi, band_en, places.
    With region, only that region's places are returned (their national rank kept). With
    parent (kind 'commune'), the communes of that province, ranked among themselves.
    """
    metric = catalogue.get(metric_id)
    now = entity_values(store, metric_id, grain, boundary, kind, period, period, dimension, parent)
    if now.empty:
        return now.assign(rank=pd.Series(dtype="Int64"))
    now = now.assign(rank=_rank(now, metric.higher_is_better))
    if kind == "province":  # ranked within each region, in one grouped rank
        shown = now.value.round(RANK_DECIMALS)
        now["region_rank"] = shown.groupby(now.region_id, dropna=False).rank(
            method="min", ascending=not metric.higher_is_better).astype("Int64")
    else:
        now["region_rank"] = pd.NA
    before = entity_values(store, metric_id, grain, boundary, kind, previous_period(period),
                           previous_period(period), dimension, parent)
    if not before.empty:
        before = before.assign(previous_rank=_rank(before, metric.higher_is_better)).set_index("entity_id")
        now["previous_value"] = now.entity_id.map(before.value)
        now["previous_rank"] = now.entity_id.map(before.previous_rank).astype("Int64")
    else:
        now["previous_value"], now["previous_rank"] = float("nan"), pd.NA
    now["rank_change"] = (now.previous_rank - now["rank"]).astype("Int64")
    now["change"] = now.value - now.previous_value
    bands = [metric.band_for(v) for v in now.value]
    now["band_vi"] = [b.label_vi if b else None for b in bands]
    now["band_en"] = [b.label_en if b else None for b in bands]
    now["places"] = len(now)
    if region:
        now = now[now.region_id == region]
    return now.sort_values(["rank", "entity_name"]).reset_index(drop=True)


def leaders_and_laggards(store, metric_id: str, period: str, kind: str, boundary: str = "2025",
                         n: int = 5, grain: str | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The n best and the n worst places (worst last), from ranking()."""
    ranked = ranking(store, metric_id, period, kind, boundary, grain)
    return ranked.head(n), ranked.tail(n) if len(ranked) > n else ranked.iloc[0:0]


@dataclass(frozen=True)
class PeerSummary:
    """One place against its peers in one period (values in the metric's unit)."""
    entity_id: str
    entity_name: str
    value: float | None
    status: str | None
    estimated: bool
    rank: int | None
    places: int
    region_id: str | None
    region_rank: int | None
    region_places: int
    region_value: float | None
    national_value: float | None
    best_entity: str | None
    best_value: float | None
    next_entity: str | None       # the place one rank above (None when first)
    next_value: float | None
    gap_to_next: float | None     # how much better the place must get to draw level with it
    gap_to_best: float | None
    previous_value: float | None
    previous_rank: int | None


def peer_summary(store, metric_id: str, entity_id: str, period: str, kind: str,
                 boundary: str = "2025", grain: str | None = None, parent: str | None = None) -> PeerSummary | None:
    """The place's rank overall and in its region, against region, nation and best; None if it
    has no figure for the period. A commune (parent: its province) is ranked among the communes
    of its province, and national_value is the province's own figure."""
    return summary_in(ranking(store, metric_id, period, kind, boundary, grain, parent=parent), entity_id, metric_id,
                      group_figures(store, metric_id, period, kind, boundary, grain, parent))


def group_figures(store, metric_id: str, period: str, kind: str, boundary: str = "2025",
                  grain: str | None = None, parent: str | None = None) -> dict:
    """What a place is set against in a period: {'nation': value or None (a commune's province
    for communes), 'regions': {region_id: value}}, in two lookups that do not depend on the
    place (switching places asks nothing)."""
    national = aggregate_values(store, metric_id, kind, "nation", grain, boundary, period, period, parent=parent)
    regional = aggregate_values(store, metric_id, kind, "region", grain, boundary, period, period, parent=parent)
    return {"nation": _value_of(national, "all"),
            "regions": {g: _value_of(regional, g) for g in regional.group_id.dropna().unique()}}


def _value_of(frame: pd.DataFrame, group_id: str) -> float | None:
    row = frame[frame.group_id == group_id]
    return float(row.value.iloc[0]) if not row.empty and pd.notna(row.value.iloc[0]) else None


def summary_in(ranked: pd.DataFrame, entity_id: str, metric_id: str, groups: dict) -> PeerSummary | None:
    """peer_summary from a ranking() and group_figures() already asked (a page that shows the
    ranking asks nothing twice)."""
    metric = catalogue.get(metric_id)
    mine = ranked[ranked.entity_id == entity_id]
    if mine.empty:
        return None
    me = mine.iloc[0]
    sign = 1 if metric.higher_is_better else -1
    above = ranked[ranked["rank"] < me["rank"]]
    nxt = above.iloc[-1] if not above.empty else None
    best = ranked.iloc[0]
    region_rows = ranked[ranked.region_id == me.region_id] if pd.notna(me.region_id) else ranked.iloc[0:0]
    return PeerSummary(
        entity_id=entity_id, entity_name=me.entity_name, value=float(me.value), status=me.status,
        estimated=bool(me.estimated), rank=int(me["rank"]), places=len(ranked),
        region_id=me.region_id if pd.notna(me.region_id) else None,
        region_rank=int(me.region_rank) if pd.notna(me.region_rank) else None,
        region_places=len(region_rows),
        region_value=groups["regions"].get(me.region_id) if pd.notna(me.region_id) else None,
        national_value=groups["nation"],
        best_entity=best.entity_name, best_value=float(best.value),
        next_entity=nxt.entity_name if nxt is not None else None,
        next_value=float(nxt.value) if nxt is not None else None,
        gap_to_next=sign * (nxt.value - me.value) if nxt is not None else None,
        gap_to_best=sign * (best.value - me.value),
        previous_value=float(me.previous_value) if pd.notna(me.previous_value) else None,
        previous_rank=int(me.previous_rank) if pd.notna(me.previous_rank) else None,
    )


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
