"""Server-side time of each page's rerun after a filter change, cold and warm, beside the time of
the same queries alone in DuckDB (the floor).

How it is measured: each page is opened in Streamlit's AppTest (the real page script, in the
same process) and a filter is switched between two values. The time counted is the script run
itself (ScriptRunner._run_script: widgets, queries, figures, serialising what goes to the
browser), not AppTest's polling around it. AppTest compiles the scripts afresh on every run,
which a server does once per process, so the bench shares one script cache as a server does.

- cold: the page is open on one value, with what its run left in the caches and nothing else
  (ui.data forgotten before that run), and the filter is changed to a value nobody has asked
  for: every answer and figure that depends on the filter is made anew, while what does not
  (the store's periods, sources, places) is there, as for the person who opened the page before
  changing it;
- store just changed: the same change with the caches empty (the first person to ask anything
  since an import swapped the store in);
- warm: the same changes again, served from the caches;
- queries: every statement the cold rerun sent to the store, replayed alone through
  metrics.db.Store (median of 5 replays): the floor a page cannot go below.

Each run is timed on the clock (ms) and by the CPU the process spent in it (cpu_ms: the script
thread and DuckDB's threads), which a busy machine inflates less than the clock.
"""
from __future__ import annotations

import os
import statistics
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class PageCase:
    url: str                      # the page's url_path in dashboard.PAGES
    widget: str                   # session-state key of the selectbox switched
    values: tuple[str, str]       # the two values it is switched between
    params: dict = field(default_factory=dict)  # the URL the page is opened with
    label: str = ""


DEMO_CASES = (
    PageCase("tong-quan", "w_period", ("2026-09", "2026-10"), label="overview: period"),
    PageCase("xep-hang", "w_metric", ("dossiers_online", "par_index"), label="rankings: metric"),
    PageCase("xep-hang", "w_period", ("2026-09", "2026-10"), {"metric": "dossiers_online"}, "rankings: period"),
    PageCase("xu-huong", "w_metric", ("dossiers_full_online", "dossiers_online"), label="trends: metric"),
    PageCase("so-sanh", "w_metric", ("index766", "par_index"), label="peers: metric"),
    PageCase("dich-vu-cong", "w_period", ("2026-09", "2026-10"), {"grain": "month"}, label="online services: period"),
    PageCase("de-an-06", "w_period", ("2026-09", "2026-10"), label="Project 06: period"),
    PageCase("nhiem-vu", "w_year", ("2024", "2025"), label="tasks: year"),
)


@dataclass
class PageFigures:
    label: str
    cold_ms: float
    warm_ms: float
    queries_ms: float
    queries: int
    cold_cpu_ms: float = float("nan")
    warm_cpu_ms: float = float("nan")
    fresh_ms: float = float("nan")      # the same change with every cache empty
    fresh_cpu_ms: float = float("nan")

    @property
    def ratio(self) -> float:
        return self.cold_ms / self.queries_ms if self.queries_ms else float("nan")


class _Recorder:
    """Times every script run and records every store query made during it."""

    def __init__(self):
        self.runs: list[float] = []
        self.cpu: list[float] = []
        self.queries: list[tuple[str, object]] = []

    @contextmanager
    def installed(self):
        from streamlit.runtime.scriptrunner import script_runner
        from streamlit.runtime.scriptrunner.script_cache import ScriptCache
        from streamlit.testing.v1 import app_test, local_script_runner

        from metrics import db

        shared_cache = ScriptCache()
        saved = (script_runner.ScriptRunner._run_script, db.Store.query,
                 app_test.ScriptCache, local_script_runner.ScriptCache)
        run_script, query = saved[0], saved[1]
        self.unrecorded_query = query
        recorder = self

        def timed_run(runner, rerun_data):
            started, cpu = time.perf_counter(), time.process_time()
            try:
                return run_script(runner, rerun_data)
            finally:
                recorder.runs.append((time.perf_counter() - started) * 1000)
                recorder.cpu.append((time.process_time() - cpu) * 1000)

        def recorded_query(store, sql, params=None):
            recorder.queries.append((sql, params))
            return query(store, sql, params)

        script_runner.ScriptRunner._run_script = timed_run
        db.Store.query = recorded_query
        app_test.ScriptCache = local_script_runner.ScriptCache = lambda: shared_cache
        try:
            yield self
        finally:
            (script_runner.ScriptRunner._run_script, db.Store.query,
             app_test.ScriptCache, local_script_runner.ScriptCache) = saved


def _replay_ms(query, store, statements: list[tuple[str, object]], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        for sql, params in statements:
            query(store, sql, params)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def _change(at, case: PageCase, recorder: _Recorder, value: str, runs: dict | None = None, kind: str = "") -> None:
    """Select `value` in the case's widget and run; with `runs`, count the run under `kind`."""
    recorder.queries.clear()
    at.selectbox(key=case.widget).select(value).run()
    if at.exception:
        raise RuntimeError(f"{case.url}: {at.exception[0].value}")
    if runs is not None:
        runs[kind].append(recorder.runs[-1])
        runs[f"{kind}_cpu"].append(recorder.cpu[-1])


def _measure_case(case: PageCase, recorder: _Recorder, floor_store, rounds: int) -> PageFigures:
    from apptest import open_page

    from ui import data

    at = open_page(case.url, dict(case.params), timeout=180)
    if at.exception:
        raise RuntimeError(f"{case.url}: {at.exception[0].value}")
    runs: dict[str, list[float]] = {k: [] for k in ("cold", "cold_cpu", "warm", "warm_cpu", "fresh", "fresh_cpu",
                                                     "floor", "count")}
    for _ in range(rounds):
        for shown, asked in (case.values, case.values[::-1]):
            data.clear()
            _change(at, case, recorder, shown)
            _change(at, case, recorder, asked, runs, "cold")
            statements = list(recorder.queries)
            runs["count"].append(len(statements))
            runs["floor"].append(_replay_ms(recorder.unrecorded_query, floor_store, statements))
            _change(at, case, recorder, shown, runs, "warm")
            _change(at, case, recorder, asked, runs, "warm")
            data.clear()
            _change(at, case, recorder, shown, runs, "fresh")
    med = {k: statistics.median(v) for k, v in runs.items()}
    return PageFigures(case.label or f"{case.url}: {case.widget}", med["cold"], med["warm"], med["floor"],
                       int(med["count"]), med["cold_cpu"], med["warm_cpu"], med["fresh"], med["fresh_cpu"])


def measure_pages(store_path: Path, cases=DEMO_CASES, rounds: int = 3) -> list[PageFigures]:
    """Each case, `rounds` times in both directions (a -> b, b -> a): forget the caches, show a;
    change to b (cold); back to a and to b again (warm); forget the caches, change to a (store
    just changed). Medians over all changes."""
    os.environ["KPI_STORE"] = str(store_path)
    sys.path.insert(0, str(ROOT / "tests"))
    from metrics.db import Store

    floor_store = Store(store_path)
    recorder = _Recorder()
    try:
        with recorder.installed():
            return [_measure_case(case, recorder, floor_store, rounds) for case in cases]
    finally:
        floor_store.close()


def main() -> None:
    from bench import quiet
    from metrics.paths import store_path

    quiet.silence()
    cases = DEMO_CASES
    if len(sys.argv) > 1:
        cases = [c for c in DEMO_CASES if any(word in c.label for word in sys.argv[1:])]
    print(f"{store_path()}, load average {os.getloadavg()[0]:.1f}", flush=True)
    for row in measure_pages(store_path(), cases):
        print(f"{row.label:28} cold {row.cold_ms:4.0f} ms (cpu {row.cold_cpu_ms:4.0f})  warm {row.warm_ms:4.0f} ms "
              f"(cpu {row.warm_cpu_ms:3.0f})  store just changed {row.fresh_ms:4.0f} ms (cpu {row.fresh_cpu_ms:4.0f})  "
              f"queries {row.queries_ms:4.0f} ms ({row.queries})  ratio {row.ratio:4.1f}", flush=True)
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
