"""Exports for meeting slides: images (PNG/SVG), the PowerPoint deck, CSV/XLSX, the UI controls.

Tests that render through Chromium are skipped, with the reason, only where /usr/bin/chromium is
absent (CI installs it).
"""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest
from openpyxl import load_workbook
from PIL import Image
from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE
from pptx.util import Inches

import charts
from charts import template as tpl
from exports import deck, images, render, tables

needs_chromium = pytest.mark.skipif(
    not Path("/usr/bin/chromium").exists(),
    reason="/usr/bin/chromium is not installed, so Kaleido cannot render images (apt-get install chromium)",
)
charts.register()

PROVINCES = ("Hà Giang", "Thừa Thiên Huế", "Bà Rịa - Vũng Tàu", "Đắk Lắk", "Hà Nội")
MINISTRIES = ("Bộ Tư pháp", "Bộ Tài chính", "Bộ Y tế")
VALUES = (96.91, 88.5, 72.25, 64.0, 58.75)
SOURCE = "Nguồn: 766/QĐ-TTg (23/06/2022) · Dữ liệu minh họa"


def ctx(has_demo: bool = True, lang: str = "vi") -> images.ChartContext:
    return images.ChartContext(
        title="Tỷ lệ TTHC cung cấp trực tuyến, tháng 10/2025",
        subtitle="5 tỉnh · Tháng 10/2025 · Địa giới trước sáp nhập",
        sources=("766/QĐ-TTg (23/06/2022)", "Cổng Dịch vụ công quốc gia"),
        has_demo=has_demo, lang=lang, exported_on=date(2025, 11, 3),
    )


def ranking_figure() -> go.Figure:
    colours = [tpl.HIGHLIGHT if name == "Thừa Thiên Huế" else tpl.MUTED for name in PROVINCES]
    return go.Figure(go.Bar(y=list(PROVINCES), x=list(VALUES), orientation="h", marker_color=colours))


def ministry_figure() -> go.Figure:
    return go.Figure(go.Heatmap(z=[[1, 2], [3, 4], [5, 6]], y=list(MINISTRIES), x=["T1/2025", "T2/2025"]))


# --- images: layout (no browser) ---------------------------------------------------------------

def annotation_text(fig: go.Figure) -> str:
    return " ".join(a.text for a in fig.layout.annotations)


def test_export_keeps_the_on_screen_data_and_colours():
    fig = ranking_figure()
    out = images.figure_for_export(fig, ctx(), images.SLIDE_SIZES["16:9"])
    assert tuple(out.data[0].y) == PROVINCES and tuple(out.data[0].x) == VALUES
    assert tuple(out.data[0].marker.color) == tuple(fig.data[0].marker.color)
    assert (out.layout.width, out.layout.height) == (1920, 1080)
    assert out.layout.font.size >= 20, "slide text must be readable on a projector"


@pytest.mark.parametrize(("has_demo", "lang", "expected", "absent"), [
    (True, "vi", ["Dữ liệu minh họa", "Xuất ngày 03/11/2025", "766/QĐ-TTg (23/06/2022)"], []),
    (False, "vi", ["Xuất ngày 03/11/2025"], ["Dữ liệu minh họa"]),
    (True, "en", ["Demo data", "Exported on 2025-11-03", "Sources: "], ["Dữ liệu minh họa"]),
])
def test_footer_says_sources_demo_status_and_date(has_demo, lang, expected, absent):
    text = annotation_text(images.figure_for_export(ranking_figure(), ctx(has_demo, lang), (1920, 1080)))
    assert all(part in text for part in expected), text
    assert not any(part in text for part in absent), text


def test_title_and_subtitle_are_baked_in():
    text = annotation_text(images.figure_for_export(ranking_figure(), ctx(), (1080, 1080)))
    assert "Tỷ lệ TTHC cung cấp trực tuyến" in text and "Địa giới trước sáp nhập" in text


def test_export_unavailable_says_why(monkeypatch):
    monkeypatch.setattr(render, "_chromium_path", lambda: None)
    ok, reason = images.export_available("vi")
    assert not ok and "Chromium" in reason
    with pytest.raises(images.ExportUnavailable, match="Chromium"):
        images.to_png(ranking_figure(), ctx())


# --- images: rendered through Chromium ---------------------------------------------------------

@needs_chromium
def test_export_available_here():
    assert images.export_available() == (True, "")


@needs_chromium
@pytest.mark.parametrize("size_key", list(images.SLIDE_SIZES))
def test_png_has_the_slide_size_and_is_not_blank(size_key):
    png = images.to_png(ranking_figure(), ctx(), size_key)
    image = Image.open(io.BytesIO(png)).convert("RGB")
    assert image.size == images.SLIDE_SIZES[size_key]
    assert len(image.getcolors(maxcolors=1_000_000)) > 50, "a blank or nearly blank image"


@needs_chromium
def test_svg_keeps_the_title_and_vietnamese_names_verbatim():
    svg = images.to_svg(ranking_figure(), ctx()).decode("utf-8")
    assert "Tỷ lệ TTHC cung cấp trực tuyến, tháng 10/2025" in svg
    for name in ("Hà Giang", "Thừa Thiên Huế", "Dữ liệu minh họa", "Xuất ngày 03/11/2025"):
        assert name in svg, name
    svg = images.to_svg(ministry_figure(), ctx()).decode("utf-8")
    assert all(name in svg for name in MINISTRIES)


# --- PowerPoint --------------------------------------------------------------------------------

def slides_for_deck(with_picture: bool) -> list[deck.SlideSpec]:
    months = ("01/2025", "02/2025", "03/2025")
    specs = [
        deck.SlideSpec("Xếp hạng tháng 10/2025", "5 tỉnh", SOURCE, "bar", PROVINCES,
                       (("Tỷ lệ (%)", VALUES),), '0.00"%"', highlight="Thừa Thiên Huế"),
        deck.SlideSpec("Xu hướng 01–03/2025", "Hà Giang và cả nước", SOURCE, "line", months,
                       (("Hà Giang", (60.0, None, 70.5)), ("Cả nước", (65.0, 66.0, 67.25))), "0.0",
                       highlight="Hà Giang"),
        deck.SlideSpec("Chỉ số chính", "Cả nước", SOURCE, "kpis", ("TTHC trực tuyến", "Hồ sơ"),
                       (("Giá trị", (96.91, 1818.0)),), texts=(("96,91%", "1.818"),)),
        deck.SlideSpec("Bảng", "Bộ, ngành", SOURCE, "table", MINISTRIES, (("Điểm", (91.43, 88.0, 75.5)),),
                       texts=(("91,43", "88,00", "75,50"),), highlight="Bộ Tư pháp"),
    ]
    if with_picture:
        specs.append(deck.SlideSpec("Bản đồ nhiệt", "Bộ, ngành", SOURCE, "picture", figure=ministry_figure()))
    return specs


def open_deck(specs: list[deck.SlideSpec]):
    return Presentation(io.BytesIO(deck.build_deck(specs, "Báo cáo CCHC tháng 10/2025", "Dữ liệu minh họa")))


def slide_text(slide) -> str:
    return " ".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)


def the_chart(slide):
    charts_here = [shape.chart for shape in slide.shapes if shape.has_chart]
    assert len(charts_here) == 1, "expected one native chart"
    return charts_here[0]


def test_deck_is_16_9_with_a_title_slide_and_one_slide_per_spec():
    prs = open_deck(slides_for_deck(with_picture=False))
    assert (prs.slide_width, prs.slide_height) == (Inches(13.333), Inches(7.5))
    assert len(prs.slides) == 1 + 4
    assert "Báo cáo CCHC tháng 10/2025" in slide_text(prs.slides[0])
    for slide in list(prs.slides)[1:]:
        assert SOURCE in slide_text(slide)
        for shape in slide.shapes:  # nothing hangs off the slide
            assert shape.left >= 0 and shape.top >= 0
            assert shape.left + shape.width <= prs.slide_width and shape.top + shape.height <= prs.slide_height


def test_bar_slide_is_a_native_chart_with_real_numbers_and_highlight():
    chart = the_chart(open_deck(slides_for_deck(False)).slides[1])
    assert chart.chart_type == XL_CHART_TYPE.BAR_CLUSTERED
    assert tuple(chart.plots[0].categories) == PROVINCES
    assert tuple(chart.series[0].values) == VALUES
    highlighted = chart.series[0].points[PROVINCES.index("Thừa Thiên Huế")].format.fill.fore_color.rgb
    assert str(highlighted) == tpl.HIGHLIGHT.lstrip("#")
    assert str(chart.series[0].format.fill.fore_color.rgb) == tpl.MUTED.lstrip("#")


def test_line_slide_is_a_native_chart_with_every_series():
    chart = the_chart(open_deck(slides_for_deck(False)).slides[2])
    assert chart.chart_type == XL_CHART_TYPE.LINE_MARKERS
    assert tuple(chart.plots[0].categories) == ("01/2025", "02/2025", "03/2025")
    assert [(s.name, s.values) for s in chart.series] == [
        ("Hà Giang", (60.0, None, 70.5)), ("Cả nước", (65.0, 66.0, 67.25))]


def test_kpi_and_table_slides_show_the_callers_texts():
    prs = open_deck(slides_for_deck(False))
    assert "96,91%" in slide_text(prs.slides[3]) and "TTHC trực tuyến" in slide_text(prs.slides[3])
    table = next(shape.table for shape in prs.slides[4].shapes if shape.has_table)
    assert [table.cell(r, 0).text for r in range(1, 4)] == list(MINISTRIES)
    assert table.cell(1, 1).text == "91,43"


@needs_chromium
def test_picture_slide_holds_a_high_resolution_image():
    prs = open_deck(slides_for_deck(with_picture=True))
    pictures = [shape for shape in prs.slides[5].shapes if shape.shape_type == 13]
    assert len(pictures) == 1
    width, _ = Image.open(io.BytesIO(pictures[0].image.blob)).size
    assert width >= 2500


def test_slide_spec_reports_its_problems():
    with pytest.raises(ValueError, match="3 values for 2 categories"):
        deck.SlideSpec("t", "", "s", "bar", ("a", "b"), (("x", (1.0, 2.0, 3.0)),))
    with pytest.raises(ValueError, match="kind 'pie'"):
        deck.SlideSpec("t", "", "s", "pie")
    with pytest.raises(ValueError, match="texts"):
        deck.SlideSpec("t", "", "s", "kpis", ("a",), (("x", (1.0,)),))


# --- CSV and XLSX ------------------------------------------------------------------------------

INJECTIONS = ("=1+1", "+1", "-2", "@x", "\t=1", "\r=1")


def frame() -> pd.DataFrame:
    names = list(PROVINCES) + list(INJECTIONS)
    return pd.DataFrame({
        "Tỉnh, thành phố": names,
        "Tỷ lệ (%)": [96.91, 88.5, None, -3.25, 0.0, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5],
        "Số hồ sơ": list(range(1818, 1818 + len(names))),
    })


def test_csv_has_a_bom_and_round_trips_the_numbers():
    raw = tables.to_csv(frame())
    assert raw.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig")
    assert list(back.columns) == list(frame().columns)
    pd.testing.assert_series_equal(back["Tỷ lệ (%)"], frame()["Tỷ lệ (%)"])
    assert back["Số hồ sơ"].tolist() == frame()["Số hồ sơ"].tolist()
    assert back["Tỉnh, thành phố"].tolist()[:5] == list(PROVINCES)


def test_csv_neutralises_formulas():
    back = pd.read_csv(io.BytesIO(tables.to_csv(frame())), encoding="utf-8-sig", keep_default_na=False)
    texts = back["Tỉnh, thành phố"].tolist()[len(PROVINCES):]
    assert [t.strip("\r\t") for t in texts] == [f"'{v}".strip("\r\t") for v in INJECTIONS]
    assert all(t.startswith("'") for t in texts)


def workbook_bytes() -> bytes:
    sources = pd.DataFrame({"Văn bản": ["766/QĐ-TTg"], "Ngày ban hành": [pd.Timestamp("2022-06-23")]})
    return tables.to_xlsx(frame(), sources, "Dữ liệu minh họa", "vi", {"Tỷ lệ (%)": '0.00"%"'})


def test_xlsx_round_trips_numbers_and_keeps_formulas_as_text():
    back = pd.read_excel(io.BytesIO(workbook_bytes()), sheet_name=None)
    assert list(back) == ["Dữ liệu", "Nguồn"]
    data = back["Dữ liệu"]
    pd.testing.assert_series_equal(data["Tỷ lệ (%)"], frame()["Tỷ lệ (%)"])
    assert data["Số hồ sơ"].tolist() == frame()["Số hồ sơ"].tolist()
    assert data["Tỉnh, thành phố"].tolist() == frame()["Tỉnh, thành phố"].tolist()
    sheet = load_workbook(io.BytesIO(workbook_bytes())).worksheets[0]
    cells = {cell.value: cell for cell in sheet["A"]}
    for value in INJECTIONS:
        assert cells[value].data_type == "s" and cells[value].quotePrefix, repr(value)
    assert sheet["B2"].number_format == '0.00"%"' and sheet["C2"].number_format == "#,##0"
    assert isinstance(sheet["B5"].value, float) and sheet["B5"].value == -3.25


def test_xlsx_sources_sheet_has_status_and_sources():
    sheet = load_workbook(io.BytesIO(workbook_bytes()))["Nguồn"]
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None]
    assert "Dữ liệu minh họa" in values and "766/QĐ-TTg" in values


# --- Streamlit controls ------------------------------------------------------------------------

def controls_app():
    from datetime import date

    import pandas as pd
    import plotly.graph_objects as go
    import streamlit as st

    from exports.images import ChartContext
    from ui.export_controls import chart_export_controls
    from ui.slide_basket import slide_basket_widget

    fig = go.Figure(go.Bar(x=[1, 2], y=["Hà Giang", "Thừa Thiên Huế"], orientation="h"))
    ctx = ChartContext("TTHC trực tuyến, tháng 10/2025", "2 tỉnh", ("766/QĐ-TTg",), True, "vi", date(2025, 11, 3))
    st.plotly_chart(fig, theme=None)
    chart_export_controls(fig, ctx, pd.DataFrame({"Tỉnh": ["Hà Giang"], "Tỷ lệ": [1.0]}), key="rank")
    slide_basket_widget("vi")


def test_add_to_deck_fills_the_basket_and_the_basket_reorders():
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(controls_app, default_timeout=30).run()
    assert not at.exception
    assert at.selectbox(key="rank_size").value == "16:9"
    at.button(key="rank_add").click().run()
    at.button(key="rank_add").click().run()
    basket = at.session_state["slide_basket"]
    assert len(basket) == 2 and basket[0].kind == "picture"
    assert "766/QĐ-TTg" in basket[0].source_line and "Dữ liệu minh họa" in basket[0].source_line
    at.button(key="slide_basket_rm_1").click().run()
    assert len(at.session_state["slide_basket"]) == 1
