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
from charts.map_text import text as map_text
from metrics import events as notes
from metrics import places, targets, trends, values
from metrics.formatting import format_date
from metrics.periods import parse
from ui import drill, page_common, provenance, state
from ui.data import ask, built
from ui.text_pages_a import tx

DEFAULT_PLACES = {  # (kind, boundary) -> places shown when the URL names none
    ("province", "2025"): ("tuyen-quang-2025", "ha-noi"),
    ("province", "time"): ("ha-giang", "tuyen-quang", "tuyen-quang-2025", "ha-noi"),
    ("ministry", "2025"): ("mof-2025", "moj"),
    ("ministry", "time"): ("mof", "mpi", "mof-2025", "moj"),
}
MAX_NAMES_IN_TITLE = 3

lang = state.lang()

boundary = page_common.boundary()
st.title(tx("trends_title", lang))

kind_col, metric_col = st.columns([1.15, 1], vertical_alignment="bottom")
grain_col, _ = st.columns([1.15, 1], vertical_alignment="bottom")
kind, province = page_common.scope_picker(kind_col)
metric = page_common.metric_picker(kind, metric_col, default="online_procedures")
grain = page_common.grain_picker(metric.id, grain_col, default="quarter")
st.caption(f"**{metric.label(lang)}** — {metric.description(lang)}")

options = ask(places.place_options, metric.id, kind, boundary, grain, province)
names = page_common.names_of(options, lang)
places = page_common.places_picker(options, DEFAULT_PLACES.get((kind, boundary), tuple(options.entity_id[:2])))
mode_col, start_col, lines_col = st.columns([2, 1.6, 2.4], vertical_alignment="bottom")
mode = page_common.choice("mode", ("value", "change"), "value", tx("mode", lang),
                          format_func=lambda m: tx(f"mode_{m}", lang), container=mode_col, widget="segmented")
start = (page_common.period_picker(metric.id, grain, start_col, key="start", label=tx("start", lang), oldest_first=True)
         if mode == "change" else None)
if kind == "commune":  # communes are drawn against their province as a whole
    line_words = {"nation": tx("whole_province", lang, province=page_common.province_name(province, lang)),
                  "none": tx("lines_none", lang)}
else:
    line_words = {v: tx(f"lines_{v}", lang) for v in ("all", "nation", "none")}
lines = page_common.choice("lines", tuple(line_words), next(iter(line_words)), tx("lines", lang),
                           format_func=line_words.get, container=lines_col, widget="segmented")
state.show_notices()

last_complete = ask(values.latest_period, metric.id, grain)  # no 10-month 2026 beside whole years
series = ask(trends.trend, metric.id, places, kind, grain, boundary, None, last_complete, lines != "none", None,
             lines == "all", province)
if mode == "change" and start:
    series = trends.change_since(series, start)
if not places and lines == "none":
    st.info(tx("no_places", lang), icon=":material/info:")
    st.stop()
if series.empty or series.value.isna().all():
    page_common.no_data(lang)
    st.stop()
if series.status.eq("demo").any():
    provenance.demo_banner(lang)

shown_names = [names[p] for p in places]
place_text = ", ".join(shown_names[:MAX_NAMES_IN_TITLE]) + ("…" if len(shown_names) > MAX_NAMES_IN_TITLE else "")
place_text = place_text or tx("lines_nation", lang)
first, last = series.period.min(), series.period.max()
if mode == "change" and start:
    title = tx("trend_change_title", lang, metric=metric.label(lang), start=parse(start).label(lang), places=place_text)
else:
    title = tx("trend_title", lang, metric=metric.label(lang), places=place_text,
               first=trend_charts.period_label(first, lang), last=trend_charts.period_label(last, lang))
targets = ask(targets.target_lines, metric.id, kind)
events = notes.in_range(ask(notes.for_trend, metric.id, kind, places), series.period_start.min(),
                              series.period_start.max())
event_lines = event_charts.event_lines(events, lang)
events_word = map_text("events_heading", lang)
fig = built(trend_charts.trend_lines, series, metric, lang, title, targets=targets,
                               change_from=start if mode == "change" else None, names=names, kind=kind, events=events)
categories, slide_series = slides.line_series(series, lang, names=names)
page_common.show_chart(
    fig, [series] + ([targets[["source_id"]]] if mode == "value" else []), key="trend", title=title,
    lang=lang, metric_source=metric.source, data=series,
    subtitle=page_common.subtitle(page_common.kind_plural(kind, lang, province) if province else page_common.kind_label(kind, lang),
                                  ", ".join(shown_names), tx(f"grain_{grain}", lang),
                                  page_common.boundary_label(lang)),
    slide=dict(kind="line", categories=categories, series=slide_series,
               number_format=rank_charts.NUMBER_FORMATS.get(metric.unit, "0.00")),
    extra_sources=tuple(f"{events_word} {line}" for line in event_lines),
    pick=drill.on_chart_pick("trend_chart", kind, "xu-huong", province, grain=grain, period=last))
if event_lines:
    st.caption(f"**{events_word}** " + "  \n".join(event_lines))

drill.profile_links(places, names, kind, "xu-huong", lang, province, metric=metric.id, grain=grain, period=last)

merged_on = format_date(trend_charts.MERGERS[kind], lang)
notes = [tx("communes_since", lang)] if kind == "commune" else []
if not places:
    notes.append(tx("nation_only", lang))
if series.estimated.fillna(False).astype(bool).any():
    notes.append(tx("estimated_points", lang))
chosen = options[options.entity_id.isin(places)]
if boundary == "2025" and chosen.came_from.ne("").any():
    notes.append(tx("map_2025_note", lang, date=merged_on))
if boundary == "time" and chosen.ended.any():
    notes.append(tx("map_time_note", lang, ended=", ".join(names[e] for e in chosen.entity_id[chosen.ended]), date=merged_on))
elif boundary == "time" and trend_charts.spans_merger(first, last, kind):
    notes.append(tx("map_time_note_plain", lang, date=merged_on))
if notes:
    st.caption("  \n".join(notes))
