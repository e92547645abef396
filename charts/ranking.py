"""Ranking bars and the tables that go with them: best at top, ties shown as ties ("2="), rank
changes as arrows, rating bands as shaded background with labelled thresholds, the chosen place
in the highlight colour. Pure: data in, figure or DataFrame out.
"""
from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from charts import template as tpl
from charts.trend import title_block
from l10n import t
from l10n.formatting import format_change, format_count_of, format_value, plotly_separators, status_label
from metrics.catalogue import Metric

BAR_PX = 22  # height per bar: 63 provinces stay readable with full names
HEADER_PX = 96
FOOTER_PX = 40
BAND_SHADES = ("#EEF4FB", "#F7F9FC")  # alternate band backgrounds, light enough to read bars over
PLAIN = "#7FA7D6"  # every bar when no place is highlighted


def _missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def rank_labels(ranks: Sequence) -> list[str]:
    """'2=' for a rank shared by several places, '1' otherwise: [1, 2, 2, 4] -> 1, 2=, 2=, 4."""
    ranks = [None if _missing(r) else int(r) for r in ranks]
    shared = {r for r in ranks if r is not None and ranks.count(r) > 1}
    return ["–" if r is None else f"{r}=" if r in shared else str(r) for r in ranks]


def rank_arrow(rank_change) -> str:
    """'▲3' (moved up 3), '▼2' (down 2), '–' (same rank), '' (no previous rank)."""
    if _missing(rank_change):
        return ""
    change = int(rank_change)
    return f"▲{change}" if change > 0 else f"▼{-change}" if change < 0 else "–"


def _arrow_html(rank_change) -> str:
    arrow = rank_arrow(rank_change)
    if not arrow or arrow == "–":
        return f"<span style='color:{tpl.TEXT_SOFT}'>{arrow}</span>" if arrow else ""
    colour = tpl.GOOD if arrow.startswith("▲") else tpl.BAD
    return f"<span style='color:{colour}'>{arrow}</span>"


def rank_of(ranked: pd.DataFrame, entity_id: str) -> str:
    """The rank label ('2=' for a tie) of one place in a ranking frame, '–' if absent."""
    labels = dict(zip(ranked.entity_id, rank_labels(ranked["rank"])))
    return labels.get(entity_id, "–")


def place_name(row, lang: str) -> str:
    """The place's name in lang, with '*' when its figure is estimated."""
    name = row["entity_name_en"] if lang == "en" and isinstance(row.get("entity_name_en"), str) else row["entity_name"]
    return f"{name}*" if bool(row.get("estimated")) else name


def band_label(band, metric: Metric, lang: str) -> str:
    """'Nhóm A<br>≥ 90%'; a label that states its range already ('Chưa phân loại (50–90)') is
    kept as it is, and the lowest band gets no threshold."""
    label = band.label_en if lang == "en" else band.label_vi
    if band.min <= 0 or any(ch.isdigit() for ch in label):
        return label
    return f"{label}<br>≥ {format_value(band.min, metric.unit, lang, decimals=0)}"


def _band_shapes(fig: go.Figure, metric: Metric, lang: str, x_max: float) -> None:
    """Rating bands (PAR INDEX groups A/B/C at 90/80/70, the 766 index's bands at 90/50) as
    shaded columns with a dotted line at each threshold and the band's name centred above it.
    Plain shape dicts set in one update: add_vrect/add_vline re-validate every shape per call."""
    shapes, notes = list(fig.layout.shapes), list(fig.layout.annotations)
    for i, band in enumerate(metric.bands):
        upper = metric.bands[i - 1].min if i > 0 else x_max
        if upper <= band.min:
            continue
        column = dict(xref="x", yref="paper", y0=0, y1=1, layer="below")
        shapes.append(dict(column, type="rect", x0=band.min, x1=upper, fillcolor=BAND_SHADES[i % 2], line_width=0))
        if band.min > 0:
            shapes.append(dict(column, type="line", x0=band.min, x1=band.min,
                               line=dict(color=tpl.AXIS, width=1, dash="dot")))
        notes.append(dict(x=(band.min + upper) / 2, y=1, xref="x", yref="paper", yanchor="bottom", xanchor="center",
                          text=band_label(band, metric, lang), showarrow=False,
                          font=dict(size=12, color=tpl.TEXT_SOFT)))
    fig.update_layout(shapes=shapes, annotations=notes)


def ranking_bar(ranked: pd.DataFrame, metric: Metric, lang: str, title: str,
                highlight: str | None = None, show_bands: bool = True) -> go.Figure:
    """Horizontal bars, best at top, from metrics.rankings.ranking (rank, entity_id, entity_name,
    value, estimated, rank_change ...). The `highlight` entity id is drawn in HIGHLIGHT, the
    others in MUTED; each bar carries its value and rank-change arrow; tick labels are
    'rank name' with '2=' for ties and '*' for estimated figures."""
    ranked = ranked.reset_index(drop=True)
    highlight = highlight if highlight in set(ranked.entity_id) else None  # e.g. outside the region shown
    labels = [f"{r}  {place_name(row, lang)}" for r, (_, row) in zip(rank_labels(ranked["rank"]), ranked.iterrows())]
    colours = [tpl.HIGHLIGHT if e == highlight else tpl.MUTED if highlight else PLAIN for e in ranked.entity_id]
    texts = []
    for _, row in ranked.iterrows():
        value = format_value(row.value, metric.unit, lang)
        value = f"<b>{value}</b>" if row.entity_id == highlight else value
        texts.append(f"{value}  {_arrow_html(row.get('rank_change'))}".rstrip())
    top = float(ranked.value.max()) if not ranked.empty else 1.0
    x_max = max(top, metric.max_value or 0.0) if metric.unit != "count" else top
    hover = [f"{lab}<br>{format_value(v, metric.unit, lang)}" for lab, v in zip(labels, ranked.value)]
    fig = go.Figure(go.Bar(
        x=ranked.value, y=labels, orientation="h", marker_color=colours, text=texts, textposition="outside",
        cliponaxis=False, hovertext=hover, hoverinfo="text", textfont=dict(size=12, color=tpl.TEXT), name="",
        customdata=list(ranked.entity_id),
    ))
    if show_bands and metric.bands:
        _band_shapes(fig, metric, lang, x_max)
    heading, extra = title_block(title)
    fig.update_layout(
        title=heading, separators=plotly_separators(lang), showlegend=False, bargap=0.2,
        height=HEADER_PX + extra + FOOTER_PX + BAR_PX * max(len(ranked), 3),
        margin=dict(l=16, r=96, t=HEADER_PX + extra, b=FOOTER_PX),
    )
    fig.update_yaxes(categoryorder="array", categoryarray=labels, autorange="reversed", showgrid=False,
                     tickfont=dict(size=13, color=tpl.TEXT), dtick=1)
    fig.update_xaxes(range=[0, x_max * 1.02], showgrid=False, showticklabels=False, zeroline=True)
    return fig


def leaders_bar(top: pd.DataFrame, bottom: pd.DataFrame, metric: Metric, lang: str, title: str,
                places: int | None = None, title_chars: int = 48) -> go.Figure:
    """The n leading places (GOOD) and the n lagging ones (BAD) on one chart, best at top, with
    a '⋯ k others' row between them when the two groups are not adjacent."""
    frames = [top.assign(_colour=tpl.GOOD)]
    between = (places or 0) - len(top) - len(bottom)
    if between > 0:
        frames.append(pd.DataFrame([{"entity_id": "", "entity_name": t("ranking_chart_others", lang, n=between),
                                     "entity_name_en": t("ranking_chart_others", lang, n=between), "value": None,
                                     "rank": None, "_colour": tpl.MUTED}]))
    frames.append(bottom.assign(_colour=tpl.BAD))
    both = pd.concat([f for f in frames if not f.empty], ignore_index=True)
    ranks = rank_labels(both["rank"])
    labels, texts = [], []
    for rank, (_, row) in zip(ranks, both.iterrows()):
        is_gap = row.entity_id == ""
        labels.append(row.entity_name if is_gap else f"{rank}  {place_name(row, lang)}")
        texts.append("" if is_gap else format_value(row.value, metric.unit, lang))
    x_max = max(float(both.value.max()) if both.value.notna().any() else 1.0, 1e-9)
    fig = go.Figure(go.Bar(x=both.value, y=labels, orientation="h", marker_color=list(both._colour), text=texts,
                           customdata=list(both.entity_id),
                           textposition="outside", cliponaxis=False, hoverinfo="text", name="",
                           hovertext=[f"{lab}<br>{txt}" for lab, txt in zip(labels, texts)]))
    heading, extra = title_block(title, title_chars)
    fig.update_layout(title=heading, separators=plotly_separators(lang), showlegend=False,
                      height=80 + extra + 30 * len(labels), margin=dict(l=16, r=72, t=56 + extra, b=16), bargap=0.25)
    fig.update_yaxes(categoryorder="array", categoryarray=labels, autorange="reversed", showgrid=False, dtick=1)
    fig.update_xaxes(range=[0, x_max * 1.02], showgrid=False, showticklabels=False)
    return fig


def ranking_table(ranked: pd.DataFrame, metric: Metric, lang: str, kind: str,
                  region_names: dict[str, str] | None = None) -> pd.DataFrame:
    """The ranking as a table of formatted text with headers in lang: rank ('2='), place ('*'
    if estimated), region, value, change, previous rank, rank change (▲3), band, status."""
    region_names = region_names or {}
    table = pd.DataFrame({
        t('rank', lang): rank_labels(ranked["rank"]),
        t(f"place_{kind}", lang): [place_name(row, lang) for _, row in ranked.iterrows()],
    })
    if kind == "province":
        table[t("region", lang)] = [region_names.get(r, r or "") for r in ranked.region_id]
    table[t("value", lang)] = [format_value(v, metric.unit, lang) for v in ranked.value]
    if metric.is_ratio:
        table[t("ranking_chart_counts", lang)] = [format_count_of(n, d, lang) for n, d in zip(ranked.numerator, ranked.denominator)]
    table[t("change", lang)] = [format_change(c, metric.unit, lang) for c in ranked.change]
    table[t("ranking_chart_previous_rank", lang)] = ["–" if _missing(r) else str(int(r)) for r in ranked.previous_rank]
    table[t("ranking_chart_rank_change", lang)] = [rank_arrow(c) or t("ranking_chart_new", lang) for c in ranked.rank_change]
    if metric.bands:
        table[t("ranking_chart_band", lang)] = list(ranked.band_en if lang == "en" else ranked.band_vi)
    table[t("status", lang)] = [status_label(s, lang) for s in ranked.status]
    return table


def leaders_table(top: pd.DataFrame, bottom: pd.DataFrame, metric: Metric, lang: str, kind: str) -> pd.DataFrame:
    """ranking_table of the leading and lagging places, leaders first."""
    both = pd.concat([f for f in (top, bottom) if not f.empty], ignore_index=True) if len(top) + len(bottom) else top
    return ranking_table(both, metric, lang, kind)


NUMBER_FORMATS = {"pct": '0.00"%"', "count": "#,##0", "score": "0.00", "days": "0.0"}


def bar_slide_data(fig: go.Figure, highlight: str | None = None, unit: str = "score") -> dict:
    """SlideSpec fields (kind 'bar', categories, series, highlight) for a one-trace bar figure
    made here: the bars' labels and values, and the label of the `highlight` entity id."""
    bar = fig.data[0]
    values = tuple(None if _missing(v) else float(v) for v in bar.x)
    labels = tuple(str(y) for y in bar.y)
    ids = list(bar.customdata) if bar.customdata is not None else []
    chosen = labels[ids.index(highlight)] if highlight in ids else None
    return dict(kind="bar", categories=labels, series=(("", values),), highlight=chosen,
                number_format=NUMBER_FORMATS.get(unit, "0.00"))


def movers_table(movers: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per metric: who improved most and who fell most since the previous period, from
    metrics.rankings.movers_at, as formatted text."""
    from metrics import catalogue
    from metrics.periods import parse

    words = tuple(t(key, lang) for key in ("metric", "period", "movers_up", "movers_down"))
    rows = []
    for metric_id, group in movers.groupby("metric_id", sort=False):
        metric = catalogue.get(metric_id)
        row = {words[0]: metric.label(lang), words[1]: parse(group.period.iloc[0]).label(lang)}
        for side, column in (("up", words[2]), ("down", words[3])):
            hit = group[group.side == side]
            if hit.empty:
                row[column] = "—"
                continue
            mover = hit.iloc[0]
            name = mover.entity_name_en if lang == "en" else mover.entity_name
            arrow = rank_arrow(mover.rank_change)
            row[column] = f"{name}: {format_change(mover.change, metric.unit, lang)}" + (
                f" ({arrow})" if arrow and arrow != "–" else "")
        rows.append(row)
    return pd.DataFrame(rows, columns=list(words))
