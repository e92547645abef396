"""Đề án 06 — the 25 essential public services by province (a heatmap with row and column
totals) and the national rollout month by month."""
from __future__ import annotations

import streamlit as st

from charts import slides
from charts.matrix import p06_heatmap, p06_rollout_chart, services_table
from metrics import catalogue, services, targets
from metrics.formatting import format_number, format_value
from metrics.periods import parse
from ui import page_common as pc
from ui import provenance, state
from ui.data import ask, built
from ui.text_pages_b import p06_short, tb

lang = state.lang()
boundary = pc.boundary()
st.title(tb("p06_title", lang))
st.caption(tb("p06_intro", lang))
provenance.demo_banner(lang)

col_period, _ = st.columns([1, 3])
period = pc.period_picker("p06_service_online", "month", col_period)
state.show_notices()

with st.expander(tb("about_metrics", lang)):
    for metric_id in ("p06_services", "p06_service_online"):
        m = catalogue.get(metric_id)
        st.markdown(f"**{m.label(lang)}** — {m.description(lang)}")

cells, service_rows = ask(services.p06_matrix, period, boundary) if period else (None, None)
if cells is None or cells.empty:
    pc.no_data(lang)
    st.stop()

period_label = parse(period).label(lang)
boundary_label = pc.boundary_label(lang)
total = len(service_rows)
rollout = ask(services.p06_rollout, boundary)
now = rollout[rollout.period == period]
target = ask(targets.targets, "p06_services", "province")
target_row = target.iloc[0] if not target.empty else None

# Tiles: how far the services have spread in the chosen month.
tiles = st.columns(4)
if not now.empty:
    row = now.iloc[0]
    tiles[0].metric(tb("p06_avg", lang), f"{format_number(row.services_avg, 1, lang)}/{total}")
    tiles[1].metric(tb("p06_complete", lang, total=total),
                    f"{format_number(row.complete, 0, lang)}/{format_number(row.places, 0, lang)}")
    tiles[2].metric(tb("p06_pairs", lang), format_value(row.pair_share, "pct", lang))
if target_row is not None:
    tiles[3].metric(tb("p06_target", lang, year=int(target_row.year)), f"{total}/{total}",
                    help=target_row.note_en if lang == "en" else target_row.note_vi)

# The matrix.
st.subheader(tb("matrix_section", lang))
st.caption(tb("p06_read", lang))
title = tb("p06_matrix_title", lang, period=period_label)
fig = built(p06_heatmap, cells, service_rows, lang, title, {int(s): p06_short(s, lang) for s in service_rows.service_id},
                  (tb("p06_off", lang), tb("p06_partly", lang), tb("p06_on", lang)), tb("p06_partial_hover", lang))
if cells.online.between(0, 1, inclusive="neither").any():
    st.info(tb("p06_partial_note", lang), icon=":material/join:")
service_table = built(services_table, service_rows, lang, {k: tb(f"col_{k}", lang) for k in
                                                ("no", "service", "handled_by", "places_online", "share")})
pc.show_chart(fig, [cells], key="p06_matrix", title=title, subtitle=boundary_label, data=service_table,
              lang=lang, metric_source=catalogue.get("p06_service_online").source, slide=dict(kind="picture"))

st.markdown(f"**{tb('p06_services_table', lang)}**")
st.dataframe(service_table, hide_index=True, width="stretch", height=35 * (len(service_table) + 1) + 3,
             column_config={tb("col_service", lang): st.column_config.TextColumn(width="large")})

# The national rollout over time.
st.subheader(tb("rollout_section", lang))
if rollout.empty:
    pc.no_data(lang)
else:
    first, last = (parse(p).label(lang) for p in (rollout.period.iloc[0], rollout.period.iloc[-1]))
    title = tb("p06_rollout_title", lang, first=first, last=last)
    target_label = None
    if target_row is not None:
        source = target_row.source_number if isinstance(target_row.source_number, str) else target_row.source_id
        target_label = tb("p06_target_line", lang, source=source, year=int(target_row.year))
    pair_label, all_label = tb("p06_pair_label", lang), tb("p06_all_label", lang)
    fig = built(p06_rollout_chart, rollout, lang, title, pair_label, all_label, tb("p06_services_hover", lang),
                            merger_label=tb("p06_merger", lang) if boundary == "2025" else None,
                            target=100.0 if target_row is not None else None, target_label=target_label)
    pc.show_chart(fig, [rollout, target], key="p06_rollout", title=title,
                  subtitle=boundary_label, data=rollout, lang=lang,
                  metric_source=catalogue.get("p06_services").source,
                  slide=dict(kind="line", categories=tuple(parse(p).label(lang) for p in rollout.period),
                             series=((pair_label, slides.slide_values(rollout.pair_share)),
                                     (all_label, slides.slide_values(rollout.all_share)))))
