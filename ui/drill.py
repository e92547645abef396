"""Drill-down: a click on a place in a ranking, a map or a table, or its link under a trend,
opens its profile (So sánh) with the same metric and period, as a URL that can be shared; the
profile links back to where the click came from.

A profile link is the profile's URL with the selections (kind, metric, grain, period, place,
province, language, boundary map), `from` (the page it came from) and `drill=1`. A session that
already holds selections keeps them over the URL's (ui.state), so on a `drill=1` run `adopt()`
forgets the session's, before any widget is drawn (dashboard.py calls it at the top). A click cannot navigate from its callback, so the callback leaves the
link in the session and `follow()` (called by dashboard.py before the page runs) goes there.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st

from l10n import t as text

PROFILE = "pages/peers.py"
PROFILE_URL = "so-sanh"
CARRIED = ("lang", "map", "kind", "metric", "grain", "period", "province")
ORIGINS = {"xep-hang": "pages/rankings.py", "ban-do": "pages/map.py", "tong-quan": "pages/overview.py",
           "xu-huong": "pages/trends.py"}
PENDING = "_drill_to"


def adopt() -> None:
    """On a drill link's first run, forget the session's choices of what the link names, so the
    pickers read the link's (matching names and former units as for any shared link); then drop
    `drill`."""
    if st.query_params.get("drill") != "1":
        return
    for key in (*CARRIED, "place"):
        if st.query_params.get(key):
            st.session_state.pop(f"w_{key}", None)
    del st.query_params["drill"]


def link(entity_id: str, kind: str, origin: str, province: str | None = None, **shown: str | None) -> dict[str, str]:
    """The profile's query parameters for a place, carrying this view's selections; `shown`
    (metric, grain, period) where the clicked chart shows other than the page's pickers."""
    params = {key: st.session_state.get(f"w_{key}") for key in CARRIED}
    params.update({k: v for k, v in shown.items() if v})
    params.update(kind=kind, place=entity_id, province=province, drill="1")
    params["from"] = origin
    return {k: str(v) for k, v in params.items() if v}


def follow() -> None:
    """Go to the profile a click asked for (its callback cannot navigate itself)."""
    target = st.session_state.pop(PENDING, None)
    if target:
        st.switch_page(PROFILE, query_params=target)


def _first_id(points: Sequence[dict]) -> str | None:
    for point in points:
        data = point.get("customdata")
        value = data[0] if isinstance(data, (list, tuple)) and data else data
        if isinstance(value, str) and value:
            return value
    return None


def on_chart_pick(key: str, kind: str, origin: str, province: str | None = None,
                  **shown: str | None) -> Callable[[], None]:
    """The on_select callback of st.plotly_chart(key=key): the clicked point's customdata is the
    entity id (ranking bars, maps, tiles)."""
    def picked() -> None:
        event = st.session_state.get(key)
        points = (event or {}).get("selection", {}).get("points", []) if isinstance(event, dict) else \
            getattr(getattr(event, "selection", None), "points", [])
        entity_id = _first_id(points)
        if entity_id:
            st.session_state[PENDING] = link(entity_id, kind, origin, province, **shown)
    return picked


def on_table_pick(key: str, ids: Sequence[str], kind: str, origin: str,
                  province: str | None = None) -> Callable[[], None]:
    """The on_select callback of st.dataframe(key=key) whose rows are the places `ids`."""
    ids = list(ids)

    def picked() -> None:
        event = st.session_state.get(key)
        rows = (event or {}).get("selection", {}).get("rows", []) if isinstance(event, dict) else \
            getattr(getattr(event, "selection", None), "rows", [])
        if rows and 0 <= rows[0] < len(ids) and ids[rows[0]]:
            st.session_state[PENDING] = link(ids[rows[0]], kind, origin, province)
    return picked


def profile_links(places: Sequence[str], names: dict[str, str], kind: str, origin: str, lang: str,
                  province: str | None = None, **shown: str | None) -> None:
    """'Hồ sơ:' and one link per place (under a trend, whose legend cannot be clicked through)."""
    if not places:
        return
    cols = st.columns(min(len(places), 4) + 1, vertical_alignment="center")
    cols[0].caption(text("drill_profiles", lang))
    for i, place in enumerate(places):
        cols[1 + i % 4].page_link(PROFILE, label=names.get(place, place), icon=":material/person_pin_circle:",
                                  query_params=link(place, kind, origin, province, **shown))


def back_link(lang: str) -> None:
    """On the profile: back to the page the click came from, with the same selections."""
    origin = st.query_params.get("from")
    if origin not in ORIGINS:
        return
    params = {key: st.session_state.get(f"w_{key}") for key in CARRIED}
    st.page_link(ORIGINS[origin], label=text(f"drill_back_{origin.replace('-', '_')}", lang), icon=":material/arrow_back:",
                 query_params={k: str(v) for k, v in params.items() if v})


def hint(lang: str) -> None:
    st.caption(text("drill_hint", lang))
