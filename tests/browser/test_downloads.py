"""Downloads from the running dashboard, as a secretary preparing a meeting would make them:
a chart as a slide-size PNG, and the monthly meeting deck."""
from __future__ import annotations

import io

import pytest
from PIL import Image
from pptx import Presentation

from tests.browser.test_pages import open_page

TIMEOUT_MS = 90_000


@pytest.mark.browser
def test_a_ranking_chart_downloads_as_a_slide_size_png(tab, app_url, tmp_path):
    open_page(tab, app_url, "xep-hang?metric=par_index&period=2024&kind=province&map=time&highlight=hai-phong")
    with tab.expect_download(timeout=TIMEOUT_MS) as waiting:
        tab.get_by_role("button", name="PNG").first.click()
    target = tmp_path / waiting.value.suggested_filename
    waiting.value.save_as(target)
    assert target.suffix == ".png"
    image = Image.open(io.BytesIO(target.read_bytes())).convert("RGB")
    assert image.size == (1920, 1080)
    assert len(set(image.resize((192, 108)).getdata())) > 20  # not blank


@pytest.mark.browser
def test_the_monthly_meeting_deck_downloads_from_the_sidebar(tab, app_url, tmp_path):
    open_page(tab, app_url, "")
    tab.get_by_text("Bộ slide họp tháng").click()
    button = tab.get_by_role("button", name="Tải bộ slide (.pptx)")
    button.wait_for(state="visible", timeout=TIMEOUT_MS)
    tab.wait_for_timeout(500)  # the expander's content settles before the click
    with tab.expect_download(timeout=TIMEOUT_MS) as waiting:
        button.click()
    target = tmp_path / waiting.value.suggested_filename
    waiting.value.save_as(target)
    deck = Presentation(str(target))
    assert len(deck.slides) >= 8
    assert any(shape.has_chart for slide in deck.slides for shape in slide.shapes)
