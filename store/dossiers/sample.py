"""Demo records for a store: the default store's small sample, or any places and months (the
benchmark's national year), written partition by partition into a dataset version."""
from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

import pandas as pd

from metrics.periods import Period, month_range
from store.dossiers import generate
from store.dossiers.places import units_of

# the demo's own counts: a figure already worked out from the default sample's records has
# counts `scale` times the demo's, so it is scaled back
RATES_SQL = """
SELECT o.entity_id, e.entity_kind, COALESCE(e.code, e.abbr, o.entity_id) AS code, e.parent_id,
       o.metric_id, o.period, o.value / 100.0 AS rate,
       o.denominator / CASE WHEN o.note = $sample_note THEN $sample_scale ELSE 1 END AS denominator
FROM {source} o JOIN entities e USING (entity_id)
WHERE list_contains($metrics, o.metric_id) AND o.grain = 'month' AND list_contains($periods, o.period)
  AND list_contains($entities, o.entity_id)
"""


def months_back(until: Period, n: int) -> list[Period]:
    return month_range(until.shift(-(n - 1)).start, until.start)


def snapshot_of(until: Period) -> datetime:
    """The moment the demo records were last synced: the end of the last month."""
    return datetime.combine(until.end, time(23, 59))


def _one(task) -> int:
    version, entity_id, kind, code, period, n, rates, snapshot = task
    start = datetime.strptime(period + "-01", "%Y-%m-%d")
    units = units_of(entity_id, kind, code, date(start.year, start.month, 1), generate.config())
    generate.write_partition(version, entity_id, start, generate.partition(entity_id, start, n, rates, units, snapshot))
    return n


def write_demo(con, version: Path, entities: list[str], months: list[Period], scale: float,
               snapshot: datetime, skip: set[tuple[str, str]] = frozenset(), workers: int = 1,
               source: str = "observations") -> int:
    """Write the demo records of `entities` (provinces and ministries ids) for `months` into
    `version`, from the demo rates of the observations on `con`; partitions in `skip`
    ((month, entity) holding real records) are left out; `workers` processes; `source` the
    relation holding the observations (the build's, before they are stored). The records written."""
    from store.dossiers.kpis import DEMO_NOTE

    sample = generate.config()["sample"]
    rates = con.execute(RATES_SQL.format(source=source), {"metrics": list(generate.RATES), "periods": [p.key for p in months],
                                    "entities": entities, "sample_note": DEMO_NOTE,
                                    "sample_scale": float(sample["scale"])}).df()
    if rates.empty:
        return 0
    tasks = []
    for (entity_id, period), rows in rates.groupby(["entity_id", "period"], sort=True):
        if (period, entity_id) in skip:
            continue
        received = rows[rows.metric_id == "dossiers_online"].denominator
        if received.empty or pd.isna(received.iloc[0]) or round(float(received.iloc[0]) * scale) <= 0:
            continue
        first = rows.iloc[0]
        tasks.append((version, entity_id, first.entity_kind, str(first.code), period,
                      int(round(float(received.iloc[0]) * scale)), dict(zip(rows.metric_id, rows.rate)), snapshot))
    if workers <= 1:
        return sum(_one(t) for t in tasks)
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(workers) as pool:
        return sum(pool.imap_unordered(_one, tasks))

