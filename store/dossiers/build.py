"""The dossier records in a store build (called by store.build before the roll-ups).

The default store carries the demo sample of data/dossier_demo.yaml (a few provinces, a
ministry, the last months; seconds to build). Records brought in by an import or a sync are
kept across rebuilds: their partitions are linked from the version the old store used, with
their batches and the sync watermarks, and the demo fills only the partitions they do not hold.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from metrics.periods import Period, month_range, parse
from store.dossiers import dataset, generate, kpis, sample


def store_version(con, alias: str) -> str | None:
    row = con.execute(f"SELECT value FROM {alias}.store_info WHERE key = 'dossier_version'").fetchone()
    return row[0] if row else None


def _carry(con, out: Path, new: Path) -> tuple[set[tuple[str, str]], str | None]:
    """Link the real records' partitions of the store being replaced; copy its batches and sync
    state. Returns the partitions linked and the old store's version."""
    if not out.exists():
        return set(), None
    quoted = str(out.resolve()).replace("'", "''")
    con.execute(f"ATTACH '{quoted}' AS dossier_previous (READ_ONLY)")
    try:
        names = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables() WHERE database_name = 'dossier_previous'").fetchall()}
        old_name = store_version(con, "dossier_previous") if "store_info" in names else None
        old = dataset.root(out) / old_name if old_name else None
        if not dataset.has_files(old) or "dossier_batches" not in names:
            return set(), old_name
        real = {tuple(r) for r in con.execute(f"""SELECT DISTINCT received_month, entity_id
                FROM {dataset.relation_sql(old)} WHERE batch_id <> '{dataset.DEMO_BATCH}'""").fetchall()}
        dataset.link_partitions(old, new, real)
        con.execute("INSERT INTO dossier_batches SELECT * FROM dossier_previous.dossier_batches")
        con.execute("INSERT INTO dossier_sync SELECT * FROM dossier_previous.dossier_sync")
        return real, old_name
    finally:
        con.execute("DETACH dossier_previous")


def _keys(frame: pd.DataFrame) -> pd.MultiIndex:
    return pd.MultiIndex.from_frame(frame[["entity_id", "metric_id", "dimension_id", "period"]].astype(str))


def prepare(con, out: Path, until: Period, frames: list[pd.DataFrame]) -> tuple[list[pd.DataFrame], dict, Path]:
    """Before the build stores its observations (`frames`: published, demo ...): write the
    dataset version of the store being built at `out` and its KPI cube; return the frames with
    the demo figures the records replace taken out and the records' figures added (published
    figures stay), the store_info entries, and the version's folder (for `finish`)."""
    cfg = generate.config()["sample"]
    kpis.ensure_tables(con)
    version, path = dataset.new_version(out)
    real, previous = _carry(con, out, path)
    months = month_range(parse(cfg["first_month"]).start, until.start)
    rates = pd.concat([f[["entity_id", "metric_id", "grain", "period", "value", "denominator", "note"]] for f in frames])
    con.register("dossier_build_rates", rates)
    n = sample.write_demo(con, path, list(cfg["entities"]), months, float(cfg["scale"]), sample.snapshot_of(until),
                          skip=real, source="dossier_build_rates")
    con.unregister("dossier_build_rates")
    kpis.refresh_cube(con, path)
    kpis.observation_rows(con)
    records = con.execute("SELECT * FROM dossier_obs").df()
    published = pd.concat([f[f.status == "published"] for f in frames])
    records = records[~_keys(records).isin(_keys(published))]
    replaced = _keys(records)
    kept = [f if f.empty else f[(f.status == "published") | ~_keys(f).isin(replaced)] for f in frames]
    dataset.prune(out, {version} | ({previous} if previous else set()))
    info = {"dossier_version": version, "dossier_demo_records": str(n),
            "dossier_snapshot": sample.snapshot_of(until).isoformat(timespec="minutes")}
    return kept + [records], info, path


def finish(con, path: Path) -> None:
    """After the build's views: the dossier views of its version."""
    kpis.create_views(con, path)
