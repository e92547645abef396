"""Charts of the "Hồ sơ" page: a rate by unit, commune, sector or procedure (the worst at the
top, below the place's own rate in red, above it in the plain colour), and the distribution of
processing times split into settled on time and late."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts import template as tpl
from charts.trend import title_block
from l10n.formatting import format_number, format_value, plotly_separators
from metrics.catalogue import Metric

BAR_PX, HEADER_PX, FOOTER_PX = 24, 96, 40
PLAIN = "#7FA7D6"
MAX_BARS = 25


def breakdown_bar(frame: pd.DataFrame, metric: Metric, lang: str, title: str, overall: float | None,
                  max_bars: int = MAX_BARS) -> go.Figure:
    """Horizontal bars of metrics.dossiers.breakdown (label, value, numerator, denominator), in
    its order (worst first) at the top, at most `max_bars`; a dotted line at `overall`."""
    shown = frame.head(max_bars)
    worse = (shown.value < overall) if metric.higher_is_better else (shown.value > overall)
    colours = [tpl.BAD if w else PLAIN for w in worse] if overall is not None else [PLAIN] * len(shown)
    labels = [f"{i + 1}. {label}" for i, label in enumerate(shown.label.astype(str))]
    texts = [f"{format_value(v, metric.unit, lang)} ({format_number(n, 0, lang)}/{format_number(d, 0, lang)})"
             for v, n, d in zip(shown.value, shown.numerator, shown.denominator)]
    fig = go.Figure(go.Bar(x=shown.value, y=labels, orientation="h", marker_color=colours, text=texts,
                           textposition="outside", cliponaxis=False, hovertext=[f"{lab}<br>{t}" for lab, t in zip(labels, texts)],
                           hoverinfo="text", textfont=dict(size=12, color=tpl.TEXT), name=""))
    if overall is not None:
        fig.add_vline(x=overall, line=dict(color=tpl.NATIONAL, width=1.5, dash="dot"))
    heading, extra = title_block(title)
    fig.update_layout(title=heading, separators=plotly_separators(lang), showlegend=False, bargap=0.2,
                      height=HEADER_PX + extra + FOOTER_PX + BAR_PX * max(len(shown), 3),
                      margin=dict(l=16, r=150, t=HEADER_PX + extra, b=FOOTER_PX))
    fig.update_yaxes(categoryorder="array", categoryarray=labels, autorange="reversed", showgrid=False, dtick=1,
                     tickfont=dict(size=13, color=tpl.TEXT))
    fig.update_xaxes(range=[0, 100], showgrid=False, showticklabels=False, zeroline=True)
    return fig


def times_bar(frame: pd.DataFrame, bucket_labels: list[str], lang: str, title: str, words: dict[str, str]) -> go.Figure:
    """Stacked bars: dossiers settled on time and late per processing-time bucket (from
    metrics.dossiers.processing_times); words: on_time, late, axis, count."""
    fig = go.Figure()
    for on_time, colour, name in ((True, tpl.GOOD, words["on_time"]), (False, tpl.BAD, words["late"])):
        part = frame[frame.on_time == on_time].set_index("bucket").dossiers.reindex(range(len(bucket_labels)), fill_value=0)
        fig.add_bar(x=bucket_labels, y=part.to_numpy(), name=name, marker_color=colour,
                    text=[format_number(v, 0, lang) if v else "" for v in part], textposition="inside",
                    hovertemplate="%{x}: %{y:,.0f}<extra>" + name + "</extra>")
    heading, extra = title_block(title)
    fig.update_layout(title=heading, barmode="stack", separators=plotly_separators(lang), height=420 + extra,
                      margin=dict(l=16, r=24, t=HEADER_PX + extra, b=56))
    fig.update_xaxes(title=words["axis"], showgrid=False)
    fig.update_yaxes(title=words["count"], tickformat=",d")
    return fig
