"""The reform plans' tasks: national totals, where each agency's tasks stand, and who has missed
deadlines."""
from __future__ import annotations

import pandas as pd

from metrics import catalogue, sql
from metrics.provenance import ids_in
from metrics.values import entity_values_many


def task_completion(store, period: str, kind: str, boundary: str = "2025") -> pd.DataFrame:
    """Reform tasks by agency for a year, ranked by the share of due tasks done on time.

    Columns: entity_id, entity_name, entity_name_en, region_id, assigned, on_time, late,
    in_progress, overdue, due (assigned minus in progress), on_time_rate (% of due tasks done on
    time), completion_rate (% of due tasks done, late or not), rank, status.
    """
    wide = None
    every = entity_values_many(store, [(m, period) for m in catalogue.collection("task_counts")], kind, boundary)
    for metric_id in catalogue.collection("task_counts"):
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


def national_tasks(store, year: str) -> pd.DataFrame:
    """The national reform-task figures for a year: the Steering Committee's own figure for the
    whole country ('vn') where one is stored, else the sum over ministries and provinces.

    Columns: metric_id, value, status, source_ids, origin ('nation' = reported for the whole
    country, 'sum' = added up from the agencies). Metrics: task_groups (nation only),
    tasks_assigned, reform_documents, tasks_on_time, tasks_late, tasks_in_progress, tasks_overdue.
    """
    metric_ids = list(catalogue.collection("national_tasks"))
    nation = store.query(sql.NATIONAL_OBSERVATIONS_SQL, {"period": year, "metrics": metric_ids})
    # the agencies' figures of every metric the nation has none for, in one lookup
    summed = [m for m in metric_ids if m not in set(nation.metric_id) and catalogue.get(m).entity_kinds != ("nation",)]
    agencies = entity_values_many(store, [(m, year) for m in summed], None, "time") if summed else None
    rows = []
    for metric_id in metric_ids:
        hit = nation[nation.metric_id == metric_id]
        if not hit.empty:
            row = hit.iloc[0]
            rows.append(dict(metric_id=metric_id, value=float(row.value), status=row.status,
                             source_ids=[row.source_id], origin="nation"))
            continue
        if metric_id not in summed:
            continue
        parts = agencies[agencies.metric_id == metric_id]
        if parts.empty:
            continue
        rows.append(dict(metric_id=metric_id, value=float(parts.value.sum()),
                         status="demo" if (parts.status == "demo").any() else "published",
                         source_ids=sorted({i for cell in parts.source_ids for i in ids_in(cell)}), origin="sum"))
    return pd.DataFrame(rows, columns=["metric_id", "value", "status", "source_ids", "origin"])


def missed_deadlines(store, year: str, kind: str, boundary: str = "2025") -> pd.DataFrame:
    """Agencies with reform tasks past their deadline in a year, most overdue first, and what
    they still have in progress (due later).

    Columns: entity_id, entity_name, entity_name_en, overdue, in_progress, assigned, status.
    """
    return missed_in(task_completion(store, year, kind, boundary))


def missed_in(tasks: pd.DataFrame) -> pd.DataFrame:
    """missed_deadlines from task_completion's answer (a page that has it asks nothing again)."""
    columns = ["entity_id", "entity_name", "entity_name_en", "overdue", "in_progress", "assigned", "status"]
    if tasks.empty:
        return pd.DataFrame(columns=columns)
    late = tasks[tasks.overdue > 0].sort_values(["overdue", "entity_name"], ascending=[False, True])
    return late[columns].reset_index(drop=True)


def deadline_summary(store, year: str, kind: str, boundary: str = "2025") -> dict[str, int]:
    """How many agencies of a kind have overdue tasks in a year, out of how many, with how many
    overdue tasks and how many still in progress (not yet due)."""
    return deadline_summary_of(task_completion(store, year, kind, boundary))


def deadline_summary_of(tasks: pd.DataFrame) -> dict[str, int]:
    """deadline_summary from task_completion's answer."""
    if tasks.empty:
        return dict(agencies=0, total=0, overdue=0, in_progress=0)
    return dict(agencies=int((tasks.overdue > 0).sum()), total=len(tasks), overdue=int(tasks.overdue.sum()),
                in_progress=int(tasks.in_progress.sum()))
