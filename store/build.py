"""Build the KPI store: `python -m store.build [--out data/kpi.duckdb] [--until 2026-10] [--communes]`.

Reads the reference files under data/, loads the published figures, generates the calibrated
demo data, writes everything to a new file and swaps it in atomically, so a running dashboard
sees the old store or the new one, never half of it. With --communes the store also holds the
3,321 communes of the 2025 map (data/communes.csv) and their demo figures from 2025-07; the
provinces' and ministries' figures are the same either way.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from metrics import catalogue
from metrics.db import connect_writable
from metrics.paths import DATA_DIR, DEFAULT_STORE
from metrics.periods import last_complete_month, parse
from store import events, published, published_flags, record_frames, rollups
from store.carry import carry_alerts, carry_imports
from store.communes import commune_entities, generate_commune_demo, read_communes
from store.demo import DemoGenerator
from store.demo_yearly import generate as generate_demo
from store.dossiers import build as dossier_build
from store.reference import load_reference, read_csv
from store.sql import OBS_COLUMNS
from store.swap import locked


def _insert(con, table: str, frame: pd.DataFrame) -> None:
    con.register("incoming", frame)
    cols = ", ".join(frame.columns)
    con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM incoming")
    con.unregister("incoming")


def _insert_observations(con, frames: list[pd.DataFrame]) -> None:
    """Every observation in one sorted insert: DuckDB keeps each block's min and max per column
    (zonemaps), so a query for one metric over a few periods skips the blocks of the others."""
    cols = ", ".join(OBS_COLUMNS)
    parts = []
    for i, frame in enumerate(frames):
        con.register(f"incoming_{i}", frame[list(OBS_COLUMNS)])
        parts.append(f"SELECT * REPLACE (CAST(period_start AS DATE) AS period_start) FROM incoming_{i}")
    con.execute(f"INSERT INTO observations ({cols}) {' UNION ALL '.join(parts)} "
                "ORDER BY metric_id, grain, period_start, entity_id, dimension_id")
    for i in range(len(frames)):
        con.unregister(f"incoming_{i}")


def _metrics_frame() -> pd.DataFrame:
    rows = []
    for m in catalogue.catalogue().values():
        rows.append(dict(metric_id=m.id, label_vi=m.label_vi, label_en=m.label_en,
                         description_vi=m.description_vi, description_en=m.description_en, unit=m.unit,
                         direction=m.direction, kind=m.kind, place_agg=m.place_agg, time_agg=m.time_agg,
                         grain=m.grain, metric_group=m.group, parent_id=m.parent, max_value=m.max_value,
                         numerator_vi=m.numerator_vi, denominator_vi=m.denominator_vi,
                         dimension=m.dimension, source_id=m.source, entity_kinds=",".join(m.entity_kinds)))
    return pd.DataFrame(rows)


def _nullable(frame: pd.DataFrame, *columns: str) -> pd.DataFrame:
    frame = frame.copy()
    for c in columns:
        frame[c] = frame[c].replace("", None)
    return frame


def write_reference(con, data_dir: Path = DATA_DIR) -> None:
    ref = load_reference(data_dir)
    _insert(con, "regions", ref.regions)
    _insert(con, "entities", _nullable(ref.entities, "code", "abbr", "full_name_vi", "unit_type",
                                       "aliases", "note"))
    _insert(con, "lineage", ref.lineage)
    _insert(con, "sources", _nullable(published.tables(data_dir)["sources.csv"], "number", "title_en", "issuer",
                                      "issued_on", "url", "note"))
    _insert(con, "metrics", _metrics_frame())
    _insert(con, "targets", _nullable(read_csv("targets.csv", data_dir), "note_vi", "note_en"))
    _insert(con, "p06_services", _nullable(read_csv("p06_services.csv", data_dir), "handled_by"))
    _insert(con, "index766_groups", read_csv("index766_groups.csv", data_dir))
    merged = published.tables(data_dir)
    ranks = merged["published_ranks.csv"]
    _insert(con, "published_ranks", ranks.assign(rank=ranks["rank"].astype(int)).replace({"note": {"": None}}))
    counts = merged["published_facts.csv"]
    _insert(con, "published_counts", counts.assign(threshold=pd.to_numeric(counts.threshold.replace("", None)),
                                                   count=counts["count"].astype(int)))
    _insert(con, "published_set_aside", record_frames.set_aside(data_dir))


def build(out: Path = DEFAULT_STORE, until=None, data_dir: Path = DATA_DIR, quiet: bool = False,
          communes: bool = False) -> list[str]:
    """Write a fresh store to `out` (with the communes if asked); returns the published facts
    the demo could not reproduce."""
    started = time.perf_counter()
    until = parse(until) if isinstance(until, str) else (until or last_complete_month(date.today()))
    tmp = out.with_name(out.name + ".tmp")
    for stale in (tmp, Path(str(tmp) + ".wal")):
        stale.unlink(missing_ok=True)
    con = connect_writable(tmp)
    try:
        con.execute((data_dir / "schema.sql").read_text(encoding="utf-8"))
        write_reference(con, data_dir)
        events.write_built_ins(con)
        ref = load_reference(data_dir)
        pub, flags = published.observations(data_dir)
        flags += published.conflict_flags(data_dir)
        sizes = ref.entities[(ref.entities.entity_kind == "province") &
                             (ref.entities.valid_from == "1900-01-01")].region_id.value_counts().to_dict()
        flags += published.aggregate_flags(pub, sizes)
        flags += published_flags.component_flags(pub, dict(zip(ref.entities.entity_id, ref.entities.entity_kind)))
        facts = published.PublishedFacts.load(data_dir)
        gen = DemoGenerator(ref, facts, until)
        demo, problems = generate_demo(gen, [int(s) for s in read_csv("p06_services.csv", data_dir).service_id])
        demo = demo.assign(status="demo", source_id="demo", note=None, batch_id=None)
        names = dict(zip(ref.entities.entity_id, zip(ref.entities.name_vi, ref.entities.name_en)))
        flags += published_flags.unreproduced_flags(gen.unreproduced, facts, names)
        n_communes, commune_demo = 0, demo.iloc[:0]
        if communes:
            units = read_communes(data_dir)
            _insert(con, "entities", commune_entities(units, data_dir))
            commune_demo = generate_commune_demo(units, demo, until, gen.config, data_dir).assign(
                status="demo", source_id="demo", note=None, batch_id=None)
            n_communes = len(units)
        # dossier records beside the store: their KPIs replace the demo figures they cover
        frames, dossier_info, dossier_version = dossier_build.prepare(con, out, until, [pub, demo, commune_demo])
        _insert_observations(con, frames)
        if flags:
            _insert(con, "quality_flags", pd.DataFrame(flags))
        con.execute((data_dir / "views.sql").read_text(encoding="utf-8"))
        dossier_build.finish(con, dossier_version)
        rollups.refresh(con)
        info = {"built_at": datetime.now().isoformat(timespec="seconds"), "demo_until": until.key,
                "published_observations": str(len(pub)), "demo_observations": str(len(demo)),
                "communes": str(n_communes), "commune_observations": str(len(commune_demo))} | dossier_info
        con.executemany("INSERT INTO store_info VALUES (?, ?)", list(info.items()))
        # Imported figures, alert rules and subscriptions live only in the store: carry them into
        # the new one, holding the import lock until the swap so that none lands in between and is lost.
        with locked(out):
            carried = carry_imports(out, con)
            events.carry(out, con)
            carry_alerts(out, con)
            if carried:  # the roll-ups were written before the imported figures replaced the rebuilt ones
                imported = con.execute("SELECT DISTINCT metric_id FROM observations WHERE batch_id IS NOT NULL")
                rollups.refresh(con, [m for (m,) in imported.fetchall()])
            con.execute("CHECKPOINT")
            con.close()
            os.replace(tmp, out)
    finally:
        con.close()
    if not quiet:
        print(f"Built {out}: {len(pub)} published and {len(demo)} demo observations, "
              f"{n_communes} communes with {len(commune_demo)} demo observations, "
              f"{len(flags)} quality flags, {carried} imported figures carried over, "
              f"{dossier_info['dossier_demo_records']} demo dossier records, "
              f"in {time.perf_counter() - started:.1f} s")
        for p in problems:
            print(f"  warning: demo data misses a published fact: {p}", file=sys.stderr)
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the KPI store from data/.")
    parser.add_argument("--out", type=Path, default=DEFAULT_STORE)
    parser.add_argument("--until", help="last month of demo data, e.g. 2026-10 (default: last complete month)")
    parser.add_argument("--communes", action="store_true",
                        help="also the 3,321 communes of the 2025 map and their demo figures (data/communes.csv)")
    args = parser.parse_args(argv)
    build(args.out, args.until, communes=args.communes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
