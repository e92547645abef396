"""Dịch vụ công trực tuyến — coverage "x of y procedures" and as a rate, dossiers filed and
handled online, status synchronisation: national tiles, one place's figure with its source and
quality notes, a ranking, a trend, and progress against the plans' targets."""
from __future__ import annotations

import streamlit as st

from charts import slides
from charts.coverage import coverage_bar, coverage_trend, name_column, target_bullets, target_labels, targets_table
from charts.ranking import ranking_table
from l10n import has, t
from l10n.formatting import format_change, format_count_of, format_value
from metrics import catalogue, services, targets, values
from metrics.periods import parse
from metrics.provenance import flags_for, source_label, source_rows
from metrics.rankings import ranking
from metrics.targets import headline, headlines
from metrics.trends import trend
from ui import chart_frame, labels, pickers, provenance, state
from ui.data import ask, built

ONLINE_METRICS = catalogue.collection("online_services")


def _coverage_text(value, numerator, denominator, metric_id: str) -> str:
    """'1.818/1.876 TTHC — 96,91%' when the counts give the rate shown, else '96,91%'."""
    rate = format_value(value, "pct", lang)
    if not services.counts_match(value, numerator, denominator):
        return rate
    return t("coverage", lang, counts=format_count_of(numerator, denominator, lang),
              word=t(f"count_word_{metric_id}", lang) if has(f"count_word_{metric_id}") else "", rate=rate)


def _source_text(source_ids) -> str:
    """'Bộ Thông tin và Truyền thông: Kết quả hồ sơ trực tuyến toàn trình năm 2024… (05/01/2025)':
    each document by its number, short title and date (never its id)."""
    found = ask(source_rows, list(source_ids))
    parts = []
    for row in found.itertuples():
        issuer = f"{row.issuer}: " if isinstance(row.issuer, str) and row.issuer else ""
        parts.append(f"{issuer}{source_label(row, lang)}")
    return "; ".join(parts)


def _flag_notes(flags, metric, numerator, denominator) -> list[str]:
    notes = []
    for flag in flags.itertuples():
        stated = format_value(flag.stated_value, metric.unit, lang)
        computed = format_value(flag.computed_value, metric.unit, lang)
        if flag.kind == "stated_rate_mismatch" and numerator is not None and denominator is not None:
            notes.append(t("flag_stated_rate", lang, stated=stated, computed=computed,
                            counts=format_count_of(numerator, denominator, lang)))
        else:
            message = flag.message_en if lang == "en" else flag.message_vi
            notes.append(t("flag_other", lang, message=message, stated=stated, computed=computed))
    return notes


lang = state.lang()
boundary = pickers.boundary()
st.title(t("online_title", lang))
st.caption(t("online_intro", lang))
provenance.demo_banner(lang)

c_metric, c_kind, c_place = st.columns([2, 2, 2])
c_grain, c_period, _ = st.columns([2, 2, 2])
metric = pickers.metric_picker(None, c_metric, default="online_procedures", options=ONLINE_METRICS)
kind = pickers.kind_picker(c_kind)
url_period = st.query_params.get("period")
try:
    url_grain = parse(url_period).grain if url_period else "year"
except ValueError:
    url_grain = "year"
grain = pickers.grain_picker(metric.id, c_grain, default=url_grain)
period = pickers.period_picker(metric.id, grain, c_period)
places = ask(ranking, metric.id, period, kind, boundary, grain) if period else None
place = pickers.place_picker(places, c_place, label=t("place_pick", lang),
                        none_label=t(f"whole_kind_{kind}", lang)) if places is not None else None
state.show_notices()

with st.expander(t("about_metrics", lang)):
    for metric_id in ONLINE_METRICS:
        m = catalogue.get(metric_id)
        st.markdown(f"**{m.label(lang)}** — {m.description(lang)}")

if period is None or places is None or places.empty:
    chart_frame.no_data(lang)
    st.stop()

period_label = parse(period).label(lang)
kind_label = t(f"title_kind_{kind}", lang)
boundary_label = labels.boundary_label(lang)
filters = labels.subtitle(kind_label, period_label, boundary_label)

# National tiles: the four online metrics for the kind and period.
st.subheader(t("national_tiles", lang, who=t(f"whole_kind_{kind}", lang), period=period_label))
tiles = st.columns(len(ONLINE_METRICS))
heads = ask(headlines, tuple((metric_id, period) for metric_id in ONLINE_METRICS), kind, boundary)
for col, metric_id, h in zip(tiles, ONLINE_METRICS, heads):
    m = catalogue.get(metric_id)
    col.metric(m.label(lang), format_value(h.value, m.unit, lang),
               format_change(h.change, m.unit, lang) if h.change is not None else None,
               help=m.description(lang))

# The chosen place's figure (or the national one), as counts and as a rate, with its source.
h = ask(headline, metric.id, period, kind, place, boundary, grain)
everyone = t(f"whole_kind_{kind}", lang)
place_name = pickers.names_of(places, lang).get(place, everyone) if place else everyone
st.subheader(t("headline", lang, metric=metric.label(lang), place=place_name, period=period_label))
if h.value is None:
    chart_frame.no_data(lang)
else:
    st.markdown(f"### {_coverage_text(h.value, h.numerator, h.denominator, metric.id)}")
    badge = (t("dossiers_records_badge", lang) if h.status == "records" else
             t("published_badge", lang) if h.status == "published" else t("demo_badge", lang))
    st.markdown(f":{'orange' if h.status == 'demo' else 'green'}-badge[{badge}]")
    if h.status == "published" and h.sources:
        st.caption(t("figure_source", lang, sources=_source_text(h.sources)))
    if place:
        for note in _flag_notes(ask(flags_for, place, metric.id, period), metric, h.numerator, h.denominator):
            st.warning(note, icon=":material/rule:")

# Ranking.
st.subheader(t("ranking_section", lang))
national = ask(headline, metric.id, period, kind, None, boundary, grain)
title = t("ranking_title", lang, metric=metric.label(lang), kind=kind_label, period=period_label)
fig = built(coverage_bar, places, metric, lang, title, highlight=place, national=national.value,
                   national_label=everyone, with_counts=metric.id == "online_procedures")
names = list(places[name_column(lang)])
table = built(ranking_table, places, metric, lang, kind)
chart_frame.show_chart(fig, [places], key="online_rank", title=title, subtitle=filters, data=table, lang=lang,
              metric_source=metric.source,
              slide=dict(kind="bar", categories=tuple(names), series=((metric.label(lang), slides.slide_values(places.value)),),
                         highlight=pickers.names_of(places, lang).get(place) if place else None))
if places.estimated.fillna(False).any():
    st.caption(t("estimated_mark", lang))
with st.expander(t("data_table", lang)):
    st.dataframe(table, hide_index=True, width="stretch")

# Trend: the chosen place against the nation.
st.subheader(t("trend_section", lang))
last = ask(values.latest_period, metric.id, grain)  # complete periods only: no ten-month "year"
series = ask(trend, metric.id, [place] if place else [], kind, grain, boundary, None, last)
if series.empty:
    chart_frame.no_data(lang)
else:
    first, last = (parse(p).label(lang) for p in (series.period.min(), series.period.max()))
    title = t("online_trend_title", lang, metric=metric.label(lang), who=place_name, first=first, last=last)
    fig = built(coverage_trend, series, metric, lang, title, highlight=place)
    categories, lines = slides.line_series(series, lang)
    chart_frame.show_chart(fig, [series], key="online_trend", title=title, subtitle=labels.subtitle(kind_label, boundary_label),
                  data=series, lang=lang, metric_source=metric.source,
                  slide=dict(kind="line", categories=categories, series=lines,
                             highlight=place_name if place else None))

# Targets of the plans against what was achieved.
st.subheader(t("targets_section", lang))
progress = ask(targets.target_progress, kind, period, boundary)
if progress.empty:
    st.info(t("no_targets", lang))
else:
    st.caption(t("targets_intro", lang))
    labels = {m: catalogue.get(m).label(lang) for m in progress.metric_id}
    scopes = [t("scope_all" if k == "all" else f"scope_{k}", lang) for k in progress.entity_kind]
    rows, documents = target_labels(progress, labels, scopes, t("target_word", lang), t("target_year", lang), lang)
    title = t("targets_title", lang, kind=kind_label, period=period_label)
    fig = built(target_bullets, progress, lang, title, rows, t("actual_word", lang), t("target_word", lang))
    headers = {k: t(f"col_{k}", lang) for k in ("metric", "scope", "target", "year", "document", "actual",
                                                 "gap", "met", "note")}
    table = built(targets_table, progress, documents, labels, scopes, headers, (t("yes", lang), t("no", lang)), lang)
    chart_frame.show_chart(fig, [progress.rename(columns={"actual_sources": "source_ids"})], key="online_targets",
                  title=title, subtitle=filters, data=table, lang=lang,
                  slide=dict(kind="bar", categories=tuple(f"{labels[m]} — {s} ({y})" for m, s, y
                                                          in zip(progress.metric_id, scopes, progress.year)),
                             series=((t("actual_word", lang), slides.slide_values(progress.actual)),
                                     (t("target_word", lang), slides.slide_values(progress.target)))))
    st.dataframe(table, hide_index=True, width="stretch")
