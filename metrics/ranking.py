"""Rankings and peer comparison: who leads, who lags, and how far each place is from the next."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from metrics import catalogue
from metrics.queries import aggregate_values, entity_values, previous_period

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
    now["region_rank"] = now.groupby("region_id", dropna=False, group_keys=False).apply(
        lambda g: _rank(g, metric.higher_is_better)).astype("Int64") if kind == "province" else pd.NA
    before = entity_values(store, metric_id, grain, boundary, kind, previous_period(period),
                           previous_period(period), dimension, parent)
    if not before.empty:
        before = before.assign(previous_rank=_rank(before, metric.higher_is_better))
        now = now.merge(before[["entity_id", "value", "previous_rank"]].rename(columns={"value": "previous_value"}),
                        on="entity_id", how="left")
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
    metric = catalogue.get(metric_id)
    ranked = ranking(store, metric_id, period, kind, boundary, grain, parent=parent)
    mine = ranked[ranked.entity_id == entity_id]
    if mine.empty:
        return None
    me = mine.iloc[0]
    sign = 1 if metric.higher_is_better else -1
    above = ranked[ranked["rank"] < me["rank"]]
    nxt = above.iloc[-1] if not above.empty else None
    best = ranked.iloc[0]
    region_rows = ranked[ranked.region_id == me.region_id] if pd.notna(me.region_id) else ranked.iloc[0:0]
    region_value = _aggregate_for(store, metric_id, kind, "region", period, boundary, grain, me.region_id, parent)
    national = _aggregate_for(store, metric_id, kind, "nation", period, boundary, grain, "all", parent)
    return PeerSummary(
        entity_id=entity_id, entity_name=me.entity_name, value=float(me.value), status=me.status,
        estimated=bool(me.estimated), rank=int(me["rank"]), places=len(ranked),
        region_id=me.region_id if pd.notna(me.region_id) else None,
        region_rank=int(me.region_rank) if pd.notna(me.region_rank) else None,
        region_places=len(region_rows), region_value=region_value, national_value=national,
        best_entity=best.entity_name, best_value=float(best.value),
        next_entity=nxt.entity_name if nxt is not None else None,
        next_value=float(nxt.value) if nxt is not None else None,
        gap_to_next=sign * (nxt.value - me.value) if nxt is not None else None,
        gap_to_best=sign * (best.value - me.value),
        previous_value=float(me.previous_value) if pd.notna(me.previous_value) else None,
        previous_rank=int(me.previous_rank) if pd.notna(me.previous_rank) else None,
    )


def _aggregate_for(store, metric_id, kind, level, period, boundary, grain, group_id, parent=None):
    frame = aggregate_values(store, metric_id, kind, level, grain, boundary, period, period, parent=parent)
    row = frame[frame.group_id == group_id]
    return float(row.value.iloc[0]) if not row.empty and pd.notna(row.value.iloc[0]) else None


def movers(store, metric_ids: list[str], kind: str, boundary: str = "2025", n: int = 5) -> pd.DataFrame:
    """What moved most since the previous period, for each metric at its latest period:
    the n biggest improvements and the n biggest setbacks (direction-aware).

    Columns: metric_id, period, entity_id, entity_name, value, previous_value, change,
    improvement (change in the good direction), rank, previous_rank, rank_change, status.
    """
    from metrics.queries import latest_period

    frames = []
    for metric_id in metric_ids:
        metric = catalogue.get(metric_id)
        if not metric.applies_to(kind):
            continue
        period = latest_period(store, metric_id)
        if period is None:
            continue
        ranked = ranking(store, metric_id, period, kind, boundary).dropna(subset=["change"])
        if ranked.empty:
            continue
        ranked = ranked.assign(metric_id=metric_id, period=period,
                               improvement=ranked.change * (1 if metric.higher_is_better else -1))
        ranked = ranked.sort_values("improvement")
        frames += [ranked.tail(n).iloc[::-1], ranked.head(n)]
    columns = ["metric_id", "period", "entity_id", "entity_name", "entity_name_en", "value",
               "previous_value", "change", "improvement", "rank", "previous_rank", "rank_change", "status"]
    if not frames:
        return pd.DataFrame(columns=columns)
    return pd.concat(frames, ignore_index=True)[columns].drop_duplicates(["metric_id", "entity_id"])
