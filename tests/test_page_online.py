"""AppTest of the online services page (Dịch vụ công trực tuyến): both languages, both maps,
provinces and ministries, years and months, bad URL parameters, and the published Hà Giang 2023
figure with its source and quality note."""
from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from tests import apptest
from tests.apptest import texts

URL = "dich-vu-cong"
open_page = apptest.opener(URL)


def provenance(at: AppTest) -> list[str]:
    return [c for c in texts(at.caption) if "số liệu công bố" in c or "published" in c]


def test_ha_giang_2023_in_the_map_of_the_time_shows_the_published_figure_and_its_source():
    at = open_page(map="time", period="2023", place="ha-giang")
    assert "### 1.818/1.876 TTHC — 96,91%" in texts(at.markdown)
    assert any("Số liệu công bố" in m for m in texts(at.markdown))
    source = next(c for c in texts(at.caption) if c.startswith("Nguồn của số liệu này"))
    # the document by its title and date, never by the store's id for it
    assert "Báo Hà Giang" in source and "bcd-cchc-2024-02-02" not in source and "02/02/2024" in source
    note = next(w for w in texts(at.warning) if "96,81%" in w)
    assert "1.818/1.876" in note and "96,91%" in note
    ranking = json.loads(at.get("plotly_chart")[0].proto.spec)["data"][0]
    i = ranking["y"].index("Hà Giang")
    assert ranking["text"][i] == "96,91%  (1.818/1.876)"


def test_ha_giang_in_english():
    at = open_page("en", map="time", period="2023", place="ha-giang")
    assert "### 1,818/1,876 procedures — 96.91%" in texts(at.markdown)
    assert any("96.81%" in w for w in texts(at.warning))
    assert texts(at.title) == ["Online public services"]


def test_a_former_province_on_the_2025_map_opens_its_new_province():
    at = open_page(period="2023", place="ha-giang")
    assert at.session_state["w_place"] == "tuyen-quang-2025"
    assert any(h.startswith("TTHC cung cấp trực tuyến — Tuyên Quang") for h in texts(at.subheader))


@pytest.mark.parametrize("lang, params", [
    ("vi", {}),
    ("en", {}),
    ("vi", {"kind": "ministry", "metric": "dossiers_full_online", "period": "2024"}),
    ("vi", {"grain": "month", "period": "2025-06", "map": "time", "metric": "dossiers_synced"}),
    ("en", {"grain": "quarter", "metric": "dossiers_online", "kind": "ministry", "map": "time"}),
    ("vi", {"grain": "month", "period": "2025-08", "place": "ha-noi"}),
])
def test_filter_combinations_draw_charts_tables_and_provenance(lang, params):
    at = open_page(lang, **params)
    assert len(at.get("plotly_chart")) == 3  # ranking, trend, targets
    assert len(at.dataframe) == 2
    assert len(provenance(at)) == 3
    assert len(at.metric) == 4
    title = apptest.chart_titles(at)[0]
    assert ("Năm" in title or "Tháng" in title or "Quý" in title) if lang == "vi" else title


def test_the_2024_targets_show_their_documents_and_the_published_results():
    at = open_page(period="2024")
    targets = json.loads(at.get("plotly_chart")[2].proto.spec)
    labels = targets["data"][1]["y"]
    assert any("76/NQ-CP" in label and "năm 2025" in label for label in labels)
    table = at.dataframe[1].value
    row = table[(table["Mục tiêu"] == "≥50%") & (table["Năm"] == "2024")].iloc[0]
    assert row["Thực hiện"] == "45,80%" and row["Đạt"] == "Chưa đạt"


@pytest.mark.parametrize("params, bad", [
    ({"metric": "xyz"}, "metric=xyz"),
    ({"period": "1999"}, "period=1999"),
    ({"kind": "foo"}, "kind=foo"),
    ({"grain": "week", "place": "atlantis"}, "grain=week"),
])
def test_bad_url_parameters_fall_back_with_a_notice(params, bad):
    at = open_page(**params)
    assert any(bad in i for i in texts(at.info)), texts(at.info)
    assert len(at.get("plotly_chart")) == 3
