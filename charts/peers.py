"""A place against its peers: a dot plot component by component (the place, its region, the
nation and the best place, as a share of each component's maximum), and the short texts the
profile tiles show (rank, gap to the next place and to the best)."""
from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from charts import template as tpl
from charts.trend import title_block
from l10n import t
from l10n.formatting import format_change, format_number, format_value, plotly_separators, status_label
from metrics.catalogue import Metric

ROW_PX = 46
MARKERS = (  # (column, word key, colour, symbol, size): drawn in this order, the place last (on top)
    ("best_value", "best", tpl.GOOD, "diamond", 11),
    ("national_value", "nation", tpl.NATIONAL, "line-ns-open", 16),
    ("region_value", "region", tpl.REGIONAL, "square", 10),
    ("value", "place", tpl.HIGHLIGHT, "circle", 15),
)


def _missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _raw_text(value, max_value, unit: str, lang: str) -> str:
    if unit == "score" and max_value and max_value != 100:
        return t("peers_chart_of_max", lang, value=format_number(value, 2, lang), max=format_number(max_value, 0, lang))
    return format_value(value, unit, lang)


def component_dots(frame: pd.DataFrame, unit: str, lang: str, title: str, place: str,
                   region: str | None, whole: str | None = None) -> go.Figure:
    """One row per component (profiles.components_of or profiles.profile: label_vi/en, max_value,
    value, region_value, national_value, best_value, best_entity), best share at top; dots for
    the place, its region, the nation and the best place, named on the top row so no legend is
    needed; the place's share is written beside each component's name. x is the share of each
    component's maximum, in %. whole: the name of what national_value stands for when it is not
    the nation (a commune's province)."""
    rows = frame.dropna(subset=["value"]).assign(_share=lambda f: f.value / f.max_value)
    rows = rows.sort_values("_share", ascending=False).reset_index(drop=True)
    shares = 100 * rows.value / rows.max_value
    labels = [f"{name}  <span style='color:{tpl.HIGHLIGHT}'><b>{format_value(v, 'pct', lang, decimals=1)}</b></span>"
              for name, v in zip(rows.label_en if lang == "en" else rows.label_vi, shares)]
    names = {"place": place, "region": region or t("region", lang), "nation": whole or t("lines_nation", lang), "best": t("peers_chart_best", lang)}
    fig = go.Figure()
    label_at = {}
    for column, key, colour, symbol, size in MARKERS:
        if column not in rows or rows[column].isna().all() or (key == "region" and not region):
            continue
        share = 100 * rows[column].astype(float) / rows.max_value
        hover = []
        for _, row in rows.iterrows():
            who = row.best_entity if key == "best" else names[key]
            name = row.label_en if lang == "en" else row.label_vi
            hover.append(f"{name}<br>{who}: {_raw_text(row[column], row.max_value, unit, lang)}")
        fig.add_trace(go.Scatter(
            x=share, y=labels, mode="markers", name=names[key],
            marker=dict(color=colour, symbol=symbol, size=size, line=dict(width=2.5 if "open" in symbol else 0, color=colour)),
            hovertext=hover, hoverinfo="text", cliponaxis=False,
        ))
        if not rows.empty and pd.notna(share.iloc[0]):
            label_at[key] = (float(share.iloc[0]), colour)
    if "best" in label_at and "place" in label_at and abs(label_at["best"][0] - label_at["place"][0]) < 0.05:
        names["place"] += f" ({t('peers_chart_best', lang).lower()})"  # the place is the best: one label, not two on top of each other
        del label_at["best"]
    for step, (key, (x, colour)) in enumerate(sorted(label_at.items(), key=lambda kv: kv[1][0])):
        fig.add_annotation(x=x, y=labels[0], text=names[key], showarrow=True, arrowhead=0, arrowwidth=1,
                           arrowcolor=colour, ax=0, ay=-20 - 17 * step, standoff=8, font=dict(size=12, color=colour),
                           xanchor="center", yanchor="bottom")
    shares = pd.concat([100 * rows[c].astype(float) / rows.max_value for c, *_ in MARKERS if c in rows], ignore_index=True)
    low = max(0.0, math.floor((shares.min() if shares.notna().any() else 0) / 5) * 5 - 5)
    heading, extra = title_block(title)
    fig.update_layout(title=heading, separators=plotly_separators(lang), showlegend=False,
                      height=120 + extra + 17 * len(label_at) + ROW_PX * max(len(rows), 1),
                      margin=dict(l=16, r=32, t=64 + extra + 17 * len(label_at), b=48))
    # a fixed range: autorange would widen the axis to hold the labels above the top row
    fig.update_yaxes(categoryorder="array", categoryarray=labels, range=[len(labels) - 0.5, -0.5], showgrid=True)
    fig.update_xaxes(range=[low, 101], ticksuffix="%", title=dict(text=t("peers_chart_axis", lang)))
    return fig


def components_table(frame: pd.DataFrame, unit: str, lang: str, whole: str | None = None) -> pd.DataFrame:
    """The dot plot's numbers as formatted text: component, value (of max), region, nation (or
    `whole`, a commune's province), best (and who), previous period, change, status."""
    headers = {"region_col": t("peers_chart_region_col", lang), "nation_col": whole or t("lines_nation", lang)}
    out = pd.DataFrame({t('peers_chart_component', lang): frame.label_en if lang == "en" else frame.label_vi})
    out[t("value", lang)] = [_raw_text(v, m, unit, lang) for v, m in zip(frame.value, frame.max_value)]
    for column, key in (("region_value", "region_col"), ("national_value", "nation_col")):
        if frame[column].notna().any():  # ministries have no region
            out[headers[key]] = [format_value(v, unit, lang) for v in frame[column]]
    out[t("peers_chart_best_col", lang)] = [f"{format_value(v, unit, lang)} ({who})" for v, who in zip(frame.best_value, frame.best_entity)]
    if "change" in frame:
        out[t("peers_chart_previous", lang)] = [format_value(v, unit, lang) for v in frame.previous_value]
        out[t("change", lang)] = [format_change(v, unit, lang) for v in frame.change]
    out[t("status", lang)] = [status_label(s, lang) for s in frame.status]
    return out


def amount(gap: float, unit: str, lang: str) -> str:
    """An unsigned difference in the metric's unit: '0,15 điểm %', '2,30 điểm', '12'."""
    return format_change(abs(gap), unit, lang).lstrip("+±")


def gap_texts(summary, metric: Metric, lang: str, name_of=None) -> list[str]:
    """What the place needs, from a metrics.rankings.PeerSummary: 'Cần thêm hơn 0,15 điểm % để
    vượt Thanh Hóa' and 'Cách đơn vị dẫn đầu (Lạng Sơn) 3,43 điểm %'. name_of turns the
    summary's Vietnamese names into names in lang."""
    name_of = name_of or (lambda name: name)
    out = []
    if summary.next_entity is not None and not _missing(summary.gap_to_next):
        gap, other = amount(summary.gap_to_next, metric.unit, lang), name_of(summary.next_entity)
        out.append(t("peers_gap_next", lang, gap=gap, other=other))
    if summary.rank == 1:
        out.append(t("peers_first", lang))
    elif not _missing(summary.gap_to_best):
        gap, best = amount(summary.gap_to_best, metric.unit, lang), name_of(summary.best_entity)
        out.append(t("peers_gap_best", lang, gap=gap, best=best))
    return out


def rank_delta(previous_rank, rank, lang: str) -> str | None:
    """st.metric delta for a rank: '+2 bậc' when it moved up two places (ASCII '-' when down,
    which Streamlit reads as a fall), None when there is no previous rank."""
    if _missing(previous_rank) or _missing(rank):
        return None
    moved = int(previous_rank) - int(rank)
    word = t("peers_rank_moved_one" if abs(moved) == 1 else "peers_rank_moved_many", lang)
    return "0" if moved == 0 else f"{'+' if moved > 0 else '-'}{abs(moved)}{word}"


def metric_delta(change, unit: str, lang: str) -> str | None:
    """st.metric delta text for a change: '+1,39 điểm %' / '-0,52 điểm %' (an ASCII minus, which
    Streamlit reads as a fall; the formatter's '−' would read as a rise), None if unknown."""
    if _missing(change):
        return None
    text = format_change(change, unit, lang)
    return "-" + text[1:] if text.startswith("−") else text


def target_text(headline, metric: Metric, lang: str) -> str | None:
    """'Mục tiêu ≥ 80% (2025, 76/NQ-CP): chưa đạt, còn 3,20 điểm %' from a targets.Headline."""
    if headline is None or headline.target_value is None or headline.meets_target is None:
        return None
    cmp = (headline.target_comparison or ">=").replace(">=", "≥").replace("<=", "≤")
    value = format_value(headline.target_value, metric.unit, lang, decimals=0)
    gap = amount(headline.target_gap, metric.unit, lang)
    return t("target_met" if headline.meets_target else "target_not_met", lang, cmp=cmp, value=value,
             year=headline.target_year, source=headline.target_source, gap=gap)
