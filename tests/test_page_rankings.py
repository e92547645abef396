"""The rankings page (Xếp hạng): provinces and ministries, both maps, periods before and after
the July 2025 merger, a region filter, a highlighted place, ties, bands, and bad link parameters."""
from __future__ import annotations

import base64
import time
from pathlib import Path

import numpy as np
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


def bars(at: AppTest) -> dict:
    return chart_specs(at)[0]["data"][0]


def numbers(array) -> list[float]:
    """A Plotly JSON array: a list, or numpy's typed form {"dtype": "f8", "bdata": base64}."""
    if isinstance(array, dict):
        return np.frombuffer(base64.b64decode(array["bdata"]), dtype=np.dtype(array["dtype"])).tolist()
    return list(array)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_rankings_default(lang):
    at = open_page("pages/rankings.py", lang=lang)
    assert_clean(at)
    bar = bars(at)
    shown = [round(v, 2) for v in numbers(bar["x"])]  # ties (equal to 2 decimals) are ordered by name
    assert len(bar["y"]) == 34 and shown == sorted(shown, reverse=True)
    table = at.dataframe[0].value
    assert len(table) == 34
    assert ("Hạng" in table.columns) if lang == "vi" else ("Rank" in table.columns)
    assert ("minh họa" in captions(at)) if lang == "vi" else ("demo" in captions(at))


def test_rankings_par_index_2024_on_the_map_of_the_time_with_a_highlight():
    at = open_page("pages/rankings.py", {"metric": "par_index", "grain": "year", "period": "2024",
                                         "highlight": "Hà Giang"}, boundary="time")
    assert_clean(at)
    bar = bars(at)
    assert len(bar["y"]) == 63
    highlighted = [y for y, c in zip(bar["y"], bar["marker"]["color"]) if c == tpl.HIGHLIGHT]
    assert len(highlighted) == 1 and highlighted[0].endswith("Hà Giang")
    annotations = [a["text"] for a in chart_specs(at)[0]["layout"]["annotations"]]
    assert "Nhóm A<br>≥ 90%" in annotations
    table = at.dataframe[0].value
    assert set(table["Xếp loại"]) <= {"Nhóm A", "Nhóm B", "Nhóm C", "Dưới 70%"}
    assert "Công bố" in set(table["Trạng thái"])  # Hải Phòng's 2024 score is published
    assert "công bố" in captions(at)


def test_rankings_merged_estimate_marked_on_the_2025_map():
    at = open_page("pages/rankings.py", {"metric": "par_index", "grain": "year", "period": "2024",
                                         "highlight": "tuyen-quang-2025"})
    assert_clean(at)
    assert any(y.endswith("*") for y in bars(at)["y"])
    assert "(*) ước tính" in captions(at)


def test_rankings_region_filter_keeps_national_ranks():
    at = open_page("pages/rankings.py", {"region": "tay-nguyen", "period": "2025-03", "highlight": "ha-noi"},
                   boundary="time")
    assert_clean(at)
    table = at.dataframe[0].value
    assert set(table["Vùng"]) == {"Tây Nguyên"} and 0 < len(table) < 10
    assert "Hạng là hạng toàn quốc" in captions(at) and "Hà Nội nằm ngoài vùng đã chọn" in captions(at)
    assert tpl.HIGHLIGHT not in bars(at)["marker"]["color"]


def test_rankings_ministries_after_the_merger_ignore_a_region():
    at = open_page("pages/rankings.py", {"kind": "ministry", "metric": "dossiers_online", "period": "2025-08",
                                         "region": "dbsh", "highlight": "mof-2025"})
    assert_clean(at)
    bar = bars(at)
    assert 0 < len(bar["y"]) < 30 and any(y.endswith("Bộ Tài chính") for y in bar["y"])
    assert "Vùng" not in at.dataframe[0].value.columns


@pytest.mark.parametrize("params, shown", [
    ({"metric": "khong-co"}, "khong-co"),
    ({"period": "1999"}, "1999"),
    ({"grain": "week"}, "week"),
    ({"highlight": "Ha Giangg"}, "Ha Giangg"),
    ({"region": "khong-vung"}, "khong-vung"),
])
def test_rankings_bad_link_parameters(params, shown):
    at = open_page("pages/rankings.py", params)
    assert_clean(at)
    assert any(shown in i.value for i in at.info)
    assert len(chart_specs(at)) == 2 and len(at.dataframe) == 1  # the ranking and its map


def test_rankings_rerun_after_a_filter_change_is_fast():
    at = open_page("pages/rankings.py")
    at.selectbox(key="w_period").select("2026-09").run()
    at.selectbox(key="w_period").select("2026-10").run()
    started = time.perf_counter()
    at.selectbox(key="w_highlight").select("ha-noi").run()
    assert_clean(at)
    assert time.perf_counter() - started < 3.0
