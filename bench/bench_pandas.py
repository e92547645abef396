"""The metrics layer's questions answered twice: by DuckDB through the metrics layer (the floor a
page cannot beat) and by pandas from the store's tables loaded once (what an analyst would
otherwise do), with the ratio of the two times and a check that both give the same answer.

The pandas side reproduces the metrics layer's rules from the raw observations: months rolled up to the
grain asked for (flows add up numerators and denominators, scores average, stocks take the last),
a figure given directly at that grain winning over the roll-up, and in the 2025 map the former
units added up into the unit they became (ratios as sum of numerators over sum of denominators).

Prints; asserts nothing. `python -m bench.bench_pandas [--store PATH]`.
"""
from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import numpy as np
import pandas as pd

from bench.pandas_answers import RANK_DECIMALS, TOLERANCE, Tables, aggregates, commune_ranking, load_tables, ranking, values


def _commune_ranking_sql(ratio: bool, higher: bool) -> str:
    value = "CASE WHEN denominator > 0 THEN 100.0 * numerator / denominator ELSE value END" if ratio else "value"
    return f"""
    WITH v AS (
        SELECT o.entity_id, e.name_vi AS entity_name, {value} AS value
        FROM observations o JOIN entities e USING (entity_id)
        WHERE o.metric_id = $metric AND o.dimension_id = '' AND o.period = $period
          AND e.entity_kind = 'commune' AND e.parent_id = $province
    )
    SELECT entity_id, entity_name, value,
           rank() OVER (ORDER BY round(value, {RANK_DECIMALS}) {"DESC" if higher else "ASC"}) AS rank
    FROM v WHERE value IS NOT NULL ORDER BY rank, entity_name
    """


def _commune_case(tables: Tables) -> tuple[str, str, str] | None:
    """(metric, last month, province with the most communes that have a figure), or None when the
    store carries no communes."""
    ent = tables.entities
    if "parent_id" not in ent.columns or not ent.entity_kind.eq("commune").any():
        return None
    communes = ent[ent.entity_kind == "commune"]
    obs = tables.observations
    obs = obs[obs.entity_id.isin(communes.entity_id) & (obs.grain == "month") & (obs.dimension_id == "")]
    if obs.empty:
        return None
    metric_counts = obs.metric_id.value_counts()
    metric_id = "dossiers_online" if "dossiers_online" in metric_counts else metric_counts.index[0]
    obs = obs[obs.metric_id == metric_id]
    period = obs.period.max()
    figured = obs.loc[obs.period == period, ["entity_id"]].merge(communes[["entity_id", "parent_id"]])
    return metric_id, period, figured.parent_id.value_counts().index[0]


# --- timing and comparing -------------------------------------------------------------------------

def _timed(fn, runs: int) -> tuple[pd.DataFrame, float]:
    """The answer of a first (warm-up) call, and the median time of `runs` calls after it."""
    answer = fn()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return answer, statistics.median(times)


def _as_float(column: pd.Series) -> np.ndarray:
    return pd.to_numeric(column).astype("Float64").to_numpy(dtype=float, na_value=np.nan)


def _same(ours: pd.DataFrame, theirs: pd.DataFrame, keys: list[str], columns: list[str]) -> bool:
    """Same rows (by keys), numbers within TOLERANCE, everything else equal."""
    if len(ours) != len(theirs):
        return False
    a = ours.sort_values(keys).reset_index(drop=True)
    b = theirs.sort_values(keys).reset_index(drop=True)
    for col in keys + columns:
        x, y = a[col], b[col]
        if pd.api.types.is_numeric_dtype(x) or pd.api.types.is_bool_dtype(x):
            if not np.allclose(_as_float(x), _as_float(y), rtol=0, atol=TOLERANCE, equal_nan=True):
                return False
        elif not x.astype(object).where(x.notna(), None).equals(y.astype(object).where(y.notna(), None)):
            return False
    return True


def compare(store_path: Path, runs: int = 7) -> list[dict]:
    """One dict per question: question, duckdb_ms, pandas_ms, ratio (pandas / DuckDB), same,
    rows, and load_ms (loading the tables into pandas once, not in pandas_ms; the same in every
    dict). Medians over `runs` calls, each side after one warm-up call."""
    from metrics.db import Store
    from metrics.rankings import ranking as layer_ranking
    from metrics.values import aggregate_values, entity_values

    started = time.perf_counter()
    tables = load_tables(store_path)  # before the Store attaches the file: one reader at a time here
    load_ms = (time.perf_counter() - started) * 1000
    store = Store(store_path)
    value_cols = ["value", "numerator", "denominator", "status", "estimated", "parts", "parts_expected"]
    # sources are compared by status (published or demo), not as the list the store keeps of them
    agg_cols = ["value", "numerator", "denominator", "places", "status", "estimated"]
    questions = [
        ("34 provinces ranked, dossiers online 2026-10 (2025 map)",
         lambda: layer_ranking(store, "dossiers_online", "2026-10", "province", "2025"),
         lambda: ranking(tables, "dossiers_online", "2026-10", "province", "2025"),
         ["entity_id"], ["rank", "region_rank", "value", "previous_value", "previous_rank", "rank_change"]),
        ("every province, every year, dossiers online rolled up from months (2025 map)",
         lambda: entity_values(store, "dossiers_online", "year", "2025", "province"),
         lambda: values(tables, "dossiers_online", "year", "2025", "province"),
         ["entity_id", "period"], ["entity_name", "region_id"] + value_cols),
        ("national monthly series, dossiers online",
         lambda: aggregate_values(store, "dossiers_online", "province", "nation", "month"),
         lambda: aggregates(tables, "dossiers_online", "province", "nation", "month"),
         ["group_id", "period"], agg_cols),
        ("regional yearly averages, PAR INDEX (map of the time)",
         lambda: aggregate_values(store, "par_index", "province", "region", "year", "time"),
         lambda: aggregates(tables, "par_index", "province", "region", "year", "time"),
         ["group_id", "period"], agg_cols),
    ]
    case = _commune_case(tables)
    if case is not None:
        metric_id, period, province = case
        metric = tables.metrics.loc[metric_id]
        statement = _commune_ranking_sql(metric.kind == "ratio", metric.direction == "higher")
        params = {"metric": metric_id, "period": period, "province": province}
        name = tables.entities.set_index("entity_id").name_vi[province]
        questions.append((
            f"communes of {name} ranked, {metric_id.replace('_', ' ')} {period}",
            lambda: store.query(statement, params),
            lambda: commune_ranking(tables, metric_id, period, province),
            ["entity_id"], ["entity_name", "value", "rank"]))
    results = []
    try:
        for question, by_duckdb, by_pandas, keys, columns in questions:
            theirs, duckdb_ms = _timed(by_duckdb, runs)
            ours, pandas_ms = _timed(by_pandas, runs)
            results.append({"question": question, "duckdb_ms": duckdb_ms, "pandas_ms": pandas_ms,
                            "ratio": pandas_ms / duckdb_ms, "same": _same(ours, theirs, keys, columns),
                            "rows": len(theirs), "load_ms": load_ms})
    finally:
        store.close()
    return results


def main() -> None:
    from metrics.paths import store_path

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=store_path())
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    results = compare(args.store, args.runs)
    print(f"queries alone in DuckDB vs the same answers in pandas ({args.store}, medians of {args.runs})")
    if results:
        print(f"  loading observations, entities, lineage, metrics into pandas (once): {results[0]['load_ms']:.0f} ms")
    print(f"  {'question':<80} {'DuckDB ms':>9} {'pandas ms':>9} {'ratio':>6} {'same':>5} {'rows':>5}")
    for r in results:
        print(f"  {r['question']:<80} {r['duckdb_ms']:>9.1f} {r['pandas_ms']:>9.1f} {r['ratio']:>6.2f}"
              f" {'yes' if r['same'] else 'NO':>5} {r['rows']:>5}")


if __name__ == "__main__":
    main()
