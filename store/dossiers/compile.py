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

from metrics.dossier_kpis import Condition, DossierKpi

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


def _timestamp(month: int) -> str:
    return f"TIMESTAMP '{month // 100:04d}-{month % 100:02d}-01 00:00:00'"


def _month_text(month: int) -> str:
    return f"'{month // 100:04d}-{month % 100:02d}'"


def _sum(k: DossierKpi, part: str) -> str:
    den = _all(k.denominator)
    cond = f"{den} AND {_all(k.numerator)}" if part == "num" else den
    return f"SUM(CASE WHEN {cond} THEN 1 ELSE 0 END) AS {k.metric}__{part}"


def cube_sql(kpis: list[DossierKpi], months: list[int] | None = None, source: str = "dossiers") -> str:
    """One statement: per period_month (yyyymm), entity_id, unit_id, commune_id, sector,
    procedure_code and demo (1 when the cell's records are demo records), the labels (unit_name,
    unit_kind, procedure_name), the latest batch_id, and for every KPI `<metric>__num` and
    `<metric>__den` (counts of dossiers). `months` (yyyymm integers) limits it to those months.

    One pass over the records counts every KPI per month received *and* month settled (a few
    settled months per received month); each KPI then takes the month of its own period_by from
    that small table. A unit belongs to one commune and a procedure to one sector, so they are
    carried (MAX) rather than grouped on."""
    if not kpis:
        raise ValueError("no dossier KPI to compile")
    received, finished = _month_key("received_at"), _month_key("finished_at")
    carried = ", ".join(f"MAX({c}) AS {c}" for c in ("commune_id", "sector") + LABELS + ("batch_id",))
    head = (f"SELECT {received} AS rm, {finished} AS fm, entity_id, unit_id, procedure_code,\n"
            f"       CASE WHEN batch_id = 'demo' THEN 1 ELSE 0 END AS demo, {carried},\n       "
            + ",\n       ".join(_sum(k, p) for k in kpis for p in ("num", "den")) + f"\n  FROM {source}\n WHERE ")
    group = "\n GROUP BY 1, 2, 3, 4, 5, 6"
    if not months:
        base = head + "received_at IS NOT NULL" + group
    else:
        # the months' own files (partitioned by the month received), and from the files before
        # them only the dossiers settled in the months: a range on finished_at lets the engine
        # skip the row groups whose settled times all fall outside it
        listed = ", ".join(str(int(m)) for m in months)
        texts = ", ".join(_month_text(int(m)) for m in months)
        first, last = min(int(m) for m in months), max(int(m) for m in months)
        after = last + 1 if last % 100 < 12 else (last // 100 + 1) * 100 + 1
        base = (head + f"received_at IS NOT NULL AND received_month IN ({texts})" + group
                + "\n UNION ALL\n" + head
                + f"finished_at >= {_timestamp(first)} AND finished_at < {_timestamp(after)}"
                + f" AND {finished} IN ({listed}) AND received_month NOT IN ({texts})"
                + f" AND received_month < {_month_text(last)}" + group)
    legs = []
    for anchor, column in (("received_at", "rm"), ("finished_at", "fm")):
        if not any(k.period_by == anchor for k in kpis):
            continue
        cols = [f"SUM({k.metric}__{p}) AS {k.metric}__{p}" if k.period_by == anchor else f"0 AS {k.metric}__{p}"
                for k in kpis for p in ("num", "den")]
        filt = f"{column} IS NOT NULL" + (f" AND {column} IN ({', '.join(str(int(m)) for m in months)})" if months else "")
        legs.append(f"SELECT {column} AS period_month, {', '.join(DIMENSIONS)}, demo, "
                    + ", ".join(f"MAX({c}) AS {c}" for c in LABELS + ("batch_id",)) + ",\n       "
                    + ", ".join(cols) + f"\n  FROM base WHERE {filt}\n GROUP BY {column}, {', '.join(DIMENSIONS)}, demo")
    sums = ",\n       ".join(f"SUM({k.metric}__{p}) AS {k.metric}__{p}" for k in kpis for p in ("num", "den"))
    labels = ", ".join(f"MAX({c}) AS {c}" for c in LABELS)
    keys = ", ".join(("period_month",) + DIMENSIONS + ("demo",))
    return (f"WITH base AS (\n{base}\n)\nSELECT {keys}, {labels}, MAX(batch_id) AS batch_id,\n       {sums}\n"
            f"FROM (\n" + "\n UNION ALL\n".join(legs) + f"\n) d\nGROUP BY {keys}")


def cube_columns(kpis: list[DossierKpi]) -> list[str]:
    """The columns cube_sql returns, in order."""
    return (["period_month", *DIMENSIONS, "demo", *LABELS, "batch_id"]
            + [f"{k.metric}__{p}" for k in kpis for p in ("num", "den")])
