"""A page as a person sees it in headless Chromium: the browser's settings, a clock installed in
every page (the last click, the script run's start and end as the browser saw them), when a page
counts as drawn (bench.bench_server's docstring says exactly what that is), and a tab opened on
the app with the time to its first draw."""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from bench.server_process import NavPage

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run"]
VIEWPORT = {"width": 1440, "height": 900}
DRAW_TIMEOUT_S = 30
OPEN_TIMEOUT_S = 120  # 20 sessions opening at once on two cores took over a minute
POLL_MS = 25

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


def failure_text(clock: dict) -> str:
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
        return tab, Draw(first.url, OPEN_TIMEOUT_S, failure=failure_text(clock))
    script = clock["runEnd"] / 1000 if clock["runEnd"] is not None else None
    return tab, Draw(first.url, time.perf_counter() - started, script)
