"""Nhiệm vụ — the reform plans' tasks: national totals, where each agency's tasks stand, the
ranking by completion, and which agencies have missed deadlines this year."""
from __future__ import annotations

import streamlit as st

from charts import slides
from charts.tasks import overdue_bars, task_status_bars, task_table
from l10n import t
from l10n.formatting import format_value
from metrics import catalogue, tasks, values
from metrics.periods import parse
from ui import chart_frame, labels, pickers, provenance, state
from ui.data import ask, built

lang = state.lang()
boundary = pickers.boundary()
st.title(t("tasks_title", lang))
st.caption(t("tasks_intro", lang))
provenance.demo_banner(lang)

years = list(reversed(ask(values.periods, "tasks_assigned")))
col_year, col_kind, _ = st.columns([1, 1.6, 2])
year = pickers.choice("year", years, years[0], t("year", lang), format_func=lambda y: parse(y).label(lang),
                    container=col_year) if years else None
kind = pickers.kind_picker(col_kind)
state.show_notices()

with st.expander(t("about_metrics", lang)):
    for metric_id in catalogue.collection("national_tasks"):
        m = catalogue.get(metric_id)
        st.markdown(f"**{m.label(lang)}** — {m.description(lang)}")

if year is None:
    chart_frame.no_data(lang)
    st.stop()

kind_label = t(f"title_kind_{kind}", lang)
boundary_label = labels.boundary_label(lang)

# National tiles: the Steering Committee's figures where published, else the agencies' sum.
st.subheader(t("tasks_national", lang, year=year))
national = ask(tasks.national_tasks, year)
if national.empty:
    chart_frame.no_data(lang)
else:
    for row_metrics in (catalogue.collection("national_tasks")[:3], catalogue.collection("national_tasks")[3:]):
        shown = national[national.metric_id.isin(row_metrics)]
        cols = st.columns(4)
        for col, row in zip(cols, shown.itertuples()):
            m = catalogue.get(row.metric_id)
            badge = t("published_badge", lang) if row.status == "published" else t("demo_badge", lang)
            col.metric(m.label(lang), format_value(row.value, m.unit, lang), help=m.description(lang))
            col.caption(f":{'green' if row.status == 'published' else 'orange'}-badge[{badge}]")
    st.caption(t("tasks_sum_note", lang))
    provenance.caption([national], lang)

# Where each agency's tasks stand, sorted by the on-time rate.
agencies = ask(tasks.task_completion, year, kind, boundary)
if agencies.empty:
    chart_frame.no_data(lang)
else:
    title = t("tasks_bars_title", lang, kind=kind_label, year=year)
    st.caption(t("tasks_sorted", lang))
    fig = built(task_status_bars, agencies, lang, title, t("on_time_word", lang))
    headers = {k: t(f"col_{k}", lang) for k in ("rank", "agency", "assigned", "on_time_rate", "completion_rate",
                                                 "status")}
    headers |= {k: catalogue.get(f"tasks_{k}").label(lang) for k in ("on_time", "late", "in_progress", "overdue")}
    statuses = {"published": t("published_badge", lang), "demo": t("demo_badge", lang)}
    table = built(task_table, agencies, lang, headers, statuses)
    names = list(agencies.entity_name_en if lang == "en" else agencies.entity_name)
    chart_frame.show_chart(fig, [agencies], key="tasks_status", title=title, subtitle=labels.subtitle(kind_label, boundary_label),
                  data=table, lang=lang, metric_source=catalogue.get("tasks_assigned").source,
                  slide=dict(kind="bar", categories=tuple(names), number_format='0.0',
                             series=((headers["on_time_rate"], slides.slide_values(agencies.on_time_rate)),
                                     (headers["completion_rate"], slides.slide_values(agencies.completion_rate)))))
    st.subheader(t("tasks_ranking", lang))
    st.dataframe(table, hide_index=True, width="stretch")

# Missed and upcoming deadlines in the current year.
current = years[0]
st.subheader(t("deadlines_section", lang, year=current))
st.caption(t("deadlines_note", lang))
this_year = agencies if current == year else ask(tasks.task_completion, current, kind, boundary)
missed, summary = tasks.missed_in(this_year), tasks.deadline_summary_of(this_year)
if summary["total"] == 0:
    chart_frame.no_data(lang)
elif missed.empty:
    st.success(t("deadlines_none", lang, year=current))
else:
    st.markdown(t("deadlines_summary", lang, agencies=summary["agencies"], total=summary["total"],
                   overdue=format_value(summary["overdue"], "count", lang),
                   in_progress=format_value(summary["in_progress"], "count", lang)))
    title = t("deadlines_title", lang, kind=kind_label, year=current)
    overdue_label, open_label = (catalogue.get(m).label(lang) for m in ("tasks_overdue", "tasks_in_progress"))
    fig = built(overdue_bars, missed, lang, title, overdue_label, open_label)
    names = list(missed.entity_name_en if lang == "en" else missed.entity_name)
    chart_frame.show_chart(fig, [missed], key="tasks_overdue", title=title, subtitle=labels.subtitle(kind_label, boundary_label),
                  data=missed, lang=lang, metric_source=catalogue.get("tasks_overdue").source,
                  slide=dict(kind="bar", categories=tuple(names), number_format="0",
                             series=((overdue_label, slides.slide_values(missed.overdue)),)))
