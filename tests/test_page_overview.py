"""The overview page (Tổng quan) in both languages, on both maps, with published figures and
with bad link parameters: headline tiles, leaders and laggards, the national trend, movers."""
from __future__ import annotations

import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests import apptest
from tests.apptest import assert_clean, captions, chart_specs

ROOT = Path(__file__).resolve().parent.parent
URLS = {"pages/overview.py": "tong-quan", "pages/rankings.py": "xep-hang", "pages/trends.py": "xu-huong",
        "pages/peers.py": "so-sanh"}


def open_page(page: str, params: dict[str, str] | None = None, lang: str = "vi", boundary: str = "2025") -> AppTest:
    return apptest.open_page(URLS[page], params, lang, boundary, timeout=60)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_overview_default(lang):
    at = open_page("pages/overview.py", lang=lang)
    assert_clean(at)
    assert len(at.metric) == 8  # five key rates, the 766 index, PAR INDEX, SIPAS
    specs = chart_specs(at)
    assert len(specs) == 4  # leaders of provinces, of ministries, their map, the national trend
    assert len(at.table) == 1  # what moved most
    text = captions(at)
    assert ("minh họa" in text) if lang == "vi" else ("demo" in text)
    trend = specs[3]
    assert trend["layout"]["showlegend"] is False and len(trend["data"]) == 5
    labels = [a["text"] for a in trend["layout"]["annotations"]]
    assert any(label.startswith("TTHC cung cấp trực tuyến" if lang == "vi" else "Procedures offered online") for label in labels)


def test_overview_year_2024_shows_the_published_national_figures():
    at = open_page("pages/overview.py", {"grain": "year", "period": "2024"})
    assert_clean(at)
    tiles = {m.label: m for m in at.metric}
    assert tiles["Chỉ số CCHC (PAR INDEX)"].value == "88,37%"
    assert tiles["Hồ sơ trực tuyến toàn trình"].value == "18,54%"
    text = captions(at)
    assert "Số liệu công bố" in text and "Mục tiêu ≥ 30% (2024, emc-2024): chưa đạt, còn 11,46 điểm %" in text
    assert "công bố" in text


def test_overview_2025_target_and_ministries_on_the_map_of_the_time():
    at = open_page("pages/overview.py", {"grain": "year", "period": "2025", "kind": "ministry"}, boundary="time")
    assert_clean(at)
    assert len(at.metric) == 7  # no SIPAS for ministries
    assert "Mục tiêu ≥ 80% (2025, 76/NQ-CP)" in captions(at)


def test_overview_quarter_before_the_merger_and_a_province_only_metric():
    at = open_page("pages/overview.py", {"grain": "quarter", "period": "2025-Q1", "metric": "sipas"})
    assert_clean(at)
    assert len(chart_specs(at)) == 3  # SIPAS ranks provinces only: no ministry chart (its map, the trend)
    assert any("không áp dụng" in i.value for i in at.info)


@pytest.mark.parametrize("params, shown", [
    ({"metric": "khong-co"}, "khong-co"),
    ({"period": "1999"}, "1999"),
    ({"grain": "week"}, "week"),
    ({"kind": "xa"}, "xa"),
])
def test_overview_bad_link_parameters(params, shown):
    at = open_page("pages/overview.py", params)
    assert_clean(at)
    assert any(shown in i.value for i in at.info)
    assert len(at.metric) == 8 and len(chart_specs(at)) == 4


def test_overview_rerun_after_a_filter_change_is_fast():
    at = open_page("pages/overview.py")
    at.selectbox(key="w_period").select("2026-09").run()  # warm the answers once
    at.selectbox(key="w_period").select("2026-10").run()
    started = time.perf_counter()
    at.selectbox(key="w_period").select("2026-09").run()
    assert_clean(at)
    assert time.perf_counter() - started < 3.0
