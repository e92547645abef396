"""A PowerPoint deck (16:9) from the slides a user collected in the dashboard.

Bars and lines are native PowerPoint charts holding the real numbers, so the secretariat can edit
them; charts PowerPoint cannot draw (heatmaps, dot plots) are inserted as high-resolution
pictures. Every slide after the title carries its source line. Shapes are placed here, not from
the default template, whose placeholders are laid out for 4:3.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

import plotly.graph_objects as go
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Emu, Inches

from charts import template as tpl
from exports.deck_charts import DRAW, HEIGHT, MARGIN, WIDTH, chart_box, fill, fitted_size, rgb, text_box
from l10n import t
from l10n.formatting import format_date

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


def _frame(slide, spec: SlideSpec, number: int, total: int) -> None:
    """Accent rule, title, subtitle, source footnote and slide number."""
    rule = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, WIDTH, Inches(0.08))
    rule.fill.solid()
    rule.fill.fore_color.rgb = rgb(tpl.HIGHLIGHT)
    rule.line.fill.background()
    inner = WIDTH - 2 * MARGIN
    text_box(slide, (MARGIN, Inches(0.2), inner, Inches(0.85)), spec.title,
          fitted_size(spec.title, inner, 26, 20), bold=True, anchor=MSO_ANCHOR.BOTTOM)
    if spec.subtitle:
        text_box(slide, (MARGIN, Inches(1.1), inner, Inches(0.5)), spec.subtitle,
              fitted_size(spec.subtitle, inner, 15, 12.5), tpl.TEXT_SOFT)
    foot_top = Inches(6.9)
    text_box(slide, (MARGIN, foot_top, inner - Inches(1.2), Inches(0.45)), spec.source_line, 11,
          tpl.TEXT_SOFT, anchor=MSO_ANCHOR.BOTTOM)
    text_box(slide, (WIDTH - MARGIN - Inches(1.0), foot_top, Inches(1.0), Inches(0.45)),
          f"{number}/{total}", 11, tpl.TEXT_SOFT, align=PP_ALIGN.RIGHT, anchor=MSO_ANCHOR.BOTTOM)


def _picture(slide, spec: SlideSpec, lang: str) -> None:
    from exports import images

    left, top, width, height = chart_box()
    px = (round(Emu(width).inches * PICTURE_PX_PER_IN), round(Emu(height).inches * PICTURE_PX_PER_IN))
    try:
        fig = images.figure_for_picture(spec.figure, px, base_px=13 / 72 * PICTURE_PX_PER_IN)
        png = images.render(fig, "png", *px, scale=2)
    except Exception as exc:  # noqa: BLE001 - one failed picture must not lose the whole deck
        text_box(slide, (left, top, width, height), t("deck_no_picture", lang, error=exc), 16,
              tpl.BAD, anchor=MSO_ANCHOR.MIDDLE, align=PP_ALIGN.CENTER)
        return
    slide.shapes.add_picture(io.BytesIO(png), left, top, width, height)


def _title_slide(prs, title: str, subtitle: str, lang: str) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    band = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, 0, 0, Inches(0.35), HEIGHT)
    fill(band, tpl.HIGHLIGHT)
    band.line.fill.background()
    inner = WIDTH - 2 * Inches(1.0)
    text_box(slide, (Inches(1.0), Inches(2.2), inner, Inches(1.6)), title, 38, bold=True, anchor=MSO_ANCHOR.BOTTOM)
    text_box(slide, (Inches(1.0), Inches(3.95), inner, Inches(1.0)), subtitle, 20, tpl.TEXT_SOFT)
    text_box(slide, (Inches(1.0), Inches(6.4), inner, Inches(0.4)),
          t("deck_exported", lang, date=format_date(date.today(), lang)), 12, tpl.TEXT_SOFT)


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
