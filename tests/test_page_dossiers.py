"""The "Hồ sơ" page (AppTest): every kind, both maps, month and year, every breakdown, the
overdue list's filters and pages, English; and records-based figures marked as such, with their
batch, on the other pages."""
from __future__ import annotations

from datetime import datetime

import pytest
import streamlit as st

from tests import apptest
from tests.apptest import assert_clean, captions, chart_specs
from tests.dossier_records import copy_store, record, write_export

open_clean = apptest.opener("ho-so")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_default_view(lang):
    at = open_clean(lang)
    labels = [m.label for m in at.metric]
    assert len(labels) == 7 and ("Hồ sơ giải quyết đúng hạn" if lang == "vi" else "Dossiers processed on time") in labels
    specs = chart_specs(at)
    assert len(specs) == 2
    bars = specs[0]["data"][0]
    values = apptest.decoded(bars["x"])
    assert values == sorted(values)  # worst first
    assert ("minh họa" if lang == "vi" else "demo records") in captions(at)
    assert any("#cach-tinh" in (m.help or "") for m in at.metric)  # each number links to its definition


@pytest.mark.parametrize("params", [
    {"kind": "ministry"}, {"kind": "commune"}, {"kind": "province", "place": "tuyen-quang-2025", "grain": "year"},
    {"kind": "province", "place": "hue", "by": "sector", "metric": "dossiers_online"},
    {"kind": "province", "place": "hue", "by": "procedure", "metric": "dossiers_e_result", "period": "2025-08"},
    {"kind": "province", "by": "commune", "metric": "dossiers_paid_online"},
    {"kind": "ministry", "by": "commune"},  # not offered for a ministry: falls back with a notice
    {"place": "nowhere", "period": "1999-01"},
])
def test_every_reachable_view_draws(params):
    at = open_clean(**params)
    assert at.metric, params


def test_the_2025_map_adds_up_the_merged_provinces_records():
    merged = open_clean(kind="province", place="tuyen-quang-2025", period="2025-03")
    assert merged.metric[0].value not in ("—", "")
    at = apptest.open_page("ho-so", {"kind": "province", "place": "ha-giang", "period": "2025-03"}, boundary="time")
    assert_clean(at)
    assert at.metric[0].value != merged.metric[0].value  # Hà Giang alone


def test_overdue_list_filters_and_pages():
    at = open_clean(kind="ministry")
    total_text = [c.value for c in at.caption if "quá hạn trả" in c.value]
    assert total_text
    table = at.dataframe[0].value
    assert {"Mã hồ sơ", "Số ngày quá hạn"} <= set(table.columns) and (table["Số ngày quá hạn"] > 0).all()
    names = set(table["Đơn vị tiếp nhận"])
    assert len(names) > 1
    unit = at.selectbox(key="w_unit")
    unit_id = "000.00.02.GBTP"  # the Ministry of Justice's second desk (select by value: labels differ)
    at = unit.set_value(unit_id).run()
    assert_clean(at)
    assert len(set(at.dataframe[0].value["Đơn vị tiếp nhận"])) == 1
    assert at.query_params["unit"] == unit_id
    again = apptest.open_page("ho-so", {"kind": "ministry", "unit": unit_id, "p": "1"})
    assert again.dataframe[0].value.equals(at.dataframe[0].value)  # the link reopens the same list


@pytest.fixture(scope="module")
def records_store(store_path, tmp_path_factory):
    from ingest.dossiers.write import import_file

    path = copy_store(store_path, tmp_path_factory.mktemp("records"))
    rows = [record(f"R-{i}", finished_at=datetime(2026, 9, 15, 8, 0) if i % 4 == 0 else datetime(2026, 9, 12, 10, 0))
            for i in range(40)]
    result = import_file(path, write_export(path.parent / "thang-9.csv", rows))
    return path, result.batch_id


@pytest.fixture()
def on_records_store(records_store, monkeypatch):
    from ui import data

    monkeypatch.setenv("KPI_STORE", str(records_store[0]))
    data.store.clear()
    st.cache_data.clear()
    st.cache_resource.clear()
    yield records_store[1]
    monkeypatch.undo()
    data.store.clear()
    st.cache_data.clear()
    st.cache_resource.clear()


@pytest.mark.parametrize("url,params", [
    ("xep-hang", {"metric": "dossiers_on_time", "grain": "month", "period": "2026-09", "highlight": "da-nang-2025"}),
    ("xu-huong", {"metric": "dossiers_on_time", "grain": "month", "places": "da-nang-2025"}),
    ("so-sanh", {"place": "da-nang-2025", "grain": "month", "period": "2026-09", "metric": "dossiers_on_time"}),
    ("dich-vu-cong", {"metric": "dossiers_online", "grain": "month", "period": "2026-09", "place": "da-nang-2025"}),
    ("ho-so", {"kind": "province", "place": "da-nang-2025", "period": "2026-09"}),
])
def test_records_figures_are_marked_with_their_batch_on_every_page(on_records_store, url, params):
    at = apptest.open_page(url, params)
    assert_clean(at)
    text = captions(at)
    if url == "ho-so":
        assert f"(đợt {on_records_store})" in text and "Tính từ 40 hồ sơ" in text
        assert "75,00%" in [m.value for m in at.metric]
    else:
        assert "tính từ hồ sơ của hệ thống một cửa (đợt " + on_records_store in text, text
