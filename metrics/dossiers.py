"""The "Hồ sơ" page's questions, answered from the dossier records of the store's version: the
KPI cube (dossier_cube) for rates by unit, commune, sector and procedure, and the records
themselves (kpi_dossiers) for processing times and the dossiers overdue now. Read-only.

A scope is a place (a province or ministry; in the 2025 map with its former units' records) or
a commune, and a list of months. Rates are sum(numerator) / sum(denominator) of the cube.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from metrics import catalogue

BREAKDOWNS = {  # by -> (the cube's id column, its label column)
    "unit": ("unit_id", "unit_name"),
    "commune": ("commune_id", "commune_id"),
    "sector": ("sector", "sector"),
    "procedure": ("procedure_code", "procedure_name"),
}
# Processing time buckets (days from received to settled), upper bounds
BUCKETS = (1, 3, 7, 15, 30, 60)
PAGE_SIZE = 50


@dataclass(frozen=True)
class Scope:
    places: tuple[str, ...]          # entity ids whose records count (a place and its former units)
    commune: str | None
    periods: tuple[str, ...]         # 'YYYY-MM'

    def where(self, prefix: str = "") -> tuple[str, dict]:
        """A WHERE clause on the cube or the records, and its bound parameters."""
        names = [f"p{i}" for i in range(len(self.places))]
        # an IN list of bound values (not list_contains) so that DuckDB skips other places' files
        clause = f"{prefix}entity_id IN ({', '.join('$' + n for n in names) or 'NULL'})"
        params = dict(zip(names, self.places))
        if self.commune:
            clause += f" AND {prefix}commune_id = $commune"
            params["commune"] = self.commune
        return clause, params


def has_records(store) -> bool:
    return store.scalar("SELECT count(*) FROM store_info WHERE key = 'dossier_version'") > 0


def snapshot(store) -> datetime | None:
    """When the records were last updated (a sync's watermark, the demo's end of month)."""
    value = store.scalar("SELECT value FROM store_info WHERE key = 'dossier_snapshot'")
    return datetime.fromisoformat(value) if value else None


def places(store) -> pd.DataFrame:
    """entity_id, entity_kind, name_vi, name_en, successor_id, parent_id: every province,
    ministry and commune that has records, with the unit it became (2025 map)."""
    return store.query("""
        WITH ids AS (SELECT DISTINCT entity_id FROM dossier_cube
                     UNION SELECT DISTINCT commune_id FROM dossier_cube WHERE commune_id IS NOT NULL)
        SELECT e.entity_id, e.entity_kind, e.name_vi, e.name_en, s.successor_id, e.parent_id
        FROM ids JOIN entities e USING (entity_id) JOIN entity_successor s USING (entity_id)
        ORDER BY e.entity_kind, e.name_vi""")


def place_options(store, kind: str, boundary: str, lang: str) -> pd.DataFrame:
    """option_id, name, places (tuple of entity ids whose records count), commune: what the
    page offers for `kind` (province, ministry, commune) in the `boundary` map ('2025': a merged
    province with its former provinces' records, under its 2025 name)."""
    frame = places(store)
    name = frame.name_en if lang == "en" else frame.name_vi
    frame = frame.assign(name=name)
    if kind == "commune":
        mine = frame[frame.entity_kind == "commune"]
        parents = dict(zip(frame.entity_id, frame.name))
        return pd.DataFrame({"option_id": mine.entity_id,
                             "name": [f"{n} ({parents.get(p, p)})" for n, p in zip(mine.name, mine.parent_id)],
                             "places": [(p,) for p in mine.parent_id], "commune": mine.entity_id}).reset_index(drop=True)
    mine = frame[frame.entity_kind == kind]
    if boundary != "2025":
        return pd.DataFrame({"option_id": mine.entity_id, "name": mine.name,
                             "places": [(e,) for e in mine.entity_id], "commune": None}).reset_index(drop=True)
    names = store.query("SELECT entity_id, name_vi, name_en FROM entities")
    names = dict(zip(names.entity_id, names.name_en if lang == "en" else names.name_vi))
    groups = mine.groupby("successor_id").entity_id.apply(lambda ids: tuple(sorted(ids)))
    return pd.DataFrame({"option_id": groups.index, "name": [names.get(i, i) for i in groups.index],
                         "places": list(groups), "commune": None}).sort_values("name", ignore_index=True)


def months(store) -> list[str]:
    """The months the records cover, newest first."""
    return list(store.query("SELECT DISTINCT period FROM dossier_cube ORDER BY period DESC").period)


def _sums() -> str:
    return ", ".join(f"sum({k.metric}__{p}) AS {k.metric}__{p}" for k in catalogue.dossier_kpis().values()
                     for p in ("num", "den"))


def latest_batch(store) -> dict | None:
    """batch_id, name, imported_at of the last batch of records taken (None: demo records only)."""
    frame = store.query("""SELECT batch_id, name, imported_at FROM dossier_batches
                           ORDER BY imported_at DESC, batch_id DESC LIMIT 1""")
    return None if frame.empty else frame.iloc[0].to_dict()


def headline(store, places, commune, periods) -> pd.DataFrame:
    """metric_id, numerator, denominator, value (pct), demo: every dossier KPI of the scope."""
    scope = Scope(tuple(places), commune, tuple(periods))
    where, params = scope.where()
    row = store.query(f"""SELECT {_sums()}, bool_or(demo) AS demo FROM dossier_cube
                          WHERE {where} AND list_contains($periods, period)""",
                      params | {"periods": list(scope.periods)})
    out = []
    for k in catalogue.dossier_kpis():
        num, den = row[f"{k}__num"].iloc[0], row[f"{k}__den"].iloc[0]
        out.append(dict(metric_id=k, numerator=num, denominator=den,
                        value=100.0 * num / den if pd.notna(den) and den else None, demo=row.demo.iloc[0]))
    return pd.DataFrame(out)


def breakdown(store, places, commune, periods, by: str, metric_id: str) -> pd.DataFrame:
    """group_id, label, numerator, denominator, value (pct), demo: `metric_id` per unit,
    commune, sector or procedure of the scope, the worst first (fewest dossiers last on ties)."""
    scope = Scope(tuple(places), commune, tuple(periods))
    key, label = BREAKDOWNS[by]
    if metric_id not in catalogue.dossier_kpis():
        raise KeyError(f"{metric_id} is not computed from dossier records")
    where, params = scope.where("c.")
    join = "LEFT JOIN entities e ON e.entity_id = c.commune_id" if by == "commune" else ""
    name = "max(e.name_vi)" if by == "commune" else f"max(c.{label})"
    frame = store.query(f"""
        SELECT c.{key} AS group_id, {name} AS label, sum(c.{metric_id}__num) AS numerator,
               sum(c.{metric_id}__den) AS denominator, bool_or(c.demo) AS demo
        FROM dossier_cube c {join}
        WHERE {where} AND list_contains($periods, c.period) AND c.{key} IS NOT NULL
        GROUP BY c.{key} HAVING sum(c.{metric_id}__den) > 0""", params | {"periods": list(scope.periods)})
    frame["value"] = 100.0 * frame.numerator / frame.denominator
    higher = catalogue.get(metric_id).higher_is_better
    return frame.sort_values(["value", "denominator"], ascending=[higher, False], ignore_index=True)


def _bounds(scope: Scope) -> dict:
    first = datetime.strptime(min(scope.periods) + "-01", "%Y-%m-%d")
    last = datetime.strptime(max(scope.periods) + "-01", "%Y-%m-%d")
    end = datetime(last.year + last.month // 12, last.month % 12 + 1, 1)
    return {"start": first, "end": end, "last_month": max(scope.periods)}


def processing_times(store, places, commune, periods) -> pd.DataFrame:
    """bucket (0..len(BUCKETS): days from received to settled, up to BUCKETS[i]), on_time,
    dossiers: the dossiers of the scope settled in its months."""
    scope = Scope(tuple(places), commune, tuple(periods))
    where, params = scope.where()
    cases = " ".join(f"WHEN days <= {b} THEN {i}" for i, b in enumerate(BUCKETS))
    return store.query(f"""
        SELECT CASE {cases} ELSE {len(BUCKETS)} END AS bucket, on_time, count(*) AS dossiers
        FROM (SELECT date_diff('minute', received_at, finished_at) / 1440.0 AS days,
                     finished_at <= due_at AS on_time
              FROM kpi_dossiers
              WHERE {where} AND status = 'finished' AND finished_at >= $start AND finished_at < $end
                AND received_month <= $last_month)
        GROUP BY ALL ORDER BY ALL""", params | _bounds(scope))


OVERDUE_FILTERS = ("unit_id", "sector", "procedure_code")


def _overdue_where(scope: Scope, now: datetime, filters: dict[str, str]) -> tuple[str, dict]:
    where, params = scope.where()
    where += " AND status = 'processing' AND due_at < $now"
    params["now"] = now
    for column in OVERDUE_FILTERS:
        if filters.get(column):
            where += f" AND {column} = ${column}"
            params[column] = filters[column]
    return where, params


def overdue_options(store, places, commune, now: datetime) -> pd.DataFrame:
    """unit_id, unit_name, sector, procedure_code, procedure_name, dossiers: what the overdue
    dossiers of the place can be filtered by."""
    where, params = _overdue_where(Scope(tuple(places), commune, ()), now, {})
    return store.query(f"""SELECT unit_id, max(unit_name) AS unit_name, sector, procedure_code,
                                  max(procedure_name) AS procedure_name, count(*) AS dossiers
                           FROM kpi_dossiers WHERE {where} GROUP BY unit_id, sector, procedure_code""", params)


def overdue(store, places, commune, now: datetime, unit_id: str = "", sector: str = "",
            procedure_code: str = "", page: int = 0, page_size: int | None = PAGE_SIZE) -> tuple[pd.DataFrame, int]:
    """The dossiers of the place still being handled after their due time at `now`, the most
    overdue first: dossier_id, unit_name, commune (name), procedure_name, sector, channel,
    received_at, due_at, days_overdue; and how many there are in all. page_size None: all."""
    filters = {"unit_id": unit_id, "sector": sector, "procedure_code": procedure_code}
    where, params = _overdue_where(Scope(tuple(places), commune, ()), now, filters)
    total = int(store.scalar(f"SELECT count(*) FROM kpi_dossiers WHERE {where}", params))
    limit = "" if page_size is None else f"LIMIT {int(page_size)} OFFSET {int(page) * int(page_size)}"
    rows = store.query(f"""
        SELECT d.dossier_id, d.unit_name, e.name_vi AS commune, d.procedure_name, d.sector, d.channel,
               d.received_at, d.due_at, date_diff('minute', d.due_at, $now) / 1440.0 AS days_overdue
        FROM (SELECT * FROM kpi_dossiers WHERE {where} ORDER BY due_at, dossier_id {limit}) d
        LEFT JOIN entities e ON e.entity_id = d.commune_id
        ORDER BY d.due_at, d.dossier_id""", params)
    return rows, total


def definitions(store, lang: str) -> pd.DataFrame:
    """metric_id, label, period_by (the field's label), denominator, numerator (conditions in
    words, 'mọi hồ sơ' when none), source: how each dossier KPI is counted (data/dossiers.yaml)."""
    from metrics.dossier_kpis import describe

    fields = catalogue.dossier_fields()
    every = "every dossier" if lang == "en" else "mọi hồ sơ"
    rows = []
    for k in catalogue.dossier_kpis().values():
        m = catalogue.get(k.metric)
        den = "; ".join(describe(c, fields, lang) for c in k.denominator) or every
        num = "; ".join(describe(c, fields, lang) for c in k.numerator)
        rows.append(dict(metric_id=k.metric, label=m.label(lang), period_by=fields[k.period_by].label(lang),
                         denominator=den, numerator=num, source=m.source, description=m.description(lang)))
    return pd.DataFrame(rows)
