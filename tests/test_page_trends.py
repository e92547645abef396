"""The trends page (Xu hướng): places over time with the nation, regions and targets, values or
changes, every grain, both maps (merged provinces' history; old provinces ending in June 2025)."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from charts import template as tpl
from tests import apptest
from tests.apptest import assert_clean, captions, chart_specs

ROOT = Path(__file__).resolve().parent.parent
URLS = {"pages/overview.py": "tong-quan", "pages/rankings.py": "xep-hang", "pages/trends.py": "xu-huong",
        "pages/peers.py": "so-sanh"}


def open_page(page: str, params: dict[str, str] | None = None, lang: str = "vi", boundary: str = "2025") -> AppTest:
    return apptest.open_page(URLS[page], params, lang, boundary, timeout=60)


def names(spec: dict) -> list[str]:
    """The lines drawn (not the numbered event markers)."""
    return [trace["name"] for trace in spec["data"] if trace.get("meta") != "events"]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_trends_default(lang):
    at = open_page("pages/trends.py", lang=lang)
    assert_clean(at)
    spec = chart_specs(at)[0]
    expected = {"Tuyên Quang", "Hà Nội", "Cả nước"} if lang == "vi" else {"Tuyen Quang", "Hanoi", "Whole country"}
    assert expected <= set(names(spec)) and spec["layout"]["showlegend"] is False
    labels = [a["text"] for a in spec["layout"]["annotations"]]
    assert any(label.startswith("Mục tiêu 2025 ≥ 80%" if lang == "vi" else "Target 2025 ≥ 80%") for label in labels)
    assert any(s.get("line", {}).get("dash") == "dot" for s in spec["layout"]["shapes"])
    text = captions(at)
    assert ("minh họa" in text and "Bản đồ 2025" in text) if lang == "vi" else ("demo" in text and "2025 map" in text)


def test_trends_map_of_the_time_ends_the_old_provinces():
    at = open_page("pages/trends.py", {"grain": "month"}, boundary="time")
    assert_clean(at)
    spec = chart_specs(at)[0]
    lines = {trace["name"]: trace for trace in spec["data"]}
    assert {"Hà Giang", "Tuyên Quang (đến T6/2025)", "Tuyên Quang (từ T7/2025)"} <= set(lines)
    assert "Hà Giang, Tuyên Quang (đến T6/2025) dừng lại khi sáp nhập (01/07/2025)" in captions(at)


def test_trends_estimated_scores_are_hollow():
    at = open_page("pages/trends.py", {"metric": "par_index", "grain": "year", "places": "tuyen-quang-2025,ha-noi"})
    assert_clean(at)
    spec = chart_specs(at)[0]
    symbols = [s for trace in spec["data"] for s in (trace["marker"].get("symbol") or [])]
    assert "circle-open" in symbols
    assert "Chấm rỗng: số liệu ước tính" in captions(at)


def test_trends_change_since_a_period_for_ministries():
    at = open_page("pages/trends.py", {"kind": "ministry", "metric": "dossiers_online", "grain": "year",
                                       "mode": "change", "start": "2023"}, lang="en")
    assert_clean(at)
    spec = chart_specs(at)[0]
    assert spec["layout"]["yaxis"]["title"]["text"] == "Change since 2023"
    assert not any(a["text"].startswith("Target") for a in spec["layout"]["annotations"])
    assert any(trace["name"] == "Ministry of Finance" for trace in spec["data"])
    assert max(spec["layout"]["xaxis"]["ticktext"]) == "2025"  # 2026 is not complete: no 10 months beside 12


def test_trends_places_by_name_and_reference_lines_off():
    at = open_page("pages/trends.py", {"places": "Hà Nội,ha noi,TP. Hồ Chí Minh", "lines": "none"})
    assert_clean(at)
    assert sorted(names(chart_specs(at)[0])) == ["Hà Nội", "Hồ Chí Minh"]
    assert not at.info


def test_trends_nothing_to_draw():
    at = open_page("pages/trends.py", {"lines": "none"})
    at.multiselect(key="w_places").set_value([]).run()
    assert_clean(at)
    assert not chart_specs(at) and any("Chọn ít nhất một" in i.value for i in at.info)


def test_trends_nation_only_when_no_place_is_picked():
    at = open_page("pages/trends.py")
    at.multiselect(key="w_places").set_value([]).run()
    assert_clean(at)
    assert "Cả nước" in names(chart_specs(at)[0]) and "chỉ vẽ đường cả nước" in captions(at)


@pytest.mark.parametrize("params, shown", [
    ({"metric": "khong-co"}, "khong-co"),
    ({"grain": "week"}, "week"),
    ({"places": "Ha Giangg,ha-noi"}, "Ha Giangg"),
    ({"mode": "rate"}, "rate"),
    ({"mode": "change", "start": "1999"}, "1999"),
])
def test_trends_bad_link_parameters(params, shown):
    at = open_page("pages/trends.py", params)
    assert_clean(at)
    assert any(shown in i.value for i in at.info)
    assert len(chart_specs(at)) == 1


def test_trends_rerun_after_a_filter_change_shows_the_new_grain():
    # how fast a rerun is belongs to `make bench` (page reruns), not to a timed test
    at = open_page("pages/trends.py")
    for grain in ("month", "year", "quarter"):
        at.segmented_control(key="w_grain").set_value(grain).run()
    quarters = chart_specs(at)[0]["data"][0]["x"]
    at.segmented_control(key="w_grain").set_value("month").run()
    assert_clean(at)
    months = chart_specs(at)[0]["data"][0]["x"]
    assert len(months) > len(quarters) > 0
    assert chart_specs(at)[0]["data"][0]["line"]["color"] in (tpl.HIGHLIGHT, "#2A9D8F")


def test_a_trend_of_a_yearly_index_says_how_much_of_each_year_is_published():
    at = open_page("pages/trends.py", {"metric": "par_index", "kind": "province", "grain": "year"})
    assert_clean(at)
    (line,) = [c.value for c in at.caption if "fact_check" in c.value]
    assert line.removeprefix(":material/fact_check: ").split("  \n") == [
        f"Chỉ số CCHC (PAR INDEX) {year}: {n} trên 63 tỉnh, thành phố có số liệu công bố; còn lại là dữ liệu minh họa."
        for year, n in ((2021, 19), (2022, 20), (2023, 31), (2024, 17))]
