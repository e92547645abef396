"""The metrics layer's questions answered by pandas from the store's tables loaded once, as an
analyst would: months rolled up to the grain asked for (flows add up numerators and
denominators, scores average, stocks take the last), a figure given directly at that grain
winning over the roll-up, and in the 2025 map the former units added up into the unit they
became (ratios as sum of numerators over sum of denominators). bench.bench_pandas times these
against DuckDB and checks both give the same answer."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from metrics.periods import parse

RANK_DECIMALS = 2  # as metrics.rankings: places equal to the shown precision are tied
GRAIN_MONTHS = {"month": 1, "quarter": 3, "year": 12}
TOLERANCE = 1e-6


@dataclass(frozen=True)
class Tables:
    """The store's tables as an analyst would load them once."""
    observations: pd.DataFrame
    entities: pd.DataFrame
    successor: pd.DataFrame  # entity_id -> the unit it is part of in the 2025 map (itself if unchanged)
    metrics: pd.DataFrame    # indexed by metric_id


def load_tables(path: Path) -> Tables:
    con = duckdb.connect(str(path), read_only=True)
    try:
        observations = con.sql("SELECT * FROM observations").df()
        entities = con.sql("SELECT * FROM entities").df()
        lineage = con.sql("SELECT * FROM lineage").df()
        metrics = con.sql("SELECT * FROM metrics").df().set_index("metric_id")
    finally:
        con.close()
    successor = entities[["entity_id"]].merge(
        lineage[["predecessor_id", "successor_id"]], left_on="entity_id", right_on="predecessor_id", how="left")
    successor["successor_id"] = successor.successor_id.fillna(successor.entity_id)
    return Tables(observations, entities, successor[["entity_id", "successor_id"]], metrics)


# --- pandas: the metrics layer's rules, from the raw observations ---------------------------------

def _period_keys(starts: pd.Series, grain: str) -> pd.Series:
    year = starts.dt.year.astype(str)
    if grain == "year":
        return year
    if grain == "quarter":
        return year + "-Q" + starts.dt.quarter.astype(str)
    return year + "-" + starts.dt.month.astype(str).str.zfill(2)


def _demo_if_any(frame: pd.DataFrame, keys: list[str]) -> pd.Series:
    demo = frame.status.eq("demo").groupby([frame[k] for k in keys], sort=False).any()
    return demo.map({True: "demo", False: "published"})


def _rolled_up(obs: pd.DataFrame, metric: pd.Series, grain: str) -> pd.DataFrame:
    """The metric's own-grain figures made into figures at a coarser grain."""
    keys = ["entity_id", "dimension_id", "period"]
    src = obs[obs.grain == metric.grain].assign(period=lambda f: _period_keys(f.period_start, grain))
    counts = ["numerator", "denominator", "value"]
    if metric.time_agg == "sum":
        rolled = src.groupby(keys, sort=False)[counts].sum(min_count=1)
    elif metric.time_agg == "last":  # each column's last known figure, as arg_max skips NULLs
        rolled = src.sort_values("period_start").groupby(keys, sort=False)[counts].last()
    else:
        rolled = src.groupby(keys, sort=False)[["value"]].mean().assign(numerator=np.nan, denominator=np.nan)
    starts = src.groupby(keys, sort=False).period_start.min().dt.to_period(grain[0].upper()).dt.start_time
    rolled = rolled.assign(period_start=starts.astype(src.period_start.dtype), status=_demo_if_any(src, keys))
    has_counts = rolled.numerator.notna() & rolled.denominator.gt(0)
    computed = 100.0 * rolled.numerator / rolled.denominator if metric.kind == "ratio" else rolled.value
    rolled["value_calc"] = computed.where(has_counts, rolled.value)
    return rolled.reset_index()


def _at_grain(obs: pd.DataFrame, metric: pd.Series, grain: str) -> pd.DataFrame:
    """One figure per place and period at the grain asked; a direct figure wins over the roll-up."""
    cols = ["entity_id", "dimension_id", "period", "period_start", "numerator", "denominator", "value", "status"]
    direct = obs.loc[obs.grain == grain, cols]
    if metric.grain == grain:
        return direct
    rolled = _rolled_up(obs, metric, grain)
    both = direct.merge(rolled, on=["entity_id", "dimension_id", "period"], how="outer", suffixes=("", "_n"))
    # the direct figure's counts come from the roll-up when it gives none and the two agree
    agree = both.value.isna() | (both.value - both.value_calc).abs().lt(0.01)
    for col in ("numerator", "denominator"):
        both[col] = both[col].where(both[col].notna(), both[f"{col}_n"].where(agree))
    both["value"] = both.value.where(both.value.notna(), both.value_calc)
    both["period_start"] = both.period_start.where(both.period_start.notna(), both.period_start_n)
    both["status"] = both.status.where(both.status.notna(), both.status_n)
    return both[cols]


def _combine(groups, kind: str) -> pd.Series:
    """Several places made into one figure: ratio of sums, sum of counts, mean of scores."""
    if kind == "ratio":
        ratio = 100.0 * groups.numerator.sum(min_count=1) / groups.denominator.sum(min_count=1)
        complete = groups.numerator.count().eq(groups.size()) & groups.denominator.sum(min_count=1).gt(0)
        return ratio.where(complete)
    return groups.value.sum(min_count=1) if kind == "count" else groups.value.mean()


def _in_2025_map(ranged: pd.DataFrame, tables: Tables, metric: pd.Series, grain: str) -> pd.DataFrame:
    keys = ["entity_id", "dimension_id", "period"]
    mapped = ranged.merge(tables.successor, on="entity_id").drop(columns="entity_id") \
                   .rename(columns={"successor_id": "entity_id"})
    # how many former units each 2025 unit had in each period, to flag a figure with one missing
    periods = mapped[["period", "period_start"]].drop_duplicates()
    periods["period_end"] = periods.period_start + pd.DateOffset(months=GRAIN_MONTHS[grain]) - pd.Timedelta(days=1)
    units = tables.successor.merge(tables.entities[["entity_id", "valid_from", "valid_to"]], on="entity_id")
    alive = periods.merge(units, how="cross")
    alive = alive[(alive.valid_to >= alive.period_start) & (alive.valid_from <= alive.period_end)]
    expected = alive.groupby(["successor_id", "period"]).size().rename("expected")
    groups = mapped.groupby(keys, sort=False)
    parts = groups.size()
    combined = pd.DataFrame({
        "period_start": groups.period_start.min(),
        "value": groups.value.first().where(parts.eq(1), _combine(groups, metric.kind)),
        "numerator": groups.numerator.sum(min_count=1),
        "denominator": groups.denominator.sum(min_count=1),
        "status": _demo_if_any(mapped, keys),
        "parts": parts,
    }).reset_index()
    combined = combined.merge(expected, left_on=["entity_id", "period"], right_index=True, how="left")
    combined["parts_expected"] = combined.expected.fillna(combined.parts).astype("int64")
    averaged = combined.parts.gt(1) if metric.kind == "score" else False
    combined["estimated"] = averaged | combined.parts.lt(combined.parts_expected)
    return combined.drop(columns="expected")


def values(tables: Tables, metric_id: str, grain: str, boundary: str = "2025", kind: str | None = None,
           first: str | None = None, last: str | None = None) -> pd.DataFrame:
    """As metrics.values.entity_values (the metric's plain figure, no breakdown)."""
    metric = tables.metrics.loc[metric_id]
    obs = tables.observations
    obs = obs[(obs.metric_id == metric_id) & (obs.dimension_id == "")]
    ranged = _at_grain(obs, metric, grain)
    nations = tables.entities.entity_id[tables.entities.entity_kind == "nation"]
    keep = ~ranged.entity_id.isin(nations)
    if first is not None:
        keep &= ranged.period >= first
    if last is not None:
        keep &= ranged.period <= last
    ranged = ranged[keep]
    if boundary == "2025":
        bounded = _in_2025_map(ranged, tables, metric, grain)
    else:
        bounded = ranged.assign(estimated=False, parts=1, parts_expected=1)
    places = tables.entities[["entity_id", "name_vi", "entity_kind", "region_id"]].rename(columns={"name_vi": "entity_name"})
    out = bounded.merge(places, on="entity_id")
    keep = out.value.notna()
    if kind is not None:
        keep &= out.entity_kind == kind
    return out[keep].reset_index(drop=True)


def aggregates(tables: Tables, metric_id: str, kind: str, level: str, grain: str,
               boundary: str = "2025") -> pd.DataFrame:
    """As metrics.values.aggregate_values: made from the places, a published aggregate winning."""
    metric = tables.metrics.loc[metric_id]
    if level == "nation":
        boundary = "time"  # the nation is made from places as they were
    places = values(tables, metric_id, grain, boundary, kind)
    places["group_id"] = places.region_id if level == "region" else "all"
    keys = ["group_id", "period"]
    groups = places.groupby(keys)  # a place with no region has no regional group
    computed = pd.DataFrame({
        "period_start": groups.period_start.min(), "value": _combine(groups, metric.kind),
        "numerator": groups.numerator.sum(min_count=1), "denominator": groups.denominator.sum(min_count=1),
        "places": groups.size(), "status": _demo_if_any(places, keys), "estimated": groups.estimated.any(),
    }).reset_index()
    obs = tables.observations
    published = obs[(obs.metric_id == metric_id) & (obs.dimension_id == "") & (obs.grain == grain)]
    published_id = "region-" + computed.group_id if level == "region" else "vn-" + kind
    computed["published_id"] = published_id
    out = computed.merge(published[["entity_id", "period", "value"]].rename(
        columns={"entity_id": "published_id", "value": "published_value"}),
        on=["published_id", "period"], how="left")
    given = out.published_value.notna()
    out["value"] = out.published_value.where(given, out.value)
    out["status"] = out.status.where(~given, "published")
    out["estimated"] = ~given & out.estimated
    return out.drop(columns=["published_id", "published_value"]).sort_values(keys).reset_index(drop=True)


def _rank(values_: pd.Series, higher_is_better: bool, by: pd.Series | None = None) -> pd.Series:
    shown = values_.round(RANK_DECIMALS)
    ranks = shown.groupby(by, dropna=False) if by is not None else shown
    return ranks.rank(method="min", ascending=not higher_is_better).astype("Int64")


def ranking(tables: Tables, metric_id: str, period: str, kind: str, boundary: str = "2025") -> pd.DataFrame:
    """As metrics.rankings.ranking: rank, region rank, and the previous period's value and rank."""
    higher = tables.metrics.loc[metric_id].direction == "higher"
    grain = parse(period).grain
    before_key = parse(period).previous().key
    both = values(tables, metric_id, grain, boundary, kind, before_key, period)
    now = both[both.period == period].copy()
    before = both[both.period == before_key]
    now["rank"] = _rank(now.value, higher)
    now["region_rank"] = _rank(now.value, higher, now.region_id) if kind == "province" else pd.NA
    before = before.assign(previous_rank=_rank(before.value, higher))[["entity_id", "value", "previous_rank"]]
    now = now.merge(before.rename(columns={"value": "previous_value"}), on="entity_id", how="left")
    now["rank_change"] = (now.previous_rank - now["rank"]).astype("Int64")
    return now.sort_values(["rank", "entity_name"]).reset_index(drop=True)


def commune_ranking(tables: Tables, metric_id: str, period: str, province_id: str) -> pd.DataFrame:
    metric = tables.metrics.loc[metric_id]
    ent = tables.entities
    communes = ent.loc[(ent.entity_kind == "commune") & (ent.parent_id == province_id), ["entity_id", "name_vi"]]
    obs = tables.observations
    obs = obs[(obs.metric_id == metric_id) & (obs.dimension_id == "") & (obs.period == period)]
    out = obs.merge(communes, on="entity_id").rename(columns={"name_vi": "entity_name"})
    if metric.kind == "ratio":
        out["value"] = (100.0 * out.numerator / out.denominator).where(out.denominator.gt(0), out.value)
    out = out[out.value.notna()].copy()
    out["rank"] = _rank(out.value, metric.direction == "higher")
    return out[["entity_id", "entity_name", "value", "rank"]].sort_values(["rank", "entity_name"])


# --- DuckDB: the commune ranking has no metrics-layer function yet, so a plain statement ---------
