"""Figures per place and per group (the nation, a region) for a metric, and the periods it has
figures for: lookups in the roll-up tables the store is built with (store/sql.py)."""
from __future__ import annotations

import numpy as np
import pandas as pd

from metrics import catalogue, sql
from metrics.periods import GRAIN_ORDER, parse

BOUNDARIES = ("2025", "time")


def grains_for(metric_id: str) -> list[str]:
    """The grains a metric can be shown at: its own and every coarser one."""
    own = GRAIN_ORDER[catalogue.get(metric_id).grain]
    return [g for g, order in sorted(GRAIN_ORDER.items(), key=lambda kv: kv[1]) if order >= own]


def entity_values(store, metric_id: str, grain: str | None = None, boundary: str = "2025",
                  kind: str | None = None, first: str | None = None, last: str | None = None,
                  dimension: str = "", parent: str | None = None) -> pd.DataFrame:
    """Figures per place and period, from the roll-up table (store.rollups).

    Columns: entity_id, entity_name, entity_name_en, entity_kind, region_id, code, abbr,
    dimension_id, period, period_start, value (in the metric's unit), numerator, denominator,
    status ('published' | 'demo'), estimated (bool: a 2025 unit's figure put together from its
    former units by averaging scores, or with a former unit missing), parts, parts_expected,
    source_ids, parent_id (a commune's province). parent: only the communes of that province.
    """
    metric = catalogue.get(metric_id)
    grain = grain or (parse(first).grain if first else metric.grain)
    sql.check_grain(metric, grain)
    frame = _places(store, [metric.id], grain, boundary, kind, parent, dimension, None, first, last)
    return frame.drop(columns=["metric_id", "grain"])


def _places(store, metric_ids, grain, boundary, kind, parent, dimension, periods, first, last) -> pd.DataFrame:
    if kind == "commune" or parent:
        boundary = "time"  # communes exist only in the 2025 map: both boundaries are the same
    return store.query(sql.place_values_sql(metric_ids),
                       {"grain": grain, "boundary": boundary, "dimension": dimension, "periods": periods,
                        "first": first, "last": last, "kind": kind, "parent": parent})


def _groups(store, metric_ids, kind, level, grain, boundary, dimension, periods, first, last,
            parent) -> pd.DataFrame:
    params = {"grain": grain, "dimension": dimension, "periods": periods, "first": first, "last": last}
    if kind == "commune":
        frame = store.query(sql.province_of_communes_sql(metric_ids), dict(params, parent=parent))
        return frame if level == "nation" else frame.iloc[0:0]
    if level == "nation":
        boundary = "time"
    return store.query(sql.group_values_sql(metric_ids), dict(params, boundary=boundary, kind=kind, level=level))


def aggregate_values(store, metric_id: str, kind: str, level: str = "nation", grain: str | None = None,
                     boundary: str = "2025", first: str | None = None, last: str | None = None,
                     dimension: str = "", parent: str | None = None) -> pd.DataFrame:
    """National ('nation') or regional ('region') figures for one kind of entity.

    Columns: group_id ('all' or a region id), period, period_start, value, numerator,
    denominator, places (how many places made it), status, estimated, source_ids (the published
    aggregate's document, or the documents of the places it adds up).
    The nation is always made from places as they were at the time (a national average of
    scores is the average of the units ranked that year); regions follow the boundary asked.
    Communes (kind 'commune', parent a province) are set against their province: its own
    figure stands where the nation stands for provinces; there is no regional figure.
    """
    metric = catalogue.get(metric_id)
    grain = grain or (parse(first).grain if first else metric.grain)
    sql.check_grain(metric, grain)
    frame = _groups(store, [metric.id], kind, level, grain, boundary, dimension, None, first, last, parent)
    return frame.drop(columns=["metric_id", "grain"])


def entity_values_many(store, metric_periods: list[tuple[str, str]], kind: str | None,
                       boundary: str = "2025", parent: str | None = None) -> pd.DataFrame:
    """entity_values for several (metric, period) pairs in one lookup, each at its period's grain.
    Columns: metric_id, grain and those of entity_values."""
    metric_ids = sorted({m for m, _ in metric_periods})
    frame = _places(store, metric_ids, None, boundary, kind, parent, "", sorted({p for _, p in metric_periods}),
                    None, None)
    wanted = {(m, parse(p).grain, p) for m, p in metric_periods}
    keep = np.array([(m, g, p) in wanted for m, g, p in zip(frame.metric_id, frame.grain, frame.period)], dtype=bool)
    return frame[keep].reset_index(drop=True)  # (an empty list would select no columns)


def aggregate_values_many(store, metric_ids: list[str], kind: str, level: str = "nation",
                          grain: str | None = None, boundary: str = "2025", first: str | None = None,
                          last: str | None = None, periods: list[str] | None = None,
                          parent: str | None = None) -> pd.DataFrame:
    """aggregate_values for several metrics in one lookup (plus metric_id and grain columns).
    grain None: every grain (pick rows by period with `periods`)."""
    return _groups(store, metric_ids, kind, level, grain, boundary, "", periods, first, last, parent)


def periods(store, metric_id: str, grain: str | None = None) -> list[str]:
    """Period keys (oldest first) for which the metric has figures at that grain. A coarser
    period the data does not yet cover to its end (2026 while only up to October is in) is
    left out, so nobody compares ten months with twelve."""
    metric = catalogue.get(metric_id)
    return periods_by_grain(store, metric_id).get(grain or metric.grain, [])


def periods_by_grain(store, metric_id: str) -> dict[str, list[str]]:
    """Every period with figures for the metric, by grain it can be shown at (oldest first),
    complete periods only (see periods), from one lookup."""
    metric = catalogue.get(metric_id)
    found = store.query(sql.METRIC_PERIODS_SQL, {"metric": metric.id})
    by_grain = {g: list(found.period[found.grain == g]) for g in grains_for(metric_id)}
    native = by_grain.get(metric.grain) or []
    if native:
        covered_to = parse(native[-1]).end
        by_grain = {g: keys if g == metric.grain else [k for k in keys if parse(k).end <= covered_to]
                    for g, keys in by_grain.items()}
    return by_grain


def latest_period(store, metric_id: str, grain: str | None = None) -> str | None:
    found = periods(store, metric_id, grain)
    return found[-1] if found else None


def previous_period(period: str) -> str:
    return parse(period).previous().key


def choose_period(metric_id: str, period: str, by_grain: dict[str, list[str]]) -> str | None:
    """The period a metric is best shown at when a page is set to `period`: the period itself if
    the metric has figures at that grain, else the latest period of the metric's own grain that
    starts before `period` ends ('2026-10' -> '2025' for the yearly PAR INDEX); None if none.
    by_grain: periods_by_grain(store, metric_id)."""
    asked = parse(period)
    if asked.grain in by_grain:
        return period if period in by_grain[asked.grain] else None
    own = [p for p in by_grain.get(catalogue.get(metric_id).grain, []) if parse(p).start <= asked.end]
    return own[-1] if own else None


def up_to(frame: pd.DataFrame, last: str) -> pd.DataFrame:
    """The rows of a long frame up to period `last` (same grain: keys sort as periods do)."""
    return frame[frame.period <= last].reset_index(drop=True)
