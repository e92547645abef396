"""The profile and peers page (So sánh): a province or ministry against its region, the nation
and the best, component by component, with its gaps, changes and, for merged units, origins."""
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


def tiles(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_peers_default_merged_province(lang):
    at = open_page("pages/peers.py", lang=lang)
    assert_clean(at)
    shown = tiles(at)
    assert ("Hạng toàn quốc" in shown and shown["Hạng toàn quốc"].endswith("/34")) if lang == "vi" else \
        shown["National rank"].endswith("of 34")
    assert len(at.metric) == 6  # value, rank, rank in region, region, nation, best
    spec = chart_specs(at)[0]
    place = next(t for t in spec["data"] if t["name"] == ("Tuyên Quang" if lang == "vi" else "Tuyen Quang"))
    assert place["marker"]["color"] == tpl.HIGHLIGHT and len(place["y"]) == 6  # the six 766 groups of 2024 (the default period is 10/2026)
    assert len(at.dataframe) == 1
    merged = " ".join(i.value for i in at.info)
    assert ("Hà Giang, Tuyên Quang" in merged) if lang == "vi" else ("Ha Giang, Tuyen Quang" in merged)
    assert ("minh họa" in captions(at)) if lang == "vi" else ("demo" in captions(at))
    gaps = " ".join(m.value for m in at.markdown)
    first = shown["Hạng toàn quốc" if lang == "vi" else "National rank"].split("/")[0].split(" ")[0] == "1"
    ahead, leading = ("để vượt", "Đang dẫn đầu.") if lang == "vi" else ("to overtake", "Ranked first.")
    assert (leading in gaps) is first and (ahead in gaps) is not first


def test_peers_unmerged_province_par_index_fields():
    at = open_page("pages/peers.py", {"place": "ha-noi", "metric": "par_index", "grain": "year", "period": "2024"})
    assert_clean(at)
    spec = chart_specs(at)[0]
    assert len(spec["data"][-1]["y"]) == 8  # eight PAR INDEX fields for provinces
    assert not any("hợp nhất" in i.value for i in at.info)


def test_peers_ministry_after_its_merger():
    at = open_page("pages/peers.py", {"kind": "ministry", "place": "mof-2025", "metric": "par_index",
                                      "grain": "year", "period": "2025"})
    assert_clean(at)
    assert "Hạng trong vùng" not in tiles(at) and len(at.metric) == 4  # ministries have no region
    assert len(chart_specs(at)[0]["data"][-1]["y"]) == 7  # ministries have no field 8
    assert any("Bộ Kế hoạch và Đầu tư" in i.value and "01/03/2025" in i.value for i in at.info)


def test_peers_old_province_before_july_2025_on_the_map_of_the_time():
    at = open_page("pages/peers.py", {"place": "ha-giang", "metric": "dossiers_online", "period": "2025-03"},
                   boundary="time")
    assert_clean(at)
    assert int(tiles(at)["Hạng toàn quốc"].split("/")[1]) > 34  # the 63 provinces of the time (less any missing)
    spec = chart_specs(at)[0]
    assert len(spec["data"][-1]["y"]) == 5  # no components: the five key rates
    assert "không có thành phần" in captions(at)


def test_peers_former_id_in_the_link_opens_its_2025_province():
    at = open_page("pages/peers.py", {"place": "Hà Giang"})
    assert_clean(at)
    assert at.selectbox(key="w_place").value == "tuyen-quang-2025" and not at.info[:-1]


@pytest.mark.parametrize("params, shown", [
    ({"metric": "khong-co"}, "khong-co"),
    ({"period": "1999"}, "1999"),
    ({"grain": "week"}, "week"),
    ({"place": "Ha Giangg"}, "Ha Giangg"),
    ({"kind": "xa"}, "xa"),
])
def test_peers_bad_link_parameters(params, shown):
    at = open_page("pages/peers.py", params)
    assert_clean(at)
    assert any(shown in i.value for i in at.info)
    assert len(chart_specs(at)) == 1 and len(at.metric) >= 4


def test_peers_rerun_after_a_filter_change_shows_the_new_place():
    # how fast a rerun is belongs to `make bench` (page reruns), not to a timed test
    at = open_page("pages/peers.py")
    at.selectbox(key="w_place").select("ha-noi").run()
    at.selectbox(key="w_place").select("tuyen-quang-2025").run()
    at.selectbox(key="w_place").select("ha-noi").run()
    assert_clean(at)
    place = [t for t in chart_specs(at)[0]["data"] if t["marker"].get("color") == tpl.HIGHLIGHT]
    assert [t["name"] for t in place] == ["Hà Nội"] and not any("hợp nhất" in i.value for i in at.info)
