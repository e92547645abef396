"""Serving a meeting: the figures of issue 13 for one Streamlit process (`make run`) and for N
workers behind nginx (`make serve`), side by side, each beside its target. Prints; asserts nothing.

    python -m bench.bench_load [--store data/kpi.duckdb] [--workers 2] [--users 50] [--seconds 120]

For each set-up, on a server started for it:
1. the meeting's first minute: USERS simulated users (bench/load, Locust speaking Streamlit's
   websocket protocol) open the link at once on the fresh server: time until the first page's
   script has finished, from the first HTTP request; then USERS more, the view's answers now
   cached (as when the secretariat tried the link before sending it);
2. the meeting: USERS users click through every page and change its filter, with a 5 s think
   time, for SECONDS: time from each click to the script's end and to the run's last message,
   per page and overall; errors, dropped sessions; the server's CPU (per action) and memory;
3. BROWSERS real Chromium sessions (fresh contexts, empty caches) opening the link at once:
   time until drawn (bench.bench_server's definition);
then, on servers started again: the first page drawn in Chromium after the start (from Popen),
and through the proxy the bytes of a first and a second visit (bench.bench_download).
The load generator and the browsers share the machine's cores with the server: their CPU is
reported beside the server's.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from bench.load.links import link
from bench.page_draws import CHROMIUM, CHROMIUM_ARGS, new_context, open_tab
from bench.server_process import Server, declared_pages

ROOT = Path(__file__).resolve().parent.parent
THINK_S = 5.0


@dataclass
class Running:
    url: str
    pid: int  # the root of the server's process tree
    run_dir: Path | None
    stop: object  # () -> None

    def restarts(self) -> int:
        """How many times the supervisor restarted a worker (0 for one process)."""
        if self.run_dir is None:
            return 0
        return sum(w["restarts"] for w in json.loads((self.run_dir / "workers.json").read_text())["workers"])


def start(kind: str, store: Path, workers: int, log_dir: Path, every_worker: bool = True) -> tuple[Running, float]:
    """A fresh server of `kind` ("process" or "workers"); (it, seconds from start to ready).
    Without `every_worker`, the proxied set-up is ready as soon as its proxy answers."""
    started = time.perf_counter()
    if kind == "process":
        server = Server(store, log_dir)
        server.wait_healthy()
        return Running(server.url, server.process.pid, None, server.stop), time.perf_counter() - started
    from serve.launch import start_proxied

    proxied = start_proxied(store, Path(tempfile.mkdtemp(prefix="kpi-bench-serve-", dir=log_dir)), workers, 9400,
                            every_worker=every_worker)
    return Running(proxied.url, proxied.process.pid, proxied.run_dir, proxied.stop), time.perf_counter() - started


def load(running: Running, scenario: str, users: int, seconds: float) -> dict:
    """bench.load.run in a process of its own (Locust patches the standard library)."""
    command = [sys.executable, "-m", "bench.load.run", "--host", running.url, "--scenario", scenario,
               "--users", str(users), "--seconds", str(seconds), "--pid", str(running.pid)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False,
                          env=dict(os.environ, KPI_LOAD_THINK_S=str(THINK_S)))
    if done.returncode:
        raise RuntimeError(f"the load run failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


async def _browsers_opening(url: str, count: int) -> list[float]:
    from playwright.async_api import async_playwright

    first = declared_pages()[0]
    target = link()
    page = next((p for p in declared_pages() if p.url == target.page), first)
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            contexts = [await new_context(browser) for _ in range(count)]
            draws = await asyncio.gather(*(open_tab(c, url + target.path, page) for c in contexts))
        finally:
            await browser.close()
    return [d.seconds if not d.failure else float("inf") for _, d in draws]


def browsers_opening(url: str, count: int) -> list[float]:
    """Seconds until drawn for `count` fresh browsers opening the link at once (inf: not drawn)."""
    return asyncio.run(_browsers_opening(url, count))


async def _first_draw(url: str, started: float) -> float:
    from playwright.async_api import async_playwright

    target = link()
    page = next((p for p in declared_pages() if p.url == target.page), declared_pages()[0])
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            _, draw = await open_tab(await new_context(browser), url + target.path, page)
        finally:
            await browser.close()
    return float("inf") if draw.failure else time.perf_counter() - started


def first_draw(kind: str, store: Path, workers: int, log_dir: Path) -> float:
    """From the start of a fresh server to the link's page drawn in Chromium (Chromium started
    beforehand is not counted: it starts while the server does)."""
    started = time.perf_counter()
    running, _ = start(kind, store, workers, log_dir, every_worker=False)
    try:
        return asyncio.run(_first_draw(running.url, started))
    finally:
        running.stop()


def measure(store: Path, workers: int = 2, users: int = 50, seconds: float = 120, browsers: int = 10) -> dict:
    """{kind: figures} for kind in ("process", "workers"); see the module's docstring."""
    figures: dict = {}
    with tempfile.TemporaryDirectory(prefix="kpi-bench-load-") as logs:
        log_dir = Path(logs)
        for kind in ("process", "workers"):
            label = "one process" if kind == "process" else f"{workers} workers"
            print(f"  [{label}] starting", flush=True)
            running, ready_s = start(kind, store, workers, log_dir)
            try:
                f = {"ready_s": ready_s}
                f["open"] = load(running, "open", users, 90)
                f["open_warm"] = load(running, "open", users, 90)
                print(f"  [{label}] {users} opening at once: p95 {f['open']['open']['script_p95']:.2f} s "
                      f"(again: {f['open_warm']['open']['script_p95']:.2f} s)", flush=True)
                f["click"] = load(running, "click", users, seconds)
                print(f"  [{label}] {users} clicking: p95 {f['click']['actions']['script_p95'] * 1000:.0f} ms", flush=True)
                f["browsers"] = browsers_opening(running.url, browsers)
                f["restarts"] = running.restarts()
            finally:
                running.stop()
            f["first_draw_s"] = first_draw(kind, store, workers, log_dir)
            if kind == "workers":
                from bench.bench_download import measure as downloads
                from serve.launch import start_proxied

                proxied = start_proxied(store, Path(tempfile.mkdtemp(prefix="kpi-bench-dl-", dir=log_dir)), workers, 9400)
                try:
                    first, second = downloads(proxied.url, proxied.run_dir, link().path.lstrip("/"))
                finally:
                    proxied.stop()
                f["first_visit_kb"], f["second_visit_kb"] = first.total_kb, second.total_kb
            figures[kind] = f
    return figures


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def _s(seconds: float) -> str:
    return "not drawn" if seconds == float("inf") else f"{seconds:,.2f} s"


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(0.95 * (len(ordered) - 1))))] if ordered else float("nan")


def rows(figures: dict, users: int, browsers: int) -> list[tuple[str, dict[str, str], str, dict[str, bool | None]]]:
    """(figure, {kind: text}, target, {kind: met}) for every figure, in the order printed."""
    out = []

    def add(name, target, text, met=lambda f: None):
        out.append((name, {k: text(f) for k, f in figures.items()}, target,
                    {k: met(f) for k, f in figures.items()}))

    def worst_page(f):
        """(page, summary) of the slowest page that answered at all (nan: every action failed)."""
        answered = [kv for kv in f["click"]["by_page"].items() if kv[1]["script_p95"] == kv[1]["script_p95"]]
        return max(answered, key=lambda kv: kv[1]["script_p95"], default=("none", {"script_p95": float("nan")}))

    add(f"{users} users open the link at once: p95 until the first page's script finished", "< 3 s, 0 errors",
        lambda f: f"{_s(f['open']['open']['script_p95'])}, {f['open']['open']['errors'] + f['open']['open']['dropped']} errors",
        lambda f: f["open"]["open"]["script_p95"] < 3 and not (f["open"]["open"]["errors"] + f["open"]["open"]["dropped"]))
    add("… p50 / p99 until the first page's script finished", "—",
        lambda f: f"{_s(f['open']['open']['script_p50'])} / {_s(f['open']['open']['script_p99'])}")
    add("… server CPU per opening (cold / warm caches)", "—",
        lambda f: f"{_ms(f['open']['server_cpu_s'] / users)} / {_ms(f['open_warm']['server_cpu_s'] / users)}")
    add(f"{users} more open it at once (the view already asked for: warm caches): p95", "< 3 s, 0 errors",
        lambda f: f"{_s(f['open_warm']['open']['script_p95'])}, "
                  f"{f['open_warm']['open']['errors'] + f['open_warm']['open']['dropped']} errors",
        lambda f: f["open_warm"]["open"]["script_p95"] < 3
        and not (f["open_warm"]["open"]["errors"] + f["open_warm"]["open"]["dropped"]))
    add(f"{users} users clicking ({THINK_S:.0f} s think time): p95 click to script finished, worst page", "< 500 ms, 0 errors",
        lambda f: f"{_ms(worst_page(f)[1]['script_p95'])} ({worst_page(f)[0]}), "
                  f"{f['click']['actions']['errors'] + f['click']['actions']['dropped']} errors",
        lambda f: worst_page(f)[1]["script_p95"] < 0.5 and not (f["click"]["actions"]["errors"] + f["click"]["actions"]["dropped"]))
    add("… every page: p50 / p95 / p99 to script finished", "—",
        lambda f: " / ".join(_ms(f["click"]["actions"][f"script_p{q}"]) for q in (50, 95, 99)))
    add("… every page: p50 / p95 / p99 to the run's last message", "—",
        lambda f: " / ".join(_ms(f["click"]["actions"][f"last_p{q}"]) for q in (50, 95, 99)))
    add("… actions, errors, dropped sessions", "0 errors, 0 dropped",
        lambda f: f"{f['click']['actions']['count']}, {f['click']['actions']['errors']}, {f['click']['actions']['dropped']}",
        lambda f: not (f["click"]["actions"]["errors"] + f["click"]["actions"]["dropped"]))
    add("… server CPU per action (all its processes)", "< 60 ms (warm rerun)",
        lambda f: _ms(f["click"]["server_cpu_s"] / max(f["click"]["actions"]["count"], 1)),
        lambda f: f["click"]["server_cpu_s"] / max(f["click"]["actions"]["count"], 1) < 0.06)
    add("… server cores busy: mean / busiest 0.5 s; load generator's CPU", "—",
        lambda f: f"{f['click']['server_cores_mean']:.2f} / {f['click']['server_cores_peak']:.2f}; "
                  f"{f['click']['loadgen_cpu_s']:.0f} s")
    add("… server memory (RSS of all its processes): peak", "—", lambda f: f"{f['click']['server_rss_peak_mb']:,.0f} MB")
    add("… workers restarted by the supervisor", "0", lambda f: str(f.get("restarts", 0)),
        lambda f: f.get("restarts", 0) == 0)
    add(f"{browsers} real browsers (empty caches) opening the link at once: p95 until drawn", "< 5 s",
        lambda f: _s(_p95(f["browsers"])), lambda f: _p95(f["browsers"]) < 5)
    add("first page drawn in Chromium after the server starts", "< 3 s",
        lambda f: _s(f["first_draw_s"]), lambda f: f["first_draw_s"] < 3)
    add("a second visit downloads (HTTP + websocket)", "< 200 kB",
        lambda f: f"{f['second_visit_kb']:,.0f} kB" if "second_visit_kb" in f else "(no proxy)",
        lambda f: f["second_visit_kb"] < 200 if "second_visit_kb" in f else None)
    add("a first visit downloads (empty cache)", "—",
        lambda f: f"{f['first_visit_kb']:,.0f} kB" if "first_visit_kb" in f else "(no proxy)")
    return out


def report(figures: dict, users: int, browsers: int, workers: int) -> str:
    labels = {k: ("one process" if k == "process" else f"{workers} workers") for k in figures}
    table = rows(figures, users, browsers)
    widths = [max(len(r[0]) for r in table)] + [max([len(labels[k])] + [len(r[1][k]) for r in table]) for k in figures]
    lines = ["figure".ljust(widths[0]) + " | " + " | ".join(labels[k].ljust(w) for k, w in zip(figures, widths[1:]))
             + " | target | met"]
    lines.append("-" * (sum(widths) + 3 * len(widths) + 16))
    for name, texts, target, met in table:
        verdicts = [m for m in met.values() if m is not None]
        verdict = "—" if not verdicts else ("yes" if all(verdicts) else
                                            " / ".join(f"{labels[k]} {'yes' if m else 'NO'}" for k, m in met.items()))
        lines.append(name.ljust(widths[0]) + " | " + " | ".join(texts[k].ljust(w) for k, w in zip(figures, widths[1:]))
                     + f" | {target} | {verdict}")
    lines.append("\nper page, clicking: p50 / p95 / p99 to script finished (actions)")
    pages = sorted({p for f in figures.values() for p in f["click"]["by_page"]})
    for page in pages:
        cells = []
        for kind, f in figures.items():
            s = f["click"]["by_page"].get(page)
            cells.append(f"{labels[kind]}: " + (" / ".join(_ms(s[f'script_p{q}']) for q in (50, 95, 99))
                                                 + f" ({s['count']})" if s else "—"))
        lines.append(f"  {page}: " + " · ".join(cells))
    notes = {n for f in figures.values() for part in ("open", "open_warm", "click") for n in f[part]["error_notes"]}
    lines += [f"  error: {n}" for n in sorted(notes)[:10]]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=ROOT / "data" / "kpi.duckdb")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=120)
    parser.add_argument("--browsers", type=int, default=10)
    args = parser.parse_args()
    if not args.store.exists():
        sys.exit(f"{args.store} is missing: build it first (make data)")
    started = time.perf_counter()
    figures = measure(args.store.resolve(), args.workers, args.users, args.seconds, args.browsers)
    print(f"\nserving a meeting on {args.store} ({time.strftime('%Y-%m-%d %H:%M')}, measured in "
          f"{(time.perf_counter() - started) / 60:.1f} min)")
    print(report(figures, args.users, args.browsers, args.workers))


if __name__ == "__main__":
    main()
