"""Figures for the store and the metrics layer: build time, query medians, page reruns.

Prints; asserts nothing. Run with `make bench` (or `python -m bench`).
"""
from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path


def _median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def bench_build(runs: int = 3) -> Path:
    from metrics.build import build

    out = Path(tempfile.mkdtemp(prefix="kpi-bench-")) / "kpi.duckdb"
    ms = _median_ms(lambda: build(out, "2026-10", quiet=True), runs)
    size = out.stat().st_size / 1e6
    print(f"store build (python -m metrics.build): median {ms / 1000:.2f} s over {runs} runs, {size:.1f} MB")
    return out


def bench_queries(path: Path, runs: int = 20) -> None:
    from metrics.db import Store
    from metrics.queries import aggregate_values, entity_values
    from metrics.ranking import ranking
    from metrics.trends import trend

    store = Store(path)
    cases = {
        "entity_values month, 2025 map": lambda: entity_values(store, "dossiers_online", "month", "2025", "province"),
        "entity_values year, 2025 map": lambda: entity_values(store, "dossiers_online", "year", "2025", "province"),
        "ranking par_index 2024 (63, map of the time)": lambda: ranking(store, "par_index", "2024", "province", "time"),
        "ranking dossiers_online 2026-10 (34, 2025 map)": lambda: ranking(store, "dossiers_online", "2026-10", "province"),
        "trend 2 places + nation + regions, quarterly": lambda: trend(store, "dossiers_online", ["tuyen-quang-2025", "ha-noi"], "province", "quarter"),
        "regional aggregates, yearly": lambda: aggregate_values(store, "par_index", "province", "region", "year"),
        "p06 services matrix month": lambda: entity_values(store, "p06_service_online", "month", "2025", "province", "2024-06", "2024-06", dimension=None),
    }
    for name, fn in cases.items():
        fn()  # first call attaches the store
        print(f"  {name}: median {_median_ms(fn, runs):.1f} ms over {runs} runs")
    store.close()


def bench_monthly_deck(path: Path, runs: int = 3) -> None:
    from metrics.db import Store
    from metrics.deck import monthly_deck

    store = Store(path)
    ms = _median_ms(lambda: monthly_deck(store, "2025-10"), runs)
    print(f"  monthly meeting deck (python -m metrics.deck --period 2025-10): median {ms / 1000:.2f} s over {runs} runs")
    store.close()


def bench_page_reruns(path: Path, runs: int = 5) -> None:
    """A page rerun after a filter change, through AppTest (cache warm, as a user clicking)."""
    import os

    os.environ["KPI_STORE"] = str(path)
    from streamlit.testing.v1 import AppTest

    root = Path(__file__).resolve().parent.parent
    at = AppTest.from_file(str(root / "dashboard.py"), default_timeout=120)
    started = time.perf_counter()
    at.run()
    print(f"  first run of the overview page (cold caches): {(time.perf_counter() - started) * 1000:.0f} ms")
    pages = [("pages/rankings.py", "metric", ["par_index", "dossiers_online"]),
             ("pages/trends.py", "metric", ["dossiers_full_online", "dossiers_online"]),
             ("pages/peers.py", "metric", ["par_index", "index766"])]
    for page, key, values in pages:
        if not (root / page).exists():
            continue
        at.switch_page(page).run()
        times = []
        for i in range(runs):
            widget = at.selectbox(key=f"w_{key}")
            started = time.perf_counter()
            widget.select(values[i % len(values)]).run()
            times.append((time.perf_counter() - started) * 1000)
        print(f"  {page}: rerun after changing {key}: median {statistics.median(times):.0f} ms over {runs} runs "
              f"(first {times[0]:.0f} ms)")
