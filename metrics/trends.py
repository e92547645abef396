"""Series over time and headline figures against the previous period and the targets."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from metrics import catalogue, sql
from metrics.periods import parse
from metrics.queries import (
    aggregate_values,
    aggregate_values_many,
    all_targets,
    entity_values,
    previous_period,
    target_for,
    target_in,
)

SERIES_COLUMNS = ["series_id", "series_name", "series_name_en", "series_kind", "period",
                  "period_start", "value", "numerator", "denominator", "status", "estimated"]


def trend(store, metric_id: str, entity_ids: list[str], kind: str, grain: str | None = None,
          boundary: str = "2025", first: str | None = None, last: str | None = None,
          with_nation: bool = True, regions: list[str] | None = None,
          regions_of_entities: bool = True, parent: str | None = None) -> pd.DataFrame:
    """A metric over time for chosen places, with the national line and regional lines.

    Columns: series_id (entity id, 'nation' or 'region-<id>'), series_name, series_name_en,
    series_kind ('entity' | 'nation' | 'region'), period, period_start, value, numerator,
    denominator, status, estimated. Regions: those asked, plus (for provinces) the regions of
    the chosen places unless regions_of_entities is False. Communes (parent: their province)
    are drawn against the province as a whole, which takes the national line's place.
    """
    frames = []
    places = entity_values(store, metric_id, grain, boundary, kind, first, last, parent=parent)
    chosen = places[places.entity_id.isin(entity_ids)]
    if not chosen.empty:
        frames.append(chosen.assign(series_id=chosen.entity_id, series_name=chosen.entity_name,
                                    series_name_en=chosen.entity_name_en, series_kind="entity"))
    if with_nation:
        nation = aggregate_values(store, metric_id, kind, "nation", grain, boundary, first, last, parent=parent)
        if kind == "commune" and not places.empty:  # the province's line from the communes' first month
            nation = nation[nation.period >= places.period.min()]
        name_vi, name_en = _whole(store, kind, parent)
        frames.append(nation.assign(series_id="nation", series_name=name_vi, series_name_en=name_en,
                                    series_kind="nation"))
    wanted = set(regions or [])
    if regions_of_entities and kind == "province":
        wanted |= set(chosen.region_id.dropna())
    if wanted:
        names = store.query(sql.REGION_NAMES_SQL)
        region = aggregate_values(store, metric_id, kind, "region", grain, boundary, first, last)
        region = region[region.group_id.isin(wanted)].merge(names, left_on="group_id", right_on="region_id")
        frames.append(region.assign(series_id="region-" + region.group_id, series_name=region.name_vi,
                                    series_name_en=region.name_en, series_kind="region"))
    if not frames:
        return pd.DataFrame(columns=SERIES_COLUMNS)
    out = pd.concat([f.reindex(columns=SERIES_COLUMNS) for f in frames], ignore_index=True)
    return out.sort_values(["series_kind", "series_id", "period"]).reset_index(drop=True)


def _whole(store, kind: str, parent: str | None) -> tuple[str, str]:
    """The name of the line the places are set against (vi, en)."""
    if kind == "commune":
        names = store.query(sql.ENTITY_NAMES_SQL, {"id": parent})
        if not names.empty:
            return f"{names.name_vi.iloc[0]} (toàn tỉnh)", f"{names.name_en.iloc[0]} (whole province)"
        return "Toàn tỉnh", "Whole province"
    return ("Cả nước", "Whole country") if kind == "province" else ("Các bộ, ngành", "All ministries")


def change_since(series: pd.DataFrame, start: str) -> pd.DataFrame:
    """Each series as its change since `start` (the first period at or after it with a value)."""
    out = []
    for _, s in series[series.period >= start].groupby("series_id", sort=False):
        s = s.sort_values("period")
        out.append(s.assign(value=s.value - s.value.iloc[0]))
    return pd.concat(out, ignore_index=True) if out else series.iloc[0:0]


@dataclass(frozen=True)
class Headline:
    """A headline figure: the value, its change since the previous period, and its target."""
    metric_id: str
    period: str
    value: float | None
    numerator: float | None
    denominator: float | None
    status: str | None
    estimated: bool
    previous_period: str
    previous_value: float | None
    change: float | None
    change_is_good: bool | None
    target_value: float | None
    target_year: int | None
    target_comparison: str | None
    target_source: str | None
    target_gap: float | None      # how far from the target, in the metric's unit (>= 0 when met)
    meets_target: bool | None
    sources: str | None


def headline(store, metric_id: str, period: str, kind: str, entity_id: str | None = None,
             boundary: str = "2025", grain: str | None = None) -> Headline:
    """The national figure (entity_id None) or one place's figure for a period."""
    prev = previous_period(period)
    if entity_id is None:
        frame = aggregate_values(store, metric_id, kind, "nation", grain, boundary, prev, period)
        frame = frame.rename(columns={"published_source": "source_ids"})
    else:
        frame = entity_values(store, metric_id, grain, boundary, kind, prev, period)
        frame = frame[frame.entity_id == entity_id]
    return _headline(metric_id, period, frame, target_for(store, metric_id, kind, period))


def headlines(store, metric_periods: list[tuple[str, str]], kind: str, boundary: str = "2025") -> list[Headline]:
    """headline() of several (metric, period) pairs, national figures, in two lookups (the
    figures of all metrics, then all targets): the overview's tiles."""
    pairs = list(metric_periods)
    wanted = sorted({p for _, p in pairs} | {previous_period(p) for _, p in pairs})
    frame = aggregate_values_many(store, [m for m, _ in pairs], kind, "nation", None, boundary, periods=wanted)
    frame = frame.rename(columns={"published_source": "source_ids"})
    goals = all_targets(store, kind)
    out = []
    for metric_id, period in pairs:
        grain, prev = parse(period).grain, previous_period(period)
        mine = frame[(frame.metric_id == metric_id) & (frame.grain == grain) & frame.period.isin([period, prev])]
        out.append(_headline(metric_id, period, mine, target_in(goals[goals.metric_id == metric_id], period)))
    return out


def _headline(metric_id: str, period: str, frame: pd.DataFrame, target: dict | None) -> Headline:
    """A Headline from the rows of `period` and the one before it, and the target in force."""
    metric = catalogue.get(metric_id)
    prev = previous_period(period)
    now = frame[frame.period == period]
    before = frame[frame.period == prev]
    row = now.iloc[0] if not now.empty else None
    value = float(row.value) if row is not None and pd.notna(row.value) else None
    previous = float(before.value.iloc[0]) if not before.empty and pd.notna(before.value.iloc[0]) else None
    change = value - previous if value is not None and previous is not None else None
    gap = meets = None
    if target and value is not None:
        gap = (value - target["value"]) if target["comparison"] == ">=" else (target["value"] - value)
        meets = gap >= 0
    return Headline(
        metric_id=metric_id, period=period, value=value,
        numerator=_float(row, "numerator"), denominator=_float(row, "denominator"),
        status=row.status if row is not None else None,
        estimated=bool(row.estimated) if row is not None and pd.notna(row.estimated) else False,
        previous_period=prev, previous_value=previous, change=change,
        change_is_good=None if not change else (change > 0) == metric.higher_is_better,
        target_value=target["value"] if target else None, target_year=int(target["year"]) if target else None,
        target_comparison=target["comparison"] if target else None,
        target_source=(target["source_number"] if pd.notna(target["source_number"]) else target["source_id"])
        if target else None, target_gap=gap, meets_target=meets,
        sources=row.source_ids if row is not None and "source_ids" in row and pd.notna(row.source_ids) else None,
    )


def _float(row, column):
    if row is None or column not in row or pd.isna(row[column]):
        return None
    return float(row[column])
