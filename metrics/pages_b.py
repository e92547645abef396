"""Answers for the online services, Project 06, tasks and data pages that the shared query
modules do not give directly. Like every metrics module: the store first, no Streamlit, a
DataFrame or a plain dict back.
"""
from __future__ import annotations

import pandas as pd

from metrics import catalogue
from metrics.breakdowns import TASK_METRICS, task_completion
from metrics.periods import parse
from metrics.queries import (
    aggregate_values_many,
    all_targets,
    entity_values,
    p06_services,
    quality_flags,
    sources,
)

# The documented SQL surface (data/views.sql), in the order an analyst meets it.
VIEWS = ("kpi_metrics", "kpi_entities", "kpi_observations", "kpi_observations_2025",
         "kpi_quality_flags", "kpi_sources", "kpi_targets", "kpi_dossiers", "kpi_dossier_values")
NATIONAL_TASK_METRICS = ("task_groups", "tasks_assigned", "reform_documents", *TASK_METRICS[1:])
ONLINE_METRICS = ("online_procedures", "dossiers_online", "dossiers_full_online", "dossiers_synced")

_NATION_SQL = """
SELECT metric_id, value, status, source_id AS source_ids
FROM observations
WHERE entity_id = 'vn' AND dimension_id = '' AND period = $period AND list_contains($metrics, metric_id)
"""
_VIEW_COLUMNS_SQL = """
SELECT table_name AS view, column_name, data_type, ordinal_position AS position
FROM information_schema.columns
WHERE table_catalog = current_database() AND list_contains($views, table_name)
ORDER BY table_name, ordinal_position
"""
_LINEAGE_SQL = """
SELECT l.successor_id AS entity_id, s.name_vi AS entity_name, s.name_en AS entity_name_en,
       min(l.effective_date) AS effective_date, string_agg(DISTINCT l.source_id, '; ') AS source_id,
       count(*) AS parts,
       string_agg(p.name_vi, ', ' ORDER BY p.name_vi) AS former_names,
       string_agg(p.name_en, ', ' ORDER BY p.name_en) AS former_names_en,
       string_agg(l.predecessor_id, ', ' ORDER BY l.predecessor_id) AS former_ids
FROM lineage l
JOIN entities s ON s.entity_id = l.successor_id
JOIN entities p ON p.entity_id = l.predecessor_id
WHERE ($kind IS NULL OR s.entity_kind = $kind)
GROUP BY l.successor_id, s.name_vi, s.name_en
ORDER BY s.name_vi
"""


def p06_rollout(store, boundary: str = "2025") -> pd.DataFrame:
    """Project 06 nationally, month by month: how far the 25 essential services have spread.

    Columns: period, period_start, places (provinces reporting), services_avg (services offered
    fully online per province, 0-25; a merged 2025 unit before its merger counts the share of its
    former units), pair_share (% of province-service pairs online), complete (how many provinces
    offer all of them), all_share (% of provinces offering all of them), status.
    """
    places = entity_values(store, "p06_services", "month", boundary, "province")
    columns = ["period", "period_start", "places", "services_avg", "pair_share", "complete", "all_share", "status"]
    if places.empty:
        return pd.DataFrame(columns=columns)
    total = len(p06_services(store)) or 25
    places = places.assign(services=places.value / 100 * total, complete=places.value >= 100 - 1e-9,
                           is_demo=places.status == "demo")
    out = places.groupby(["period", "period_start"], as_index=False).agg(
        places=("entity_id", "count"), services_avg=("services", "mean"), numerator=("numerator", "sum"),
        denominator=("denominator", "sum"), complete=("complete", "sum"), all_share=("complete", "mean"),
        is_demo=("is_demo", "any"))
    # a rate over places is the ratio of the sums, never the mean of the places' rates
    out["pair_share"] = 100 * out.numerator / out.denominator.where(out.denominator > 0)
    out["all_share"] = 100 * out.all_share
    out["status"] = out.is_demo.map({True: "demo", False: "published"})
    return out[columns].sort_values("period").reset_index(drop=True)


def national_tasks(store, year: str) -> pd.DataFrame:
    """The national reform-task figures for a year: the Steering Committee's own figure for the
    whole country ('vn') where one is stored, else the sum over ministries and provinces.

    Columns: metric_id, value, status, source_ids, origin ('nation' = reported for the whole
    country, 'sum' = added up from the agencies). Metrics: task_groups (nation only),
    tasks_assigned, reform_documents, tasks_on_time, tasks_late, tasks_in_progress, tasks_overdue.
    """
    nation = store.query(_NATION_SQL, {"period": year, "metrics": list(NATIONAL_TASK_METRICS)})
    rows = []
    for metric_id in NATIONAL_TASK_METRICS:
        hit = nation[nation.metric_id == metric_id]
        if not hit.empty:
            row = hit.iloc[0]
            rows.append(dict(metric_id=metric_id, value=float(row.value), status=row.status,
                             source_ids=row.source_ids, origin="nation"))
            continue
        if "nation" in catalogue.get(metric_id).entity_kinds and len(catalogue.get(metric_id).entity_kinds) == 1:
            continue
        parts = entity_values(store, metric_id, "year", "time", None, year, year)
        if parts.empty:
            continue
        rows.append(dict(metric_id=metric_id, value=float(parts.value.sum()),
                         status="demo" if (parts.status == "demo").any() else "published",
                         source_ids="; ".join(sorted(set(parts.source_ids.dropna()))), origin="sum"))
    return pd.DataFrame(rows, columns=["metric_id", "value", "status", "source_ids", "origin"])


def missed_deadlines(store, year: str, kind: str, boundary: str = "2025") -> pd.DataFrame:
    """Agencies with reform tasks past their deadline in a year, most overdue first, and what
    they still have in progress (due later).

    Columns: entity_id, entity_name, entity_name_en, overdue, in_progress, assigned, status.
    """
    tasks = task_completion(store, year, kind, boundary)
    columns = ["entity_id", "entity_name", "entity_name_en", "overdue", "in_progress", "assigned", "status"]
    if tasks.empty:
        return pd.DataFrame(columns=columns)
    late = tasks[tasks.overdue > 0].sort_values(["overdue", "entity_name"], ascending=[False, True])
    return late[columns].reset_index(drop=True)


def target_progress(store, kind: str, period: str, boundary: str = "2025",
                    metric_ids: tuple[str, ...] = ONLINE_METRICS) -> pd.DataFrame:
    """Each plan target of the given metrics beside the figure it is measured on in a period.

    A target for one kind ('province', 'ministry') is measured on that kind's national figure; a
    target for everyone ('all') on the whole country (the published national figure if there is
    one, else both kinds' counts added up).

    Columns: target_id, metric_id, entity_kind, scope, comparison, target (pct), year,
    source_id, source_number, source_date, source_title_vi, note_vi, note_en, actual (pct),
    numerator, denominator, status, actual_source, meets (bool), gap (actual minus target, in
    points, positive = better than the target).
    """
    grain = parse(period).grain
    goals = all_targets(store, kind)
    goals = goals[goals.metric_id.isin(metric_ids)]
    # every figure a target can be measured on, in three lookups: each kind's national figure and
    # the published whole-country one
    national = {k: aggregate_values_many(store, list(metric_ids), k, "nation", grain, boundary, period, period)
                for k in ("province", "ministry")}
    published = store.query(_WHOLE_COUNTRY_SQL, {"metrics": list(metric_ids), "period": period})
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
               "denominator", "status", "actual_source", "meets", "gap"]
    return pd.DataFrame(rows, columns=columns)


_WHOLE_COUNTRY_SQL = """SELECT metric_id, value, source_id FROM observations
WHERE entity_id = 'vn' AND list_contains($metrics, metric_id) AND dimension_id = '' AND period = $period"""


def _actual_for(metric_id: str, kind: str | None, national: dict[str, pd.DataFrame], published: pd.DataFrame) -> dict:
    """The national figure for one kind, or (kind None) for the whole country: the published
    one, else both kinds' counts added up."""
    empty = dict(actual=None, numerator=None, denominator=None, status=None, actual_source=None)
    if kind is not None:
        frame = national[kind][national[kind].metric_id == metric_id]
        if frame.empty or pd.isna(frame.value.iloc[0]):
            return empty
        row = frame.iloc[0]
        return dict(actual=float(row.value), numerator=_num(row.numerator), denominator=_num(row.denominator),
                    status=row.status, actual_source=row.published_source if pd.notna(row.published_source) else None)
    mine = published[published.metric_id == metric_id]
    if not mine.empty:
        return dict(actual=float(mine.value.iloc[0]), numerator=None, denominator=None,
                    status="published", actual_source=mine.source_id.iloc[0])
    both = pd.concat([f[f.metric_id == metric_id] for f in national.values()], ignore_index=True)
    if both.empty or both.denominator.isna().any() or both.denominator.sum() <= 0:
        return empty
    num, den = float(both.numerator.sum()), float(both.denominator.sum())
    return dict(actual=100 * num / den, numerator=num, denominator=den,
                status="demo" if (both.status == "demo").any() else "published", actual_source=None)


def _num(value) -> float | None:
    return None if pd.isna(value) else float(value)


def flags_for(store, entity_id: str, metric_id: str, period: str) -> pd.DataFrame:
    """The quality flags raised on one figure (columns as queries.quality_flags)."""
    flags = quality_flags(store)
    return flags[(flags.entity_id == entity_id) & (flags.metric_id == metric_id) & (flags.period == period)]


def source_rows(store, source_ids) -> pd.DataFrame:
    """The source documents with these ids, in the order given (columns as queries.sources)."""
    ids = [s.strip() for cell in source_ids if isinstance(cell, str) for s in cell.split(";") if s.strip()]
    ids = list(dict.fromkeys(i for i in ids if i != "demo"))
    found = sources(store).set_index("source_id")
    return found.loc[[i for i in ids if i in found.index]].reset_index()


def status_table(store, metric_ids: list[str]) -> pd.DataFrame:
    """Per metric: how many figures are published and how many demo, and the published sources.

    Columns: metric_id, published, demo, records (computed from dossier records), sources
    (published source ids), first_period, last_period.
    """
    from metrics.queries import status_counts

    counts = status_counts(store, list(metric_ids))
    out = []
    for metric_id in metric_ids:
        rows = counts[counts.metric_id == metric_id]
        published = rows[rows.status == "published"]
        out.append(dict(
            metric_id=metric_id,
            published=int(published.observations.sum()), demo=int(rows[rows.status == "demo"].observations.sum()),
            records=int(rows[rows.status == "records"].observations.sum()),
            sources="; ".join(published.sources.dropna()) or None,
            first_period=rows.first_period.min() if not rows.empty else None,
            last_period=rows.last_period.max() if not rows.empty else None))
    return pd.DataFrame(out, columns=["metric_id", "published", "demo", "records", "sources", "first_period",
                                      "last_period"])


def lineage(store, kind: str | None = None) -> pd.DataFrame:
    """Units formed by the 2025 reorganisations and the units they came from.

    Columns: entity_id, entity_name, entity_name_en, effective_date, source_id, parts,
    former_names, former_names_en, former_ids.
    """
    return store.query(_LINEAGE_SQL, {"kind": kind})


def view_columns(store, views: tuple[str, ...] = VIEWS) -> pd.DataFrame:
    """The columns of the analysts' SQL views. Columns: view, column_name, data_type, position."""
    return store.query(_VIEW_COLUMNS_SQL, {"views": list(views)})


def counts_match(value, numerator, denominator, tolerance: float = 0.01) -> bool:
    """True when a rate's own counts give the rate shown (so '1.818/1.876 — 96,91%' is honest);
    False when either count is missing or a published rate overrides computed counts."""
    if any(v is None or pd.isna(v) for v in (value, numerator, denominator)) or not denominator:
        return False
    return abs(100 * numerator / denominator - value) < tolerance


def slide_values(values) -> tuple[float | None, ...]:
    """Values for a native PowerPoint chart: floats, None where missing (never NaN)."""
    return tuple(None if v is None or pd.isna(v) else float(v) for v in values)


def line_series(series: pd.DataFrame, name_column: str = "series_name",
                value_column: str = "value") -> tuple[list[str], tuple[tuple[str, tuple[float | None, ...]], ...]]:
    """A long series frame (trends.trend() output) as (periods, ((name, values per period), ...)),
    the shape of a line slide; a series missing a period gets None there."""
    if series.empty:
        return [], ()
    wide = series.pivot_table(index="period", columns=name_column, values=value_column, aggfunc="first", sort=True)
    names = list(dict.fromkeys(series[name_column]))
    return list(wide.index), tuple((str(n), slide_values(wide[n])) for n in names if n in wide)


def deadline_summary(store, year: str, kind: str, boundary: str = "2025") -> dict[str, int]:
    """How many agencies of a kind have overdue tasks in a year, out of how many, with how many
    overdue tasks and how many still in progress (not yet due)."""
    tasks = task_completion(store, year, kind, boundary)
    if tasks.empty:
        return dict(agencies=0, total=0, overdue=0, in_progress=0)
    return dict(agencies=int((tasks.overdue > 0).sum()), total=len(tasks), overdue=int(tasks.overdue.sum()),
                in_progress=int(tasks.in_progress.sum()))
