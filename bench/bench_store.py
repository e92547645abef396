"""The monthly meeting deck, built from a store (python -m metrics.deck). Prints; asserts nothing."""
from __future__ import annotations

import statistics
import time
from pathlib import Path


def bench_monthly_deck(path: Path, runs: int = 3) -> None:
    from exports.monthly_deck import monthly_deck
    from metrics.db import Store

    store = Store(path)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        monthly_deck(store, "2025-10")
        times.append(time.perf_counter() - started)
    print(f"  monthly meeting deck (python -m metrics.deck --period 2025-10): median {statistics.median(times):.2f} s "
          f"over {runs} runs")
    store.close()
