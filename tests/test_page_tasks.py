"""AppTest of the tasks page (Nhiệm vụ): national tiles with the published 2023 figures, status
bars by agency, the completion ranking, missed deadlines; provinces and ministries, both languages
and maps, bad URL parameters."""
from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from tests import apptest
from tests.apptest import decoded, texts

URL = "nhiem-vu"
open_page = apptest.opener(URL)


def tiles(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_2023_shows_the_published_national_figures_with_their_source():
    at = open_page(year="2023")
    shown = tiles(at)
    assert shown["Nhóm nhiệm vụ CCHC trọng tâm"] == "57"
    assert shown["Nhiệm vụ CCHC được giao"] == "4.142"
    assert shown["Văn bản chỉ đạo CCHC"] == "5.586"
    caption = next(c for c in texts(at.caption) if "3 số liệu công bố" in c)
    assert "02/02/2024" in caption and "Báo Hà Giang" in caption


def test_status_bars_are_sorted_by_on_time_rate_and_the_ranking_matches():
    at = open_page(year="2024", kind="ministry")
    bars = json.loads(at.get("plotly_chart")[0].proto.spec)
    assert [t["name"] for t in bars["data"]] == ["Hoàn thành đúng hạn", "Hoàn thành quá hạn",
                                                 "Đang thực hiện trong hạn", "Quá hạn chưa hoàn thành"]
    assert apptest.chart_titles(at)[0] == "Tình hình thực hiện nhiệm vụ CCHC — các bộ, ngành, năm 2024"
    table = at.dataframe[0].value
    assert list(table["Cơ quan"]) == bars["data"][0]["y"]
    rates = [float(r.rstrip("%").replace(",", ".")) for r in table["Tỷ lệ đúng hạn"]]
    assert rates == sorted(rates, reverse=True)


def test_missed_deadlines_are_for_the_current_year_and_invent_no_task_titles():
    at = open_page(year="2022")
    assert any(h.startswith("Hạn chót đã lỡ và sắp đến — năm 2026") for h in texts(at.subheader))
    overdue = decoded(json.loads(at.get("plotly_chart")[1].proto.spec)["data"][0]["x"])
    assert overdue == sorted(overdue, reverse=True) and min(overdue) > 0
    assert any("không liệt kê từng nhiệm vụ" in c for c in texts(at.caption))


@pytest.mark.parametrize("lang, params", [
    ("vi", {}),
    ("en", {}),
    ("en", {"kind": "ministry", "map": "time", "year": "2024"}),
    ("vi", {"kind": "province", "map": "time", "year": "2025"}),
    ("vi", {"kind": "ministry", "year": "2026"}),
])
def test_filter_combinations(lang, params):
    at = open_page(lang, **params)
    assert len(at.get("plotly_chart")) == 2
    assert len(at.dataframe) == 1
    assert sum("số liệu minh họa" in c or "demo figures" in c for c in texts(at.caption)) == 3
    if lang == "en":
        assert texts(at.title) == ["Administrative reform tasks"]


@pytest.mark.parametrize("params, bad", [({"year": "abc"}, "year=abc"), ({"kind": "foo"}, "kind=foo"),
                                         ({"year": "1999", "kind": "ministry"}, "year=1999")])
def test_bad_url_parameters_fall_back_with_a_notice(params, bad):
    at = open_page(**params)
    assert any(bad in i for i in texts(at.info))
    assert len(at.get("plotly_chart")) == 2
