"""The dossier records at national scale (issue 14), with the target beside each figure. Prints;
asserts nothing.

    python -m bench dossiers [--records 100000000] [--csv-records 10000000] [--workers 2] [--keep DIR]

1. builds the commune store, then generates a national year of demo records (every province and
   ministry, 2025-11 to 2026-10, about --records dossiers) into a dataset version beside it;
2. every monthly KPI over it from scratch (the cube, then the observations and roll-ups), and
   once more for one new month (2026-11, generated the same way) alone;
3. 10^7 of those records written as a one-stop export (Vietnamese headers and words, dd/mm/yyyy
   hh:mm:ss) and imported: read and checked, then written as Parquet;
4. the "Hồ sơ" page rerun after a filter change over the national store (AppTest, its own
   process: peak memory is that process's);
5. Spark (local[2]) and DuckDB on the same sample (one month, three places): equal answers, times.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

UNTIL = "2026-11"  # the demo store reaches the new month
YEAR = ("2025-11", "2026-10")
NEW_MONTH = "2026-11"


def _say(text: str) -> None:
    print(text, flush=True)


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM"):
            return int(line.split()[1]) / 1024
    return float("nan")


def national_places(con, months) -> list[str]:
    return [r[0] for r in con.execute(
        """SELECT DISTINCT o.entity_id FROM observations o JOIN entities e USING (entity_id)
           WHERE e.entity_kind IN ('province', 'ministry') AND o.metric_id = 'dossiers_online'
             AND list_contains($periods, o.period)""", {"periods": [p.key for p in months]}).fetchall()]


def generate_year(store: Path, records: int, workers: int) -> tuple[Path, int, float, float]:
    """A national year of demo records beside `store`; (version, records, scale, seconds)."""
    import duckdb

    from metrics.periods import month_range, parse
    from store.dossiers import dataset, sample
    from store.dossiers.kpis import DEMO_NOTE

    con = duckdb.connect(str(store), read_only=True)
    months = month_range(parse(YEAR[0]).start, parse(YEAR[1]).start)
    places = national_places(con, months)
    received = con.execute("""SELECT sum(denominator / CASE WHEN note = $n THEN $s ELSE 1 END) FROM observations
                              WHERE metric_id = 'dossiers_online' AND list_contains($p, period) AND list_contains($e, entity_id)""",
                           {"n": DEMO_NOTE, "s": 0.04, "p": [m.key for m in months], "e": places}).fetchone()[0]
    scale = records / received
    name, path = dataset.new_version(store)
    started = time.perf_counter()
    n = sample.write_demo(con, path, places, months, scale, sample.snapshot_of(parse(YEAR[1])), workers=workers)
    seconds = time.perf_counter() - started
    con.close()
    return path, n, scale, seconds


def kpis_from_scratch(store: Path, version: Path) -> dict:
    """The cube, the observations and the roll-ups of every month, on the store itself."""
    from metrics.db import connect_writable
    from store import rollups
    from store.dossiers import kpis

    con = connect_writable(store)
    out = {}
    t = time.perf_counter()
    cells = kpis.refresh_cube(con, version)
    out["cube_s"], out["cells"] = time.perf_counter() - t, cells
    t = time.perf_counter()
    out["observations"] = kpis.write_observations(con)
    out["observations_s"] = time.perf_counter() - t
    t = time.perf_counter()
    rollups.refresh(con, [k.metric for k in kpis.kpi_list()])
    out["rollups_s"] = time.perf_counter() - t
    kpis.create_views(con, version)
    con.execute("INSERT OR REPLACE INTO store_info VALUES ('dossier_version', ?), ('dossier_snapshot', ?)",
                [version.name, f"{YEAR[1]}-31T23:59"])
    con.execute("CHECKPOINT")
    con.close()
    return out


def one_new_month(store: Path, version: Path, scale: float, workers: int) -> dict:
    """Month NEW_MONTH generated into a new version (the year's files linked), then its KPIs alone."""
    import duckdb

    from metrics.db import connect_writable
    from metrics.periods import parse
    from store import rollups
    from store.dossiers import dataset, kpis, sample

    month = parse(NEW_MONTH)
    name, path = dataset.new_version(store)
    dataset.link_partitions(version, path, dataset.partitions(version))
    con = duckdb.connect(str(store), read_only=True)
    places = national_places(con, [month])
    t = time.perf_counter()
    n = sample.write_demo(con, path, places, [month], scale, sample.snapshot_of(month), workers=workers)
    con.close()
    out = {"records": n, "generate_s": time.perf_counter() - t}
    key = int(NEW_MONTH.replace("-", ""))
    con = connect_writable(store)
    t = time.perf_counter()
    kpis.refresh_cube(con, path, [key])
    out["cube_s"] = time.perf_counter() - t
    t = time.perf_counter()
    kpis.write_observations(con, [key])
    rollups.refresh(con, [k.metric for k in kpis.kpi_list()])
    out["observations_rollups_s"] = time.perf_counter() - t
    kpis.create_views(con, path)
    con.execute("INSERT OR REPLACE INTO store_info VALUES ('dossier_version', ?), ('dossier_snapshot', ?)",
                [path.name, f"{NEW_MONTH}-30T23:59"])
    con.execute("CHECKPOINT")
    con.close()
    out["version"] = path
    return out


def export_csv(version: Path, out: Path, limit: int) -> float:
    """`limit` records of `version` as a one-stop system's export; the seconds it took."""
    import duckdb

    from metrics import catalogue
    from store.dossiers import dataset

    cols = []
    for name, f in catalogue.dossier_fields().items():
        if name == "batch_id":
            continue
        header = '"' + f.label_vi + '"'
        if f.type == "timestamp":
            cols.append(f"strftime({name}, '%d/%m/%Y %H:%M:%S') AS {header}")
        elif f.type == "bool":
            cols.append(f"CASE {name} WHEN TRUE THEN 'Có' WHEN FALSE THEN 'Không' END AS {header}")
        elif f.values:
            cases = " ".join(f"WHEN '{code}' THEN '{vi}'" for code, vi, _ in f.values)
            cols.append(f"CASE {name} {cases} END AS {header}")
        else:
            cols.append(f"{name} AS {header}")
    con = duckdb.connect()
    started = time.perf_counter()
    con.execute(f"COPY (SELECT {', '.join(cols)} FROM {dataset.relation_sql(version)} LIMIT {int(limit)}) "
                f"TO '{out}' (HEADER, DELIMITER ',')")
    con.close()
    return time.perf_counter() - started


def import_csv(store: Path, path: Path) -> dict:
    from ingest.dossiers.write import import_file

    timings: dict = {}
    started = time.perf_counter()
    result = import_file(store, path, timings=timings)
    return timings | {"total_s": time.perf_counter() - started, "records": result.records}


PAGE_CASES = (
    ("w_period", ("2026-10", "2026-09"), {"kind": "province", "place": "ha-noi"}, "Hồ sơ: Hà Nội, period"),
    ("w_place", ("ho-chi-minh-2025", "ha-noi"), {"kind": "province"}, "Hồ sơ: place"),
    ("w_metric", ("dossiers_online", "dossiers_on_time"), {"kind": "province", "place": "ha-noi", "by": "procedure"},
     "Hồ sơ: indicator by procedure"),
)


def page_figures(store: Path) -> dict:
    """In its own process, so that its peak memory is the page's."""
    out = subprocess.run([sys.executable, "-m", "bench.bench_dossiers", "page", str(store)], capture_output=True,
                         text=True, timeout=3600, cwd=Path(__file__).resolve().parent.parent)
    if out.returncode:
        raise RuntimeError(out.stderr[-2000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def _page_main(store: str) -> None:
    import logging

    logging.disable(logging.WARNING)
    from bench.bench_pages import PageCase, measure_pages

    cases = [PageCase("ho-so", w, v, p, label) for w, v, p, label in PAGE_CASES]
    rows = measure_pages(Path(store), cases)
    print(json.dumps({"pages": [r.__dict__ for r in rows], "rss_mb": _rss_mb()}))


def spark_vs_duckdb(version: Path) -> dict:
    """One month, three places of the national records, copied into their own folder."""
    from store.dossiers import dataset, engines

    sample = Path(tempfile.mkdtemp(prefix="kpi-bench-spark-"))
    parts = {(m, e) for m, e in dataset.partitions(version) if m == YEAR[1] and e in ("hue", "moj", "da-nang-2025")}
    dataset.link_partitions(version, sample, parts)
    t = time.perf_counter()
    duck = engines.keyed(engines.DuckDBEngine().cube(sample))
    duck_s = time.perf_counter() - t
    t = time.perf_counter()
    session = engines.spark_session("local[2]")
    session.sparkContext.setLogLevel("ERROR")
    start_s = time.perf_counter() - t
    engines.SparkEngine(session).cube(sample)  # the first query also compiles and loads classes
    t = time.perf_counter()
    spark = engines.keyed(engines.SparkEngine(session).cube(sample))
    spark_s = time.perf_counter() - t
    session.stop()
    rows = sum(len(list(dataset.partition_dir(sample, m, e).glob("*.parquet"))) for m, e in parts)
    shutil.rmtree(sample, ignore_errors=True)
    return {"cells": len(duck), "equal": duck == spark, "duckdb_s": duck_s, "spark_s": spark_s,
            "spark_start_s": start_s, "files": rows}


def main(argv: list[str] | None = None) -> None:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m bench dossiers", description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=100_000_000)
    parser.add_argument("--csv-records", type=int, default=10_000_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="a folder to build in and keep (default: a temporary one)")
    args = parser.parse_args(argv)
    from bench.__main__ import print_table_rows
    from store.build import build

    base = args.keep or Path(tempfile.mkdtemp(prefix="kpi-bench-dossiers-"))
    base.mkdir(parents=True, exist_ok=True)
    store, csv_store = base / "national" / "kpi.duckdb", base / "csv" / "kpi.duckdb"
    store.parent.mkdir(exist_ok=True)
    csv_store.parent.mkdir(exist_ok=True)
    rows = []
    _say(f"dossier benchmark {datetime.now():%Y-%m-%d %H:%M}, {args.records:,} records, in {base}")
    t = time.perf_counter()
    build(store, UNTIL, quiet=True, communes=True)
    _say(f"  built the commune store in {time.perf_counter() - t:.1f} s")
    from store.dossiers.dataset import copy_store

    copy_store(store, csv_store.parent)
    version, n, scale, gen_s = generate_year(store, args.records, args.workers)
    size = sum(f.stat().st_size for f in version.rglob("*.parquet")) / 1e9
    _say(f"  generated {n:,} records (scale {scale:.3f}) in {gen_s:.0f} s, {size:.1f} GB of Parquet")
    rows.append(("generate a national year of demo records", f"{n:,} in {gen_s:.0f} s ({size:.1f} GB)", "—", None))
    k = kpis_from_scratch(store, version)
    total = k["cube_s"] + k["observations_s"] + k["rollups_s"]
    _say(f"  from scratch: cube {k['cube_s']:.1f} s ({k['cells']:,} cells), observations {k['observations_s']:.1f} s "
         f"({k['observations']:,}), roll-ups {k['rollups_s']:.1f} s")
    rows.append(("every monthly KPI of every unit, from scratch (cube + observations + roll-ups)",
                 f"{total:.1f} s (cube {k['cube_s']:.1f} s)", "< 60 s", total < 60))
    m = one_new_month(store, version, scale, args.workers)
    one = m["cube_s"] + m["observations_rollups_s"]
    _say(f"  one new month ({m['records']:,} records): cube {m['cube_s']:.1f} s, observations and roll-ups "
         f"{m['observations_rollups_s']:.1f} s")
    rows.append(("one new month's KPIs (cube + observations + roll-ups)", f"{one:.1f} s (cube {m['cube_s']:.1f} s)",
                 "< 10 s", one < 10))
    csv = base / "export.csv"
    export_s = export_csv(version, csv, args.csv_records)
    _say(f"  wrote {args.csv_records:,} records as a CSV export ({csv.stat().st_size / 1e9:.1f} GB) in {export_s:.0f} s")
    c = import_csv(csv_store, csv)
    to_parquet = c["read_check"] + c["parquet"]
    _say(f"  imported it: read and checked {c['read_check']:.1f} s, Parquet {c['parquet']:.1f} s, KPIs {c['kpis']:.1f} s, "
         f"swap {c['swap']:.1f} s")
    rows.append((f"{c['records']:,} dossiers from CSV into Parquet (read, check, write)", f"{to_parquet:.1f} s",
                 "< 60 s", to_parquet < 60))
    rows.append(("… and the whole import (with its months' KPIs, roll-ups, swap)", f"{c['total_s']:.1f} s", "—", None))
    p = page_figures(m["version"].parent.parent / "kpi.duckdb")
    for page in p["pages"]:
        rows.append((f"page rerun over the national store, cold: {page['label']}", f"{page['cold_ms']:.0f} ms",
                     "< 300 ms", page["cold_ms"] < 300))
        rows.append((f"page rerun, from cache: {page['label']}", f"{page['warm_ms']:.0f} ms", "—", None))
    rows.append(("page process peak memory (VmHWM)", f"{p['rss_mb']:,.0f} MB", "< 4 GB", p["rss_mb"] < 4096))
    s = spark_vs_duckdb(m["version"])
    rows.append((f"Spark local[2] / DuckDB, same sample ({s['cells']:,} cells{'' if s['equal'] else ', ANSWERS DIFFER'})",
                 f"{s['spark_s'] / s['duckdb_s']:.0f}× ({s['spark_s']:.1f} / {s['duckdb_s']:.2f} s; session start {s['spark_start_s']:.0f} s)",
                 "equal answers", s["equal"]))
    print_table_rows(rows)
    if not args.keep:
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    if sys.argv[1:2] == ["page"]:
        _page_main(sys.argv[2])
    else:
        main(sys.argv[1:])
