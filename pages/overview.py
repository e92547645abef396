"""Tổng quan — headline national KPIs for the Steering Committee."""
from __future__ import annotations

import streamlit as st

from metrics import catalogue, queries
from metrics.formatting import format_change, format_value
from metrics.trends import headline
from ui import provenance, state
from ui.data import ask

lang = state.lang()
boundary = st.session_state.get("w_map", "2025")
st.title("Tổng quan" if lang == "vi" else "Overview")
provenance.demo_banner(lang)

KEY_METRICS = ("online_procedures", "dossiers_online", "dossiers_full_online", "par_index")
cols = st.columns(len(KEY_METRICS))
frames = []
for col, metric_id in zip(cols, KEY_METRICS):
    metric = catalogue.get(metric_id)
    period = ask(queries.latest_period, metric_id, "year" if metric.grain == "year" else "month")
    h = ask(headline, metric_id, period, "province", None, boundary)
    col.metric(metric.label(lang), format_value(h.value, metric.unit, lang),
               format_change(h.change, metric.unit, lang) if h.change is not None else None,
               delta_color="normal" if metric.higher_is_better else "inverse")
