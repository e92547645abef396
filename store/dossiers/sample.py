"""Demo records for a store: the default store's small sample, or any places and months (the
benchmark's national year), written partition by partition into a dataset version."""
from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

import pandas as pd

from metrics.periods import Period, month_range
from store.dossiers import generate
from store.dossiers.places import units_of

RATES_SQL = """
SELECT o.entity_id, e.entity_kind, COALESCE(e.code, e.abbr, o.entity_id) AS code, e.parent_id,
       o.metric_id, o.period, o.value / 100.0 AS rate, o.denominator
FROM observations o JOIN entities e USING (entity_id)
WHERE list_contains($metrics, o.metric_id) AND o.grain = 'month' AND list_contains($periods, o.period)
  AND list_contains($entities, o.entity_id)
"""


def months_back(until: Period, n: int) -> list[Period]:
    return month_range(until.shift(-(n - 1)).start, until.start)


def snapshot_of(until: Period) -> datetime:
    """The moment the demo records were last synced: the end of the last month."""
    return datetime.combine(until.end, time(23, 59))


def write_demo(con, version: Path, entities: list[str], months: list[Period], scale: float,
               snapshot: datetime, skip: set[tuple[str, str]] = frozenset()) -> int:
    """Write the demo records of `entities` (provinces and ministries ids) for `months` into
    `version`, from the demo rates of the observations on `con`; partitions in `skip`
    ((month, entity) holding real records) are left out. The records written."""
    cfg = generate.config()
    rates = con.execute(RATES_SQL, {"metrics": list(generate.RATES), "periods": [p.key for p in months],
                                    "entities": entities}).df()
    if rates.empty:
        return 0
    places = rates[rates.entity_id.isin(entities)]
    total = 0
    for (entity_id, period), rows in places.groupby(["entity_id", "period"], sort=True):
        if (period, entity_id) in skip:
            continue
        first = rows.iloc[0]
        received = rows[rows.metric_id == "dossiers_online"].denominator
        if received.empty or pd.isna(received.iloc[0]):
            continue
        n = int(round(float(received.iloc[0]) * scale))
        if n <= 0:
            continue
        start = datetime.strptime(period + "-01", "%Y-%m-%d")
        units = units_of(entity_id, first.entity_kind, str(first.code), date(start.year, start.month, 1), cfg)
        table = generate.partition(entity_id, start, n, dict(zip(rows.metric_id, rows.rate)), units, snapshot)
        generate.write_partition(version, entity_id, start, table)
        total += n
    return total
