"""The roll-up tables: every metric's figures per place and per group (nation, region), at every
grain it can be shown at and in both boundaries, worked out when the store is written.

Why: a page asks ten to fifty questions per rerun; rolling months up to years and re-expressing
merged provinces over the whole observations table each time cost 30-200 ms a question. Written
once (by the build, and by an import or undo for the metrics it touched, on the copy before it
is swapped in), a question is a lookup of a few milliseconds, at the commune size too.
"""
from __future__ import annotations

import time

from metrics import catalogue
from metrics.periods import GRAIN_ORDER
from metrics.values import BOUNDARIES
from store import sql


def refresh(con, metric_ids: list[str] | None = None) -> float:
    """(Re)write the roll-ups of `metric_ids` (all metrics if None) on a writable connection;
    returns the seconds it took. Runs inside the caller's transaction when there is one."""
    started = time.perf_counter()
    ids = sorted(metric_ids) if metric_ids is not None else list(catalogue.catalogue())
    params = {"metrics": ids}
    for statement in sql.ROLLUP_CLEAR:
        con.execute(statement, params)
    finest = min(GRAIN_ORDER[catalogue.get(m).grain] for m in ids) if ids else len(GRAIN_ORDER)
    for grain in [g for g, order in GRAIN_ORDER.items() if order >= finest]:
        con.execute(sql.metric_periods_insert_sql(grain), params)
        for boundary in BOUNDARIES:
            con.execute(sql.place_values_insert_sql(grain, boundary), params)
        # the nation is always made from places as they were at the time; regions follow the map
        con.execute(sql.group_values_insert_sql(grain, "time", "nation"), params)
        for boundary in BOUNDARIES:
            con.execute(sql.group_values_insert_sql(grain, boundary, "region"), params)
    if metric_ids is None:  # an import's few rows are appended together: no need to re-sort
        for statement in sql.ROLLUP_SORT:
            con.execute(statement)
    return time.perf_counter() - started
