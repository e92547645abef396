"""`make bench` (python -m bench): every figure of issue 6, measured in one run, at the demo size
(provinces and ministries) and at the commune size (plus the 3,321 communes), with the target
beside each. Prints; asserts nothing. Medians; ratios are between figures of this same run.

    python -m bench [--only demo|commune] [--sessions 20] [--skip-server] [--skip-load] [--skip-exports]
                    [--skip-dossiers]
    python -m bench dossiers [--records N]      # the dossier records alone (bench/bench_dossiers.py)

Serving a meeting (one process and N workers behind nginx, simulated users and real browsers)
is measured on the demo store by bench.bench_load, which also runs alone:
`python -m bench.bench_load [--workers 2] [--users 50] [--seconds 120]`.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench import bench_pages, quiet
from bench.bench_pages import PageCase

UNTIL = "2026-10"
SIZES = ("demo", "commune")
COMMUNE_CASES = (
    PageCase("xep-hang", "w_period", ("2026-09", "2026-10"),
             {"kind": "commune", "province": "ho-chi-minh-2025", "metric": "dossiers_online"},
             "rankings: 168 communes, period"),
    PageCase("xu-huong", "w_metric", ("index766", "dossiers_online"),
             {"kind": "commune", "province": "ho-chi-minh-2025", "grain": "month"}, "trends: communes, metric"),
    PageCase("so-sanh", "w_period", ("2026-09", "2026-10"),
             {"kind": "commune", "province": "ho-chi-minh-2025", "metric": "index766"}, "peers: a commune, period"),
)


@dataclass
class Row:
    figure: str
    values: dict  # size -> text
    target: str
    met: dict     # size -> bool | None


def _ms(value: float) -> str:
    return f"{value:,.0f} ms"


def _s(value: float) -> str:
    return f"{value:,.2f} s"


def build_stores(runs: dict[str, int]) -> tuple[dict[str, Path], dict[str, float]]:
    """Each size built `runs[size]` times into a temporary folder; the store paths and medians."""
    from store.build import build

    paths, medians = {}, {}
    for size, n in runs.items():
        path = Path(tempfile.mkdtemp(prefix=f"kpi-bench-{size}-")) / "kpi.duckdb"
        times = []
        for _ in range(n):
            started = time.perf_counter()
            build(path, UNTIL, quiet=True, communes=(size == "commune"))
            times.append(time.perf_counter() - started)
        paths[size], medians[size] = path, statistics.median(times)
        print(f"  built the {size} store {n}x: median {medians[size]:.1f} s, {path.stat().st_size / 1e6:.0f} MB",
              flush=True)
    return paths, medians


def main() -> None:
    quiet.silence()
    if sys.argv[1:2] == ["dossiers"]:
        from bench import bench_dossiers

        return bench_dossiers.main(sys.argv[2:])
    parser = argparse.ArgumentParser(description="Every performance figure, with its target.")
    parser.add_argument("--only", choices=SIZES)
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--skip-server", action="store_true", help="no browser measurements")
    parser.add_argument("--skip-exports", action="store_true")
    parser.add_argument("--skip-load", action="store_true", help="no meeting load test (bench.bench_load)")
    parser.add_argument("--workers", type=int, default=2, help="workers of the proxied set-up in the load test")
    parser.add_argument("--skip-dossiers", action="store_true", help="no dossier records at national scale")
    args = parser.parse_args()
    sizes = (args.only,) if args.only else SIZES
    started = time.perf_counter()
    print(f"kpi-dashboard benchmark, {time.strftime('%Y-%m-%d %H:%M')}, sizes: {', '.join(sizes)}", flush=True)

    rows: list[Row] = []

    def add(figure, target, values, met):
        rows.append(Row(figure, values, target, met))

    print("== building the stores", flush=True)
    paths, build_s = build_stores({s: 3 if s == "demo" else 2 for s in sizes})
    add("build the store (python -m store.build)", "< 10 s demo, < 60 s commune",
        {s: _s(v) for s, v in build_s.items()}, {s: v < (10 if s == "demo" else 60) for s, v in build_s.items()})

    print("== page reruns (AppTest, server side)", flush=True)
    for size in sizes:
        cases = bench_pages.DEMO_CASES + (COMMUNE_CASES if size == "commune" else ())
        limit = 150 if size == "demo" else 300
        for page in bench_pages.measure_pages(paths[size], cases):
            print(f"  [{size}] {page.label}: cold {page.cold_ms:.0f} ms, warm {page.warm_ms:.0f} ms, "
                  f"queries {page.queries_ms:.0f} ms ({page.queries}), ratio {page.ratio:.1f}", flush=True)
            add(f"rerun after a filter change, cold: {page.label}", "< 150 ms demo, < 300 ms commune",
                {size: _ms(page.cold_ms)}, {size: page.cold_ms < limit})
            add(f"rerun served from cache: {page.label}", "< 50 ms", {size: _ms(page.warm_ms)},
                {size: page.warm_ms < 50})
            add(f"cold rerun / its queries alone in DuckDB: {page.label}", "≤ 3×",
                {size: f"{page.ratio:.1f}× ({_ms(page.queries_ms)}, {page.queries} queries)"}, {size: page.ratio <= 3})

    print("== the same answers with pandas", flush=True)
    from bench import bench_pandas

    for size in sizes:
        for answer in bench_pandas.compare(paths[size]):
            add(f"pandas / DuckDB: {answer['question']}", "(ratio; answers equal)",
                {size: f"{answer['ratio']:.1f}× ({answer['pandas_ms']:.0f} / {answer['duckdb_ms']:.0f} ms)"
                       + ("" if answer["same"] else " ANSWERS DIFFER")},
                {size: answer["same"] and answer["ratio"] >= 1})
        print(f"  [{size}] done (tables loaded into pandas in {answer['load_ms']:.0f} ms, not counted)", flush=True)

    if not args.skip_server:
        print(f"== the server in headless Chromium ({args.sessions} sessions)", flush=True)
        from bench import bench_server

        for size in sizes:
            f = bench_server.measure_server(paths[size], size, sessions=args.sessions)
            print(bench_server.report(f, args.sessions), flush=True)
            rss_limit = 400 if size == "demo" else 1500
            add("server start to first page drawn", "< 3 s", {size: _s(f["first_draw_s"])},
                {size: f["first_draw_s"] < 3})
            add("server peak RSS, 1 session", "—", {size: f"{f['rss_1_mb']:.0f} MB"}, {size: None})
            add(f"server peak RSS, {args.sessions} sessions", "< 400 MB demo, < 1.5 GB commune",
                {size: f"{f['rss_20_mb']:.0f} MB"}, {size: f["rss_20_mb"] < rss_limit})
            add(f"{args.sessions} sessions clicking through: median page drawn", "—",
                {size: _s(f["pages_median_s"])}, {size: None})
            add(f"{args.sessions} sessions clicking through: p95 page drawn", "< 1.5 s",
                {size: _s(f["pages_p95_s"]) + (f", {f['failures']:.0f} failures" if f["failures"] else "")},
                {size: f["pages_p95_s"] < 1.5 and not f["failures"]})

    print_table(rows, sizes)
    if not args.skip_load:
        from bench import bench_load

        print(f"\n== serving a meeting ({sizes[0]} store): one process and {args.workers} workers behind nginx", flush=True)
        meeting = bench_load.measure(paths[sizes[0]], workers=args.workers)
        print(bench_load.report(meeting, 50, 10, args.workers), flush=True)
    if not args.skip_exports:
        print("\n== exports (demo store)")
        from bench import bench_exports
        from bench.bench_store import bench_monthly_deck

        bench_monthly_deck(paths[sizes[0]])
        bench_exports.main()
    if not args.skip_dossiers:
        print("\n== dossier records at national scale (python -m bench dossiers)", flush=True)
        from bench import bench_dossiers

        bench_dossiers.main([])
    print(f"\nmeasured in {(time.perf_counter() - started) / 60:.1f} min")


def print_table_rows(rows: list[tuple[str, str, str, bool | None]]) -> None:
    """A table of (figure, value, target, met) for a benchmark with one size."""
    width = max(len(r[0]) for r in rows)
    value_width = max(len(r[1]) for r in rows)
    print("\n" + "figure".ljust(width) + " | " + "value".ljust(value_width) + " | target | met")
    print("-" * (width + value_width + 20))
    for figure, value, target, met in rows:
        print(f"{figure.ljust(width)} | {value.ljust(value_width)} | {target} | {'—' if met is None else 'yes' if met else 'NO'}")


def print_table(rows: list[Row], sizes) -> None:
    """One line per figure: its value at each size, the target, and whether it is met."""
    merged: dict[tuple[str, str], Row] = {}
    for row in rows:
        key = (row.figure, row.target)
        if key in merged:
            merged[key].values.update(row.values)
            merged[key].met.update(row.met)
        else:
            merged[key] = Row(row.figure, dict(row.values), row.target, dict(row.met))
    widths = [max(len(r.figure) for r in merged.values())] + [
        max([len(size)] + [len(r.values.get(size, "")) for r in merged.values()]) for size in sizes]
    print("\n" + "figure".ljust(widths[0]) + " | " + " | ".join(s.ljust(w) for s, w in zip(sizes, widths[1:]))
          + " | target | met")
    print("-" * (sum(widths) + 3 * len(widths) + 16))
    for r in merged.values():
        met = [r.met.get(s) for s in sizes if s in r.values]
        verdict = "—" if all(m is None for m in met) else ("yes" if all(m is not False for m in met) else "NO")
        print(r.figure.ljust(widths[0]) + " | " + " | ".join(r.values.get(s, "").ljust(w) for s, w in
                                                             zip(sizes, widths[1:])) + f" | {r.target} | {verdict}")


if __name__ == "__main__":
    main()
