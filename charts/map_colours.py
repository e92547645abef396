"""The colour of each place on a map, from its metric's direction and bands, and the legend that
explains them: both map builders (boundaries and tiles) colour a place the same way.

- A metric with bands (the 766 index's 90/50, PAR INDEX groups A/B/C at 90/80/70) gets one colour
  per band: blues, darkest for the best band, and a warm orange for the worst, so a place below
  the lowest threshold stands out.
- Any other metric gets a sequential scale from pale (worst) to dark blue (best) over the range of
  the figures shown; for a metric where lower is better (days) the scale runs the other way.
- A place without a figure is light grey with a darker outline, named in the legend.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from charts import template as tpl
from metrics.catalogue import Metric

SCALE = ("#CFE0F3", "#6E9BD0", "#0B3F7A")  # worst -> best; never white, so grey reads as missing
BAND_BLUES = ("#0B3F7A", "#3F78BF", "#8FB3DF", "#C9DBF0")  # best band first
WORST_BAND = "#E39B4B"
MISSING_FILL = "#EEF0F3"
MISSING_LINE = "#7B8794"
BORDER = "#FFFFFF"


@dataclass(frozen=True)
class Legend:
    """How a map's colours read: bands (label, colour) best first, or a scale from `low` to
    `high` (the figures' range) whose colours run worst to best in `colorscale`."""

    bands: tuple[tuple[str, str], ...] = ()
    colorscale: tuple[tuple[float, str], ...] = ()
    low: float = 0.0
    high: float = 1.0

    @property
    def is_banded(self) -> bool:
        return bool(self.bands)


def _missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def band_colours(count: int) -> list[str]:
    """count colours, best band first: blues, then orange for the worst (a single band is blue)."""
    if count <= 1:
        return list(BAND_BLUES[:1])
    blues = list(BAND_BLUES[: count - 1]) if count - 1 <= len(BAND_BLUES) else list(BAND_BLUES)
    return blues + [WORST_BAND]


def _hex(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def interpolate(stops: tuple[tuple[float, str], ...], at: float) -> str:
    """The colour at `at` (0..1) of a piecewise-linear scale, as Plotly interpolates it (RGB)."""
    at = min(max(at, 0.0), 1.0)
    for (x0, c0), (x1, c1) in zip(stops, stops[1:]):
        if at <= x1:
            share = 0.0 if x1 == x0 else (at - x0) / (x1 - x0)
            rgb = [round(a + (b - a) * share) for a, b in zip(_hex(c0), _hex(c1))]
            return "#{:02X}{:02X}{:02X}".format(*rgb)
    return stops[-1][1]


def _scale(higher_is_better: bool) -> tuple[tuple[float, str], ...]:
    """The sequential scale over values low -> high: pale to dark when higher is better."""
    colours = SCALE if higher_is_better else SCALE[::-1]
    return tuple((i / (len(colours) - 1), c) for i, c in enumerate(colours))


def band_label(metric: Metric, index: int, lang: str) -> str:
    """'Nhóm A (≥ 90%)'; a band that states its range already keeps its label; the lowest band
    reads '< 70%' style when its label does not say it."""
    from l10n.formatting import format_value

    band = metric.bands[index]
    label = band.label_en if lang == "en" else band.label_vi
    if any(ch.isdigit() for ch in label):
        return label
    if band.min > 0:
        return f"{label} (≥ {format_value(band.min, metric.unit, lang, decimals=0)})"
    above = metric.bands[index - 1].min if index > 0 else None
    return f"{label} (< {format_value(above, metric.unit, lang, decimals=0)})" if above else label


def colour_plan(values: pd.Series, metric: Metric, lang: str) -> tuple[list[str | None], Legend]:
    """A colour per value (None where the value is missing) and the legend that explains them."""
    if metric.bands:
        colours = band_colours(len(metric.bands))
        if not metric.higher_is_better:  # bands are listed highest first; the best is then last
            colours = colours[::-1]
        out = []
        for value in values:
            band = None if _missing(value) else metric.band_for(float(value))
            out.append(None if band is None else colours[metric.bands.index(band)])
        bands = tuple((band_label(metric, i, lang), colours[i]) for i in range(len(metric.bands)))
        return out, Legend(bands=bands if metric.higher_is_better else bands[::-1])
    present = [float(v) for v in values if not _missing(v)]
    low, high = (min(present), max(present)) if present else (0.0, 1.0)
    stops = _scale(metric.higher_is_better)
    span = high - low
    out = [None if _missing(v) else interpolate(stops, 0.5 if span == 0 else (float(v) - low) / span) for v in values]
    return out, Legend(colorscale=stops, low=low, high=high)


def text_colour(fill: str | None) -> str:
    """Dark text on a pale fill, white on a dark one (relative luminance below 0.4)."""
    if not fill:
        return tpl.TEXT_SOFT
    r, g, b = (c / 255 for c in _hex(fill))
    lum = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return "#FFFFFF" if lum < 0.45 else tpl.TEXT
