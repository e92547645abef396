"""Lines over time with their names written at the line ends (no legend to decode): places,
the region and the nation for one metric, or several national metrics on one chart. Estimated
points are hollow; targets are dotted and name their document; the 2025 mergers are marked
(provinces on 1 July, ministries on 1 March).
"""
from __future__ import annotations

import textwrap
from collections.abc import Sequence
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from charts import template as tpl
from charts.events import add_events
from l10n import t
from l10n.formatting import format_change, format_value, plotly_separators
from metrics.catalogue import Metric
from metrics.periods import parse

HEIGHT = 480
PLOT_MARGIN_T, PLOT_MARGIN_B = 64, 48
LABEL_PX = 18  # vertical room one end label needs
CHAR_PX = 6.8  # width of one character of a 13 px end label, a little generous
MOST_TICKS = 7
ASSUMED_PLOT_PX = 900  # a full-width chart on a laptop; the end labels' room is a share of it
MERGERS = {"province": date(2025, 7, 1), "ministry": date(2025, 3, 1), "commune": date(2025, 7, 1)}
PLACE_COLOURS = (tpl.HIGHLIGHT, "#2A9D8F", "#7B5EA7", "#C65D5D", "#8AB17D", "#6B7F99", "#B5838D", "#3D5A80")


def title_block(text: str, chars: int = 90) -> tuple[dict, int]:
    """A left-aligned chart title wrapped at about `chars` characters, and the extra top margin
    (px) its extra lines need. Exports replace it with their own title."""
    lines = textwrap.wrap(text, chars) or [""]
    return dict(text="<br>".join(lines), x=0.005, xref="container", xanchor="left"), 24 * (len(lines) - 1)


def period_label(period: str, lang: str) -> str:
    """Short tick text: 'T3/2024', 'Q1/2024', '2024' (vi); 'Mar 2024', 'Q1 2024', '2024' (en)."""
    return parse(period).label(lang, short=True)


STEPS = {"month": (1, 2, 3, 6, 12, 24, 36), "quarter": (1, 2, 4, 8, 12), "year": (1, 2, 5, 10)}
PER_YEAR = {"month": 12, "quarter": 4, "year": 1}


def period_ticks(periods: Sequence[str], lang: str, most: int = MOST_TICKS) -> tuple[list[date], list[str]]:
    """Tick positions and texts for the periods shown: every period if few, else every 2nd,
    3rd, 6th or 12th month (quarter: 2nd or 4th), aligned on January, so at most `most` ticks."""
    keys = sorted(set(periods))
    if not keys:
        return [], []
    grain = parse(keys[0]).grain
    step = next((s for s in STEPS[grain] if len(keys) / s <= most), STEPS[grain][-1])
    index = {k: parse(k).start.year * PER_YEAR[grain] + (parse(k).start.month - 1) * PER_YEAR[grain] // 12 for k in keys}
    chosen = [k for k in keys if index[k] % step == 0] or keys[:1]
    return [parse(k).start for k in chosen], [period_label(k, lang) for k in chosen]


def spread(values: Sequence[float], gap: float, ceiling: float | None = None) -> list[float]:
    """Move label positions apart so neighbours are at least `gap` apart, each group of crowded
    labels centred on where its lines end: [1.0, 1.1, 5] with gap 0.5 -> [0.8, 1.3, 5]. With a
    ceiling (the top of a 0-100% axis, or the highest line), no label goes above it: the labels
    are moved down together instead, [98.3, 98.2, 94.9] with gap 5 and ceiling 98.3 ->
    [98.3, 93.3, 88.3]."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    clusters: list[list[float]] = []  # each: the targets of consecutive labels, packed `gap` apart

    def bottom(targets: list[float]) -> float:  # least-squares start of a packed run
        return sum(t - k * gap for k, t in enumerate(targets)) / len(targets)

    for i in order:
        clusters.append([float(values[i])])
        while len(clusters) > 1 and bottom(clusters[-2]) + gap * len(clusters[-2]) > bottom(clusters[-1]) + 1e-12:
            last = clusters.pop()
            clusters[-1].extend(last)
    placed = [bottom(c) + k * gap for c in clusters for k in range(len(c))]
    if ceiling is not None and placed and placed[-1] > ceiling:
        placed = [y - (placed[-1] - ceiling) for y in placed]
    out = [0.0] * len(values)
    for rank, i in enumerate(order):
        out[i] = placed[rank]
    return out


def _style(kind: str, index: int) -> dict:
    if kind == "nation":
        return dict(color=tpl.NATIONAL, dash="dash", width=2.5)
    if kind == "region":
        return dict(color=tpl.REGIONAL, dash=("dashdot", "longdash", "dot")[index % 3], width=2)
    return dict(color=PLACE_COLOURS[index % len(PLACE_COLOURS)], dash="solid", width=3)


def _end_labels(fig: go.Figure, ends: list[tuple[str, date, float, str]], y_range: tuple[float, float],
                plot_px: float) -> None:
    """Names at the line ends, pushed apart so that no two labels ending at the same x overlap.
    A line that stops early (a province merged in 2025) is named just above where it stops,
    reading leftwards, so its label stays clear of the column of labels at the right edge."""
    gap = (y_range[1] - y_range[0]) * LABEL_PX / max(plot_px, 1)
    right_edge = max((e[1] for e in ends), default=None)
    notes = []
    for x in sorted({e[1] for e in ends}):
        group = [e for e in ends if e[1] == x]
        at_edge = x == right_edge
        for (text, _x, _y, colour), y in zip(group, spread([e[2] for e in group], gap)):
            notes.append(dict(x=x, y=y, text=text, showarrow=False, font=dict(size=13, color=colour),
                              xanchor="left" if at_edge else "right", yanchor="middle" if at_edge else "bottom",
                              xshift=10 if at_edge else 0, yshift=0 if at_edge else 4, align="left"))
    tpl.add_annotations(fig, notes)


def _target_text(target, metric: Metric, lang: str) -> str:
    cmp = str(target.comparison).replace(">=", "≥").replace("<=", "≤")
    return (f"{t('target', lang)} {target.year} {cmp} "
            f"{format_value(target.value, metric.unit, lang, decimals=0)} ({target.source})")


def _y_range(values: pd.Series, extra: Sequence[float] = ()) -> tuple[float, float]:
    known = [float(v) for v in list(values.dropna()) + list(extra)]
    if not known:
        return 0.0, 1.0
    low, high = min(known), max(known)
    pad = (high - low) * 0.08 or abs(high) * 0.05 or 1.0
    return low - pad, high + pad


def _x_range(starts: pd.Series, label_chars: int) -> list:
    """A fixed x range: the data, plus room on the right for the end labels inside the axis, so
    that an export that sets its own margins keeps them (and autorange, which Plotly widens for
    annotations, does not squeeze the lines into a corner)."""
    first, last = pd.Timestamp(starts.min()), pd.Timestamp(starts.max())
    span = max(last - first, pd.Timedelta(days=60))
    room = min(max(label_chars * CHAR_PX / ASSUMED_PLOT_PX, 0.12), 0.45)
    return [first - span * 0.015, last + span * room / (1 - room)]


def _add_merger_line(fig: go.Figure, starts: pd.Series, lang: str, kind: str) -> None:
    when = pd.Timestamp(MERGERS[kind])
    if starts.empty or not (starts.min() < when <= starts.max()):
        return
    fig.add_vline(x=when, line=dict(color=tpl.AXIS, width=1, dash="dot"), layer="below")
    fig.add_annotation(x=when, y=0, xref="x", yref="paper", yanchor="bottom", xanchor="left",
                       text=t(f"trend_chart_merger_{kind}", lang), showarrow=False, xshift=4, font=dict(size=11, color=tpl.TEXT_SOFT))


def trend_lines(series: pd.DataFrame, metric: Metric, lang: str, title: str,
                targets: pd.DataFrame | None = None, change_from: str | None = None,
                height: int = HEIGHT, names: dict[str, str] | None = None, kind: str = "province",
                events: pd.DataFrame | None = None) -> go.Figure:
    """One line per series of metrics.trends.trend (series_id, series_name(_en), series_kind,
    period, period_start, value, estimated). Places are solid and coloured, the nation dark and
    dashed, regions orange; each line is named at its end. Estimated points are hollow.
    targets: metrics.targets.target_lines (dotted, labelled with year and document).
    change_from: the start period when values are changes since it (no targets then).
    names: series id -> name to show, where the data's own name is ambiguous (the old and the
    new Tuyên Quang on the map of the time). kind: whose merger date to mark.
    events: metrics.events (annotations) in the chart's range, drawn numbered (the merger among them, so
    the fixed merger line is not drawn then)."""
    fig = go.Figure()
    series = series.dropna(subset=["value"])
    target_values = [] if targets is None or change_from else list(targets.value)
    y_range = _y_range(series.value, target_values)
    ends, counters = [], {"entity": 0, "region": 0, "nation": 0}
    fmt = (lambda v: format_change(v, metric.unit, lang)) if change_from else (lambda v: format_value(v, metric.unit, lang))
    for (series_kind, sid), s in series.groupby(["series_kind", "series_id"], sort=False):
        s = s.sort_values("period_start")
        style = _style(series_kind, counters[series_kind])
        counters[series_kind] += 1
        name = (names or {}).get(sid) or (s.series_name_en.iloc[0] if lang == "en" else s.series_name.iloc[0])
        estimated = s.estimated.fillna(False).astype(bool)
        hover = [f"{name}<br>{parse(p).label(lang)}: {fmt(v)}" + (f" ({t('trend_chart_estimated', lang)})" if e else "")
                 for p, v, e in zip(s.period, s.value, estimated)]
        fig.add_trace(go.Scatter(
            x=s.period_start, y=s.value, mode="lines+markers", name=name,
            line=dict(color=style["color"], dash=style["dash"], width=style["width"]),
            marker=dict(size=6 if series_kind == "entity" else 4, color=style["color"],
                        symbol=["circle-open" if e else "circle" for e in estimated], line=dict(width=2, color=style["color"])),
            hovertext=hover, hoverinfo="text", customdata=[sid if series_kind == "entity" else ""] * len(s),
        ))
        last = s.iloc[-1]
        ends.append((f"{name} {fmt(last.value)}", last.period_start, float(last.value), style["color"]))
    right_edge = series.period_start.max()
    for _, target in (targets.iterrows() if targets is not None and not change_from else ()):
        fig.add_shape(type="line", xref="x", yref="y", x0=series.period_start.min(), x1=right_edge,
                      y0=target.value, y1=target.value, line=dict(color=tpl.TARGET, width=1.5, dash="dot"))
        ends.append((_target_text(target, metric, lang), right_edge, float(target.value), tpl.TARGET))
    if change_from:
        fig.add_hline(y=0, line=dict(color=tpl.AXIS, width=1))
    _finish(fig, series, ends, y_range, height, title, lang, kind, merger=events is None)
    if events is not None:
        add_events(fig, events, lang, y_range[1])
    fig.update_yaxes(ticksuffix="%" if metric.unit == "pct" and not change_from else "",
                     title=dict(text=t("trend_chart_change_axis", lang, start=period_label(change_from, lang)) if change_from else None))
    return fig


def _finish(fig: go.Figure, frame: pd.DataFrame, ends: list, y_range, height: int, title: str, lang: str,
            kind: str, merger: bool = True) -> None:
    """What every line chart here shares: the merger date, labels at the line ends instead of a
    legend, period ticks, the title block and the axes' ranges."""
    if merger:
        _add_merger_line(fig, frame.period_start, lang, kind)
    longest = max((len(e[0]) for e in ends), default=10)
    _end_labels(fig, ends, y_range, height - PLOT_MARGIN_T - PLOT_MARGIN_B)
    ticks, texts = period_ticks(frame.period, lang)
    heading, extra = title_block(title)
    fig.update_layout(title=heading, separators=plotly_separators(lang), showlegend=False,
                      height=height + extra,
                      margin=dict(l=16, r=24, t=PLOT_MARGIN_T + extra, b=PLOT_MARGIN_B),
                      hovermode="closest")
    fig.update_xaxes(tickvals=ticks, ticktext=texts, showgrid=False, tickangle=0,
                     range=_x_range(frame.period_start, longest) if not frame.empty else None)
    fig.update_yaxes(range=list(y_range))


def national_lines(frame: pd.DataFrame, lang: str, title: str, height: int = 420, kind: str = "province") -> go.Figure:
    """Several national metrics (metrics.trends.national_trends: metric_id, label_vi/en, unit,
    period, period_start, value, estimated) as lines named at their ends, in %."""
    fig = go.Figure()
    frame = frame.dropna(subset=["value"])
    y_range = _y_range(frame.value)
    ends = []
    for i, (metric_id, s) in enumerate(frame.groupby("metric_id", sort=False)):
        s = s.sort_values("period_start")
        colour = tpl.COLORWAY[i % len(tpl.COLORWAY)]
        label = s.label_en.iloc[0] if lang == "en" else s.label_vi.iloc[0]
        unit = s.unit.iloc[0]
        published = s.status.eq("published")
        hover = [f"{label}<br>{parse(p).label(lang)}: {format_value(v, unit, lang)}" for p, v in zip(s.period, s.value)]
        fig.add_trace(go.Scatter(
            x=s.period_start, y=s.value, mode="lines+markers", name=label, line=dict(color=colour, width=2.5),
            marker=dict(size=[9 if p else 4 for p in published], color=colour,
                        symbol=["diamond" if p else "circle" for p in published]),
            hovertext=hover, hoverinfo="text", meta=metric_id,
        ))
        last = s.iloc[-1]
        ends.append((f"{label} {format_value(last.value, unit, lang)}", last.period_start, float(last.value), colour))
    _finish(fig, frame, ends, y_range, height, title, lang, kind)
    fig.update_yaxes(ticksuffix="%")
    return fig


def spans_merger(first: str, last: str, kind: str = "province") -> bool:
    """Whether periods first..last straddle the 2025 merger of that kind of unit."""
    return parse(first).start < MERGERS[kind] <= parse(last).end
