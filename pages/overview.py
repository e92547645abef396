"""Tổng quan — for the Steering Committee: headline national figures against the previous
period and the targets, who leads and who lags, the national trend of the key rates, and what
moved most since the previous period."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from charts import peers as peer_charts
from charts import ranking as rank_charts
from charts import slides
from charts import trend as trend_charts
from l10n import t
from l10n.formatting import format_value
from metrics import catalogue, rankings, targets, trends, values
from metrics.catalogue import NATIONAL_KINDS
from metrics.periods import parse
from ui import attention, chart_frame, drill, labels, maps, pickers, provenance, state
from ui.data import ask, built

KEY_RATES = catalogue.collection("key_rates")
TILES = catalogue.collection("overview_tiles")
TILES_PER_ROW = 4

lang = state.lang()
boundary = pickers.boundary()
st.title(t("overview_title", lang))
st.caption(t("overview_intro", lang))

kind_col, grain_col, period_col, metric_col = st.columns([2.2, 2.2, 1.4, 2.4], vertical_alignment="bottom")
kind = pickers.kind_picker(kind_col)
grain = pickers.grain_picker("online_procedures", grain_col, default="month")
period = pickers.period_picker("online_procedures", grain, period_col)
leader = pickers.metric_picker(None, metric_col, default="index766", label=t("leader_metric", lang))
state.show_notices()
if period is None:
    chart_frame.no_data(lang)
    st.stop()

# --- headline tiles -----------------------------------------------------------------------------
shown = []
for metric_id in TILES:
    metric = catalogue.get(metric_id)
    at = pickers.period_for(metric_id, period) if metric.applies_to(kind) else None
    if at is not None:
        shown.append((metric, at))
heads = ask(targets.headlines, tuple((metric.id, at) for metric, at in shown), kind, boundary)
tiles = [(metric, at, head) for (metric, at), head in zip(shown, heads)]
if any(h.status == "demo" for _, _, h in tiles):
    provenance.demo_banner(lang)

st.subheader(t("tiles_heading", lang, period=parse(period).label(lang)) + " · "
             + t("tiles_kind", lang, kind=labels.kind_plural(kind, lang)))
for start in range(0, len(tiles), TILES_PER_ROW):
    for col, (metric, at, head) in zip(st.columns(TILES_PER_ROW), tiles[start:start + TILES_PER_ROW]):
        with col.container(border=True):
            st.metric(metric.label(lang), format_value(head.value, metric.unit, lang),
                      peer_charts.metric_delta(head.change, metric.unit, lang),
                      delta_color="normal" if metric.higher_is_better else "inverse",
                      help=metric.description(lang))
            status = (t("dossiers_tile_status_records", lang) if head.status == "records" else
                      t("tile_status_published" if head.status == "published" else "tile_status_demo", lang))
            if head.value is None:
                status = t("tile_no_figure", lang)
            estimated = f" · {t('tile_estimated', lang)}" if head.estimated else ""
            versus = t("vs_previous", lang, period=labels.period_text(head.previous_period, lang))
            st.caption(f"{parse(at).label(lang)} ({versus}) · {status}{estimated}")
            target = peer_charts.target_text(head, metric, lang)
            if target:
                st.caption(f":material/flag: {target}")
provenance.caption([pd.DataFrame([{"status": h.status, "source_ids": h.sources} for _, _, h in tiles])], lang)
attention.panel(lang, period, kind=kind)

# --- leaders and laggards -----------------------------------------------------------------------
st.subheader(t("leaders_heading", lang))
st.caption(f"**{leader.label(lang)}** — {leader.description(lang)}")
leader_at = pickers.period_for(leader.id, period)
for col, kind_here in zip(st.columns(2), NATIONAL_KINDS):
    with col:
        if not leader.applies_to(kind_here):
            st.info(t("not_for_kind", lang, kind=labels.kind_plural(kind_here, lang)), icon=":material/info:")
            continue
        top, bottom = ask(rankings.leaders_and_laggards, leader.id, leader_at, kind_here, boundary) if leader_at else (None, None)
        if top is None or top.empty:
            chart_frame.no_data(lang)
            continue
        when = labels.period_text(leader_at, lang)
        title = t("leaders_title", lang, metric=leader.label(lang), kind=labels.kind_plural(kind_here, lang), period=when)
        fig = built(rank_charts.leaders_bar, top, bottom, leader, lang, places=int(top.places.iloc[0]),
                                      title=t("leaders_chart_title", lang, kind=labels.kind_plural(kind_here, lang).capitalize(),
                                               period=when))
        chart_frame.show_chart(
            fig, [top, bottom], key=f"leaders_{kind_here}", title=title, lang=lang, metric_source=leader.source,
            subtitle=labels.subtitle(labels.kind_plural(kind_here, lang).capitalize(), parse(leader_at).label(lang),
                                          labels.boundary_label(lang)),
            data=built(rank_charts.leaders_table, top, bottom, leader, lang, kind_here),
            slide=rank_charts.bar_slide_data(fig, unit=leader.unit), compact=True,
            pick=drill.on_chart_pick(f"leaders_{kind_here}_chart", kind_here, "tong-quan", metric=leader.id,
                                     period=leader_at, grain=parse(leader_at).grain))
        if top.estimated.any() or bottom.estimated.any():
            st.caption(t("estimated_footnote", lang))

maps.section(leader, leader_at, None, lang, key="overview_map", origin="tong-quan")

# --- national trend of the key rates ------------------------------------------------------------
st.subheader(t("national_heading", lang))
national = values.up_to(ask(trends.national_trends, list(KEY_RATES), kind, grain, boundary), period)
if national.empty:
    chart_frame.no_data(lang)
else:
    first, last = trend_charts.period_label(national.period.min(), lang), trend_charts.period_label(period, lang)
    title = t("national_title", lang, kind=labels.kind_plural(kind, lang), first=first, last=last)
    fig = built(trend_charts.national_lines, national, lang, title, kind=kind)
    categories, series = slides.line_series(national, lang, key="metric_id",
                                                       name="label_en" if lang == "en" else "label_vi")
    chart_frame.show_chart(
        fig, [national], key="national", title=title, lang=lang,
        subtitle=labels.subtitle(labels.kind_label(kind, lang), t(f"grain_{grain}", lang),
                                      labels.boundary_label(lang)),
        data=national, slide=dict(kind="line", categories=categories, series=series, number_format=rank_charts.NUMBER_FORMATS["pct"]))
    st.caption(t("national_note", lang))

# --- what moved most ----------------------------------------------------------------------------
st.subheader(t("movers_heading", lang))
movers = ask(rankings.movers_at, tuple((metric.id, at) for metric, at, _ in tiles), kind, boundary)
if movers.empty:
    chart_frame.no_data(lang)
else:
    moved = built(rank_charts.movers_table, movers, lang)
    st.table(moved.set_index(moved.columns[0]))
    st.caption(t("movers_note", lang))
    provenance.caption([movers], lang)
