"""The "Hồ sơ" page in headless Chromium: the tiles, the worst-first chart and the overdue list
drawn, in Vietnamese, on a laptop and on a 390 px phone; the overdue list downloads as CSV with
its Vietnamese headers; the definition link leads to how each number is counted."""
from __future__ import annotations

import pytest

from tests.browser.test_pages import VIETNAMESE, assert_no_error, open_page, screenshot

TIMEOUT_MS = 90_000


@pytest.mark.browser
@pytest.mark.parametrize("width", [1440, 390])
def test_the_dossier_page_draws(chromium, app_url, screens, width):
    tab = chromium.new_page(viewport={"width": width, "height": 900}, locale="vi-VN")
    try:
        open_page(tab, app_url, "ho-so?kind=ministry&by=procedure")
        assert_no_error(tab)
        body = tab.inner_text("body")
        assert "Hồ sơ giải quyết đúng hạn" in body and "Hồ sơ đang quá hạn" in body and VIETNAMESE.search(body)
        assert tab.locator('[data-testid="stMetric"]').count() == 7
        assert tab.locator(".js-plotly-plot").count() == 2
        assert "Cách tính các chỉ số" in body
        screenshot(tab, screens / f"ho-so-{width}.png")
    finally:
        tab.close()


@pytest.mark.browser
def test_the_overdue_list_downloads_as_csv(tab, app_url, tmp_path):
    open_page(tab, app_url, "ho-so?kind=ministry")
    with tab.expect_download(timeout=TIMEOUT_MS) as waiting:
        tab.get_by_role("button", name="Tải danh sách (CSV)").click()
    target = tmp_path / waiting.value.suggested_filename
    waiting.value.save_as(target)
    text = target.read_bytes().decode("utf-8-sig")
    header, *rows = text.strip().splitlines()
    assert header.startswith("Mã hồ sơ,Đơn vị tiếp nhận") and "Số ngày quá hạn" in header
    assert rows and all(r.split(",")[0] for r in rows)
