"""The monthly KPIs of the dossier records, written into the store.

`refresh` runs the one compiled statement (store/dossiers/compile.py) over a version of the
dataset with an engine (DuckDB here, the same text on Spark) and keeps its cube in the table
`dossier_cube`: counts per month, place, unit, commune, sector and procedure. From the cube it
writes the observations of provinces, ministries and communes, for every month asked (a new
month: that month and those its records touched), replacing the demo figures of the same place
and month; published figures stay. Records-based figures have status 'records', source
'records' and the batch that last changed them; figures from the demo records stay 'demo' with
a note. Units and the nation are in the view kpi_dossier_values (the pages' national figure
is rolled up from the places, the same sum). Run on a writable copy, inside its transaction.
"""
from __future__ import annotations

from pathlib import Path

from metrics import catalogue
from store.dossiers import dataset
from store.dossiers.compile import DIMENSIONS, LABELS, cube_sql

DEMO_NOTE = "Tính từ hồ sơ minh họa (demo records)"
RECORDS_NOTE = "Tính từ hồ sơ (computed from records)"
LEVELS = {  # level -> (the id column of the cube, a filter)
    "unit": ("unit_id", "TRUE"),
    "commune": ("commune_id", "commune_id IS NOT NULL"),
    "place": ("entity_id", "TRUE"),
    "nation": ("'vn'", "TRUE"),
}


def kpi_list():
    return list(catalogue.dossier_kpis().values())


def cube_ddl() -> str:
    counts = ", ".join(f"{k.metric}__{p} BIGINT" for k in kpi_list() for p in ("num", "den"))
    dims = ", ".join(f"{c} VARCHAR" for c in DIMENSIONS + LABELS)
    return (f"CREATE TABLE IF NOT EXISTS dossier_cube (period VARCHAR NOT NULL, period_month INTEGER NOT NULL, "
            f"{dims}, demo BOOLEAN NOT NULL, batch_id VARCHAR, {counts})")


SETUP = [
    cube_ddl,
    lambda: """CREATE TABLE IF NOT EXISTS dossier_batches (
        batch_id TEXT PRIMARY KEY, origin TEXT NOT NULL, name TEXT NOT NULL, sha256 TEXT,
        imported_by TEXT, imported_at TIMESTAMP NOT NULL, records INTEGER NOT NULL, added INTEGER NOT NULL,
        changed INTEGER NOT NULL, same INTEGER NOT NULL, older INTEGER NOT NULL, months TEXT, version TEXT NOT NULL)""",
    lambda: """CREATE TABLE IF NOT EXISTS dossier_sync (
        source TEXT PRIMARY KEY, watermark TIMESTAMP, last_batch TEXT, synced_at TIMESTAMP NOT NULL)""",
]


def ensure_tables(con) -> None:
    for ddl in SETUP:
        con.execute(ddl())


def _months_filter(months: list[int] | None, column: str = "period_month") -> str:
    return "TRUE" if months is None else f"{column} IN ({', '.join(str(int(m)) for m in months) or 'NULL'})"


def refresh_cube(con, version: Path | None, months: list[int] | None = None) -> int:
    """Rewrite dossier_cube for `months` (yyyymm; None: all) from the records of `version`
    with DuckDB on `con`; the cells written."""
    ensure_tables(con)
    con.execute(f"CREATE OR REPLACE TEMP VIEW dossiers AS SELECT * FROM {dataset.relation_sql(version)}")
    con.execute(f"DELETE FROM dossier_cube WHERE {_months_filter(months)}")
    if not dataset.has_files(version):
        return 0
    statement = cube_sql(kpi_list(), months)
    return con.execute(f"""INSERT INTO dossier_cube BY NAME
        SELECT printf('%04d-%02d', period_month // 100, period_month % 100) AS period,
               * REPLACE (demo = 1 AS demo) FROM ({statement})""").fetchone()[0]


def _long(months: list[int] | None) -> str:
    """The cube, one row per cell and KPI that counts in it (so that a month's status, demo or
    records, comes from the dossiers each KPI counts)."""
    parts = [f"""SELECT period, entity_id, unit_id, commune_id, demo, batch_id, '{k.metric}' AS metric_id,
                        {k.metric}__num AS num, {k.metric}__den AS den FROM dossier_cube
                 WHERE {_months_filter(months)} AND {k.metric}__den > 0"""
             for k in kpi_list()]
    return "\nUNION ALL\n".join(parts)


def values_sql(months: list[int] | None = None) -> str:
    """level, place_id, metric_id, period, numerator, denominator, value (pct), demo, batch_id:
    every KPI per unit, commune, place (province or ministry) and the nation."""
    legs = [f"""SELECT '{level}' AS level, {column} AS place_id, metric_id, period, sum(num) AS numerator,
                       sum(den) AS denominator, CASE WHEN sum(den) > 0 THEN 100.0 * sum(num) / sum(den) END AS value,
                       bool_or(demo) AS demo, max(batch_id) AS batch_id
                FROM long WHERE {where} GROUP BY ALL"""
            for level, (column, where) in LEVELS.items()]
    return f"WITH long AS ({_long(months)})\n" + "\nUNION ALL\n".join(legs)


def observation_rows(con, months: list[int] | None = None) -> None:
    """TEMP TABLE dossier_obs: the cube's figures of `months` for the places and communes the
    store knows, as observation rows."""
    con.execute(f"""CREATE OR REPLACE TEMP TABLE dossier_obs AS
        SELECT v.place_id AS entity_id, v.metric_id, '' AS dimension_id, v.period, 'month' AS grain,
               CAST(v.period || '-01' AS DATE) AS period_start, v.value, v.numerator, v.denominator,
               CASE WHEN v.demo THEN 'demo' ELSE 'records' END AS status,
               CASE WHEN v.demo THEN 'demo' ELSE 'records' END AS source_id,
               CASE WHEN v.demo THEN '{DEMO_NOTE}' ELSE '{RECORDS_NOTE}' END AS note,
               CASE WHEN v.demo THEN NULL ELSE v.batch_id END AS batch_id
        FROM ({values_sql(months)}) v JOIN entities e ON e.entity_id = v.place_id
        WHERE v.level IN ('place', 'commune') AND v.denominator > 0
          AND e.valid_from <= CAST(v.period || '-01' AS DATE) AND e.valid_to >= CAST(v.period || '-01' AS DATE)""")


def write_observations(con, months: list[int] | None = None) -> int:
    """Replace the observations of the KPI metrics for `months` with the cube's figures of the
    places and communes the store knows (published figures stay); the observations written."""
    metrics = [k.metric for k in kpi_list()]
    periods = "TRUE" if months is None else "o.period IN (" + (", ".join(
        f"'{m // 100:04d}-{m % 100:02d}'" for m in months) or "NULL") + ")"
    observation_rows(con, months)
    # two statements, not one with OR EXISTS, so that DuckDB joins instead of looping
    con.execute(f"""DELETE FROM observations o WHERE list_contains($metrics, o.metric_id) AND o.grain = 'month'
        AND {periods} AND o.note IN ('{DEMO_NOTE}', '{RECORDS_NOTE}')""", {"metrics": metrics})
    con.execute("""DELETE FROM observations o USING dossier_obs d
        WHERE d.entity_id = o.entity_id AND d.metric_id = o.metric_id AND d.period = o.period
          AND o.dimension_id = '' AND o.status <> 'published'""")
    return con.execute("""INSERT INTO observations BY NAME SELECT * FROM dossier_obs d
        WHERE NOT EXISTS (SELECT 1 FROM observations o WHERE o.entity_id = d.entity_id AND o.metric_id = d.metric_id
                          AND o.dimension_id = '' AND o.period = d.period)""").fetchone()[0]


def create_views(con, version: Path | None) -> None:
    """kpi_dossiers (the records of the store's version) and kpi_dossier_values (every level)."""
    ensure_tables(con)
    con.execute(f"CREATE OR REPLACE VIEW kpi_dossiers AS SELECT * FROM {dataset.relation_sql(version)}")
    con.execute(f"CREATE OR REPLACE VIEW kpi_dossier_values AS {values_sql(None)}")
