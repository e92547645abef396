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
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from ui.serve import free_port

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run"]
VIEWPORT = {"width": 1440, "height": 900}
FIRST_PORT = 8700
START_TIMEOUT_S = 60
HEALTH_POLL_S = 0.05
DRAW_TIMEOUT_S = 30
OPEN_TIMEOUT_S = 120  # 20 sessions opening at once on two cores took over a minute
POLL_MS = 25
TICKS_PER_S = os.sysconf("SC_CLK_TCK")

# Installed in every page before the app: the time of the last click, and when the last script
# run started and finished as the browser saw it (the app's data-test-script-state attribute).
PAGE_CLOCK = """
window.__bench = {click: null, runStart: null, runEnd: null};
document.addEventListener('click', () => {
  window.__bench = {click: performance.now(), runStart: null, runEnd: null};
}, true);
new MutationObserver((records) => {
  for (const record of records) {
    const state = record.target.getAttribute('data-test-script-state');
    if (state === 'running') { window.__bench.runStart = performance.now(); window.__bench.runEnd = null; }
    if (state === 'notRunning' && window.__bench.runStart !== null) window.__bench.runEnd = performance.now();
  }
}).observe(document, {subtree: true, attributes: true, attributeFilter: ['data-test-script-state']});
"""

# Truthy once the page whose url is `path` ('' for the default page, served at the root) is drawn:
# {at, ...the clock} or {error, ...}. Right after a click the old page still reads as finished,
# hence the address and `before`, the previous page's h1; an exception box counts once a run has
# finished since the click (the old page's box is not the new page's failure).
DRAWN = """({path, before}) => {
  const main = document.querySelector('[data-testid="stMain"]');
  const app = document.querySelector('[data-testid="stApp"]');
  if (!main || !app) return false;
  if (location.pathname.replace(/\\/+$/, '').split('/').pop() !== path) return false;
  if (app.getAttribute('data-test-script-state') !== 'notRunning') return false;
  if (document.querySelector('[data-testid="stStatusWidget"]:not(.StatusWidget-exit)')) return false;
  if (main.querySelector('[data-stale="true"], [data-testid="stSkeleton"]')) return false;
  const clock = window.__bench;
  const error = main.querySelector('[data-testid="stException"]');
  if (error && clock.runEnd !== null) return {...clock, error: error.innerText.slice(0, 300)};
  const heading = main.querySelector('h1');
  if (!heading || heading.offsetParent === null || heading.innerText.trim() === before) return false;
  for (const chart of main.querySelectorAll('[data-testid="stPlotlyChart"]')) {
    if (!chart.querySelector('.js-plotly-plot .main-svg')) return false;
  }
  return {...clock, at: performance.now()};
}"""

# What the page shows, in a few words, for a draw that never came.
SHOWN = """() => {
  const main = document.querySelector('[data-testid="stMain"]');
  const app = document.querySelector('[data-testid="stApp"]');
  if (!main || !app) return 'no app yet';
  const heading = main.querySelector('h1');
  const charts = [...main.querySelectorAll('[data-testid="stPlotlyChart"]')];
  return `at ${location.pathname}, script ${app.getAttribute('data-test-script-state')}, `
    + `${main.querySelectorAll('[data-stale="true"]').length} stale, `
    + `${main.querySelectorAll('[data-testid="stSkeleton"]').length} loading, `
    + `${charts.filter((chart) => chart.querySelector('.main-svg')).length} of ${charts.length} charts drawn, `
    + `h1 ${heading ? JSON.stringify(heading.innerText.trim()) : 'none'}`;
}"""


@dataclass(frozen=True)
class NavPage:
    title: str  # Vietnamese: the sidebar link's text
    url: str  # '' for the default page, which st.navigation serves at the root
    declared_url: str = ""  # the url_path dashboard.PAGES gives it (the default page's too)


def declared_pages() -> list[NavPage]:
    """ui.navigation.PAGES as the sidebar shows them in Vietnamese. The data-import page is kept:
    it shows without a login."""
    from l10n import t
    from ui.navigation import PAGES

    return [NavPage(title=t(p.title, "vi"), url="" if i == 0 else p.url, declared_url=p.url)
            for i, p in enumerate(PAGES) if (ROOT / p.path).exists()]


class Server:
    """`streamlit run dashboard.py` on `store_path`, as tests/browser/conftest.py starts it."""

    def __init__(self, store_path: Path, log_dir: Path):
        self.port = free_port(FIRST_PORT)
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_dir / f"streamlit-{self.port}.log"
        python = ROOT / ".venv" / "bin" / "python"
        command = [str(python if python.exists() else sys.executable), "-m", "ui.serve",
                   "--server.headless", "true", "--server.address", "127.0.0.1", "--server.port", str(self.port),
                   "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
        env = dict(os.environ, KPI_STORE=str(store_path))
        with open(self.log_path, "wb") as log:
            self.started = time.perf_counter()
            self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)

    def wait_healthy(self) -> float:
        """Seconds from Popen until /_stcore/health answers "ok"."""
        deadline = self.started + START_TIMEOUT_S
        while not self._healthy():
            if self.process.poll() is not None or time.perf_counter() > deadline:
                log = self.log_path.read_text(errors="replace")[-3000:]
                raise RuntimeError(f"the dashboard did not start on {self.url}:\n{log}")
            time.sleep(HEALTH_POLL_S)
        return time.perf_counter() - self.started

    def _healthy(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as answer:
                return answer.read().decode().strip() == "ok"
        except OSError:
            return False

    def pids(self) -> list[int]:
        return process_tree(self.process.pid)

    def peak_rss_mb(self) -> float:
        """VmHWM of the server and of every process below it, in MB (1e6 bytes). A sum of peaks,
        so an upper bound where children peaked at different times."""
        return sum(_status_kb(pid, "VmHWM") for pid in self.pids()) * 1024 / 1e6

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def _status_kb(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:  # the process ended meanwhile
        pass
    return 0


def _stat_fields(pid: int) -> list[str]:
    """/proc/PID/stat after the command name (which may hold spaces): field 3 (state) first."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return []


def process_tree(root: int) -> list[int]:
    """`root` and its descendants."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").glob("[0-9]*"):
        fields = _stat_fields(int(entry.name))
        if fields:
            children.setdefault(int(fields[1]), []).append(int(entry.name))
    tree, todo = [], [root]
    while todo:
        pid = todo.pop()
        tree.append(pid)
        todo.extend(children.get(pid, []))
    return tree


def cpu_s(pids: list[int]) -> float:
    """User and system CPU seconds the processes have used so far (fields 14 and 15)."""
    return sum(int(f[11]) + int(f[12]) for f in map(_stat_fields, pids) if f) / TICKS_PER_S


class CpuSplit:
    """CPU seconds of the server and of everything else this process started (the Playwright
    driver and Chromium) since `start()`."""

    def __init__(self, server: Server):
        self.server = server

    def _now(self) -> tuple[float, float]:
        server = set(self.server.pids())
        harness = [pid for pid in process_tree(os.getpid()) if pid not in server and pid != os.getpid()]
        return cpu_s(list(server)), cpu_s(harness)

    def start(self) -> None:
        self.started = self._now()

    def used(self) -> tuple[float, float]:
        now = self._now()
        return now[0] - self.started[0], now[1] - self.started[1]


@dataclass
class Draw:
    page: str
    seconds: float
    script_s: float | None = None  # from the click to the script's end, as the browser saw it
    failure: str = ""
    cpu_s: tuple[float, float] = (0.0, 0.0)  # server, browser; measured only for the session alone


async def wait_drawn(tab, page: NavPage, before: str | None, timeout_s: float) -> dict:
    """The page clock when `page` is drawn, with `at` (or `error`, or `failure` on time-out)."""
    try:
        handle = await tab.wait_for_function(DRAWN, arg={"path": page.url, "before": before}, polling=POLL_MS,
                                             timeout=timeout_s * 1000)
        return await handle.json_value()
    except Exception as error:  # Playwright's TimeoutError, or the page closed
        try:
            shown = await tab.evaluate(SHOWN)
        except Exception:
            shown = "the page did not answer"
        return {"failure": f"not drawn within {timeout_s:.0f} s ({type(error).__name__}): {shown}"}


def _failure(clock: dict) -> str:
    if "error" in clock:
        return "exception on the page: " + " ".join(clock["error"].split())
    return clock.get("failure", "")


async def new_context(browser):
    """A browser context (its own cookies and HTTP cache) with the page clock in every tab."""
    context = await browser.new_context(viewport=VIEWPORT, locale="vi-VN")
    await context.add_init_script(PAGE_CLOCK)
    return context


async def open_tab(context, url: str, first: NavPage) -> tuple[object, Draw]:
    """A new tab (its own Streamlit session) at the app's root; the time to the first draw, from
    goto (its script part from navigation start)."""
    tab = await context.new_page()
    started = time.perf_counter()
    try:
        await tab.goto(url, wait_until="commit", timeout=OPEN_TIMEOUT_S * 1000)
    except Exception as error:  # reported like a draw that never came, so no session is left waiting
        return tab, Draw(first.url, OPEN_TIMEOUT_S, failure=f"not loaded ({type(error).__name__}: {error})"[:300])
    clock = await wait_drawn(tab, first, None, OPEN_TIMEOUT_S)
    if "at" not in clock:
        return tab, Draw(first.url, OPEN_TIMEOUT_S, failure=_failure(clock))
    script = clock["runEnd"] / 1000 if clock["runEnd"] is not None else None
    return tab, Draw(first.url, time.perf_counter() - started, script)


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
            draws.append(Draw(page.url, DRAW_TIMEOUT_S, failure=_failure(clock) or "the click never reached the page"))
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
