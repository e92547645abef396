"""What a browser downloads from the proxied set-up: a first visit (empty cache) and a second visit
(the same browser opening the link again, its HTTP cache holding what the first visits left).

    python -m bench.bench_download --url http://127.0.0.1:8501 --run-dir RUN_DIR

Counted: every HTTP response's bytes on the wire (headers and compressed body, Chromium's
encodedDataLength; answers from the cache count nothing, a 304 its headers) and the websocket's
bytes as nginx sent them (the access log's $bytes_sent of /_stcore/stream, compressed frames
included), which needs the proxy's run folder. The first visit opens every page once, each in
a fresh tab of one browser context (so every page's scripts are cached); the second visit is
one more tab at the link.
"""
from __future__ import annotations

import argparse
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.page_draws import CHROMIUM, CHROMIUM_ARGS, VIEWPORT
from bench.server_process import declared_pages

SENT = re.compile(r'"GET /_stcore/stream[^"]*" \d+ \d+ route=(?P<route>\S+) .* sent=(?P<sent>\d+)')
DRAWN_TIMEOUT_MS = 60_000


@dataclass
class Visit:
    http_bytes: int = 0
    requests: int = 0
    from_cache: int = 0
    websocket_bytes: int = 0
    largest: list[tuple[int, str]] = field(default_factory=list)

    @property
    def total_kb(self) -> float:
        return (self.http_bytes + self.websocket_bytes) / 1000


def _log_size(run_dir: Path | None) -> int:
    return (run_dir / "access.log").stat().st_size if run_dir is not None else 0


def _websocket_bytes(run_dir: Path | None, route: str, since: int) -> int:
    """Bytes nginx sent on the websockets of `route` logged after offset `since` of its log."""
    if run_dir is None:
        return 0
    with open(run_dir / "access.log", "rb") as log:
        log.seek(since)
        text = log.read().decode(errors="replace")
    return sum(int(m["sent"]) for m in map(SENT.search, text.splitlines()) if m and m["route"] == route)


def _visit(context, url: str, run_dir: Path | None) -> Visit:
    """One tab at `url` until the page is drawn, closed; what it cost."""
    tab = context.new_page()
    cdp = context.new_cdp_session(tab)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": False})
    visit, urls, cached, since = Visit(), {}, set(), _log_size(run_dir)

    def received(event):
        urls[event["requestId"]] = event["response"]["url"]
        if event["response"].get("fromDiskCache") or event["response"].get("fromPrefetchCache"):
            cached.add(event["requestId"])

    def finished(event):
        visit.requests += 1
        if event["requestId"] in cached:
            visit.from_cache += 1
            return
        size = int(event.get("encodedDataLength", 0))
        visit.http_bytes += size
        visit.largest.append((size, urls.get(event["requestId"], "?")))

    cdp.on("Network.responseReceived", received)
    cdp.on("Network.requestServedFromCache", lambda event: cached.add(event["requestId"]))
    cdp.on("Network.loadingFinished", finished)
    tab.goto(url, wait_until="commit")
    tab.wait_for_selector("[data-testid='stMain'] h1", timeout=DRAWN_TIMEOUT_MS)
    tab.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=DRAWN_TIMEOUT_MS)
    tab.wait_for_timeout(1500)  # late requests (fonts, lazily loaded chunks)
    route = next((c["value"] for c in context.cookies() if c["name"] == "kpi_route"), "")
    tab.close()
    time.sleep(0.5)  # nginx logs the websocket once it is closed
    visit.websocket_bytes = _websocket_bytes(run_dir, route, since)
    visit.largest = sorted(visit.largest, reverse=True)[:5]
    return visit


def visits(browser, url: str, run_dir: Path | None, link: str = "", every_page: bool = True) -> tuple[Visit, Visit]:
    """(the first visit of `link`, the second visit) in a new context of a Playwright `browser`,
    `url` being the proxy's base URL; with `every_page`, every other page is visited in between.
    With no run folder, websocket bytes are not counted (0)."""
    context = browser.new_context(viewport=VIEWPORT, locale="vi-VN")
    try:
        first = _visit(context, f"{url}/{link}", run_dir)
        for page in declared_pages() if every_page else ():  # as a first morning's clicks leave it
            _visit(context, f"{url}/{page.url}", run_dir)
        return first, _visit(context, f"{url}/{link}", run_dir)
    finally:
        context.close()


def measure(url: str, run_dir: Path | None, link: str = "") -> tuple[Visit, Visit]:
    """`visits` in a Chromium of its own."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            return visits(browser, url, run_dir, link)
        finally:
            browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--run-dir", type=Path)
    parser.add_argument("--link", default="")
    args = parser.parse_args()
    first, second = measure(args.url.rstrip("/"), args.run_dir, args.link)
    for name, visit in (("first visit", first), ("second visit", second)):
        print(f"{name}: {visit.total_kb:,.0f} kB ({visit.http_bytes / 1000:,.0f} kB HTTP in {visit.requests} requests, "
              f"{visit.from_cache} from the cache; websocket {visit.websocket_bytes / 1000:,.0f} kB)")
        for size, where in visit.largest:
            print(f"    {size / 1000:8,.0f} kB  {where}")


if __name__ == "__main__":
    main()
