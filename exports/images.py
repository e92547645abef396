"""Slide-ready PNG and SVG images of the dashboard's Plotly figures.

`figure_for_export` copies the on-screen figure (same data, colours, highlight) and bakes in what a
slide needs when it leaves the dashboard: a title saying what and when, a subtitle with the
filters, the sources, "Dữ liệu minh họa" when any number is demo data, and the export date, with
fonts sized for a projector. Rendering goes through the warm engine of exports.render.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from datetime import date
from typing import Any

import plotly.graph_objects as go
import plotly.io as pio

from charts import template
from exports.render import ExportUnavailable, export_available, render  # noqa: F401 (part of this module's interface)
from l10n import t
from l10n.formatting import format_date

SLIDE_SIZES: dict[str, tuple[int, int]] = {"16:9": (1920, 1080), "4:3": (1440, 1080), "1:1": (1080, 1080)}
DEFAULT_SIZE = "16:9"
# Slide type scale at 1080 px on the short side: a projector shows ticks at ~2 % of the height.
PX = {"base": 24, "title": 42, "subtitle": 27, "footer": 19, "pad": 36}
CHAR_EM = 0.6  # average advance of a Be Vietnam Pro character, in em (a little generous)


@dataclass(frozen=True)
class ChartContext:
    """What an exported chart must say about itself.

    title: what and when ("TTHC cung cấp trực tuyến, tháng 10/2025"); subtitle: the filters
    (places, period, boundary map); sources: one line per document ("766/QĐ-TTg (23/06/2022)").
    """

    title: str
    subtitle: str
    sources: tuple[str, ...]
    has_demo: bool
    lang: str = "vi"
    exported_on: date | None = None


def _scaled(node: Any, ratio: float, stroke: float, parent: str = "") -> Any:
    """Walk a figure dict and scale font sizes by `ratio`, marker sizes, line widths and colour
    bar thickness by `stroke`; per-point arrays are left as the chart builder made them."""
    if isinstance(node, list):
        return [_scaled(item, ratio, stroke, parent) for item in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        is_number = isinstance(value, (int, float)) and not isinstance(value, bool)
        if is_number and key == "size" and parent.endswith("font"):
            value = round(value * ratio, 1)
        elif is_number and ((key == "size" and parent == "marker") or (key == "width" and parent == "line")
                            or (key == "thickness" and parent == "colorbar")):
            value = round(value * stroke, 1)
        else:
            value = _scaled(value, ratio, stroke, key)
        out[key] = value
    return out


def _resized(fig: go.Figure, size: tuple[int, int], base_px: float | None = None) -> go.Figure:
    """A copy of `fig` sized `size`, every font scaled so body text is `base_px` (by default the
    slide type scale for `size`)."""
    base_px = base_px or PX["base"] * min(size) / 1080
    spec = fig.to_dict()
    if isinstance(spec["layout"].get("template"), str) or "template" not in spec["layout"]:
        spec["layout"]["template"] = pio.templates[pio.templates.default].to_plotly_json()
    current = spec["layout"].get("font", {}).get("size") or template.BASE_FONT_SIZE
    ratio = base_px / current
    scaled = _scaled(spec, ratio, ratio**0.5)
    scaled["layout"].setdefault("font", {})["size"] = round(base_px, 1)
    out = go.Figure(scaled)
    out.update_layout(width=size[0], height=size[1], autosize=False)
    return out


def _category_labels(fig: go.Figure) -> list[str]:
    """The longest run of category labels drawn on the left axis (horizontal bars, heatmaps)."""
    labels: list[str] = []
    for trace in fig.data:
        horizontal = trace.type == "bar" and getattr(trace, "orientation", None) == "h"
        if (horizontal or trace.type == "heatmap") and trace.y is not None:
            labels = [str(v) for v in trace.y] if len(trace.y) > len(labels) else labels
    return labels


def _x_category_labels(fig: go.Figure) -> list[str]:
    """Text categories along the bottom axis (periods as "01/2025", place names on columns)."""
    labels: list[str] = []
    for trace in fig.data:
        horizontal = trace.type == "bar" and getattr(trace, "orientation", None) == "h"
        xs = getattr(trace, "x", None)
        if not horizontal and xs is not None and len(xs) and all(isinstance(v, str) for v in xs):
            labels = list(dict.fromkeys([*labels, *xs]))
    return labels


def _fit_x_ticks(out: go.Figure, plot_w: float, base: float) -> float:
    """Keep bottom tick labels level if they fit (shrinking them to 3/4 at most), else slant
    them; return the extra bottom margin the slanted labels need."""
    labels = _x_category_labels(out)
    if not labels:
        return 0.0
    longest = max(len(s) for s in labels)
    needed = len(labels) * (longest + 2) * CHAR_EM * base
    if needed <= plot_w:
        out.update_xaxes(tickangle=0)
        return 0.0
    if needed * 0.75 <= plot_w:
        out.update_xaxes(tickangle=0, tickfont_size=round(base * plot_w / needed, 1))
        return 0.0
    out.update_xaxes(tickangle=-45)
    return longest * CHAR_EM * base * 0.75


def _fit_y_ticks(out: go.Figure, plot_h: float, base: float) -> None:
    """Every place gets its label on the left axis: shrink the ticks to fit, never below 10 px."""
    labels = _category_labels(out)
    if labels:
        fitted = max(10.0, min(base, 0.9 * plot_h / len(labels)))
        out.update_yaxes(tickfont_size=round(fitted, 1), dtick=1)


def _fit_tiles(out: go.Figure, plot_w: float, plot_h: float) -> None:
    """A tile map (charts.maps) names its grid in layout.meta.tiles (cols, rows, and the square's
    size in px its labels were set for): its per-square labels are resized to the squares as
    drawn here, and its on-screen notes (named "screen-only": the slide's footer says them) go."""
    meta = out.layout.meta if isinstance(out.layout.meta, dict) else {}
    out.layout.annotations = [a for a in out.layout.annotations if a.name != "screen-only"] if meta else out.layout.annotations
    tiles = meta.get("tiles")
    if not tiles:
        return
    ratio = min(plot_w / tiles["cols"], plot_h / tiles["rows"]) / tiles["px"]
    for trace in out.data:
        sizes = getattr(getattr(trace, "textfont", None), "size", None)
        if trace.type == "scatter" and isinstance(sizes, (list, tuple)):
            trace.textfont.size = [round(size * ratio, 1) for size in sizes]


def _left_margin(fig: go.Figure, tick_px: float, pad: int) -> int:
    """Room for the left axis labels, estimated generously so Plotly's automargin never has to
    grow it: the footer is placed from this margin."""
    labels = _category_labels(fig)
    longest = max((len(s) for s in labels), default=7)
    has_title = bool(fig.layout.yaxis.title.text)
    return int(pad + longest * tick_px * CHAR_EM + (tick_px * 1.6 if has_title else 0) + 12)


def _wrap(text: str, px: float, width: float) -> list[str]:
    per_line = max(20, int(width / (px * CHAR_EM)))
    return textwrap.wrap(text, per_line) or [""]


def _footer(ctx: ChartContext, px: float, width: int) -> tuple[list[str], str]:
    sources = t("image_sources", ctx.lang) + "; ".join(ctx.sources) if ctx.sources else ""
    left = _wrap(sources, px, width * 0.66) if sources else []
    right = t("deck_exported", ctx.lang, date=format_date(ctx.exported_on or date.today(), ctx.lang))
    if ctx.has_demo:
        right = f"<b><span style='color:{template.BAD}'>{t('demo_badge', ctx.lang)}</span></b><br>{right}"
    return left, right


def _right_margin(fig: go.Figure, px: dict[str, float], stroke: float) -> float:
    """Room on the right: padding, plus a colour bar (heatmaps, scaled markers) if one is drawn."""
    has_scale = any(
        t.type in ("heatmap", "choropleth", "contour") and t.showscale is not False
        or getattr(getattr(t, "marker", None), "showscale", False)
        for t in fig.data
    )
    return px["pad"] * 1.5 + (30 * stroke + px["base"] * (CHAR_EM * 4 + 1.5) if has_scale else 0)


def figure_for_export(fig: go.Figure, ctx: ChartContext, size: tuple[int, int]) -> go.Figure:
    """Return a copy of `fig` sized `size` (px) with title, subtitle and footer baked in.

    Margins are computed here (generously, so Plotly's automargin does not move them) and the
    header and footer are annotations placed from those margins, aligned to the canvas edges.
    """
    width, height = size
    k = min(size) / 1080
    px = {name: value * k for name, value in PX.items()}
    out = _resized(fig, size)
    text_width = width - 2 * px["pad"]
    title = _wrap(ctx.title, px["title"], text_width)
    subtitle = _wrap(ctx.subtitle, px["subtitle"], text_width) if ctx.subtitle else []
    left, right = _footer(ctx, px["footer"], width)
    title_h, sub_h = 1.25 * px["title"] * len(title), 1.3 * px["subtitle"] * len(subtitle)
    has_legend = out.layout.showlegend or (out.layout.showlegend is None and len(out.data) > 1)
    top = px["pad"] + title_h + 0.4 * px["pad"] + sub_h + 0.8 * px["pad"]
    top += px["base"] * 2 if has_legend else 0
    x_title = bool(out.layout.xaxis.title.text)
    foot_h = max(len(left), 2 if ctx.has_demo else 1) * px["footer"] * 1.3
    x_ticks = out.layout.xaxis.showticklabels is not False
    bottom = px["pad"] + foot_h + px["pad"] * 0.8 + px["base"] * (1.8 * x_ticks + (1.8 if x_title else 0))
    left_m = _left_margin(out, px["base"], int(px["pad"]))
    right_m = _right_margin(out, px, (PX["base"] * k / template.BASE_FONT_SIZE) ** 0.5)
    plot_w = width - left_m - right_m
    bottom += _fit_x_ticks(out, plot_w, px["base"])
    plot_h = height - top - bottom
    _fit_y_ticks(out, plot_h, px["base"])
    _fit_tiles(out, plot_w, plot_h)
    out.update_xaxes(title_standoff=px["base"] * 0.5)
    out.update_layout(title=None, margin={"l": left_m, "r": right_m, "t": top, "b": bottom})
    x_left, x_right = -(left_m - px["pad"]) / plot_w, 1 + (right_m - px["pad"]) / plot_w

    def note(text: str, y_px: float, anchor: str, size: float, color: str, x: float = x_left,
             **extra: Any) -> None:
        out.add_annotation(text=text, xref="paper", yref="paper", x=x, y=y_px / plot_h,
                           xanchor="right" if x == x_right else "left", yanchor=anchor,
                           align="right" if x == x_right else "left", showarrow=False,
                           font=dict(size=size, color=color, **extra))

    note("<br>".join(title), plot_h + top - px["pad"], "top", px["title"], template.TEXT, weight=600)
    if subtitle:
        note("<br>".join(subtitle), plot_h + top - px["pad"] * 1.4 - title_h, "top",
             px["subtitle"], template.TEXT_SOFT)
    if left:
        note("<br>".join(left), -(bottom - px["pad"]), "bottom", px["footer"], template.TEXT_SOFT)
    note(right, -(bottom - px["pad"]), "bottom", px["footer"], template.TEXT_SOFT, x=x_right)
    return out


def figure_for_picture(fig: go.Figure, size: tuple[int, int], base_px: float | None = None) -> go.Figure:
    """A copy for a slide that carries its own title and sources: no title, body text `base_px`."""
    out = _resized(fig, size, base_px)
    base = base_px or PX["base"] * min(size) / 1080
    pad = base * 1.2
    x_title = bool(out.layout.xaxis.title.text)
    bottom = pad * 0.5 + base * (1.6 + (1.6 if x_title else 0))
    bottom += _fit_x_ticks(out, size[0] - _left_margin(out, base, int(pad)) - pad, base)
    _fit_y_ticks(out, size[1] - 2 * pad - bottom, base)
    _fit_tiles(out, size[0] - 2 * pad, size[1] - pad - bottom)
    out.update_layout(title=None, margin={"t": pad, "r": pad, "b": bottom, "l": pad})
    out.update_xaxes(title_standoff=base * 0.5)
    return out


def _image(fig: go.Figure, ctx: ChartContext, size_key: str, fmt: str) -> bytes:
    size = SLIDE_SIZES[size_key]
    return render(figure_for_export(fig, ctx, size), fmt, *size)


def to_png(fig: go.Figure, ctx: ChartContext, size_key: str = DEFAULT_SIZE) -> bytes:
    """PNG bytes of the slide-ready figure, exactly SLIDE_SIZES[size_key] pixels."""
    return _image(fig, ctx, size_key, "png")


def to_svg(fig: go.Figure, ctx: ChartContext, size_key: str = DEFAULT_SIZE) -> bytes:
    """SVG bytes of the slide-ready figure (text kept as text, so it stays searchable)."""
    return _image(fig, ctx, size_key, "svg")
