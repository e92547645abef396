"""The dashboard as people meet it: the real server in headless Chromium. Prints, asserts nothing.

    python -m bench.bench_server [--store data/kpi.duckdb] [--sessions 20] [--starts 3] [--isolated]

What is measured (`measure_server`), on a store that is already built:

- first draw: from `Popen` of `streamlit run dashboard.py` to the default page drawn in a fresh
  browser context. Counted: Python and Streamlit start-up, the store opened, the first script run
  (cold caches, first imports), the page's scripts loaded and drawn. Not counted: Chromium's own
  start-up (it is launched once, before the first server). Median over `starts` fresh servers.
- memory: the server's peak RSS (VmHWM, plus that of any child process, e.g. a Kaleido Chromium)
  after one session has opened every page, then after `sessions` concurrent sessions have clicked
  through every page on that same server.
- page draws: first one session alone clicks through every page in the sidebar, back to the
  first: each page's first visit on that server, its imports and cold caches included. Then
  `sessions` sessions open the app at once, each in its own tab of the browser context the
  session alone used (timed apart); once all are open, each clicks through every page, with no
  pause between pages (a stress test, not a reading pace). Timed inside the page, from the
  click event: to the end of the script run as the browser sees it (`script`), and to the first
  poll (every POLL_MS) that finds the page drawn; the difference is the browser drawing the page.
  Tabs, not contexts, by default: a tab is a Streamlit session of its own, and the shared HTTP
  cache holds the app's scripts as a returning visitor's browser does (they are served
  `immutable`). With empty caches (`isolated`), every session fetches some 110 files (8.6 MB) from
  the same Python process that runs the pages: with 10 sessions opening at once, even a 1 kB
  file waited 12 s for its first byte, and 20 openings did not draw within two minutes.
- CPU seconds of the server and of the browser during the concurrent clicks: on two cores shared
  by both, they say which side the waiting comes from.

"Drawn" is what a person sees: the address of the page asked for, the script finished, no
running indicator, no element left stale from the page before, no component still loading, a
visible h1 that is not the previous page's, and every Plotly chart with its SVG. An exception
box, or a draw slower than DRAW_TIMEOUT_S (OPEN_TIMEOUT_S for a first visit), is a failure:
counted, reported with what the page showed, and its time kept (capped) in the figures.
"""
from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.page_draws import CHROMIUM, CHROMIUM_ARGS, DRAW_TIMEOUT_S, Draw, failure_text, new_context, open_tab, wait_drawn
from bench.server_process import ROOT, CpuSplit, NavPage, Server, declared_pages


async def click_through(tab, pages: list[NavPage], cpu: CpuSplit | None = None) -> list[Draw]:
    """Click every page's sidebar link in turn, ending on the first page (the default) again; with
    `cpu`, the CPU time of each page too (meaningful only when this session is alone)."""
    draws = []
    nav = tab.locator('[data-testid="stSidebarNav"]')
    for page in pages[1:] + pages[:1]:
        if cpu is not None:
            if draws:
                draws[-1].cpu_s = cpu.used()
            cpu.start()
        before = await tab.evaluate("() => document.querySelector('[data-testid=\"stMain\"] h1')?.innerText.trim() ?? null")
        try:
            await nav.get_by_text(page.title, exact=True).first.click(timeout=DRAW_TIMEOUT_S * 1000)
        except Exception as error:
            draws.append(Draw(page.url, DRAW_TIMEOUT_S, failure=f"link not clickable ({type(error).__name__})"))
            continue
        clock = await wait_drawn(tab, page, before, DRAW_TIMEOUT_S)
        if "at" not in clock or clock["click"] is None:
            draws.append(Draw(page.url, DRAW_TIMEOUT_S, failure=failure_text(clock) or "the click never reached the page"))
            continue
        script = (clock["runEnd"] - clock["click"]) / 1000 if clock["runEnd"] is not None else None
        draws.append(Draw(page.url, min((clock["at"] - clock["click"]) / 1000, DRAW_TIMEOUT_S), script))
    if cpu is not None and draws:
        draws[-1].cpu_s = cpu.used()
    return draws


async def session(browser, shared, url: str, pages: list[NavPage], everyone_open: asyncio.Barrier,
                  cpu: CpuSplit) -> tuple[Draw, list[Draw]]:
    """Open the app in a tab of `shared`, or of a fresh context when `shared` is None; wait until
    every session has; then click through, so that the clicks are timed with all sessions live.
    The tab is left open so that its renderer's CPU time can still be read."""
    tab, opened = await open_tab(shared or await new_context(browser), url, pages[0])
    if await everyone_open.wait() == 0:
        cpu.start()
    return opened, await click_through(tab, pages)


def _p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18] if len(values) > 1 else values[0]


def _median(values) -> float:
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else float("nan")


def _name(url: str) -> str:
    return url or "(default page)"


async def _measure(store_path: Path, sessions: int, starts: int, isolated: bool, log_dir: Path) -> dict:
    from playwright.async_api import async_playwright

    pages = declared_pages()
    figures: dict = {}
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        server = None
        try:
            first_draws, ready = [], []
            for start in range(starts):
                server = Server(store_path, log_dir)
                ready.append(server.wait_healthy())
                context = await new_context(browser)  # an empty cache: a first visit
                tab, opened = await open_tab(context, server.url, pages[0])
                if opened.failure:
                    raise RuntimeError(f"the first page was not drawn: {opened.failure}")
                first_draws.append(time.perf_counter() - server.started)
                if start < starts - 1:
                    await context.close()
                    server.stop()
            cpu = CpuSplit(server)
            alone = await click_through(tab, pages, cpu)  # the last server: one session, every page
            await tab.close()
            figures["rss_1_mb"] = server.peak_rss_mb()

            shared = None if isolated else context  # its cache now holds every script the pages use
            everyone_open = asyncio.Barrier(sessions)
            walks = await asyncio.gather(*(session(browser, shared, server.url, pages, everyone_open, cpu)
                                           for _ in range(sessions)))
            clicks_cpu = cpu.used()
            figures["rss_20_mb"] = server.peak_rss_mb()
        finally:
            if server is not None:
                server.stop()
            await browser.close()  # and every context with it

    opens = [opened for opened, _ in walks]
    draws = [draw for _, walked in walks for draw in walked]
    times = [d.seconds for d in draws]
    notes = ([f"one session alone, {_name(d.page)}: {d.failure}" for d in alone if d.failure]
             + [f"opening: {d.failure}" for d in opens if d.failure]
             + [f"clicked, {_name(d.page)}: {d.failure}" for d in draws if d.failure])
    figures.update({
        "first_draw_s": statistics.median(first_draws),
        "first_draw_max_s": max(first_draws),
        "server_ready_s": statistics.median(ready),
        "pages_alone_median_s": _median(d.seconds for d in alone),
        "alone_server_cpu_s": _median(d.cpu_s[0] for d in alone),
        "alone_browser_cpu_s": _median(d.cpu_s[1] for d in alone),
        "open_median_s": _median(d.seconds for d in opens),
        "open_p95_s": _p95([d.seconds for d in opens]),
        "open_script_median_s": _median(d.script_s for d in opens),
        "pages_median_s": statistics.median(times),
        "pages_p95_s": _p95(times),
        "pages_max_s": max(times),
        "script_median_s": _median(d.script_s for d in draws if not d.failure),
        "server_cpu_per_draw_s": clicks_cpu[0] / len(draws),
        "browser_cpu_per_draw_s": clicks_cpu[1] / len(draws),
        "page_medians_s": {_name(p.url): _median(d.seconds for d in draws if d.page == p.url) for p in pages},
        "page_script_medians_s": {_name(p.url): _median(d.script_s for d in draws if d.page == p.url and not d.failure)
                                  for p in pages},
        "page_alone_s": {_name(d.page): d.seconds for d in alone},
        "page_alone_cpu_s": {_name(d.page): d.cpu_s for d in alone},
        "draws": float(len(draws)),
        "failures": float(sum(bool(d.failure) for d in draws)),
        "other_failures": float(sum(bool(d.failure) for d in opens + alone)),
        "failure_notes": notes,
    })
    return figures


def measure_server(store_path: Path, label: str, sessions: int = 20, starts: int = 3, isolated: bool = False) -> dict:
    """Figures for the server on `store_path` (already built): see the module's docstring.
    `label` (e.g. "demo", "commune") names the run's folder of server logs (removed after; a server
    that does not start is reported with the end of its log); `isolated` gives every concurrent
    session its own browser context (empty cache) instead of a tab of the shared one.
    Keys (seconds, MB, counts): first_draw_s (median over `starts`), first_draw_max_s, server_ready_s (Popen to health "ok");
    rss_1_mb, rss_20_mb; pages_alone_median_s (one session alone on the server) with
    alone_server_cpu_s and alone_browser_cpu_s (median CPU per page); open_median_s, open_p95_s,
    open_script_median_s (the concurrent sessions' first page, from goto); pages_median_s,
    pages_p95_s, pages_max_s (every concurrent click to its draw, failures at their capped time),
    script_median_s (click to the script's end), server_cpu_per_draw_s, browser_cpu_per_draw_s;
    page_medians_s, page_script_medians_s, page_alone_s, page_alone_cpu_s ((server, browser)):
    dicts by page url; draws, failures (of the concurrent clicks), other_failures (the alone walk,
    the openings), failure_notes (texts), measured_s (the whole measurement). `report` prints them."""
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix=f"kpi-bench-server-{label}-") as log_dir:
        figures = asyncio.run(_measure(Path(store_path).resolve(), sessions, starts, isolated, Path(log_dir)))
    figures["measured_s"] = time.perf_counter() - started
    return figures


def report(figures: dict, sessions: int) -> str:
    f = figures
    lines = [
        f"  first page drawn after server start: median {f['first_draw_s']:.2f} s (max {f['first_draw_max_s']:.2f} s; "
        f"health ok after {f['server_ready_s']:.2f} s)",
        f"  peak RSS: {f['rss_1_mb']:.0f} MB with 1 session, {f['rss_20_mb']:.0f} MB with {sessions}",
        f"  one session alone, click to drawn: median {f['pages_alone_median_s']:.2f} s; CPU per page (median): "
        f"server {f['alone_server_cpu_s']:.2f} s, browser {f['alone_browser_cpu_s']:.2f} s",
        f"  {sessions} sessions opening the app at once: median {f['open_median_s']:.2f} s, p95 {f['open_p95_s']:.2f} s "
        f"(script done after {f['open_script_median_s']:.2f} s)",
        f"  {sessions} sessions clicking at once, click to drawn: median {f['pages_median_s']:.2f} s, "
        f"p95 {f['pages_p95_s']:.2f} s, max {f['pages_max_s']:.2f} s (script done: median {f['script_median_s']:.2f} s) "
        f"over {f['draws']:.0f} draws, {f['failures']:.0f} failures ({f['other_failures']:.0f} more outside these)",
        f"  CPU per draw: server {f['server_cpu_per_draw_s']:.2f} s, browser {f['browser_cpu_per_draw_s']:.2f} s",
        f"  by page: median with {sessions} sessions (script done) · alone (CPU server + browser)",
    ]
    for url, seconds in f["page_medians_s"].items():
        server_cpu, browser_cpu = f["page_alone_cpu_s"].get(url, (float("nan"), float("nan")))
        lines.append(f"    {url}: {seconds:.2f} s ({f['page_script_medians_s'][url]:.2f} s) · "
                     f"{f['page_alone_s'].get(url, float('nan')):.2f} s ({server_cpu:.2f} + {browser_cpu:.2f} s)")
    lines += [f"  failure: {note}" for note in f["failure_notes"]]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--store", type=Path, default=ROOT / "data" / "kpi.duckdb")
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--starts", type=int, default=3)
    parser.add_argument("--isolated", action="store_true",
                        help="every session in its own browser context, with an empty cache (first visits)")
    args = parser.parse_args()
    if not args.store.exists():
        sys.exit(f"{args.store} is missing: build it first (make data)")
    figures = measure_server(args.store, args.store.stem, args.sessions, args.starts, args.isolated)
    kind = "own contexts" if args.isolated else "tabs of one context"
    print(f"server and browser on {args.store} ({args.sessions} sessions in {kind}, {args.starts} starts), "
          f"measured in {figures['measured_s']:.0f} s")
    print(report(figures, args.sessions))


if __name__ == "__main__":
    main()
