"""The maps in headless Chromium with every address but 127.0.0.1 blocked: the boundaries are
drawn on both boundary maps (34 provinces, and the 63 of the time), the tile map beside them, and
no request for a map leaves the machine."""
from __future__ import annotations

import pytest

from tests.browser.test_pages import assert_no_error, open_page

LOCAL = ("http://127.0.0.1", "ws://127.0.0.1", "data:", "blob:", "about:")


@pytest.fixture
def offline_tab(chromium):
    """A tab whose requests to anywhere but this machine are refused; `tab.blocked` lists them."""
    context = chromium.new_context(viewport={"width": 1440, "height": 900}, locale="vi-VN")
    tab = context.new_page()
    tab.blocked = []

    def route(request_route):
        url = request_route.request.url
        if url.startswith(LOCAL):
            request_route.continue_()
        else:
            tab.blocked.append(url)
            request_route.abort()

    context.route("**/*", route)
    yield tab
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("query, provinces", [("", 34), ("?map=time&metric=par_index&grain=year&period=2024", 63)],
                         ids=["2025-map", "map-of-the-time"])
def test_the_map_draws_with_the_network_blocked(offline_tab, app_url, screens, query, provinces):
    open_page(offline_tab, app_url, f"ban-do{query}")
    assert_no_error(offline_tab)
    offline_tab.wait_for_selector(".js-plotly-plot .choroplethlayer path", timeout=30_000)
    offline_tab.wait_for_timeout(500)
    painted = offline_tab.locator(".js-plotly-plot .choroplethlayer path.choroplethlocation").count()
    assert painted == provinces
    squares = offline_tab.locator(".js-plotly-plot .shapelayer path").count()
    assert squares >= provinces + 2  # one per province and the two archipelagos
    assert offline_tab.get_by_text("Trường Sa").count() >= 1
    assert not [u for u in offline_tab.blocked if "plot.ly" in u or u.endswith(".json")], offline_tab.blocked
    offline_tab.screenshot(path=str(screens / f"ban-do-{provinces}.png"), full_page=True)
