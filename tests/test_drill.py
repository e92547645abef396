"""Drill-down: a profile link opens the place's profile with the link's metric and period, even in
a session that already had other selections; the profile links back; the pages that list places
wire their clicks to it."""
from __future__ import annotations

from tests import apptest
from tests.apptest import assert_clean


def chosen(at) -> dict[str, str]:
    return {k: at.session_state[k] for k in ("w_kind", "w_metric", "w_period", "w_place") if k in at.session_state}


def test_a_profile_link_opens_the_place_with_the_same_metric_and_period():
    at = apptest.open_page("so-sanh", {"kind": "province", "metric": "par_index", "grain": "year", "period": "2024",
                                       "place": "son-la", "from": "xep-hang", "drill": "1"})
    assert_clean(at)
    assert chosen(at) == {"w_kind": "province", "w_metric": "par_index", "w_period": "2024", "w_place": "son-la"}
    assert any("Sơn La" in h.value for h in at.subheader)
    links = at.get("page_link")
    assert any("Về Xếp hạng" in link.proto.label for link in links)
    assert "drill" not in at.query_params


def test_a_link_wins_over_what_the_session_had_chosen():
    at = apptest.open_page("so-sanh", {"kind": "province", "metric": "index766", "place": "ha-noi"})
    assert_clean(at)
    assert at.session_state["w_place"] == "ha-noi"
    for key, value in {"metric": "par_index", "grain": "year", "period": "2024", "place": "hai-phong",  # the former city: its 2025 unit
                       "drill": "1"}.items():
        at.query_params[key] = value
    at.run()
    assert_clean(at)
    assert at.session_state["w_place"] == "hai-phong-2025" and at.session_state["w_metric"] == "par_index"


def test_rankings_map_and_trends_offer_the_profile():
    rankings = apptest.open_page("xep-hang")
    assert_clean(rankings)
    assert any(c.proto.selection_mode for c in rankings.get("plotly_chart"))  # clicks are events
    assert rankings.dataframe[0].proto.selection_mode  # so are table rows
    trends = apptest.open_page("xu-huong")
    assert_clean(trends)
    links = [link.proto for link in trends.get("page_link")]
    assert links and all("drill=1" in link.query_string and "place=" in link.query_string for link in links)
