"""So sánh — a provincial office (or a ministry) looks at itself: its rank overall and in its
region, its value against the region, the nation and the best, component by component, the gap
to the next place and to the best, what changed since the previous period, and, for a unit
formed by the 2025 mergers, which former units it comes from."""
from __future__ import annotations

import streamlit as st

from charts import peers as peer_charts
from metrics import catalogue, places, profiles, rankings
from metrics.formatting import format_date, format_value
from metrics.periods import parse
from ui import drill, page_common, provenance, state
from ui.data import ask, built
from ui.text_pages_a import tx

KEY_RATES = ("online_procedures", "dossiers_online", "dossiers_full_online", "dossiers_synced", "dossiers_on_time")
DEFAULT_PLACE = {"province": "tuyen-quang-2025", "ministry": "mof-2025"}

lang = state.lang()
boundary = page_common.boundary()
st.title(tx("peers_title", lang))
drill.back_link(lang)

kind_col, place_col, metric_col = st.columns([3.4, 2.2, 2.4], vertical_alignment="bottom")
grain_col, period_col, _ = st.columns([3.4, 2.2, 2.4], vertical_alignment="bottom")
kind, province = page_common.scope_picker(kind_col)
metric = page_common.metric_picker(kind, metric_col, default="index766")
grain = page_common.grain_picker(metric.id, grain_col)
period = page_common.period_picker(metric.id, grain, period_col)
ranked = ask(rankings.ranking, metric.id, period, kind, boundary, grain, parent=province) if period else None
if ranked is None or ranked.empty:
    state.show_notices()
    page_common.no_data(lang)
    st.stop()
place = page_common.place_picker(ranked, place_col, default=DEFAULT_PLACE.get(kind), label=tx(f"place_{kind}", lang))
state.show_notices()
st.caption(f"**{metric.label(lang)}** — {metric.description(lang)}")

names = page_common.names_of(ranked, lang)
every = ask(places.entities)
name_in_lang = dict(zip(every.entity_name, every.entity_name_en if lang == "en" else every.entity_name))
summary = ask(rankings.peer_summary, metric.id, place, period, kind, boundary, grain, province)
period_name = parse(period).label(lang)
if summary is None:
    st.info(tx("place_no_figure", lang, place=names.get(place, place), metric=metric.label(lang), period=period_name))
    st.stop()
if summary.status == "demo":
    provenance.demo_banner(lang)

regions = ask(places.regions)
region_short = dict(zip(regions.region_id, regions.name_en if lang == "en" else regions.short_vi))
region_name = region_short.get(summary.region_id)
place_name = names[place]
# communes are set against their province as a whole, where provinces are set against the nation
whole = tx("whole_province", lang, province=page_common.province_name(province, lang)) if province else None

# --- tiles: (label, value, delta, delta colour, delta note, help) ---------------------------------
st.subheader(tx("peer_heading", lang, place=place_name, metric=metric.label(lang), period=page_common.period_text(period, lang)))
by_direction = "normal" if metric.higher_is_better else "inverse"
versus = tx("vs_previous", lang, period=parse(period).previous().label(lang))
change = None if summary.previous_value is None else summary.value - summary.previous_value
tiles = [
    (tx("peer_value", lang), format_value(summary.value, metric.unit, lang),
     peer_charts.metric_delta(change, metric.unit, lang), by_direction, versus, None),
    (tx("peer_rank_commune" if province else "peer_rank", lang), tx("rank_of", lang, rank=summary.rank, places=summary.places),
     peer_charts.rank_delta(summary.previous_rank, summary.rank, lang), "normal", versus, None),
]
if summary.region_rank is not None:
    tiles.append((tx("peer_region_rank", lang), tx("rank_of", lang, rank=summary.region_rank, places=summary.region_places),
                  None, "off", None, region_name))
best_name = name_in_lang.get(summary.best_entity, summary.best_entity)
for label, reference in ((tx("peer_region", lang, region=region_name), summary.region_value),
                         (whole or tx("peer_nation", lang), summary.national_value),
                         (tx("peer_best", lang, best=best_name), summary.best_value)):
    if reference is not None:
        tiles.append((label, format_value(reference, metric.unit, lang),
                      peer_charts.metric_delta(summary.value - reference, metric.unit, lang), by_direction,
                      tx("difference", lang), tx("difference_help", lang, place=place_name)))
for start in range(0, len(tiles), 3):
    for col, (label, value, delta, colour, note, help_text) in zip(st.columns(3), tiles[start:start + 3]):
        col.metric(label, value, delta, delta_color=colour, delta_description=note if delta else None,
                   help=help_text, border=True)
gaps = peer_charts.gap_texts(summary, metric, lang, name_of=lambda n: name_in_lang.get(n, n))
st.markdown("\n".join(f"- {g}" for g in gaps))
if summary.estimated:
    st.caption(tx("estimated_footnote", lang))
former = ask(places.former_units, place)
if not former.empty:
    parts = ", ".join(former.entity_name_en if lang == "en" else former.entity_name)
    merged_on = format_date(former.merged_on.iloc[0], lang)
    st.info(tx("merged_from", lang, place=place_name, parts=parts, date=merged_on) + " " + tx("merged_note", lang),
            icon=":material/merge:")

# --- component by component -------------------------------------------------------------------
parts_of = [m for m in catalogue.components(metric.id) if m.applies_to(kind)]
if parts_of:
    frame = profiles.components_of(ask(profiles.component_values, metric.id, kind, period, boundary, province), place)
    unit = parts_of[0].unit
    title = tx("components_title", lang, place=place_name, index=metric.label(lang), period=page_common.period_text(period, lang))
else:
    frame = ask(profiles.profile, [m for m in KEY_RATES if catalogue.get(m).applies_to(kind)], place, kind, period,
                boundary, province)
    unit = "pct"
    title = tx("profile_title", lang, place=place_name, period=page_common.period_text(period, lang))
    st.caption(tx("no_components", lang))
if frame.empty or frame.value.isna().all():
    page_common.no_data(lang)
    st.stop()
frame = frame.assign(best_entity=[name_in_lang.get(n, n) for n in frame.best_entity])
fig = built(peer_charts.component_dots, frame, unit, lang, title, place_name,
             region_name if kind == "province" else None, whole)
table = built(peer_charts.components_table, frame, unit, lang, whole)
page_common.show_chart(
    fig, [frame], key="peers", title=title, lang=lang, metric_source=metric.source, data=table,
    subtitle=page_common.subtitle(page_common.kind_label(kind, lang), place_name, period_name,
                                  page_common.boundary_label(lang)))
st.subheader(tx("changed_heading", lang))
st.caption(tx("components_table", lang, previous=parse(period).previous().label(lang)))
st.dataframe(table, hide_index=True, width="stretch")
