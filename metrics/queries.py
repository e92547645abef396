"""One function per question the pages ask. Each takes the store first (a metrics.db.Store, or
any object with .query(sql, params) -> DataFrame) and returns a DataFrame or a small dataclass.

Boundaries: "2025" re-expresses everything in the 34 provinces / 17 ministries in force since
2025 (former units added up); "time" shows places as they were at the time.
"""
from __future__ import annotations

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
    """Figures per place and period, from the roll-up table (metrics.rollups).

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
    denominator, places (how many places made it), status, estimated, published_source.
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


def targets(store, metric_id: str, kind: str) -> pd.DataFrame:
    """Targets that apply to a kind of entity. Columns: target_id, metric_id, entity_kind, scope,
    comparison, value, year, source_id, note_vi, note_en, source_number, source_date, source_title_vi."""
    return store.query(sql.TARGETS_SQL, {"metric": metric_id, "kind": kind})


def target_for(store, metric_id: str, kind: str, period: str) -> dict | None:
    """The target in force for a period: the earliest one whose year is not before the period's
    year (a 2025 target is what a 2024 figure is heading for)."""
    return target_in(targets(store, metric_id, kind), period)


def target_in(frame: pd.DataFrame, period: str) -> dict | None:
    """target_for on the rows of targets() (or all_targets() of one metric)."""
    if frame.empty:
        return None
    year = parse(period).start.year
    ahead = frame[frame.year >= year]
    # past the last target year, the last year's target (the one made for the kind first)
    rows = ahead if not ahead.empty else frame[frame.year == frame.year.max()]
    return rows.iloc[0].to_dict()


def all_targets(store, kind: str) -> pd.DataFrame:
    """targets() of every metric at once (with metric_id), for pages that show many."""
    return store.query(sql.ALL_TARGETS_SQL, {"kind": kind})


def entity_values_many(store, metric_periods: list[tuple[str, str]], kind: str | None,
                       boundary: str = "2025", parent: str | None = None) -> pd.DataFrame:
    """entity_values for several (metric, period) pairs in one lookup, each at its period's grain.
    Columns: metric_id, grain and those of entity_values."""
    metric_ids = sorted({m for m, _ in metric_periods})
    frame = _places(store, metric_ids, None, boundary, kind, parent, "", sorted({p for _, p in metric_periods}),
                    None, None)
    wanted = {(m, parse(p).grain, p) for m, p in metric_periods}
    keep = [(m, g, p) in wanted for m, g, p in zip(frame.metric_id, frame.grain, frame.period)]
    return frame[keep].reset_index(drop=True)


def aggregate_values_many(store, metric_ids: list[str], kind: str, level: str = "nation",
                          grain: str | None = None, boundary: str = "2025", first: str | None = None,
                          last: str | None = None, periods: list[str] | None = None,
                          parent: str | None = None) -> pd.DataFrame:
    """aggregate_values for several metrics in one lookup (plus metric_id and grain columns).
    grain None: every grain (pick rows by period with `periods`)."""
    return _groups(store, metric_ids, kind, level, grain, boundary, "", periods, first, last, parent)


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


def entities(store, kind: str | None = None) -> pd.DataFrame:
    """The kpi_entities view (all places ever, with what they became or came from)."""
    return store.query(sql.ENTITIES_SQL, {"kind": kind})


def p06_services(store) -> pd.DataFrame:
    """The 25 essential services. Columns: service_id, name_vi, name_en, handled_by."""
    return store.query(sql.P06_SERVICES_SQL)


def status_counts(store, metric_ids: list[str]) -> pd.DataFrame:
    """How many figures of each metric are published or demo, with their sources.
    Columns: metric_id, status, observations, sources, first_period, last_period."""
    return store.query(sql.STATUS_COUNTS_SQL, {"metrics": list(metric_ids)})


def import_batches(store) -> pd.DataFrame:
    return store.query(sql.BATCHES_SQL)
