"""Components of composite indices, reform task completion, and the Project 06 matrix."""
from __future__ import annotations

import pandas as pd

from metrics import catalogue
from metrics.periods import parse
from metrics.queries import aggregate_values_many, entity_values, entity_values_many, p06_services

TASK_METRICS = ("tasks_assigned", "tasks_on_time", "tasks_late", "tasks_in_progress", "tasks_overdue")


def component_values(store, parent_id: str, kind: str, period: str, boundary: str = "2025",
                     province: str | None = None) -> pd.DataFrame:
    """Every place's score on each component of an index (766 groups, PAR INDEX fields) in a
    period and the previous one, beside its region's, the nation's and the best place's. It does
    not depend on the place (components_of picks one), so switching places costs no query.

    Columns: metric_id, label_vi, label_en, max_value, entity_id, value, previous_value, status,
    region_value, national_value, best_value, best_entity. For the communes of a `province`,
    national_value is the province's own figure and there is no region value.
    """
    previous = parse(period).previous().key
    parts = [part for part in catalogue.components(parent_id) if part.applies_to(kind)]
    ids = [part.id for part in parts]
    every = entity_values_many(store, [(m, p) for m in ids for p in (previous, period)], kind, boundary, province) \
        if parts else None
    grain = parse(period).grain
    regions = aggregate_values_many(store, ids, kind, "region", grain, boundary, period, period, parent=province) \
        if parts else None
    nations = aggregate_values_many(store, ids, kind, "nation", grain, boundary, period, period, parent=province) \
        if parts else None
    frames = []
    for part in parts:
        both = every[every.metric_id == part.id]
        now = both[both.period == period].dropna(subset=["value"])
        if now.empty:
            continue
        best = now.loc[now.value.idxmax() if part.higher_is_better else now.value.idxmin()]
        before = both[both.period == previous][["entity_id", "value"]].rename(columns={"value": "previous_value"})
        regional = regions[regions.metric_id == part.id][["group_id", "value"]].rename(
            columns={"group_id": "region_id", "value": "region_value"})
        national = nations[nations.metric_id == part.id]
        frame = (now[["entity_id", "region_id", "value", "status"]].merge(before, on="entity_id", how="left")
                 .merge(regional, on="region_id", how="left"))
        frames.append(frame.assign(metric_id=part.id, label_vi=part.label_vi, label_en=part.label_en,
                                   max_value=part.max_value, best_value=float(best.value), best_entity=best.entity_name,
                                   national_value=float(national.value.iloc[0]) if not national.empty else None))
    columns = ["metric_id", "label_vi", "label_en", "max_value", "entity_id", "value", "previous_value", "status",
               "region_value", "national_value", "best_value", "best_entity"]
    return pd.concat(frames, ignore_index=True)[columns] if frames else pd.DataFrame(columns=columns)


def components_of(values: pd.DataFrame, entity_id: str) -> pd.DataFrame:
    """One place's rows of component_values, plus the
    change: metric_id, label_vi, label_en, max_value, value, region_value, national_value,
    best_value, best_entity, status, share, previous_value, change."""
    mine = values[values.entity_id == entity_id].drop(columns=["entity_id"]).reset_index(drop=True)
    return mine.assign(share=mine.value / mine.max_value, change=mine.value - mine.previous_value)


def task_completion(store, period: str, kind: str, boundary: str = "2025") -> pd.DataFrame:
    """Reform tasks by agency for a year, ranked by the share of due tasks done on time.

    Columns: entity_id, entity_name, entity_name_en, region_id, assigned, on_time, late,
    in_progress, overdue, due (assigned minus in progress), on_time_rate (% of due tasks done on
    time), completion_rate (% of due tasks done, late or not), rank, status.
    """
    wide = None
    every = entity_values_many(store, [(m, period) for m in TASK_METRICS], kind, boundary)
    for metric_id in TASK_METRICS:
        frame = every[every.metric_id == metric_id]
        frame = frame[["entity_id", "entity_name", "entity_name_en", "region_id", "value", "status"]]
        frame = frame.rename(columns={"value": metric_id.removeprefix("tasks_"), "status": f"status_{metric_id}"})
        wide = frame if wide is None else wide.merge(frame.drop(columns=["entity_name", "entity_name_en", "region_id"]),
                                                      on="entity_id", how="outer")
    if wide is None or wide.empty:
        return pd.DataFrame(columns=["entity_id", "entity_name", "assigned", "on_time", "late", "in_progress",
                                     "overdue", "due", "on_time_rate", "completion_rate", "rank", "status"])
    statuses = wide[[c for c in wide.columns if c.startswith("status_")]]
    wide["status"] = statuses.apply(lambda r: "demo" if (r == "demo").any() else "published", axis=1)
    wide = wide.drop(columns=statuses.columns).fillna({"on_time": 0, "late": 0, "in_progress": 0, "overdue": 0})
    wide["due"] = wide.assigned - wide.in_progress
    due = wide.due.where(wide.due > 0)
    wide["on_time_rate"] = 100 * wide.on_time / due
    wide["completion_rate"] = 100 * (wide.on_time + wide.late) / due
    wide["rank"] = wide.on_time_rate.round(2).rank(method="min", ascending=False).astype("Int64")
    return wide.sort_values(["rank", "entity_name"]).reset_index(drop=True)


def p06_matrix(store, period: str, boundary: str = "2025") -> tuple[pd.DataFrame, pd.DataFrame]:
    """Which of the 25 essential services each province offers fully online in a month.

    Returns (cells, services). cells columns: entity_id, entity_name, entity_name_en, region_id,
    service_id (int), online (0-1 share: 1 = offered; for a 2025 unit before its merger, the
    share of its former units offering it), status. services columns: service_id, name_vi,
    name_en, handled_by, provinces_online (how many places offer it), share (%).
    """
    cells = entity_values(store, "p06_service_online", "month", boundary, "province", period, period,
                          dimension=None)
    services = p06_services(store)
    if not cells.empty:
        cells = cells.assign(service_id=cells.dimension_id.astype(int), online=cells.value / 100)
        counts = cells.groupby("service_id").online.agg(provinces_online="sum", places="count").reset_index()
        services = services.merge(counts, on="service_id", how="left")
        services["share"] = 100 * services.provinces_online / services.places
    return cells, services
