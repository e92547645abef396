"""The one compiler of dossier KPI definitions (data/dossiers.yaml) into SQL.

`cube_sql` gives one statement that DuckDB and Spark SQL both run unchanged over a relation
named `dossiers` (the Parquet dataset, with its partition column `received_month`): per month,
place, receiving unit, commune, sector and procedure, each KPI's numerator and denominator. A
dossier is counted in the month of its KPI's `period_by` time: received-based KPIs in the month
it was received, settled-based ones in the month it was settled, so one dossier can count in
two months (received in March, settled in April). Every level (unit, commune, province,
ministry, nation) is a sum over this cube, so the rule lives here only.

Only what the validated catalogue holds becomes SQL text (field names, codes, ops); months are
integers. Portable on purpose: CASE, COALESCE, year(), month(), IN, MAX, SUM.
"""
from __future__ import annotations

import re

from metrics.dossier_kpis import ANCHORS, Condition, DossierKpi

DIMENSIONS = ("entity_id", "unit_id", "commune_id", "sector", "procedure_code")
LABELS = ("unit_name", "unit_kind", "procedure_name")  # carried along (one per id)
_SAFE = re.compile(r"^[\w\- .]*$")
_OPS = {"=": "=", "<>": "<>", "<": "<", "<=": "<=", ">": ">", ">=": ">="}


def _literal(value) -> str:
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        return repr(value)
    text = str(value)
    if not _SAFE.match(text):
        raise ValueError(f"'{text}' cannot be a constant of a dossier KPI")
    return "'" + text + "'"


def _condition_sql(c: Condition) -> str:
    if c.op == "true":
        return f"COALESCE({c.field}, FALSE)"
    if c.op == "false":
        return f"NOT COALESCE({c.field}, TRUE)"
    if c.op == "is_null":
        return f"{c.field} IS NULL"
    if c.op == "not_null":
        return f"{c.field} IS NOT NULL"
    if c.op in ("in", "not_in"):
        items = ", ".join(_literal(v) for v in c.value)
        return f"COALESCE({c.field} {'NOT IN' if c.op == 'not_in' else 'IN'} ({items}), FALSE)"
    right = c.other_field if c.other_field else _literal(c.value)
    return f"COALESCE({c.field} {_OPS[c.op]} {right}, FALSE)"


def _all(conditions) -> str:
    return " AND ".join(_condition_sql(c) for c in conditions) or "TRUE"


def _month_key(column: str) -> str:
    return f"(year({column}) * 100 + month({column}))"


def _month_text(month: int) -> str:
    return f"'{month // 100:04d}-{month % 100:02d}'"


def _leg(anchor: str, kpis: list[DossierKpi], months: list[int] | None, source: str) -> str:
    cols = []
    for k in kpis:
        if k.period_by == anchor:
            den = _all(k.denominator)
            cols.append(f"CASE WHEN {den} AND {_all(k.numerator)} THEN 1 ELSE 0 END AS {k.metric}__num")
            cols.append(f"CASE WHEN {den} THEN 1 ELSE 0 END AS {k.metric}__den")
        else:
            cols += [f"0 AS {k.metric}__num", f"0 AS {k.metric}__den"]
    where = [f"{anchor} IS NOT NULL"]
    if months:
        where.append(f"{_month_key(anchor)} IN ({', '.join(str(int(m)) for m in months)})")
        # files are partitioned by the month received: nothing received after the last month
        # asked for can count in it, and received-based KPIs read their months' files only
        if anchor == "received_at":
            where.append(f"received_month IN ({', '.join(_month_text(int(m)) for m in months)})")
        else:
            where.append(f"received_month <= {_month_text(max(int(m) for m in months))}")
    return (f"SELECT {_month_key(anchor)} AS period_month, {', '.join(DIMENSIONS + LABELS)},\n"
            f"       CASE WHEN batch_id = 'demo' THEN 1 ELSE 0 END AS demo, batch_id,\n       "
            + ",\n       ".join(cols) + f"\n  FROM {source}\n WHERE " + " AND ".join(where))


def cube_sql(kpis: list[DossierKpi], months: list[int] | None = None, source: str = "dossiers") -> str:
    """One statement: per period_month (yyyymm), entity_id, unit_id, commune_id, sector,
    procedure_code and demo (1 when the cell's records are demo records), the labels (unit_name,
    unit_kind, procedure_name), the latest batch_id, and for every KPI `<metric>__num` and
    `<metric>__den` (counts of dossiers). `months` (yyyymm integers) limits it to those months."""
    if not kpis:
        raise ValueError("no dossier KPI to compile")
    anchors = [a for a in ANCHORS if any(k.period_by == a for k in kpis)]
    legs = "\n UNION ALL\n".join(_leg(a, kpis, months, source) for a in anchors)
    sums = ",\n       ".join(f"SUM({k.metric}__{p}) AS {k.metric}__{p}" for k in kpis for p in ("num", "den"))
    labels = ", ".join(f"MAX({c}) AS {c}" for c in LABELS)
    keys = ", ".join(("period_month",) + DIMENSIONS + ("demo",))
    return (f"SELECT {keys}, {labels}, MAX(batch_id) AS batch_id,\n       {sums}\n"
            f"FROM (\n{legs}\n) d\nGROUP BY {keys}")


def cube_columns(kpis: list[DossierKpi]) -> list[str]:
    """The columns cube_sql returns, in order."""
    return (["period_month", *DIMENSIONS, "demo", *LABELS, "batch_id"]
            + [f"{k.metric}__{p}" for k in kpis for p in ("num", "den")])
