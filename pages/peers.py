"""So sánh — a provincial office (or a ministry) looks at itself: its rank overall and in its
region, its value against the region, the nation and the best, component by component, the gap
to the next place and to the best, what changed since the previous period, and, for a unit
formed by the 2025 mergers, which former units it comes from."""
from __future__ import annotations

import streamlit as st

from charts import peers as peer_charts
from l10n import t
from l10n.formatting import format_date, format_value
from metrics import catalogue, places, profiles, rankings
from metrics.periods import parse
from ui import attention, chart_frame, drill, labels, pickers, provenance, published_coverage, state
from ui.data import ask, built

KEY_RATES = catalogue.collection("key_rates")
DEFAULT_PLACE = {"province": "tuyen-quang-2025", "ministry": "mof-2025"}

lang = state.lang()
boundary = pickers.boundary()
st.title(t("peers_title", lang))
drill.back_link(lang)

kind_col, place_col, metric_col = st.columns([3.4, 2.2, 2.4], vertical_alignment="bottom")
grain_col, period_col, _ = st.columns([3.4, 2.2, 2.4], vertical_alignment="bottom")
kind, province = pickers.scope_picker(kind_col)
metric = pickers.metric_picker(kind, metric_col, default="index766")
grain = pickers.grain_picker(metric.id, grain_col)
period = pickers.period_picker(metric.id, grain, period_col)
ranked = ask(rankings.ranking, metric.id, period, kind, boundary, grain, parent=province) if period else None
if ranked is None or ranked.empty:
    state.show_notices()
    chart_frame.no_data(lang)
    st.stop()
place = pickers.place_picker(ranked, place_col, default=DEFAULT_PLACE.get(kind), label=t(f"place_{kind}", lang))
state.show_notices()
st.caption(f"**{metric.label(lang)}** — {metric.description(lang)}")

names = pickers.names_of(ranked, lang)
every = ask(places.entities)
name_in_lang = dict(zip(every.entity_name, every.entity_name_en if lang == "en" else every.entity_name))
summary = rankings.summary_in(ranked, place, metric.id,
                             ask(rankings.group_figures, metric.id, period, kind, boundary, grain, province))
period_name = parse(period).label(lang)
if summary is None:
    st.info(t("place_no_figure", lang, place=names.get(place, place), metric=metric.label(lang), period=period_name))
    st.stop()
if summary.status == "demo":
    provenance.demo_banner(lang)

regions = ask(places.regions)
region_short = dict(zip(regions.region_id, regions.name_en if lang == "en" else regions.short_vi))
region_name = region_short.get(summary.region_id)
place_name = names[place]
# communes are set against their province as a whole, where provinces are set against the nation
whole = t("whole_province", lang, province=labels.province_name(province, lang)) if province else None

# --- tiles: (label, value, delta, delta colour, delta note, help) ---------------------------------
st.subheader(t("peer_heading", lang, place=place_name, metric=metric.label(lang), period=labels.period_text(period, lang)))
by_direction = "normal" if metric.higher_is_better else "inverse"
versus = t("vs_previous", lang, period=parse(period).previous().label(lang))
change = None if summary.previous_value is None else summary.value - summary.previous_value
tiles = [
    (t("peer_value", lang), format_value(summary.value, metric.unit, lang),
     peer_charts.metric_delta(change, metric.unit, lang), by_direction, versus, None),
    (t("peer_rank_commune" if province else "peer_rank", lang), t("rank_of", lang, rank=summary.rank, places=summary.places),
     peer_charts.rank_delta(summary.previous_rank, summary.rank, lang), "normal", versus, None),
]
if summary.region_rank is not None:
    tiles.append((t("peer_region_rank", lang), t("rank_of", lang, rank=summary.region_rank, places=summary.region_places),
                  None, "off", None, region_name))
best_name = name_in_lang.get(summary.best_entity, summary.best_entity)
for label, reference in ((t("peer_region", lang, region=region_name), summary.region_value),
                         (whole or t("peer_nation", lang), summary.national_value),
                         (t("peer_best", lang, best=best_name), summary.best_value)):
    if reference is not None:
        tiles.append((label, format_value(reference, metric.unit, lang),
                      peer_charts.metric_delta(summary.value - reference, metric.unit, lang), by_direction,
                      t("difference", lang), t("difference_help", lang, place=place_name)))
for start in range(0, len(tiles), 3):
    for col, (label, value, delta, colour, note, help_text) in zip(st.columns(3), tiles[start:start + 3]):
        col.metric(label, value, delta, delta_color=colour, delta_description=note if delta else None,
                   help=help_text, border=True)
gaps = peer_charts.gap_texts(summary, metric, lang, name_of=lambda n: name_in_lang.get(n, n))
st.markdown("\n".join(f"- {g}" for g in gaps))
if summary.estimated:
    st.caption(t("estimated_footnote", lang))
former = ask(places.former_units, place)
if not former.empty:
    parts = ", ".join(former.entity_name_en if lang == "en" else former.entity_name)
    merged_on = format_date(former.merged_on.iloc[0], lang)
    st.info(t("merged_from", lang, place=place_name, parts=parts, date=merged_on) + " " + t("merged_note", lang),
            icon=":material/merge:")
attention.panel(lang, period, place=place)

# --- component by component -------------------------------------------------------------------
parts_of = catalogue.breakdown(metric.id, parse(period).start, kind)
if parts_of:
    frame = profiles.components_of(ask(profiles.component_values, metric.id, kind, period, boundary, province), place)
    unit = parts_of[0].unit
    title = t("components_title", lang, place=place_name, index=metric.label(lang), period=labels.period_text(period, lang))
else:
    frame = ask(profiles.profile, [m for m in KEY_RATES if catalogue.get(m).applies_to(kind)], place, kind, period,
                boundary, province)
    unit = "pct"
    title = t("profile_title", lang, place=place_name, period=labels.period_text(period, lang))
    st.caption(t("no_components", lang))
if frame.empty or frame.value.isna().all():
    chart_frame.no_data(lang)
    st.stop()
frame = frame.assign(best_entity=[name_in_lang.get(n, n) for n in frame.best_entity])
fig = built(peer_charts.component_dots, frame, unit, lang, title, place_name,
             region_name if kind == "province" else None, whole)
table = built(peer_charts.components_table, frame, unit, lang, whole)
chart_frame.show_chart(
    fig, [frame], key="peers", title=title, lang=lang, metric_source=metric.source, data=table,
    subtitle=labels.subtitle(labels.kind_label(kind, lang), place_name, period_name,
                                  labels.boundary_label(lang)))
published_coverage.show(metric.id, period, kind, lang)
st.subheader(t("changed_heading", lang))
st.caption(t("components_table", lang, previous=parse(period).previous().label(lang)))
st.dataframe(table, hide_index=True, width="stretch")
