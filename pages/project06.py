"""Đề án 06 — the 25 essential public services by province (a heatmap with row and column
totals) and the national rollout month by month."""
from __future__ import annotations

import streamlit as st

from charts import slides
from charts.matrix import p06_heatmap, p06_rollout_chart, services_table
from l10n import t
from l10n.formatting import format_number, format_value
from metrics import catalogue, services, targets
from metrics.periods import parse
from metrics.provenance import short_title
from ui import chart_frame, labels, pickers, provenance, state
from ui.data import ask, built

lang = state.lang()
boundary = pickers.boundary()
st.title(t("p06_title", lang))
st.caption(t("p06_intro", lang))
provenance.demo_banner(lang)

col_period, _ = st.columns([1, 3])
period = pickers.period_picker("p06_service_online", "month", col_period)
state.show_notices()

with st.expander(t("about_metrics", lang)):
    for metric_id in ("p06_services", "p06_service_online"):
        m = catalogue.get(metric_id)
        st.markdown(f"**{m.label(lang)}** — {m.description(lang)}")

cells, service_rows = ask(services.p06_matrix, period, boundary) if period else (None, None)
if cells is None or cells.empty:
    chart_frame.no_data(lang)
    st.stop()

period_label = parse(period).label(lang)
boundary_label = labels.boundary_label(lang)
total = len(service_rows)
rollout = ask(services.p06_rollout, boundary)
now = rollout[rollout.period == period]
target = ask(targets.targets, "p06_services", "province")
target_row = target.iloc[0] if not target.empty else None

# Tiles: how far the services have spread in the chosen month.
tiles = st.columns(4)
if not now.empty:
    row = now.iloc[0]
    tiles[0].metric(t("p06_avg", lang), f"{format_number(row.services_avg, 1, lang)}/{total}")
    tiles[1].metric(t("p06_complete", lang, total=total),
                    f"{format_number(row.complete, 0, lang)}/{format_number(row.places, 0, lang)}")
    tiles[2].metric(t("p06_pairs", lang), format_value(row.pair_share, "pct", lang))
if target_row is not None:
    tiles[3].metric(t("p06_target", lang, year=int(target_row.year)), f"{total}/{total}",
                    help=target_row.note_en if lang == "en" else target_row.note_vi)

# The matrix.
st.subheader(t("matrix_section", lang))
st.caption(t("p06_read", lang))
title = t("p06_matrix_title", lang, period=period_label)
fig = built(p06_heatmap, cells, service_rows, lang, title, dict(zip(service_rows.service_id.astype(int), service_rows.short_en if lang == "en" else service_rows.short_vi)),
                  (t("p06_off", lang), t("p06_partly", lang), t("p06_on", lang)), t("p06_partial_hover", lang))
if cells.online.between(0, 1, inclusive="neither").any():
    st.info(t("p06_partial_note", lang), icon=":material/join:")
service_table = built(services_table, service_rows, lang, {k: t(f"col_{k}", lang) for k in
                                                ("no", "service", "handled_by", "places_online", "share")})
chart_frame.show_chart(fig, [cells], key="p06_matrix", title=title, subtitle=boundary_label, data=service_table,
              lang=lang, metric_source=catalogue.get("p06_service_online").source, slide=dict(kind="picture"))

st.markdown(f"**{t('p06_services_table', lang)}**")
st.dataframe(service_table, hide_index=True, width="stretch", height=35 * (len(service_table) + 1) + 3,
             column_config={t('col_service', lang): st.column_config.TextColumn(width="large")})

# The national rollout over time.
st.subheader(t("rollout_section", lang))
if rollout.empty:
    chart_frame.no_data(lang)
else:
    first, last = (parse(p).label(lang) for p in (rollout.period.iloc[0], rollout.period.iloc[-1]))
    title = t("p06_rollout_title", lang, first=first, last=last)
    target_label = None
    if target_row is not None:
        source = target_row.source_number if isinstance(target_row.source_number, str) else short_title(
            target_row.source_title_vi if isinstance(getattr(target_row, "source_title_vi", None), str) else "")
        target_label = t("p06_target_line", lang, source=source, year=int(target_row.year))
    pair_label, all_label = t("p06_pair_label", lang), t("p06_all_label", lang)
    fig = built(p06_rollout_chart, rollout, lang, title, pair_label, all_label, t("p06_services_hover", lang),
                            merger_label=t("p06_merger", lang) if boundary == "2025" else None,
                            target=100.0 if target_row is not None else None, target_label=target_label)
    chart_frame.show_chart(fig, [rollout, target], key="p06_rollout", title=title,
                  subtitle=boundary_label, data=rollout, lang=lang,
                  metric_source=catalogue.get("p06_services").source,
                  slide=dict(kind="line", categories=tuple(parse(p).label(lang) for p in rollout.period),
                             series=((pair_label, slides.slide_values(rollout.pair_share)),
                                     (all_label, slides.slide_values(rollout.all_share)))))
