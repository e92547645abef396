"""A PowerPoint deck (16:9) from the slides a user collected in the dashboard.

Bars and lines are native PowerPoint charts holding the real numbers, so the secretariat can edit
them; charts PowerPoint cannot draw (heatmaps, dot plots) are inserted as high-resolution
pictures. Every slide after the title carries its source line. Shapes are placed here, not from
the default template, whose placeholders are laid out for 4:3.
"""

from __future__ import annotations

import io
import math
import re
from dataclasses import dataclass
from datetime import date

import plotly.graph_objects as go
from pptx import Presentation
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
from l10n import t
from l10n.formatting import format_date

FONT = "Be Vietnam Pro"
WIDTH, HEIGHT = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.5)
CHART_TOP, CHART_BOTTOM = Inches(1.7), Inches(6.75)
SLIDE_KINDS = ("bar", "line", "picture", "kpis", "table")
TEXT_KINDS = ("kpis", "table")  # slide kinds whose numbers are shown as text, formatted by the caller
PICTURE_PX_PER_IN = 130  # picture slides: 13 pt ticks at this density, rendered at 2x


@dataclass(frozen=True)
class SlideSpec:
    """One slide. kind: "bar" (horizontal bars, categories top to bottom in the given order, the
    `highlight` category in the highlight colour), "line" (one series per line, categories are
    periods), "picture" (`figure` rendered as an image), "kpis" (tiles: categories are labels),
    "table" (categories are rows, series are columns). `number_format` is an Excel/PowerPoint code
    ('0.00', '#,##0', '0.00"%"'); PowerPoint shows it with the reader's separators.

    `texts` holds the value texts for "kpis" and "table" (one tuple per series, parallel to the
    categories), made by l10n.formatting.format_value: text frames have no number format.
    """

    title: str
    subtitle: str
    source_line: str
    kind: str
    categories: tuple[str, ...] = ()
    series: tuple[tuple[str, tuple[float | None, ...]], ...] = ()
    number_format: str = "0.00"
    figure: go.Figure | None = None
    highlight: str | None = None
    texts: tuple[tuple[str, ...], ...] = ()

    def __post_init__(self) -> None:
        problems = []
        if self.kind not in SLIDE_KINDS:
            problems.append(f"kind {self.kind!r} is not one of {SLIDE_KINDS}")
        if self.kind == "picture" and self.figure is None:
            problems.append("a picture slide needs a figure")
        if self.kind in ("bar", "line", *TEXT_KINDS) and not self.series:
            problems.append(f"a {self.kind} slide needs at least one series")
        for name, values in self.series:
            if len(values) != len(self.categories):
                problems.append(f"series {name!r} has {len(values)} values for {len(self.categories)} categories")
        if self.kind in TEXT_KINDS and [len(t) for t in self.texts] != [len(v) for _, v in self.series]:
            problems.append(f"a {self.kind} slide needs texts parallel to its series")
        if problems:
            raise ValueError(f"SlideSpec {self.title!r}: " + "; ".join(problems))


def _rgb(hex_colour: str) -> RGBColor:
    return RGBColor.from_string(hex_colour.lstrip("#").upper()[:6])


def _text(slide, box: tuple[int, int, int, int], text: str, size: float, colour: str = tpl.TEXT,
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
    run.font.color.rgb = _rgb(colour)
    return shape


def _fitted_size(text: str, width: int, largest: float, smallest: float) -> float:
    """The largest size (pt) at which `text` fits on one line of `width`, not below `smallest`
    (two lines of the smallest size fit the title and subtitle boxes)."""
    em = 0.56 if largest > 20 else 0.5  # average advance of Be Vietnam Pro, bold titles wider
    return max(smallest, min(largest, Emu(width).pt / (em * max(len(text), 1))))


def _frame(slide, spec: SlideSpec, number: int, total: int) -> None:
    """Accent rule, title, subtitle, source footnote and slide number."""
    rule = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, WIDTH, Inches(0.08))
    rule.fill.solid()
    rule.fill.fore_color.rgb = _rgb(tpl.HIGHLIGHT)
    rule.line.fill.background()
    inner = WIDTH - 2 * MARGIN
    _text(slide, (MARGIN, Inches(0.2), inner, Inches(0.85)), spec.title,
          _fitted_size(spec.title, inner, 26, 20), bold=True, anchor=MSO_ANCHOR.BOTTOM)
    if spec.subtitle:
        _text(slide, (MARGIN, Inches(1.1), inner, Inches(0.5)), spec.subtitle,
              _fitted_size(spec.subtitle, inner, 15, 12.5), tpl.TEXT_SOFT)
    foot_top = Inches(6.9)
    _text(slide, (MARGIN, foot_top, inner - Inches(1.2), Inches(0.45)), spec.source_line, 11,
          tpl.TEXT_SOFT, anchor=MSO_ANCHOR.BOTTOM)
    _text(slide, (WIDTH - MARGIN - Inches(1.0), foot_top, Inches(1.0), Inches(0.45)),
          f"{number}/{total}", 11, tpl.TEXT_SOFT, align=PP_ALIGN.RIGHT, anchor=MSO_ANCHOR.BOTTOM)


def _chart_box() -> tuple[int, int, int, int]:
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


def _fill(fmt, colour: str) -> None:
    fmt.fill.solid()
    fmt.fill.fore_color.rgb = _rgb(colour)


def _bar(slide, spec: SlideSpec) -> None:
    box = _chart_box()
    chart = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, *box, _chart_data(spec)).chart
    size = _label_size(len(spec.categories) * len(spec.series), box[3])
    chart.font.name, chart.font.size = FONT, Pt(size)
    chart.has_title, chart.has_legend = False, len(spec.series) > 1
    axis = chart.category_axis
    axis.reverse_order = True  # first category on top, as it is read
    axis.major_tick_mark = XL_TICK_MARK.NONE
    axis.format.line.color.rgb = _rgb(tpl.AXIS)
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
    labels.font.size, labels.font.color.rgb = Pt(size), _rgb(tpl.TEXT)
    for i, series in enumerate(chart.series):
        base = tpl.MUTED if spec.highlight else tpl.COLORWAY[i % len(tpl.COLORWAY)]
        _fill(series.format, base)
        if spec.highlight in spec.categories:
            point = series.points[spec.categories.index(spec.highlight)]
            _fill(point.format, tpl.HIGHLIGHT)
            point.data_label.font.bold = True
            point.data_label.font.color.rgb = _rgb(tpl.HIGHLIGHT)
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
    chart = slide.shapes.add_chart(XL_CHART_TYPE.LINE_MARKERS, *_chart_box(), _chart_data(spec)).chart
    chart.font.name, chart.font.size = FONT, Pt(13)
    chart.has_title, chart.has_legend = False, True
    chart.legend.position, chart.legend.include_in_layout = XL_LEGEND_POSITION.TOP, False
    chart.value_axis.tick_labels.number_format = re.sub(r"\.0+", "", spec.number_format)  # whole ticks
    chart.value_axis.tick_labels.number_format_is_linked = False
    chart.value_axis.major_gridlines.format.line.color.rgb = _rgb(tpl.GRID)
    chart.value_axis.format.line.fill.background()
    chart.category_axis.format.line.color.rgb = _rgb(tpl.AXIS)
    seen = _figure_colours(spec.figure)
    others = iter(c for c in (tpl.HIGHLIGHT, tpl.NATIONAL, *tpl.COLORWAY[1:]) if c not in seen.values())
    for series in chart.series:
        colour = seen.get(series.name) or (tpl.HIGHLIGHT if series.name == spec.highlight else next(others, tpl.AXIS))
        series.smooth = False
        series.format.line.color.rgb = _rgb(colour)
        series.format.line.width = Pt(2.75 if series.name == spec.highlight else 2.0)
        series.marker.style, series.marker.size = XL_MARKER_STYLE.CIRCLE, 7
        _fill(series.marker.format, colour)
        series.marker.format.line.color.rgb = _rgb(colour)


def _picture(slide, spec: SlideSpec, lang: str) -> None:
    from exports import images

    left, top, width, height = _chart_box()
    px = (round(Emu(width).inches * PICTURE_PX_PER_IN), round(Emu(height).inches * PICTURE_PX_PER_IN))
    try:
        fig = images.figure_for_picture(spec.figure, px, base_px=13 / 72 * PICTURE_PX_PER_IN)
        png = images.render(fig, "png", *px, scale=2)
    except Exception as exc:  # noqa: BLE001 - one failed picture must not lose the whole deck
        _text(slide, (left, top, width, height), t("deck_no_picture", lang, error=exc), 16,
              tpl.BAD, anchor=MSO_ANCHOR.MIDDLE, align=PP_ALIGN.CENTER)
        return
    slide.shapes.add_picture(io.BytesIO(png), left, top, width, height)


def _kpis(slide, spec: SlideSpec) -> None:
    count = len(spec.categories)
    cols = count if count <= 4 else min(4, math.ceil(count / 2))
    rows = math.ceil(count / cols)
    left, top, width, height = _chart_box()
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
        _fill(tile, "#F1F5FA")
        tile.line.color.rgb = _rgb(tpl.GRID)
        colour = tpl.HIGHLIGHT if spec.highlight in (None, label) else tpl.TEXT
        _text(slide, (x + pad, y + pad, tile_w - 2 * pad, tile_h // 2 - pad), value, value_pt, colour,
              bold=True, anchor=MSO_ANCHOR.BOTTOM)
        _text(slide, (x + pad, y + tile_h // 2 + Inches(0.05), tile_w - 2 * pad, tile_h // 2 - pad),
              label, 14, tpl.TEXT_SOFT)


def _table(slide, spec: SlideSpec) -> None:
    rows, cols = len(spec.categories) + 1, len(spec.series) + 1
    left, top, width, height = _chart_box()
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
            run.font.color.rgb = _rgb("#FFFFFF" if r == 0 else tpl.TEXT)
            _fill(cell, tpl.HIGHLIGHT if r == 0 else ("#DCE7F5" if chosen else ("#FFFFFF" if r % 2 else "#F4F6F9")))


def _title_slide(prs, title: str, subtitle: str, lang: str) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    band = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, Inches(0.35), HEIGHT)
    _fill(band, tpl.HIGHLIGHT)
    band.line.fill.background()
    inner = WIDTH - 2 * Inches(1.0)
    _text(slide, (Inches(1.0), Inches(2.2), inner, Inches(1.6)), title, 38, bold=True, anchor=MSO_ANCHOR.BOTTOM)
    _text(slide, (Inches(1.0), Inches(3.95), inner, Inches(1.0)), subtitle, 20, tpl.TEXT_SOFT)
    _text(slide, (Inches(1.0), Inches(6.4), inner, Inches(0.4)),
          t("deck_exported", lang, date=format_date(date.today(), lang)), 12, tpl.TEXT_SOFT)


DRAW = {"bar": _bar, "line": _line, "kpis": _kpis, "table": _table}


def build_deck(slides: list[SlideSpec], deck_title: str, deck_subtitle: str, lang: str = "vi") -> bytes:
    """Return a .pptx (16:9): a title slide, then one slide per spec, in order."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = WIDTH, HEIGHT
    _title_slide(prs, deck_title, deck_subtitle, lang)
    total = len(slides) + 1
    for number, spec in enumerate(slides, start=2):
        slide = prs.slides.add_slide(prs.slide_layouts[6])  # "Blank": no 4:3 placeholders
        _frame(slide, spec, number, total)
        if spec.kind == "picture":
            _picture(slide, spec, lang)
        else:
            DRAW[spec.kind](slide, spec)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()
