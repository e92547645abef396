"""What leaves the app from a real page: the page is driven with AppTest, the export row's own
download callables (what a click on PNG, SVG, XLSX or the deck download runs) are caught as the
page hands them to Streamlit, run, and their bytes read back. Each file must name the documents
behind the figures (number and date, from the store), say "Dữ liệu minh họa" when any figure is
demo, and carry its export date; the PNG's baked-in figure is checked before rendering (no OCR),
the SVG by its text. The slide basket's reordering is checked on the deck it downloads."""
from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
import streamlit as st
from openpyxl import load_workbook
from PIL import Image
from pptx import Presentation
from streamlit.elements.widgets.button import ButtonMixin

from exports import images
from l10n.formatting import format_date
from tests import apptest, oracle
from tests.apptest import assert_clean

needs_chromium = pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="Kaleido needs Debian's chromium")
TODAY = format_date(date.today(), "vi")


@pytest.fixture
def clicks(monkeypatch):
    """Every download button a page draws, by key: its file name and the callable a click runs;
    and every figure the image exporter renders (after the title and footer are baked in)."""
    caught: dict[str, dict] = {}
    rendered: list = []
    original = ButtonMixin.download_button

    def download_button(self, label, data, *args, **kwargs):
        caught[kwargs.get("key")] = {"file_name": kwargs.get("file_name"), "data": data}
        return original(self, label, data, *args, **kwargs)

    real_render = images.render

    def render(fig, fmt, width, height):
        rendered.append(fig)
        return real_render(fig, fmt, width, height)

    monkeypatch.setattr(ButtonMixin, "download_button", download_button)  # columns' and containers' buttons
    bound = st.download_button  # st.download_button is bound to the main area once, at import

    def st_download_button(label, data, *args, **kwargs):
        caught[kwargs.get("key")] = {"file_name": kwargs.get("file_name"), "data": data}
        return bound(label, data, *args, **kwargs)

    monkeypatch.setattr(st, "download_button", st_download_button)
    monkeypatch.setattr(images, "render", render)
    caught["_rendered"] = rendered
    return caught


def _bytes(clicks, key: str) -> bytes:
    data = clicks[key]["data"]
    return data() if callable(data) else data


# (page, params, map, chart key, metric, period): published and demo figures together, demo alone
PAGES = [
    ("xep-hang", {"metric": "par_index", "grain": "year", "period": "2024"}, "time", "ranking", "par_index", "2024"),
    ("xep-hang", {"metric": "index766", "period": "2026-10"}, "2025", "ranking", "index766", "2026-10"),
]


def _open(url_path, params, boundary):
    at = apptest.open_page(url_path, params, "vi", boundary, timeout=120)
    assert_clean(at)
    drawn = {b.key for b in at.button}
    assert any(k and k.endswith("_add") for k in drawn), (drawn, apptest.captions(at), [i.value for i in at.info])
    return at


@needs_chromium
@pytest.mark.parametrize("url_path, params, boundary, key, metric, period", PAGES)
def test_png_and_svg_name_the_sources_the_demo_mark_and_the_date(clicks, store_path, url_path, params, boundary, key,
                                                                metric, period):
    sources, demo = oracle.shown_sources(store_path, metric, period, "province", boundary)
    _open(url_path, params, boundary)
    png = _bytes(clicks, f"{key}_png")
    assert Image.open(io.BytesIO(png)).size == images.SLIDE_SIZES["16:9"]
    baked = " ".join(a.text for a in clicks["_rendered"][-1].layout.annotations).replace("<br>", " ")
    for line in sources:
        assert line in baked, (line, baked)
    assert ("Dữ liệu minh họa" in baked) is demo
    assert f"Xuất ngày {TODAY}" in baked
    svg = _bytes(clicks, f"{key}_svg").decode("utf-8")
    for line in sources:
        assert line.split(" (")[0].split()[0] in svg, line
    for date_shown in {line.rsplit("(", 1)[1].rstrip(")") for line in sources if line.endswith(")")}:
        assert date_shown in svg
    assert ("Dữ liệu minh họa" in svg) is demo and f"Xuất ngày {TODAY}" in svg
    assert clicks[f"{key}_png"]["file_name"].endswith(".png") and clicks[f"{key}_svg"]["file_name"].endswith(".svg")


@pytest.mark.parametrize("url_path, params, boundary, key, metric, period", PAGES)
def test_xlsx_holds_the_table_the_status_and_the_sources(clicks, store_path, url_path, params, boundary, key, metric, period):
    sources, demo = oracle.shown_sources(store_path, metric, period, "province", boundary)
    at = _open(url_path, params, boundary)
    book = load_workbook(io.BytesIO(_bytes(clicks, f"{key}_xlsx")))
    data, named = book.worksheets[0], book["Nguồn"]
    table = at.dataframe[0].value
    assert data.max_row == len(table) + 1
    assert [c.value for c in data[1]] == list(table.columns)
    cells = [c for row in named.iter_rows(values_only=True) for c in row if c is not None]
    assert cells[:2] == ["Trạng thái", "Dữ liệu minh họa, không phải số liệu công bố chính thức" if demo
                         else "Số liệu đã công bố"]
    assert set(cells[3:]) == sources


def _deck_texts(data: bytes) -> list[str]:
    deck = Presentation(io.BytesIO(data))
    return [" ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame) for slide in deck.slides]


@pytest.mark.parametrize("url_path, params, boundary, key, metric, period", PAGES[:1])
def test_a_slide_added_from_a_page_carries_its_sources_and_demo_mark(clicks, store_path, url_path, params, boundary, key,
                                                                    metric, period):
    sources, demo = oracle.shown_sources(store_path, metric, period, "province", boundary)
    at = _open(url_path, params, boundary)
    at.button(key=f"{key}_add").click().run()
    assert_clean(at)
    slides = _deck_texts(_bytes(clicks, "slide_basket_download"))
    assert len(slides) == 2  # the title slide, then the chart
    for line in sources:
        assert line in slides[1], (line, slides[1])
    assert ("Dữ liệu minh họa" in slides[1]) is demo


def test_the_basket_reorders_the_slides_of_the_deck(clicks):
    at = _open("xep-hang", {"metric": "index766", "period": "2026-10"}, "2025")
    at.button(key="ranking_add").click().run()
    at.switch_page("pages/trends.py").run()
    assert_clean(at)
    at.button(key="trend_add").click().run()
    first, second = (s.title for s in at.session_state["slide_basket"])
    assert first.startswith("Chỉ số phục vụ (766)") and first != second
    at.button(key="slide_basket_down_0").click().run()
    assert [s.title for s in at.session_state["slide_basket"]] == [second, first]
    slides = _deck_texts(_bytes(clicks, "slide_basket_download"))
    assert second in slides[1] and first in slides[2]
    at.button(key="slide_basket_up_1").click().run()
    assert [s.title for s in at.session_state["slide_basket"]] == [first, second]
    slides = _deck_texts(_bytes(clicks, "slide_basket_download"))
    assert first in slides[1] and second in slides[2]
