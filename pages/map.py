"""Bản đồ — one metric in one period on the map of the provinces: their real boundaries, and a
tile map with one equal square per province, the 34 of the 2025 map or the 63 of the time."""
from __future__ import annotations

import streamlit as st

from l10n import t as text
from ui import chart_frame, drill, maps, pickers, provenance, state

lang = state.lang()
st.title(text("map_page_title", lang))
st.caption(text("map_page_intro", lang))

metric_col, grain_col, period_col = st.columns([2, 1.4, 1], vertical_alignment="bottom")
metric = pickers.metric_picker("province", metric_col, default="index766")
grain = pickers.grain_picker(metric.id, grain_col)
period = pickers.period_picker(metric.id, grain, period_col)
st.caption(f"**{metric.label(lang)}** — {metric.description(lang)}")
if period is None:
    state.show_notices()
    chart_frame.no_data(lang)
    st.stop()

frame = maps.values(metric, period, grain)
highlight = pickers.place_picker(frame, st.columns([2, 3])[0], key="highlight",
                                 label=text("highlight", lang), none_label=text("no_highlight", lang))
state.show_notices()
drill.hint(lang)
if frame.status.eq("demo").any():
    provenance.demo_banner(lang)

shape_col, tile_col = st.columns([1.15, 1])
with shape_col:
    st.subheader(text("map_boundaries_heading", lang))
    maps.show(frame, metric, period, lang, key="map_boundaries", view="boundaries", highlight=highlight, height=720,
              notes=False)
with tile_col:
    st.subheader(text("map_tiles_heading", lang))
    maps.show(frame, metric, period, lang, key="map_tiles", view="tiles", highlight=highlight)
