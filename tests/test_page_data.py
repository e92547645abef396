"""AppTest of the data page (Dữ liệu): store facts, published against demo figures, sources,
quality flags, the 2025 reorganisations, the analysts' SQL views, the import history."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from metrics.provenance import VIEWS
from tests import apptest
from tests.apptest import texts

URL = "du-lieu"
open_page = apptest.opener(URL)


def frame_with(at: AppTest, column: str):
    return next(d.value for d in at.dataframe if column in d.value.columns)


def test_sources_status_flags_lineage_views_and_imports_in_vietnamese():
    at = open_page()
    assert texts(at.title) == ["Dữ liệu"]
    sources = frame_with(at, "Số liệu trích dẫn")
    bcd = sources[sources.source_id == "bcd-cchc-2024-02-02"].iloc[0]
    assert bcd["Ngày"] == "02/02/2024" and bcd["Liên kết"].startswith("http") and int(bcd["Số liệu trích dẫn"]) >= 6
    status = frame_with(at, "metric_id").set_index("metric_id")
    # no place-month is left unreported in a year with a published figure of that place (the
    # published record names many): 4.332 demo figures of online_procedures
    assert status.loc["online_procedures", "Công bố"] == "1" and status.loc["online_procedures", "Minh họa"] == "4.332"
    assert any("tất định" in m and "hiệu chỉnh" in m for m in texts(at.markdown))
    flags = at.table[0].value
    ha_giang = flags[flags["Đơn vị"] == "Hà Giang"].iloc[0]
    assert (ha_giang["Số nguồn ghi"], ha_giang["Số dùng"]) == ("96,81%", "96,91%")
    provinces = frame_with(at, "came_from")
    assert "ha-giang, tuyen-quang" in set(provinces.came_from)
    assert set(provinces["Hiệu lực"]) >= {"01/07/2025"}
    assert any("01/03/2025" in set(d.value.get("Hiệu lực", [])) for d in at.dataframe)
    code = texts(at.code)
    assert len(code) == len(VIEWS) and all(c.startswith("SELECT") for c in code)
    assert any("Chưa có lần nhập" in i for i in texts(at.info))
    assert "Lịch sử nhập số liệu" in texts(at.subheader)


def test_the_views_list_their_columns():
    at = open_page("en")
    columns = [d.value for d in at.dataframe if list(d.value.columns) == ["Column", "Type"]]
    assert len(columns) == len(VIEWS)
    assert all(len(c) > 5 for c in columns)
    assert texts(at.title) == ["Data"]
    assert any(e.label.startswith("`kpi_observations_2025`") for e in at.expander)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_store_facts_and_flags_in_both_languages(lang):
    at = open_page(lang, map="time")
    labels = {m.label: m.value for m in at.metric}
    built = labels["Xây dựng lúc" if lang == "vi" else "Built at"]
    assert built.count("/") == 2 if lang == "vi" else built.count("-") == 2
    flags = at.table[0].value
    message = flags.columns[-2]
    assert message in ("Nội dung", "Message") and flags[message].str.len().min() > 10


def test_stray_url_parameters_do_no_harm():
    at = open_page(metric="xyz", period="1999", year="abc", kind="foo")
    assert texts(at.title) == ["Dữ liệu"]
    assert len(at.dataframe) >= 10
