"""Online public services: coverage ranking bars, coverage over time, and plan targets against
what was achieved. Pure builders: DataFrames in, a Plotly figure out, every number formatted by
l10n.formatting.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from charts import template as tpl
from charts.trend import spread
from l10n.formatting import format_count_of, format_value, plotly_separators
from metrics.catalogue import Metric
from metrics.periods import parse

ROW_PX = 26          # height of one bar row, so 63 provinces stay readable
OTHERS = "#6B7F99"   # the bars' colour when no place is chosen
TRACK = "#EEF1F5"    # the 0-100% track behind a bullet bar
TICKS = (0, 20, 40, 60, 80, 100)
COMPARISON = {">=": "≥", "<=": "≤"}
LABEL_GAP = 0.06     # end labels of lines kept this share of the y range apart


def name_column(lang: str) -> str:
    return "entity_name_en" if lang == "en" else "entity_name"


def bar_height(rows: int, extra: int = 140) -> int:
    return max(320, rows * ROW_PX + extra)


def coverage_bar(ranked: pd.DataFrame, metric: Metric, lang: str, title: str, highlight: str | None = None,
                 national: float | None = None, national_label: str | None = None,
                 with_counts: bool = False) -> go.Figure:
    """Places ranked on a rate, best on top; each bar labelled '96,91%' (and '1.818/1.876' with
    with_counts). The chosen place in the highlight colour, a dashed line at the national figure.
    ranked: rankings.ranking() output (best first)."""
    names = [f"{n} *" if est else n for n, est in zip(ranked[name_column(lang)], ranked.estimated.fillna(False))]
    texts = []
    for row in ranked.itertuples():
        text = format_value(row.value, metric.unit, lang)
        if with_counts and pd.notna(row.numerator) and pd.notna(row.denominator):
            text += f"  ({format_count_of(row.numerator, row.denominator, lang)})"
        texts.append(text)
    colours = [tpl.HIGHLIGHT if e == highlight else (tpl.MUTED if highlight else OTHERS) for e in ranked.entity_id]
    hover = [f"<b>{n}</b><br>{t}<br>#{r}" for n, t, r in zip(names, texts, ranked["rank"])]
    fig = go.Figure(go.Bar(
        x=ranked.value, y=names, orientation="h", marker_color=colours, text=texts, textposition="outside",
        cliponaxis=False, hovertext=hover, hoverinfo="text", name=metric.label(lang),
    ))
    top = float(ranked.value.max()) if not ranked.empty else 100.0
    room = 1.45 if with_counts else 1.22
    fig.update_layout(
        title=title, showlegend=False, height=bar_height(len(ranked)), separators=plotly_separators(lang),
        yaxis=dict(categoryorder="array", categoryarray=names, autorange="reversed", showgrid=False),
        xaxis=dict(range=[0, max(100.0, top) * room], showticklabels=False, showgrid=False, zeroline=True),
        title_xref="container", title_x=0.01, margin=dict(t=80),
    )
    if national is not None:
        # under the bars, so it never strikes through a value label; it shows in the gaps
        fig.add_vline(x=national, line=dict(color=tpl.NATIONAL, dash="dash", width=1.5), layer="below")
        fig.add_annotation(x=national, y=1, yref="paper", yanchor="bottom", showarrow=False,
                           text=f"{national_label or ''} {format_value(national, metric.unit, lang)}".strip(),
                           font=dict(color=tpl.NATIONAL, size=12), xanchor="left", bgcolor="rgba(255,255,255,0.8)")
    return fig


def coverage_trend(series: pd.DataFrame, metric: Metric, lang: str, title: str,
                   highlight: str | None = None) -> go.Figure:
    """Lines over time (trends.trend() output): the chosen place in the highlight colour, the
    nation dark and dashed, regions in amber; each line named at its end (no legend to decode),
    the names spread apart where lines end close together."""
    fig = go.Figure()
    yearly = not series.empty and parse(str(series.period.iloc[0])).grain == "year"
    name_col = "series_name_en" if lang == "en" else "series_name"
    ends = []
    for series_id, s in series.groupby("series_id", sort=False):
        s = s.sort_values("period")
        kind = s.series_kind.iloc[0]
        colour = {"nation": tpl.NATIONAL, "region": tpl.REGIONAL}.get(
            kind, tpl.HIGHLIGHT if series_id == highlight or highlight is None else OTHERS)
        name = s[name_col].iloc[0]
        texts = [format_value(v, metric.unit, lang) for v in s.value]
        labels = [parse(str(p)).label(lang) for p in s.period]
        fig.add_trace(go.Scatter(
            x=s.period_start, y=s.value, mode="lines+markers" if len(s) <= 12 else "lines", name=name,
            line=dict(color=colour, dash="dash" if kind == "nation" else "solid",
                      width=3 if series_id == highlight else 2),
            hovertext=[f"<b>{name}</b><br>{lab}: {t}" for lab, t in zip(labels, texts)], hoverinfo="text",
        ))
        ends.append((s.period_start.iloc[-1], float(s.value.iloc[-1]), f"{name}: {texts[-1]}", colour))
    top = float(series.value.max()) if not series.empty else 1.0
    tpl.add_annotations(fig, [dict(x=x, y=y, text=text, showarrow=False, xanchor="left", xshift=8,
                                   font=dict(color=colour, size=12))
                              for (x, _, text, colour), y in zip(ends, spread([e[1] for e in ends], LABEL_GAP * top,
                                                                              ceiling=max((e[1] for e in ends), default=None)))])
    x_range = None
    if not series.empty:
        first, last = pd.Timestamp(series.period_start.min()), pd.Timestamp(series.period_start.max())
        pad = pd.Timedelta(days=120 if yearly else 20)
        x_range = [first - pad, last + pad]
    fig.update_layout(
        title=title, showlegend=False, height=420, separators=plotly_separators(lang),
        margin=dict(r=260), hovermode="closest",
        yaxis=dict(ticksuffix="%" if metric.unit == "pct" else "", rangemode="tozero"),
        xaxis=dict(tickformat="%Y" if yearly else ("%m/%Y" if lang == "vi" else "%b %Y"),
                   dtick="M12" if yearly else None, showgrid=False, range=x_range),
    )
    return fig


def target_bullets(progress: pd.DataFrame, lang: str, title: str, row_labels: list[str],
                   actual_label: str, target_label: str) -> go.Figure:
    """One bullet bar per plan target: a 0-100% track, the achieved figure as a bar (green when
    it meets the target, red when not) with its value right of the track, and the target as a
    purple tick labelled above it.
    progress: metrics.targets.target_progress() output; row_labels: one label per row (what,
    for whom, which document and year)."""
    frame = progress.reset_index(drop=True)
    colours = [tpl.GOOD if m is True else (tpl.BAD if m is False else tpl.MUTED) for m in frame.meets]
    actual_text = [format_value(v, "pct", lang) if pd.notna(v) else "—" for v in frame.actual]
    target_text = [f"{COMPARISON.get(c, c)}{format_value(v, 'pct', lang, decimals=0)}"
                   for c, v in zip(frame.comparison, frame.target)]
    fig = go.Figure()
    fig.add_trace(go.Bar(x=[100] * len(frame), y=row_labels, orientation="h", marker_color=TRACK,
                         hoverinfo="skip", showlegend=False, width=0.7))
    fig.add_trace(go.Bar(x=frame.actual, y=row_labels, orientation="h", marker_color=colours, width=0.42,
                         name=actual_label,
                         hovertext=[f"{lab}<br>{actual_label}: {a}<br>{target_label}: {t}"
                                    for lab, a, t in zip(row_labels, actual_text, target_text)], hoverinfo="text"))
    # the achieved value just right of the track, where no target tick can cover it
    fig.add_trace(go.Scatter(x=[101] * len(frame), y=row_labels, mode="text", text=actual_text,
                             textposition="middle right", textfont=dict(color=colours, size=14),
                             hoverinfo="skip", cliponaxis=False, name=actual_label))
    fig.add_trace(go.Scatter(x=frame.target, y=row_labels, mode="markers+text", name=target_label,
                             marker=dict(symbol="line-ns", size=30, line=dict(width=4, color=tpl.TARGET)),
                             text=[f"{target_label} {t}" for t in target_text], textposition="top center",
                             textfont=dict(color=tpl.TARGET, size=12), cliponaxis=False,
                             hovertext=[f"{target_label}: {t}" for t in target_text], hoverinfo="text"))
    fig.update_layout(
        title=title, barmode="overlay", height=max(300, 78 * len(frame) + 140), separators=plotly_separators(lang),
        yaxis=dict(categoryorder="array", categoryarray=row_labels, autorange="reversed", showgrid=False),
        xaxis=dict(range=[0, 116], tickvals=TICKS, ticktext=[format_value(v, "pct", lang, decimals=0) for v in TICKS]),
        title_xref="container", title_x=0.01, showlegend=False,
    )
    return fig


def targets_table(progress: pd.DataFrame, documents: list[str], metric_labels: dict[str, str],
                  scopes: list[str], headers: dict[str, str], yes_no: tuple[str, str], lang: str) -> pd.DataFrame:
    """The targets as a table of formatted text, one row per target: metric, who it applies to,
    target ('≥80%'), year, achieved, gap ('−4,20 điểm %'), met, document, note. headers: column
    key -> header text (metric, scope, target, year, actual, gap, met, document, note)."""
    from l10n.formatting import format_change

    notes = progress.note_en if lang == "en" else progress.note_vi
    return pd.DataFrame({
        headers["metric"]: [metric_labels[m] for m in progress.metric_id],
        headers["scope"]: scopes,
        headers["target"]: [f"{COMPARISON.get(c, c)}{format_value(v, 'pct', lang, decimals=0)}"
                            for c, v in zip(progress.comparison, progress.target)],
        headers["year"]: [str(y) for y in progress.year],
        headers["actual"]: [format_value(v, "pct", lang) for v in progress.actual],
        headers["gap"]: [format_change(g, "pct", lang) for g in progress.gap],
        headers["met"]: ["—" if m is None or pd.isna(m) else (yes_no[0] if m else yes_no[1]) for m in progress.meets],
        headers["document"]: documents,
        headers["note"]: list(notes.fillna("")),
    })


def target_labels(progress: pd.DataFrame, metric_labels: dict[str, str], scopes: list[str], target_word: str,
                  year_text: str, lang: str) -> tuple[list[str], list[str]]:
    """Row labels for target_bullets ('<b>TTHC cung cấp trực tuyến</b> — cả nước' over 'Mục tiêu
    ≥80% năm 2025 · 76/NQ-CP') and each target's document with its date ('76/NQ-CP (15/07/2021)').
    year_text: a format string with {year} ('năm {year}')."""
    from l10n.formatting import format_date

    rows, documents = [], []
    for row, scope in zip(progress.itertuples(), scopes):
        document = row.source_number if isinstance(row.source_number, str) and row.source_number else row.source_title_vi
        documents.append(f"{document} ({format_date(row.source_date, lang)})" if pd.notna(row.source_date) else document)
        short = document if len(document) <= 48 else document[:46].rstrip(" ,(") + "…"
        target = f"{COMPARISON.get(row.comparison, row.comparison)}{format_value(row.target, 'pct', lang, decimals=0)}"
        rows.append(f"<b>{metric_labels[row.metric_id]}</b> — {scope}<br><span style='font-size:12px'>"
                    f"{target_word} {target} {year_text.format(year=row.year)} · {short}</span>")
    return rows, documents
