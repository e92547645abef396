"""What a deck slide is drawn with: native PowerPoint charts holding the real numbers (bars,
lines), KPI tiles and tables of text, and the text boxes every slide uses, placed on a 16:9 page."""
from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING

import plotly.graph_objects as go
from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import (
    XL_CHART_TYPE,
    XL_LABEL_POSITION,
    XL_LEGEND_POSITION,
    XL_MARKER_STYLE,
    XL_TICK_MARK,
)
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.oxml.xmlchemy import OxmlElement
from pptx.util import Emu, Inches, Pt

from charts import template as tpl

if TYPE_CHECKING:
    from exports.deck import SlideSpec

FONT = "Be Vietnam Pro"
WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
CHART_TOP, CHART_BOTTOM = Inches(1.7), Inches(6.75)

def rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#").upper()[:6])


def text_box(slide, box: tuple[int, int, int, int], text: str, size: float, colour: str = tpl.TEXT,
          bold: bool = False, align=PP_ALIGN.LEFT, anchor=MSO_ANCHOR.TOP):
    shape = slide.shapes.add_textbox(*box)
    frame = shape.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = anchor
    frame.margin_left = frame.margin_right = 0
    para = frame.paragraphs[0]
    para.alignment = align
    run = para.add_run()
    run.text = text
    run.font.name, run.font.size, run.font.bold = FONT, Pt(size), bold
    run.font.color.rgb = rgb(colour)
    return shape


def fitted_size(text: str, width: int, largest: float, smallest: float) -> float:
    """The largest size (pt) at which `text` fits on one line of `width`, not below `smallest`
    (two lines of the smallest size fit the title and subtitle boxes)."""
    em = 0.56 if largest > 20 else 0.5  # average advance of Be Vietnam Pro, bold titles wider
    return max(smallest, min(largest, Emu(width).pt / (em * max(len(text), 1))))


def chart_box() -> tuple[int, int, int, int]:
    return MARGIN, CHART_TOP, WIDTH - 2 * MARGIN, CHART_BOTTOM - CHART_TOP


def _chart_data(spec: SlideSpec) -> CategoryChartData:
    data = CategoryChartData(number_format=spec.number_format)
    data.categories = spec.categories
    for name, values in spec.series:
        data.add_series(name, values)
    return data


def _label_size(count: int, height: int) -> float:
    """Category label size in points: as large as 14 pt while the labels still fit."""
    return max(6.0, min(14.0, 0.72 * Emu(height).pt / max(count, 1)))


def _every_label(axis) -> None:
    """Ask PowerPoint to draw every category label (it skips some when crowded)."""
    ax = axis._element
    skip = OxmlElement("c:tickLblSkip")
    skip.set("val", "1")
    later = [el for el in (ax.find(qn("c:tickMarkSkip")), ax.find(qn("c:noMultiLvlLbl"))) if el is not None]
    if later:
        later[0].addprevious(skip)
    else:
        ax.append(skip)


def fill(fmt, colour: str) -> None:
    fmt.fill.solid()
    fmt.fill.fore_color.rgb = rgb(colour)


def _bar(slide, spec: SlideSpec) -> None:
    box = chart_box()
    chart = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, *box, _chart_data(spec)).chart
    size = _label_size(len(spec.categories) * len(spec.series), box[3])
    chart.font.name, chart.font.size = FONT, Pt(size)
    chart.has_title, chart.has_legend = False, len(spec.series) > 1
    axis = chart.category_axis
    axis.reverse_order = True  # first category on top, as it is read
    axis.major_tick_mark = XL_TICK_MARK.NONE
    axis.format.line.color.rgb = rgb(tpl.AXIS)
    _every_label(axis)
    values = [v for _, vs in spec.series for v in vs if v is not None and not math.isnan(v)]
    if values and min(values) >= 0 < max(values):
        # An explicit scale: the longest bar takes most of the width, room left for its label.
        chart.value_axis.minimum_scale, chart.value_axis.maximum_scale = 0, max(values) * 1.1
    chart.value_axis.visible = False
    chart.value_axis.has_major_gridlines = False
    plot = chart.plots[0]
    plot.gap_width, plot.vary_by_categories = 35, False
    plot.has_data_labels = True
    labels = plot.data_labels
    labels.number_format, labels.number_format_is_linked = spec.number_format, False
    labels.position = XL_LABEL_POSITION.OUTSIDE_END
    labels.font.size, labels.font.color.rgb = Pt(size), rgb(tpl.TEXT)
    for i, series in enumerate(chart.series):
        base = tpl.MUTED if spec.highlight else tpl.COLORWAY[i % len(tpl.COLORWAY)]
        fill(series.format, base)
        if spec.highlight in spec.categories:
            point = series.points[spec.categories.index(spec.highlight)]
            fill(point.format, tpl.HIGHLIGHT)
            point.data_label.font.bold = True
            point.data_label.font.color.rgb = rgb(tpl.HIGHLIGHT)
    if chart.has_legend:
        chart.legend.position, chart.legend.include_in_layout = XL_LEGEND_POSITION.TOP, False


def _figure_colours(fig: go.Figure | None) -> dict[str, str]:
    """Line colours by trace name, so the deck shows the colours seen on screen."""
    colours: dict[str, str] = {}
    for trace in fig.data if fig is not None else ():
        colour = getattr(getattr(trace, "line", None), "color", None)
        if trace.name and isinstance(colour, str) and colour.startswith("#"):
            colours[trace.name] = colour
    return colours


def _line(slide, spec: SlideSpec) -> None:
    chart = slide.shapes.add_chart(XL_CHART_TYPE.LINE_MARKERS, *chart_box(), _chart_data(spec)).chart
    chart.font.name, chart.font.size = FONT, Pt(13)
    chart.has_title, chart.has_legend = False, True
    chart.legend.position, chart.legend.include_in_layout = XL_LEGEND_POSITION.TOP, False
    chart.value_axis.tick_labels.number_format = re.sub(r"\.0+", "", spec.number_format)  # whole ticks
    chart.value_axis.tick_labels.number_format_is_linked = False
    chart.value_axis.major_gridlines.format.line.color.rgb = rgb(tpl.GRID)
    chart.value_axis.format.line.fill.background()
    chart.category_axis.format.line.color.rgb = rgb(tpl.AXIS)
    seen = _figure_colours(spec.figure)
    others = iter(c for c in (tpl.HIGHLIGHT, tpl.NATIONAL, *tpl.COLORWAY[1:]) if c not in seen.values())
    for series in chart.series:
        colour = seen.get(series.name) or (tpl.HIGHLIGHT if series.name == spec.highlight else next(others, tpl.AXIS))
        series.smooth = False
        series.format.line.color.rgb = rgb(colour)
        series.format.line.width = Pt(2.75 if series.name == spec.highlight else 2.0)
        series.marker.style, series.marker.size = XL_MARKER_STYLE.CIRCLE, 7
        fill(series.marker.format, colour)
        series.marker.format.line.color.rgb = rgb(colour)


def _kpis(slide, spec: SlideSpec) -> None:
    count = len(spec.categories)
    cols = count if count <= 4 else min(4, math.ceil(count / 2))
    rows = math.ceil(count / cols)
    left, top, width, height = chart_box()
    gap = Inches(0.25)
    tile_w, tile_h = (width - gap * (cols - 1)) // cols, min(Inches(2.2), (height - gap * (rows - 1)) // rows)
    pad = Inches(0.25)
    longest = max(len(t) for t in spec.texts[0])
    value_pt = min(36.0, Emu(tile_w - 2 * pad).pt / (0.62 * longest))  # one line, never wrapped
    for i, (label, value) in enumerate(zip(spec.categories, spec.texts[0])):
        x = left + (i % cols) * (tile_w + gap)
        y = top + (i // cols) * (tile_h + gap)
        tile = slide.shapes.add_shape(MSO_SHAPE.ROUNDED_RECTANGLE, x, y, tile_w, tile_h)
        tile.adjustments[0] = 0.08
        fill(tile, "#F1F5FA")
        tile.line.color.rgb = rgb(tpl.GRID)
        colour = tpl.HIGHLIGHT if spec.highlight in (None, label) else tpl.TEXT
        text_box(slide, (x + pad, y + pad, tile_w - 2 * pad, tile_h // 2 - pad), value, value_pt, colour,
              bold=True, anchor=MSO_ANCHOR.BOTTOM)
        text_box(slide, (x + pad, y + tile_h // 2 + Inches(0.05), tile_w - 2 * pad, tile_h // 2 - pad),
              label, 14, tpl.TEXT_SOFT)


def _table(slide, spec: SlideSpec) -> None:
    rows, cols = len(spec.categories) + 1, len(spec.series) + 1
    left, top, width, height = chart_box()
    row_h = min(Inches(0.42), height // rows)
    size = max(7.0, min(14.0, Emu(row_h).pt * 0.5))
    table = slide.shapes.add_table(rows, cols, left, top, width, row_h * rows).table
    header = ("", *(name for name, _ in spec.series))
    columns = (spec.categories, *spec.texts)
    # Widths follow the longest text of each column (header included), at least 8 characters.
    longest = [max(8, len(header[c]) * 0.8, *(len(t) for t in columns[c])) for c in range(cols)]
    for c in range(cols):
        table.columns[c].width = int(width * longest[c] / sum(longest))
    for r in range(rows):
        table.rows[r].height = row_h
        for c in range(cols):
            text = header[c] if r == 0 else (spec.categories[r - 1] if c == 0 else spec.texts[c - 1][r - 1])
            cell = table.cell(r, c)
            cell.margin_top = cell.margin_bottom = 0
            cell.vertical_anchor = MSO_ANCHOR.MIDDLE
            para = cell.text_frame.paragraphs[0]
            para.alignment = PP_ALIGN.LEFT if c == 0 else PP_ALIGN.RIGHT
            run = para.add_run()
            run.text = text
            chosen = r > 0 and spec.categories[r - 1] == spec.highlight
            run.font.name, run.font.size, run.font.bold = FONT, Pt(size), r == 0 or chosen
            run.font.color.rgb = rgb("#FFFFFF" if r == 0 else tpl.TEXT)
            fill(cell, tpl.HIGHLIGHT if r == 0 else ("#DCE7F5" if chosen else ("#FFFFFF" if r % 2 else "#F4F6F9")))


DRAW = {"bar": _bar, "line": _line, "kpis": _kpis, "table": _table}
