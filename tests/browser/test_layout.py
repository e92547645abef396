"""Every page at a laptop's width (1440 px) and a phone's (390×844, a phone's browser): it loads,
nothing is wider than the screen, and every chart keeps its text inside its frame with no two
labels over each other; a click on a province of the ranking opens its profile; screenshots of
the phone views are kept in test-artifacts/screens/phone-<page>.png."""
from __future__ import annotations

import pytest

from tests.browser.test_pages import CHARTLESS, PAGES, assert_no_error, path_of, start, wait_for_content

PHONE_UA = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
            "Version/17.0 Mobile/15E148 Safari/604.1")
# For every drawn chart: the text outside its frame, and how many pairs of labels (annotations,
# bottom tick labels) overlap.
FIT = """(plot) => {
  const frame = plot.querySelector('.main-svg').getBoundingClientRect();
  const outside = [];
  plot.querySelectorAll('text').forEach((t) => {
    const r = t.getBoundingClientRect();
    if (!t.textContent.trim() || r.width === 0) return;
    if (r.left < frame.left - 1 || r.right > frame.right + 1 || r.top < frame.top - 1 || r.bottom > frame.bottom + 1)
      outside.push(t.textContent.slice(0, 60));
  });
  const notes = [...plot.querySelectorAll('.annotation-text-g, .xtick text')].filter((g) => !(g.getAttribute('transform') || '').includes('rotate')).map((g) => g.getBoundingClientRect())
                                                                               .filter((r) => r.width > 0);
  let overlaps = 0;
  for (let i = 0; i < notes.length; i++) for (let j = i + 1; j < notes.length; j++) {
    const a = notes[i], b = notes[j];
    if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) overlaps++;
  }
  return {outside, overlaps};
}"""
SIZES = {"desktop": dict(viewport={"width": 1440, "height": 900}),
         "phone": dict(viewport={"width": 390, "height": 844}, user_agent=PHONE_UA, is_mobile=True, has_touch=True)}


@pytest.fixture(scope="module", params=list(SIZES))
def sized(request, chromium, app_url):
    """A browser context of the size; each test opens its page in a tab of it (one page at a
    time: eleven at once on a shared two-core machine can keep the first waiting a minute)."""
    context = chromium.new_context(locale="vi-VN", **SIZES[request.param])
    yield request.param, context
    context.close()


def check_fit(tab) -> None:
    plots = tab.locator(".js-plotly-plot")
    for i in range(plots.count()):
        plots.nth(i).scroll_into_view_if_needed()
        found = plots.nth(i).evaluate(FIT)
        assert not found["outside"], (i, found["outside"])
        assert found["overlaps"] == 0, (i, found)


@pytest.mark.browser
@pytest.mark.parametrize("declared", PAGES, ids=[p["url"] for p in PAGES])
def test_every_page_fits_its_screen(sized, app_url, screens, declared):
    size, context = sized
    tab = context.new_page()
    start(tab, app_url, path_of(declared))
    wait_for_content(tab, with_chart=declared["url"] not in CHARTLESS)
    tab.wait_for_timeout(800)
    assert_no_error(tab)
    width = tab.viewport_size["width"]
    assert tab.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollWidth") <= width
    check_fit(tab)
    if size == "phone":
        sidebar = tab.locator('[data-testid="stExpandSidebarButton"], [data-testid="stSidebarCollapsedControl"]')
        assert sidebar.count() >= 1  # the sidebar is one tap away
        height = tab.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
        tab.set_viewport_size({"width": width, "height": min(int(height), 12_000)})
        tab.wait_for_timeout(500)
        tab.screenshot(path=str(screens / f"phone-{declared['url']}.png"), full_page=True)
    tab.close()


@pytest.mark.browser
@pytest.mark.parametrize("size", list(SIZES))
def test_a_click_on_a_province_of_the_ranking_opens_its_profile(chromium, app_url, size):
    context = chromium.new_context(locale="vi-VN", **SIZES[size])
    tab = context.new_page()
    try:
        start(tab, app_url, "xep-hang?metric=par_index&grain=year&period=2024")
        wait_for_content(tab)
        tab.wait_for_timeout(1000)
        bar = tab.locator(".js-plotly-plot").first.locator("g.point path").nth(2)
        bar.scroll_into_view_if_needed()
        box = bar.bounding_box()
        tab.mouse.click(box["x"] + box["width"] * 0.3, box["y"] + box["height"] / 2)
        tab.wait_for_url("**/so-sanh?**", timeout=30_000)
        wait_for_content(tab)
        assert_no_error(tab)
        for param in ("place=", "metric=par_index", "period=2024", "from=xep-hang"):
            assert param in tab.url, tab.url
        place = tab.url.split("place=")[1].split("&")[0]
        heading = tab.locator("h3").filter(has_text="Chỉ số CCHC (PAR INDEX), năm 2024").first.inner_text()
        assert ":" in heading and place  # "Sơn La: Chỉ số CCHC (PAR INDEX), năm 2024"
        back = tab.get_by_role("link", name="Về Xếp hạng")
        assert back.count() == 1
        back.click()
        tab.wait_for_url("**/xep-hang**", timeout=30_000)
        wait_for_content(tab)
        assert "metric=par_index" in tab.url
    finally:
        context.close()
