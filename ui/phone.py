"""Charts on a phone (390 px wide): fewer labels, so that nothing runs out of the frame or over
another label. The browser says it is a phone in its User-Agent (Streamlit does not tell a
script the viewport's width); the same figure feeds every export, which keeps all its labels.

What changes, for every chart at once (ui.chart_frame.show_chart):
- labels tied to data coordinates (band names over a ranking, names at the ends of trend lines,
  the totals around a matrix, target labels) go: the caption under each chart names the bands,
  and a legend below the plot names the lines instead;
- values printed beside bars move inside the bars' ends, so the bars fill the width;
- long axis titles go (the chart's title and caption say the unit), long category labels on
  the left axis are cut to their first words, periods on the bottom axis are at most three;
- the toolbar is hidden (it covers the top of the plot on a touch screen).
Tile maps keep their labels: they are drawn inside their squares.
"""
from __future__ import annotations

import re

import plotly.graph_objects as go
import streamlit as st

PHONE_AGENTS = ("iPhone", "Android", "Mobile", "Mobi")
LEGEND_ROW_PX = 22
MAX_AXIS_TITLE = 22
MAX_TICK = 24  # characters of a category label on the left axis (a 390 px screen keeps ~1/2 for bars)


def is_phone() -> bool:
    """The browser is a phone's (its User-Agent says so)."""
    try:
        agent = st.context.headers.get("User-Agent", "") or ""
    except Exception:  # noqa: BLE001 - no request context (a test's bare run): not a phone
        return False
    return any(word in agent for word in PHONE_AGENTS)


def _on_paper(note) -> bool:
    """A note placed on the figure (a source line), not beside a data point."""
    placed = isinstance(note.x, (int, float)) and not isinstance(note.x, bool) and 0 <= note.x <= 1
    return placed and note.xref in ("paper", None) and note.yref in ("paper", None)


def _named_lines(fig: go.Figure) -> list[str]:
    return [t.name for t in fig.data if t.type == "scatter" and t.name and t.meta != "events"
            and "lines" in (t.mode or "")]


def for_phone(fig: go.Figure) -> go.Figure:
    """A copy of `fig` with the labels a phone has no room for taken out (module docstring)."""
    meta = fig.layout.meta if isinstance(fig.layout.meta, dict) else {}
    if "tiles" in meta:
        return fig
    out = go.Figure(fig)
    out.layout.annotations = [a for a in out.layout.annotations if _on_paper(a)]
    removed_top = any(not _on_paper(a) and a.yref == "paper" and (a.y or 0) >= 1 for a in fig.layout.annotations)
    for trace in out.data:
        if trace.type == "bar" and trace.textposition == "outside":
            _values_inside(trace)
            out.update_layout(margin_r=12)
        if trace.type == "scatter" and trace.mode and "text" in trace.mode and trace.meta != "events":
            trace.mode = trace.mode.replace("+text", "").replace("text+", "") if trace.mode != "text" else "markers"
            if trace.mode == "markers" and trace.marker.size is None:
                trace.marker.opacity = 0
    if removed_top and out.layout.margin.t:  # the room the band names took above the bars
        cut = min(36, out.layout.margin.t - 12)
        out.update_layout(margin_t=out.layout.margin.t - cut,
                          height=out.layout.height - cut if out.layout.height else None)
    for axis in (out.layout.xaxis, out.layout.yaxis):
        if axis.title.text and len(axis.title.text) > MAX_AXIS_TITLE:
            axis.title.text = None
    _short_categories(out)
    _fewer_ticks(out)
    lines = _named_lines(out)
    if len(lines) > 1 and out.layout.showlegend is False:
        extra = LEGEND_ROW_PX * len(lines)
        out.update_layout(showlegend=True, legend=dict(orientation="h", x=0, xanchor="left", y=-0.08, yanchor="top"),
                          margin_b=(out.layout.margin.b or 40) + extra)
        for trace in out.data:
            if trace.type != "scatter" or trace.name not in lines:
                trace.showlegend = False
        if out.layout.height:
            out.update_layout(height=out.layout.height + extra)
    if _has_end_room(fig):
        out.update_xaxes(range=None)
    return out


def _values_inside(trace) -> None:
    """A bar's value printed inside its end, in white (its arrows and colours dropped): the bars
    then fill the width instead of leaving room for text beside them."""
    texts = trace.text if isinstance(trace.text, (list, tuple)) else None
    if texts is None:
        trace.text = None
        return
    trace.text = [re.sub(r"<span[^>]*>.*?</span>", "", str(t or "")).replace("<b>", "").replace("</b>", "").strip()
                  for t in texts]
    trace.update(textposition="inside", insidetextanchor="end", insidetextfont=dict(color="#FFFFFF", size=11),
                 cliponaxis=True)


def _short(label: str) -> str:
    first = label.split("<br>")[0]
    return first if len(first) <= MAX_TICK else first[: MAX_TICK - 1].rstrip() + "…"


def _short_categories(fig: go.Figure) -> None:
    """Long category labels on the left axis cut to their first MAX_TICK characters (the hover
    keeps the whole): automargin cannot push a label wider than half a phone off the frame."""
    categories = []
    for trace in fig.data:
        ys = getattr(trace, "y", None)
        if ys is not None and len(ys) and all(isinstance(y, str) for y in ys):
            categories += [y for y in ys if y not in categories]
    if any(len(c.split("<br>")[0]) > MAX_TICK or "<br>" in c for c in categories):
        fig.update_yaxes(tickmode="array", tickvals=categories, ticktext=[_short(c) for c in categories])
    columns = []
    for trace in fig.data:
        xs = getattr(trace, "x", None)
        if trace.type == "heatmap" and xs is not None and len(xs) and all(isinstance(x, str) for x in xs):
            columns += [x for x in xs if x not in columns]
    if len(columns) > 6:  # a matrix's columns: every few, each cut short (the hover names them all)
        shown = columns[:: -(-len(columns) // 6)]
        fig.update_xaxes(tickmode="array", tickvals=shown, ticktext=[_short(c)[:16] for c in shown])


def _fewer_ticks(fig: go.Figure, most: int = 3) -> None:
    """At most `most` period ticks on the bottom axis ('Q1/2022' is 55 px wide; five overlap)."""
    vals, texts = fig.layout.xaxis.tickvals, fig.layout.xaxis.ticktext
    if vals is None or texts is None:
        fig.update_xaxes(nticks=most + 1)  # Plotly's own ticks (dates, categories): fewer of them
        return
    if len(vals) <= most:
        return
    step = -(-len(vals) // most)
    fig.update_xaxes(tickvals=list(vals)[::step], ticktext=list(texts)[::step])


def _has_end_room(fig: go.Figure) -> bool:
    """A time axis widened on the right for the line-end labels (charts.trend) that are gone now."""
    return bool(_named_lines(fig)) and fig.layout.xaxis.type in (None, "date") and fig.layout.xaxis.range is not None
