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
from metrics import catalogue, rankings, targets, trends, values
from metrics.formatting import format_value
from metrics.periods import parse
from ui import drill, maps, page_common, provenance, state
from ui.data import ask, built
from ui.text_pages_a import tx

KEY_RATES = ("online_procedures", "dossiers_online", "dossiers_full_online", "dossiers_synced", "dossiers_on_time")
TILES = KEY_RATES + ("index766", "par_index", "sipas")
TILES_PER_ROW = 4

lang = state.lang()
boundary = page_common.boundary()
st.title(tx("overview_title", lang))
st.caption(tx("overview_intro", lang))

kind_col, grain_col, period_col, metric_col = st.columns([2.2, 2.2, 1.4, 2.4], vertical_alignment="bottom")
kind = page_common.kind_picker(kind_col)
grain = page_common.grain_picker("online_procedures", grain_col, default="month")
period = page_common.period_picker("online_procedures", grain, period_col)
leader = page_common.metric_picker(None, metric_col, default="index766", label=tx("leader_metric", lang))
state.show_notices()
if period is None:
    page_common.no_data(lang)
    st.stop()

# --- headline tiles -----------------------------------------------------------------------------
shown = []
for metric_id in TILES:
    metric = catalogue.get(metric_id)
    at = page_common.period_for(metric_id, period) if metric.applies_to(kind) else None
    if at is not None:
        shown.append((metric, at))
heads = ask(targets.headlines, tuple((metric.id, at) for metric, at in shown), kind, boundary)
tiles = [(metric, at, head) for (metric, at), head in zip(shown, heads)]
if any(h.status == "demo" for _, _, h in tiles):
    provenance.demo_banner(lang)

st.subheader(tx("tiles_heading", lang, period=parse(period).label(lang)) + " · "
             + tx("tiles_kind", lang, kind=page_common.kind_plural(kind, lang)))
for start in range(0, len(tiles), TILES_PER_ROW):
    for col, (metric, at, head) in zip(st.columns(TILES_PER_ROW), tiles[start:start + TILES_PER_ROW]):
        with col.container(border=True):
            st.metric(metric.label(lang), format_value(head.value, metric.unit, lang),
                      peer_charts.metric_delta(head.change, metric.unit, lang),
                      delta_color="normal" if metric.higher_is_better else "inverse",
                      help=metric.description(lang))
            status = tx("tile_status_published" if head.status == "published" else "tile_status_demo", lang)
            if head.value is None:
                status = tx("tile_no_figure", lang)
            estimated = f" · {tx('tile_estimated', lang)}" if head.estimated else ""
            versus = tx("vs_previous", lang, period=page_common.period_text(head.previous_period, lang))
            st.caption(f"{parse(at).label(lang)} ({versus}) · {status}{estimated}")
            target = peer_charts.target_text(head, metric, lang)
            if target:
                st.caption(f":material/flag: {target}")
provenance.caption([pd.DataFrame([{"status": h.status, "source_ids": h.sources} for _, _, h in tiles])], lang)

# --- leaders and laggards -----------------------------------------------------------------------
st.subheader(tx("leaders_heading", lang))
st.caption(f"**{leader.label(lang)}** — {leader.description(lang)}")
leader_at = page_common.period_for(leader.id, period)
for col, kind_here in zip(st.columns(2), page_common.KINDS):
    with col:
        if not leader.applies_to(kind_here):
            st.info(tx("not_for_kind", lang, kind=page_common.kind_plural(kind_here, lang)), icon=":material/info:")
            continue
        top, bottom = ask(rankings.leaders_and_laggards, leader.id, leader_at, kind_here, boundary) if leader_at else (None, None)
        if top is None or top.empty:
            page_common.no_data(lang)
            continue
        when = page_common.period_text(leader_at, lang)
        title = tx("leaders_title", lang, metric=leader.label(lang), kind=page_common.kind_plural(kind_here, lang), period=when)
        fig = built(rank_charts.leaders_bar, top, bottom, leader, lang, places=int(top.places.iloc[0]),
                                      title=tx("leaders_chart_title", lang, kind=page_common.kind_plural(kind_here, lang).capitalize(),
                                               period=when))
        page_common.show_chart(
            fig, [top, bottom], key=f"leaders_{kind_here}", title=title, lang=lang, metric_source=leader.source,
            subtitle=page_common.subtitle(page_common.kind_plural(kind_here, lang).capitalize(), parse(leader_at).label(lang),
                                          page_common.boundary_label(lang)),
            data=rank_charts.leaders_table(top, bottom, leader, lang, kind_here),
            slide=rank_charts.bar_slide_data(fig, unit=leader.unit), compact=True,
            pick=drill.on_chart_pick(f"leaders_{kind_here}_chart", kind_here, "tong-quan", metric=leader.id,
                                     period=leader_at, grain=parse(leader_at).grain))
        if top.estimated.any() or bottom.estimated.any():
            st.caption(tx("estimated_footnote", lang))

maps.section(leader, leader_at, None, lang, key="overview_map", origin="tong-quan")

# --- national trend of the key rates ------------------------------------------------------------
st.subheader(tx("national_heading", lang))
national = values.up_to(ask(trends.national_trends, list(KEY_RATES), kind, grain, boundary), period)
if national.empty:
    page_common.no_data(lang)
else:
    first, last = trend_charts.period_label(national.period.min(), lang), trend_charts.period_label(period, lang)
    title = tx("national_title", lang, kind=page_common.kind_plural(kind, lang), first=first, last=last)
    fig = built(trend_charts.national_lines, national, lang, title, kind=kind)
    categories, series = slides.line_series(national, lang, key="metric_id",
                                                       name="label_en" if lang == "en" else "label_vi")
    page_common.show_chart(
        fig, [national], key="national", title=title, lang=lang,
        subtitle=page_common.subtitle(page_common.kind_label(kind, lang), tx(f"grain_{grain}", lang),
                                      page_common.boundary_label(lang)),
        data=national, slide=dict(kind="line", categories=categories, series=series, number_format=rank_charts.NUMBER_FORMATS["pct"]))
    st.caption(tx("national_note", lang))

# --- what moved most ----------------------------------------------------------------------------
st.subheader(tx("movers_heading", lang))
movers = ask(rankings.movers_at, tuple((metric.id, at) for metric, at, _ in tiles), kind, boundary)
if movers.empty:
    page_common.no_data(lang)
else:
    moved = built(rank_charts.movers_table, movers, lang)
    st.table(moved.set_index(moved.columns[0]))
    st.caption(tx("movers_note", lang))
    provenance.caption([movers], lang)
