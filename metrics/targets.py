"""The plans' targets and where figures stand against them: the target in force for a period, the
target lines to draw, headline figures with their change and gap, and the progress table."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from metrics import catalogue, sql
from metrics.periods import parse
from metrics.provenance import ids_in
from metrics.values import aggregate_values, aggregate_values_many, entity_values, previous_period


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
    return _target_among(frame.to_dict("records"), period)


def _target_among(records: list[dict], period: str) -> dict | None:
    """target_in on rows as dicts, in targets()' order."""
    if not records:
        return None
    year = parse(period).start.year
    ahead = [r for r in records if r["year"] >= year]
    # past the last target year, the last year's target (the one made for the kind first)
    last = max(r["year"] for r in records)
    return (ahead or [r for r in records if r["year"] == last])[0]


def all_targets(store, kind: str) -> pd.DataFrame:
    """targets() of every metric at once (with metric_id), for pages that show many."""
    return store.query(sql.TARGETS_SQL, {"metric": None, "kind": kind})


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
    sources: tuple[str, ...]   # source ids of the figure


def headline(store, metric_id: str, period: str, kind: str, entity_id: str | None = None,
             boundary: str = "2025", grain: str | None = None) -> Headline:
    """The national figure (entity_id None) or one place's figure for a period."""
    prev = previous_period(period)
    if entity_id is None:
        frame = aggregate_values(store, metric_id, kind, "nation", grain, boundary, prev, period)
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
    goals: dict[str, list[dict]] = {}
    for goal in all_targets(store, kind).to_dict("records"):
        goals.setdefault(goal["metric_id"], []).append(goal)
    # the figures as dicts, looked up by key: a filtered frame per metric cost a millisecond each
    found: dict[tuple, dict] = {}
    for row in frame.to_dict("records"):
        found.setdefault((row["metric_id"], row["grain"], row["period"]), row)
    out = []
    for metric_id, period in pairs:
        grain, prev = parse(period).grain, previous_period(period)
        out.append(_headline_of(metric_id, period, found.get((metric_id, grain, period)),
                                found.get((metric_id, grain, prev)), _target_among(goals.get(metric_id, []), period)))
    return out


def _headline(metric_id: str, period: str, frame: pd.DataFrame, target: dict | None) -> Headline:
    """A Headline from the rows of `period` and the one before it, and the target in force."""
    prev = previous_period(period)
    now = frame[frame.period == period]
    before = frame[frame.period == prev]
    return _headline_of(metric_id, period, now.iloc[0].to_dict() if not now.empty else None,
                        before.iloc[0].to_dict() if not before.empty else None, target)


def _headline_of(metric_id: str, period: str, row: dict | None, before: dict | None,
                 target: dict | None) -> Headline:
    """A Headline from the figure of `period` and the one before it (rows as dicts), and the
    target in force."""
    metric = catalogue.get(metric_id)
    prev = previous_period(period)
    value = float(row["value"]) if row is not None and pd.notna(row["value"]) else None
    previous = float(before["value"]) if before is not None and pd.notna(before["value"]) else None
    change = value - previous if value is not None and previous is not None else None
    gap = meets = None
    if target and value is not None:
        gap = (value - target["value"]) if target["comparison"] == ">=" else (target["value"] - value)
        meets = gap >= 0
    return Headline(
        metric_id=metric_id, period=period, value=value,
        numerator=_float(row, "numerator"), denominator=_float(row, "denominator"),
        status=row["status"] if row is not None else None,
        estimated=bool(row["estimated"]) if row is not None and pd.notna(row["estimated"]) else False,
        previous_period=prev, previous_value=previous, change=change,
        change_is_good=None if not change else (change > 0) == metric.higher_is_better,
        target_value=target["value"] if target else None, target_year=int(target["year"]) if target else None,
        target_comparison=target["comparison"] if target else None,
        target_source=(target["source_number"] if pd.notna(target["source_number"]) else target["source_id"])
        if target else None, target_gap=gap, meets_target=meets,
        sources=tuple(ids_in(row["source_ids"])) if row is not None and "source_ids" in row else (),
    )


def _float(row, column):
    if row is None or column not in row or pd.isna(row[column]):
        return None
    return float(row[column])


def target_progress(store, kind: str, period: str, boundary: str = "2025",
                    metric_ids: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Each plan target of the given metrics beside the figure it is measured on in a period.

    A target for one kind ('province', 'ministry') is measured on that kind's national figure; a
    target for everyone ('all') on the whole country (the published national figure if there is
    one, else both kinds' counts added up).

    Columns: target_id, metric_id, entity_kind, scope, comparison, target (pct), year,
    source_id, source_number, source_date, source_title_vi, note_vi, note_en, actual (pct),
    numerator, denominator, status, actual_sources (source ids), meets (bool), gap (actual minus target, in
    points, positive = better than the target). metric_ids: the online-services collection if None.
    """
    metric_ids = tuple(metric_ids or catalogue.collection("online_services"))
    grain = parse(period).grain
    goals = all_targets(store, kind)
    goals = goals[goals.metric_id.isin(metric_ids)]
    # every figure a target can be measured on, in three lookups: each kind's national figure and
    # the published whole-country one
    national = {k: aggregate_values_many(store, list(metric_ids), k, "nation", grain, boundary, period, period)
                for k in ("province", "ministry")}
    published = store.query(sql.NATIONAL_OBSERVATIONS_SQL, {"metrics": list(metric_ids), "period": period})
    rows = []
    for metric_id in metric_ids:
        for target in goals[goals.metric_id == metric_id].to_dict("records"):
            actual = _actual_for(metric_id, kind if target["entity_kind"] != "all" else None, national, published)
            sign = 1 if target["comparison"] == ">=" else -1
            gap = None if actual["actual"] is None else sign * (actual["actual"] - target["value"])
            rows.append(dict(target, target=target["value"], **actual, gap=gap,
                             meets=None if gap is None else gap >= 0))
    columns = ["target_id", "metric_id", "entity_kind", "scope", "comparison", "target", "year", "source_id",
               "source_number", "source_date", "source_title_vi", "note_vi", "note_en", "actual", "numerator",
               "denominator", "status", "actual_sources", "meets", "gap"]
    return pd.DataFrame(rows, columns=columns)


def _actual_for(metric_id: str, kind: str | None, national: dict[str, pd.DataFrame], published: pd.DataFrame) -> dict:
    """The national figure for one kind, or (kind None) for the whole country: the published
    one, else both kinds' counts added up."""
    empty = dict(actual=None, numerator=None, denominator=None, status=None, actual_sources=[])
    if kind is not None:
        frame = national[kind][national[kind].metric_id == metric_id]
        if frame.empty or pd.isna(frame.value.iloc[0]):
            return empty
        row = frame.iloc[0]
        return dict(actual=float(row.value), numerator=_num(row.numerator), denominator=_num(row.denominator),
                    status=row.status, actual_sources=ids_in(row.source_ids))
    mine = published[published.metric_id == metric_id]
    if not mine.empty:
        return dict(actual=float(mine.value.iloc[0]), numerator=None, denominator=None,
                    status="published", actual_sources=[mine.source_id.iloc[0]])
    both = pd.concat([f[f.metric_id == metric_id] for f in national.values()], ignore_index=True)
    if both.empty or both.denominator.isna().any() or both.denominator.sum() <= 0:
        return empty
    num, den = float(both.numerator.sum()), float(both.denominator.sum())
    return dict(actual=100 * num / den, numerator=num, denominator=den,
                status="demo" if (both.status == "demo").any() else "published",
                actual_sources=sorted({i for cell in both.source_ids for i in ids_in(cell)}))


def _num(value) -> float | None:
    return None if pd.isna(value) else float(value)
