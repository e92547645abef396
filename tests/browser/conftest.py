"""Session fixtures for the browser tests: the real dashboard server on a free port, pointed at the
session test store, and one headless Chromium (Debian's, never a downloaded one).

The store itself is built by tests/conftest.py in pytest_sessionstart, before any fixture runs;
`store_path` (its session fixture) says where.
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from ui.serve import free_port

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--no-first-run"]
FIRST_PORT = int(os.environ.get("KPI_TEST_PORT", "8631"))  # where to look for a free port
START_TIMEOUT_S = 90
SCREENS = ROOT / "test-artifacts" / "screens"


def pytest_collection_modifyitems(config, items) -> None:
    """Every test here is a browser test, and is skipped (with the reason) only without Chromium."""
    here = Path(__file__).parent
    missing = pytest.mark.skip(reason=f"{CHROMIUM} is missing: the browser tests need Debian's chromium "
                                      "(apt-get install chromium; `make test` installs it)")
    for item in items:
        if Path(str(item.fspath)).is_relative_to(here):
            item.add_marker(pytest.mark.browser)
            if not CHROMIUM.exists():
                item.add_marker(missing)


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
            return answer.read().decode().strip() == "ok"
    except OSError:
        return False


@pytest.fixture(scope="session")
def app_url(store_path, tmp_path_factory) -> str:
    """Start `streamlit run dashboard.py` on the test store; its base URL once /_stcore/health says
    "ok"; terminated at the end of the session."""
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing")
    port = free_port(FIRST_PORT)
    python = ROOT / ".venv" / "bin" / "python"
    log_path = tmp_path_factory.mktemp("server") / "streamlit.log"
    command = [str(python if python.exists() else sys.executable), "-m", "ui.serve",
               "--server.headless", "true", "--server.address", "127.0.0.1", "--server.port", str(port),
               "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
    env = dict(os.environ, KPI_STORE=str(store_path))
    with open(log_path, "wb") as log:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_TIMEOUT_S
    while not _healthy(url):
        if server.poll() is not None or time.monotonic() > deadline:
            server.kill()
            pytest.fail(f"the dashboard did not start on {url}:\n{log_path.read_text(errors='replace')[-3000:]}")
        time.sleep(0.3)
    yield url
    server.terminate()
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.kill()


@pytest.fixture(scope="session")
def chromium(app_url):
    """One headless Chromium for the session. A first visit pays for the server's cold start
    (imports, first queries) before the page tests open all their tabs at once, which on two
    busy cores could otherwise outlast their time-out. (That a deep link opens as the very first
    session of a server is tested through the proxy, tests/browser/test_proxy.py.)"""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        warm = browser.new_page()
        warm.goto(app_url)
        warm.wait_for_selector("h1", timeout=120_000)
        warm.close()
        yield browser
        browser.close()


@pytest.fixture
def tab(chromium):
    """A fresh tab (its own Streamlit session) at a laptop's size."""
    tab = chromium.new_page(viewport={"width": 1440, "height": 900}, locale="vi-VN")
    yield tab
    tab.close()


@pytest.fixture(scope="session")
def screens() -> Path:
    SCREENS.mkdir(parents=True, exist_ok=True)
    return SCREENS
