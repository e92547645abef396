"""A map of one metric in one period on a page: the figures for every province the map draws,
the boundaries or the tile map, their provenance and export row, and what is missing.

    values = maps.values(metric, period, grain)
    maps.show(values, metric, period, lang, key="map", view="boundaries")
"""
from __future__ import annotations

import streamlit as st

from charts import maps as map_charts
from charts import ranking as rank_charts
from l10n import t as text
from metrics import geo
from metrics.catalogue import Metric
from metrics.periods import parse
from metrics.provenance import source_ids_of
from ui import chart_frame, drill, labels, pickers, provenance, state
from ui.data import ask, built

VIEWS = ("boundaries", "tiles")
# plotly.js asks for its world base map at <topojsonURL>world_110m.json; a stub ships in static/geo/.
CONFIG = {"topojsonURL": map_charts.BASEMAP_URL}


def values(metric: Metric, period: str, grain: str | None = None):
    """metrics.geo.map_values for the sidebar's boundary map (every province of the set)."""
    return ask(geo.map_values, metric.id, period, pickers.boundary(), grain)


def view_picker(container=None, key: str = "mapview") -> str:
    """'boundaries' or 'tiles', kept in ?mapview=."""
    lang = state.lang()
    return state.choice(key, VIEWS, VIEWS[0], text("map_view", lang), container=container, widget="segmented",
                        format_func=lambda v: text(f"map_view_{v}", lang))


def _source_names(frame, lang: str) -> dict[str, str]:
    ids = source_ids_of([frame])
    return {sid: line for sid in ids for line in provenance.source_lines([sid], lang)}


def title(metric: Metric, period: str, lang: str) -> str:
    return text("map_title", lang, metric=metric.label(lang), period=labels.period_text(period, lang))


def subtitle(frame, period: str, lang: str) -> str:
    return labels.subtitle(text(f"map_subtitle_{frame.geometry.iloc[0]}", lang), parse(period).label(lang),
                                labels.boundary_label(lang))


def figure(frame, metric: Metric, period: str, lang: str, view: str, highlight: str | None = None,
           height: int = 640):
    """The map as a figure (made once per view and store version, see ui.data.built)."""
    heading = title(metric, period, lang)
    names = _source_names(frame, lang)
    geometry = frame.geometry.iloc[0]
    if view == "tiles":
        return built(map_charts.tile_map, frame, geo.tiles(geometry), metric, lang, heading,
                     highlight=highlight, source_names=names)
    return built(map_charts.choropleth, frame, geo.boundaries(geometry), metric, lang, heading,
                 highlight=highlight, source_names=names, height=height)


def show(frame, metric: Metric, period: str, lang: str, *, key: str, view: str = "boundaries",
         highlight: str | None = None, compact: bool = True, height: int = 640, notes: bool = True,
         origin: str = "ban-do") -> None:
    """Draw the map with its provenance caption and export row, then a line naming the
    provinces without a figure and, for 2025 on the map of the time, which units are drawn."""
    if frame.empty or frame.value.isna().all():
        chart_frame.no_data(lang)
        return
    fig = figure(frame, metric, period, lang, view, highlight, height)
    table = built(rank_charts.ranking_table, frame, metric, lang, "province")
    chart_frame.show_chart(
        fig, [frame], key=key, title=title(metric, period, lang), subtitle=subtitle(frame, period, lang),
        data=table, lang=lang, metric_source=metric.source, compact=compact, config=CONFIG,
        extra_sources=(text("map_attribution_source", lang),),
        pick=drill.on_chart_pick(f"{key}_chart", "province", origin, metric=metric.id, period=period,
                                 grain=parse(period).grain))
    lines = footnotes(frame, period, lang) if notes else []
    if lines:
        st.caption("  \n".join(lines))


def section(metric: Metric, period: str | None, grain: str | None, lang: str, *, key: str, origin: str,
            highlight: str | None = None) -> None:
    """A map section for another page: a heading, the boundaries/tiles switch (?mapview=), the map."""
    if period is None or not metric.applies_to("province"):
        return
    heading_col, view_col = st.columns([3, 2], vertical_alignment="bottom")
    heading_col.subheader(text("map_heading", lang))
    view = view_picker(view_col)
    show(values(metric, period, grain), metric, period, lang, key=key, view=view, highlight=highlight,
         compact=False, origin=origin)


def footnotes(frame, period: str, lang: str) -> list[str]:
    """The provinces without a figure; for 2025 on the map of the time, which units are drawn;
    what '*' means."""
    notes = []
    missing = frame[frame.value.isna()]
    if not missing.empty:
        names = missing.entity_name_en if lang == "en" else missing.entity_name
        notes.append(text("map_missing_note", lang, places=", ".join(names)))
    if pickers.boundary() == "time" and parse(period).start < geo.MERGER <= parse(period).end:
        notes.append(text("map_year_2025_note", lang))
    if frame.estimated.eq(True).any():
        notes.append(text("estimated_footnote", lang))
    return notes
