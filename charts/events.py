"""Annotations on a time axis: a dotted line on the day (a shaded band for a period) and a
numbered marker at the top whose hover text says what happened and from which document; and the
same list as text lines for the caption under the chart and the sources of its exports."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from l10n.formatting import format_date

COLOUR = "#7B5EA7"
BAND = "rgba(123, 94, 167, 0.08)"


def _when(row, lang: str) -> str:
    start = format_date(pd.Timestamp(row.starts_on).date().isoformat(), lang)
    if pd.isna(row.ends_on):
        return start
    return f"{start}–{format_date(pd.Timestamp(row.ends_on).date().isoformat(), lang)}"


def event_lines(notes: pd.DataFrame, lang: str) -> list[str]:
    """'1. 01/07/2025 — Sáp nhập: 63 tỉnh … (202/2025/QH15)', one per annotation, numbered as drawn."""
    lines = []
    for number, row in enumerate(notes.itertuples(), start=1):
        text = row.text_en if lang == "en" else row.text_vi
        source = row.source_number if isinstance(row.source_number, str) and row.source_number else row.source_id
        lines.append(f"{number}. {_when(row, lang)} — {text}" + (f" ({source})" if isinstance(source, str) and source else ""))
    return lines


def add_events(fig: go.Figure, notes: pd.DataFrame, lang: str, top: float) -> None:
    """Draw the annotations on `fig` (a date x axis): lines or bands below the data, numbered
    markers at `top` (the y axis' upper end) with the hover text."""
    if notes.empty:
        return
    shapes = list(fig.layout.shapes)
    xs, texts = [], []
    for row, line in zip(notes.itertuples(), event_lines(notes, lang)):
        start = pd.Timestamp(row.starts_on)
        if pd.isna(row.ends_on):
            shapes.append(dict(type="line", xref="x", yref="paper", x0=start, x1=start, y0=0, y1=1, layer="below",
                               line=dict(color=COLOUR, width=1, dash="dot")))
        else:
            shapes.append(dict(type="rect", xref="x", yref="paper", x0=start, x1=pd.Timestamp(row.ends_on), y0=0, y1=1,
                               layer="below", fillcolor=BAND, line_width=0))
        xs.append(start)
        texts.append(line)
    fig.update_layout(shapes=shapes)
    fig.add_trace(go.Scatter(
        x=xs, y=[top] * len(xs), mode="markers+text", text=[str(i) for i in range(1, len(xs) + 1)],
        textposition="middle center", textfont=dict(size=10, color="#FFFFFF"), cliponaxis=False,
        marker=dict(size=17, color=COLOUR, line=dict(width=0)), hovertext=texts, hoverinfo="text",
        name="events", showlegend=False, meta="events"))
