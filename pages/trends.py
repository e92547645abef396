"""Xu hướng — a metric over time for several places, beside the nation, their regions and the
target: values or the change since a chosen period, monthly, quarterly or yearly, on the 2025
map (merged provinces' history re-expressed) or the map of the time (old provinces end in June
2025)."""
from __future__ import annotations

import streamlit as st

from charts import events as event_charts
from charts import ranking as rank_charts
from charts import slides
from charts import trend as trend_charts
from l10n import t
from l10n.formatting import format_date
from metrics import events as notes_of
from metrics import places, targets, trends, values
from metrics.periods import parse
from ui import chart_frame, drill, labels, pickers, provenance, published_coverage, state
from ui.data import ask, built

DEFAULT_PLACES = {  # (kind, boundary) -> places shown when the URL names none
    ("province", "2025"): ("tuyen-quang-2025", "ha-noi"),
    ("province", "time"): ("ha-giang", "tuyen-quang", "tuyen-quang-2025", "ha-noi"),
    ("ministry", "2025"): ("mof-2025", "moj"),
    ("ministry", "time"): ("mof", "mpi", "mof-2025", "moj"),
}
MAX_NAMES_IN_TITLE = 3

lang = state.lang()
boundary = pickers.boundary()
st.title(t("trends_title", lang))

kind_col, metric_col = st.columns([1.15, 1], vertical_alignment="bottom")
grain_col, _ = st.columns([1.15, 1], vertical_alignment="bottom")
kind, province = pickers.scope_picker(kind_col)
metric = pickers.metric_picker(kind, metric_col, default="online_procedures")
grain = pickers.grain_picker(metric.id, grain_col, default="quarter")
st.caption(f"**{metric.label(lang)}** — {metric.description(lang)}")

options = ask(places.place_options, metric.id, kind, boundary, grain, province)
names = pickers.names_of(options, lang)
places = pickers.places_picker(options, DEFAULT_PLACES.get((kind, boundary), tuple(options.entity_id[:2])))
mode_col, start_col, lines_col = st.columns([2, 1.6, 2.4], vertical_alignment="bottom")
mode = pickers.choice("mode", ("value", "change"), "value", t("mode", lang),
                          format_func=lambda m: t(f"mode_{m}", lang), container=mode_col, widget="segmented")
start = (pickers.period_picker(metric.id, grain, start_col, key="start", label=t("start", lang), oldest_first=True)
         if mode == "change" else None)
if kind == "commune":  # communes are drawn against their province as a whole
    line_words = {"nation": t("whole_province", lang, province=labels.province_name(province, lang)),
                  "none": t("lines_none", lang)}
else:
    line_words = {v: t(f"lines_{v}", lang) for v in ("all", "nation", "none")}
lines = pickers.choice("lines", tuple(line_words), next(iter(line_words)), t("lines", lang),
                           format_func=line_words.get, container=lines_col, widget="segmented")
state.show_notices()

last_complete = ask(values.latest_period, metric.id, grain)  # no 10-month 2026 beside whole years
series = ask(trends.trend, metric.id, places, kind, grain, boundary, None, last_complete, lines != "none", None,
             lines == "all", province)
if mode == "change" and start:
    series = trends.change_since(series, start)
if not places and lines == "none":
    st.info(t("no_places", lang), icon=":material/info:")
    st.stop()
if series.empty or series.value.isna().all():
    chart_frame.no_data(lang)
    st.stop()
if series.status.eq("demo").any():
    provenance.demo_banner(lang)

shown_names = [names[p] for p in places]
place_text = ", ".join(shown_names[:MAX_NAMES_IN_TITLE]) + ("…" if len(shown_names) > MAX_NAMES_IN_TITLE else "")
place_text = place_text or t("lines_nation", lang)
first, last = series.period.min(), series.period.max()
if mode == "change" and start:
    title = t("trend_change_title", lang, metric=metric.label(lang), start=parse(start).label(lang), places=place_text)
else:
    title = t("trend_title", lang, metric=metric.label(lang), places=place_text,
               first=trend_charts.period_label(first, lang), last=trend_charts.period_label(last, lang))
targets = ask(targets.target_lines, metric.id, kind)
events = notes_of.in_range(ask(notes_of.for_trend, metric.id, kind, places), series.period_start.min(),
                           series.period_start.max())
event_lines = event_charts.event_lines(events, lang)
events_word = t("events_heading", lang)
fig = built(trend_charts.trend_lines, series, metric, lang, title, targets=targets,
                               change_from=start if mode == "change" else None, names=names, kind=kind, events=events)
categories, slide_series = slides.line_series(series, lang, names=names)
chart_frame.show_chart(
    fig, [series] + ([targets[["source_id"]]] if mode == "value" else []), key="trend", title=title,
    lang=lang, metric_source=metric.source, data=series,
    subtitle=labels.subtitle(labels.kind_plural(kind, lang, province) if province else labels.kind_label(kind, lang),
                                  ", ".join(shown_names), t(f"grain_{grain}", lang),
                                  labels.boundary_label(lang)),
    slide=dict(kind="line", categories=categories, series=slide_series,
               number_format=rank_charts.NUMBER_FORMATS.get(metric.unit, "0.00")),
    extra_sources=tuple(f"{events_word} {line}" for line in event_lines),
    pick=drill.on_chart_pick("trend_chart", kind, "xu-huong", province, grain=grain, period=last))
if event_lines:
    st.caption(f"**{events_word}** " + "  \n".join(event_lines))
published_coverage.show_span(metric.id, sorted(series.period.unique()), kind, lang)
drill.profile_links(places, names, kind, "xu-huong", lang, province, metric=metric.id, grain=grain, period=last)

merged_on = format_date(trend_charts.MERGERS[kind], lang)
notes = [t("communes_since", lang)] if kind == "commune" else []
if not places:
    notes.append(t("nation_only", lang))
if series.estimated.fillna(False).astype(bool).any():
    notes.append(t("estimated_points", lang))
chosen = options[options.entity_id.isin(places)]
if boundary == "2025" and chosen.came_from.ne("").any():
    notes.append(t("map_2025_note", lang, date=merged_on))
if boundary == "time" and chosen.ended.any():
    notes.append(t("map_time_note", lang, ended=", ".join(names[e] for e in chosen.entity_id[chosen.ended]), date=merged_on))
elif boundary == "time" and trend_charts.spans_merger(first, last, kind):
    notes.append(t("map_time_note_plain", lang, date=merged_on))
if notes:
    st.caption("  \n".join(notes))
