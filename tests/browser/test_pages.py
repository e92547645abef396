"""Every page of the dashboard in headless Chromium against the real server: it draws without an
exception, in Vietnamese with its diacritics, and a full screenshot is kept in
test-artifacts/screens/<url>.png. Shared links reopen the same view; ?lang=en switches to English.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from l10n import t
from ui.navigation import PAGES as DECLARED

ROOT = Path(__file__).resolve().parents[2]
VIETNAMESE = re.compile(r"[À-ỹĐđ]")
LOAD_TIMEOUT_MS = 60_000
CHARTLESS = {"du-lieu", "nhap-du-lieu", "canh-bao"}  # pages that answer with tables and forms, not charts


PAGES = [dict(path=p.path, title_vi=t(p.title, "vi"), title_en=t(p.title, "en"), icon=p.icon, url=p.url)
         for p in DECLARED]


def path_of(declared: dict) -> str:
    """The URL path of a declared page: the default page (the first) is served at the root, as
    st.navigation ignores its url_path."""
    return "" if declared == PAGES[0] else declared["url"]


def start(page, app_url: str, path: str) -> None:
    """Ask for app_url/path without waiting for the app (its script runs over the websocket)."""
    page.goto(f"{app_url}/{path}", wait_until="commit")


def wait_for_content(page, with_chart: bool = True) -> None:
    """Wait for content: the page title, the script to finish, and a drawn Plotly chart where
    the page has one."""
    page.wait_for_selector("h1", timeout=LOAD_TIMEOUT_MS)
    page.wait_for_selector('[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=LOAD_TIMEOUT_MS)
    if with_chart:
        page.wait_for_selector(".js-plotly-plot .main-svg", timeout=LOAD_TIMEOUT_MS)
    page.wait_for_timeout(300)  # let the last charts lay out before reading or capturing


def open_page(page, app_url: str, path: str, with_chart: bool = True) -> None:
    start(page, app_url, path)
    wait_for_content(page, with_chart)


def chosen(page) -> list[str]:
    """What every picker shows: select boxes keep their value in a combobox input, segmented
    controls mark the chosen button aria-checked."""
    boxes = page.locator('input[role="combobox"]').evaluate_all("(inputs) => inputs.map((i) => i.value)")
    buttons = page.locator('button[role="radio"][aria-checked="true"]').all_inner_texts()
    return boxes + [b.strip() for b in buttons]


def assert_no_error(page) -> None:
    assert page.locator('[data-testid="stException"]').count() == 0
    body = page.inner_text("body")
    assert "Traceback" not in body
    assert "Page not found" not in body


def screenshot(page, path: Path) -> None:
    """The whole page: Streamlit scrolls inside stMain, so the viewport grows to its height first."""
    height = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": 1440, "height": min(max(int(height), 900), 20_000)})
    page.wait_for_timeout(400)
    page.screenshot(path=str(path), full_page=True)


@pytest.fixture(scope="module")
def every_page(chromium, app_url):
    """One tab per declared page, all asked for at once so the server and the browser work on
    them side by side; each test then waits for its own tab."""
    tabs = {}
    for declared in PAGES:
        if (ROOT / declared["path"]).exists():
            tab = chromium.new_page(viewport={"width": 1440, "height": 900}, locale="vi-VN")
            start(tab, app_url, path_of(declared))
            tabs[declared["url"]] = tab
    yield tabs
    for tab in tabs.values():
        tab.close()


@pytest.mark.browser
@pytest.mark.parametrize("declared", PAGES, ids=[p["url"] for p in PAGES])
def test_every_page_draws_in_vietnamese(every_page, screens, declared):
    if declared["url"] not in every_page:
        pytest.skip(f"{declared['path']} is not written yet")
    tab = every_page[declared["url"]]
    wait_for_content(tab, with_chart=declared["url"] not in CHARTLESS)
    assert_no_error(tab)
    heading = tab.locator("h1").first.inner_text()
    assert VIETNAMESE.search(heading), heading
    nav = tab.locator('[data-testid="stSidebarNav"]')
    assert nav.get_by_text(declared["title_vi"], exact=True).first.is_visible()
    assert nav.get_by_text("Xếp hạng", exact=True).first.is_visible()
    screenshot(tab, screens / f"{declared['url']}.png")


@pytest.mark.browser
def test_a_shared_rankings_link_reopens_the_same_view(tab, app_url):
    open_page(tab, app_url, "xep-hang?metric=par_index&period=2024&kind=province&map=time&highlight=hai-phong")
    assert_no_error(tab)
    values = chosen(tab)
    for shown in ("Chỉ số CCHC (PAR INDEX)", "Năm 2024", "Tỉnh, thành phố", "Hải Phòng", "Bản đồ tại thời điểm số liệu"):
        assert shown in values, values
    for param in ("metric=par_index", "period=2024", "map=time", "highlight=hai-phong"):
        assert param in tab.url, tab.url
    assert tab.locator(".js-plotly-plot").first.get_by_text("Hải Phòng").count() >= 1


@pytest.mark.browser
def test_a_shared_online_services_link_shows_ha_giang_2023(tab, app_url):
    open_page(tab, app_url, "dich-vu-cong?map=time&period=2023&place=ha-giang")
    assert_no_error(tab)
    main = tab.locator('[data-testid="stMain"]')
    assert main.get_by_text("1.818/1.876 TTHC — 96,91%").first.is_visible()
    assert main.get_by_text("96,81%", exact=False).first.is_visible()
    assert {"Bản đồ tại thời điểm số liệu", "Năm 2023", "Hà Giang", "Năm", "Tỉnh, thành phố"} <= set(chosen(tab))
    assert "place=ha-giang" in tab.url


@pytest.mark.browser
@pytest.mark.parametrize("url, title", [("xep-hang", "Rankings"), ("nhiem-vu", "Administrative reform tasks")])
def test_the_english_switch_shows_english_titles(tab, app_url, url, title):
    open_page(tab, app_url, f"{url}?lang=en")
    assert_no_error(tab)
    assert tab.locator("h1").first.inner_text().strip() == title
    nav = tab.locator('[data-testid="stSidebarNav"]')
    assert nav.get_by_text("Rankings", exact=True).first.is_visible()
    assert nav.get_by_text("Xếp hạng", exact=True).count() == 0
