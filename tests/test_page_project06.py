"""AppTest of the Project 06 page (Đề án 06): the service matrix and the national rollout in both
languages and both maps, months before and after the July 2025 merger, bad URL parameters."""
from __future__ import annotations

import pytest

from tests import apptest
from tests.apptest import decoded, texts

URL = "de-an-06"
open_page = apptest.opener(URL)


charts = apptest.chart_specs


def test_latest_month_matrix_has_34_provinces_25_services_and_totals():
    at = open_page()
    assert texts(at.title) == ["Đề án 06"]
    heatmap, rollout = charts(at)
    cells = heatmap["data"][0]
    assert len(cells["y"]) == 34 and len(cells["x"]) == 25
    assert cells["x"][8] == "9. Đăng ký khai sinh"
    notes = [a["text"] for a in heatmap["layout"]["annotations"]]
    assert sum(n.endswith("/34") for n in notes) == 25 and sum(n.endswith("/25") for n in notes) == 34
    assert apptest.chart_titles(at)[0] == "Dịch vụ thiết yếu trực tuyến toàn trình theo tỉnh, Tháng 10/2026"
    assert [t["name"] for t in rollout["data"]] == ["Cặp tỉnh – dịch vụ đã trực tuyến", "Tỉnh đủ 25 dịch vụ"]
    table = at.dataframe[0].value
    assert len(table) == 25 and table["Số tỉnh đã cung cấp"].str.endswith("/34").all()
    assert sum("số liệu công bố" in c for c in texts(at.caption)) == 2
    assert len(at.metric) == 4


def test_merged_units_before_july_2025_show_partial_values():
    at = open_page(period="2025-03")
    cells = charts(at)[0]["data"][0]
    assert any(0 < v < 1 for row in decoded(cells["z"]) for v in row if v == v)
    assert any("01/07/2025" in i for i in texts(at.info))
    assert cells["colorbar"]["ticktext"] == ["Chưa trực tuyến", "Một phần tỉnh cũ", "Đã toàn trình"]


@pytest.mark.parametrize("lang, params, rows", [
    ("vi", {"map": "time", "period": "2025-03"}, 63),
    ("en", {"map": "time", "period": "2025-09"}, 34),
    ("en", {"period": "2022-01"}, 34),
    ("vi", {"map": "time", "period": "2023-06"}, 63),
])
def test_both_maps_and_languages(lang, params, rows):
    at = open_page(lang, **params)
    heatmap, rollout = charts(at)
    assert len(heatmap["data"][0]["y"]) == rows
    assert len(rollout["data"]) == 2
    assert at.dataframe
    if lang == "en":
        assert texts(at.title) == ["Project 06"]
        assert heatmap["data"][0]["x"][0] == "1. Old ID number"


@pytest.mark.parametrize("params, bad", [({"period": "1999"}, "period=1999"), ({"period": "abc"}, "period=abc")])
def test_bad_period_falls_back_to_the_latest_month_with_a_notice(params, bad):
    at = open_page(**params)
    assert any(bad in i for i in texts(at.info))
    assert at.session_state["w_period"] == "2026-10"
    assert len(charts(at)) == 2
