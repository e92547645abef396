"""Every page through the proxied set-up (`python -m serve`: two workers behind nginx, 127.0.0.1) in
headless Chromium: a deep link opened first after the start opens its page with no "Page not
found" modal; every page draws with no exception, no developer toolbar or Deploy button, no
request refused by the Content-Security-Policy, the theme's fonts as WOFF2; a second visit takes
the app's scripts, styles and fonts from the browser's cache."""
from __future__ import annotations

import pytest

from bench.bench_download import visits
from browser.test_pages import CHARTLESS, PAGES, VIETNAMESE, assert_no_error, path_of, wait_for_content
from serve.launch import nginx_missing, start_proxied

pytestmark = pytest.mark.skipif(nginx_missing() is not None, reason=nginx_missing() or "")


@pytest.fixture(scope="module")
def proxied(store_path, tmp_path_factory):
    setup = start_proxied(store_path, tmp_path_factory.mktemp("serve-browser"), first_port=9170)
    yield setup
    setup.stop()


@pytest.fixture
def fresh_tab(chromium):
    """A tab in a context of its own (empty cache, no cookies), with what the console said."""
    context = chromium.new_context(viewport={"width": 1440, "height": 900}, locale="vi-VN")
    tab = context.new_page()
    tab.console_lines = []
    tab.on("console", lambda message: tab.console_lines.append(f"{message.type}: {message.text}"))
    fonts = []
    tab.on("requestfinished", lambda request: fonts.append(request.url) if request.resource_type == "font" else None)
    tab.fonts = fonts
    yield tab
    context.close()


def test_a_deep_link_opened_first_after_a_start_opens_its_page(proxied, fresh_tab):
    # The module's fixture has just started the workers: this is their first session.
    assert all(w["restarts"] == 0 for w in proxied.state()["workers"])
    fresh_tab.goto(f"{proxied.url}/nhap-du-lieu", wait_until="commit")
    wait_for_content(fresh_tab, with_chart=False)
    assert fresh_tab.locator('[role="dialog"]').count() == 0
    assert_no_error(fresh_tab)
    assert fresh_tab.locator("h1").first.inner_text().strip() == "Nhập số liệu"
    assert fresh_tab.url.split("?")[0].rstrip("/").endswith("/nhap-du-lieu")


@pytest.mark.parametrize("declared", PAGES, ids=[p["url"] for p in PAGES])
def test_every_page_draws_through_the_proxy(proxied, fresh_tab, declared):
    fresh_tab.goto(f"{proxied.url}/{path_of(declared)}", wait_until="commit")
    wait_for_content(fresh_tab, with_chart=declared["url"] not in CHARTLESS)
    assert_no_error(fresh_tab)
    assert VIETNAMESE.search(fresh_tab.locator("h1").first.inner_text())
    assert fresh_tab.locator('[data-testid="stAppDeployButton"]').count() == 0
    assert fresh_tab.get_by_text("Deploy", exact=True).count() == 0
    refused = [line for line in fresh_tab.console_lines if "Content Security Policy" in line]
    assert not refused, refused
    theme_fonts = [url for url in fresh_tab.fonts if "/app/static/fonts/" in url]
    assert theme_fonts and all(url.endswith(".woff2") for url in theme_fonts), fresh_tab.fonts


def test_a_second_visit_takes_the_app_from_the_cache(proxied, chromium):
    first, second = visits(chromium, proxied.url, proxied.run_dir, "xep-hang?metric=dossiers_online",
                           every_page=False)
    assert first.requests and first.from_cache == 0
    assert second.from_cache >= 0.8 * second.requests, second
    assert second.http_bytes < first.http_bytes / 10, (first, second)
    assert second.websocket_bytes > 0  # the page's elements still come over the websocket
