"""A provincial office ranks and compares its communes: the rankings, trends and profile pages on
a store built with the 3,321 communes, and the same links on a store without them."""
from __future__ import annotations

import os

import pytest
import streamlit as st
from apptest import assert_clean, captions, chart_specs, chart_titles, open_page

from metrics.db import Store
from metrics.rankings import peer_summary, ranking
from metrics.trends import trend


@pytest.fixture
def commune_app(commune_store_path):
    """The app pointed at the commune store for one test, then back at the session store."""
    before = os.environ["KPI_STORE"]
    os.environ["KPI_STORE"] = str(commune_store_path)
    st.cache_resource.clear()  # ui.data.store() opens the store KPI_STORE names
    st.cache_data.clear()
    yield commune_store_path
    os.environ["KPI_STORE"] = before
    st.cache_resource.clear()
    st.cache_data.clear()


@pytest.fixture(scope="module")
def commune_store(commune_store_path):
    store = Store(commune_store_path)
    yield store
    store.close()


def test_communes_of_a_province_are_ranked_among_themselves(commune_store):
    ranked = ranking(commune_store, "dossiers_online", "2026-10", "commune", parent="hue")
    assert len(ranked) == 40 and ranked.places.iloc[0] == 40  # Huế has 40 communes and wards
    assert list(ranked["rank"]) == sorted(ranked["rank"]) and ranked["rank"].iloc[0] == 1
    assert ranked.entity_name.str.match(r"^(Xã|Phường|Đặc khu) ").all()
    rates = 100 * ranked.numerator / ranked.denominator
    assert (rates - ranked.value).abs().max() < 1e-9  # rates from their counts
    assert ranked.previous_rank.notna().sum() >= 35  # September is there too (a few months go unreported)
    assert ranking(commune_store, "dossiers_online", "2025-06", "commune", parent="hue").empty  # before the reform


def test_a_commune_is_set_against_its_province(commune_store):
    ranked = ranking(commune_store, "index766", "2026-10", "commune", parent="ho-chi-minh-2025")
    place = ranked.entity_id.iloc[10]
    summary = peer_summary(commune_store, "index766", place, "2026-10", "commune", parent="ho-chi-minh-2025")
    province = ranking(commune_store, "index766", "2026-10", "province")
    assert summary.rank == 11 and summary.places == len(ranked) == 168
    assert summary.national_value == pytest.approx(province.set_index("entity_id").value["ho-chi-minh-2025"])
    assert summary.region_rank is None and summary.region_value is None
    lines = trend(commune_store, "dossiers_online", [place], "commune", "month", parent="ho-chi-minh-2025")
    whole = lines[lines.series_kind == "nation"]
    assert whole.series_name.iloc[0] == "Hồ Chí Minh (toàn tỉnh)"
    assert whole.period.min() == "2025-07"  # drawn from the communes' first month, not from 2022


def test_rankings_page_ranks_the_communes_of_a_province(commune_app):
    at = open_page("xep-hang", {"kind": "commune", "province": "Huế", "metric": "index766", "period": "2026-10"})
    assert_clean(at)
    assert at.query_params["province"] in ("hue", ["hue"])  # a name in the link becomes the id
    assert "Xã, phường của Huế" in chart_titles(at)[0]
    assert len(at.dataframe[0].value) == 40
    assert "Cấp xã có từ 01/07/2025" in captions(at)


def test_trends_page_draws_communes_against_their_province(commune_app):
    at = open_page("xu-huong", {"kind": "commune", "province": "hue", "metric": "dossiers_online", "grain": "month"},
                   lang="en")
    assert_clean(at)
    names = {trace.get("name") for trace in chart_specs(at)[0]["data"] if trace.get("meta") != "events"}
    assert "Hue (whole province)" in names and len(names) == 3  # two communes and the province


def test_profile_page_gives_a_communes_rank_in_its_province(commune_app):
    at = open_page("so-sanh", {"kind": "commune", "province": "hue", "metric": "index766"})
    assert_clean(at)
    tiles = {m.label: m.value for m in at.metric}
    assert tiles["Hạng trong tỉnh"].startswith("1/40")
    assert "Toàn tỉnh Huế" in tiles


def test_a_commune_link_on_a_store_without_communes_falls_back_to_provinces():
    at = open_page("xep-hang", {"kind": "commune", "province": "hue"})
    assert_clean(at)
    assert at.query_params["kind"] in ("province", ["province"])
    assert any("commune" in info.value for info in at.info)  # says what was not honoured
