"""Xếp hạng — one metric, one period, provinces or ministries: a sorted bar chart (best at top)
with ties, rank changes and rating bands, the chosen place highlighted, and the same ranking as
a table."""
from __future__ import annotations

import streamlit as st

from charts import map_colours
from charts import ranking as rank_charts
from l10n import t
from metrics import places, rankings
from metrics.periods import parse
from ui import chart_frame, drill, labels, maps, pickers, provenance, published_coverage, state
from ui.data import ask, built

lang = state.lang()
boundary = pickers.boundary()
st.title(t("rankings_title", lang))

kind_col, metric_col = st.columns([1.15, 1], vertical_alignment="bottom")
grain_col, period_col, _ = st.columns([1.15, 0.6, 0.4], vertical_alignment="bottom")
kind, province = pickers.scope_picker(kind_col)
metric = pickers.metric_picker(kind, metric_col, default="index766")
grain = pickers.grain_picker(metric.id, grain_col)
period = pickers.period_picker(metric.id, grain, period_col)
st.caption(f"**{metric.label(lang)}** — {metric.description(lang)}")
if period is None:
    state.show_notices()
    chart_frame.no_data(lang)
    st.stop()

ranked = ask(rankings.ranking, metric.id, period, kind, boundary, grain, parent=province)
regions = ask(places.regions)
region_names = dict(zip(regions.region_id, regions.name_en if lang == "en" else regions.name_vi))
region_col, highlight_col = st.columns([2, 3], vertical_alignment="bottom")
region = None
if kind == "province":
    region = pickers.choice("region", [""] + list(regions.region_id), "", t("region", lang),
                                format_func=lambda r: region_names.get(r, t("all_regions", lang)),
                                container=region_col) or None
elif kind == "ministry" and st.query_params.get("region"):
    region_col.caption(t("region_ministry", lang))
elif kind == "commune":
    region_col.caption(t("communes_since", lang))
highlight = pickers.place_picker(ranked, highlight_col, key="highlight", label=t("highlight", lang),
                                     none_label=t("no_highlight", lang))
state.show_notices()

shown = ask(rankings.ranking, metric.id, period, kind, boundary, grain, region) if region else ranked
if shown.empty:
    chart_frame.no_data(lang)
    st.stop()
if shown.status.eq("demo").any():
    provenance.demo_banner(lang)

kind_name = labels.kind_label(kind, lang)
kinds_name = labels.kind_plural(kind, lang, province)
period_name = parse(period).label(lang)
in_sentence = labels.period_text(period, lang)
title = (t("ranking_region_title", lang, metric=metric.label(lang), kind=labels.kind_plural(kind, lang),
            region=region_names[region], period=in_sentence)
         if region else t("ranking_title", lang, metric=metric.label(lang),
                           kind=kinds_name[0].upper() + kinds_name[1:], period=in_sentence))
fig = built(rank_charts.ranking_bar, shown, metric, lang, title, highlight=highlight)
table = built(rank_charts.ranking_table, shown, metric, lang, kind, region_names)
chart_frame.show_chart(
    fig, [shown], key="ranking", title=title, lang=lang, metric_source=metric.source, data=table,
    subtitle=labels.subtitle(kinds_name if province else kind_name, region_names.get(region), period_name, labels.boundary_label(lang)),
    slide=rank_charts.bar_slide_data(fig, highlight, metric.unit),
    pick=drill.on_chart_pick("ranking_chart", kind, "xep-hang", province))
drill.hint(lang)
published_coverage.show(metric.id, period, kind, lang)
notes = [t("ranking_note", lang, previous=parse(period).previous().label(lang))]
if metric.bands:
    notes.append(t("bands_note", lang, source=metric.source) + " "  # named here too: a phone's chart omits them
                 + " · ".join(map_colours.band_label(metric, i, lang) for i in range(len(metric.bands))))
if region:
    notes.append(t("region_rank_note", lang))
if shown.estimated.any():
    notes.append(t("estimated_footnote", lang))
if highlight and highlight not in set(shown.entity_id):
    rank = rank_charts.rank_of(ranked, highlight)
    notes.append(t("highlight_outside", lang, place=pickers.names_of(ranked, lang)[highlight], rank=rank))
st.caption("  \n".join(notes))

if kind == "province":
    maps.section(metric, period, grain, lang, key="ranking_map", origin="xep-hang", highlight=highlight)

st.subheader(t("ranking_table", lang))
narrow = {t(k, lang): st.column_config.Column(width="small") for k in ("rank", "status")}
st.dataframe(table, hide_index=True, width="stretch", height=min(38 + 35 * len(table), 720), column_config=narrow,
             key="ranking_table", on_select=drill.on_table_pick("ranking_table", shown.entity_id, kind, "xep-hang", province),
             selection_mode="single-row")
