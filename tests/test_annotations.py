"""Annotations: the built-in ones from data/ (the merger days, the directing documents on the
metrics that cite them), an editor's add, edit and delete recorded with who and when, refused
fields named with their fix and nothing written, carried over by a rebuild; on the pages, an
editor's annotation shows on the trend, a viewer cannot add one, the data page lists them."""
from __future__ import annotations

import json
from datetime import date

import bcrypt
import duckdb
import pytest
from conftest import ROOT
from ingest_cases.helpers import file_hash, writable_store  # noqa: F401 (fixture)
from streamlit.testing.v1 import AppTest

from ingest import events as editing
from metrics import events as annotations
from metrics.db import Store
from store import events as built_in
from tests import apptest
from ui.data import store as cached_store

PASSWORD = "mật khẩu ghi chú 2025"
HASH = bcrypt.hashpw(PASSWORD.encode(), bcrypt.gensalt(rounds=4)).decode()
NOTE = dict(starts_on=date(2024, 3, 1), ends_on=None, entity_id="ha-noi", metric_id="online_procedures",
            text_vi="Cổng DVCQG đổi quy tắc tính hồ sơ", text_en="The portal changed its counting rules",
            source_id="76/NQ-CP")


def rows(path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_the_built_in_annotations_come_from_data(store):
    every = annotations.every(store)
    mergers = every[every.annotation_id.str.startswith("merger-")].set_index("entity_kind")
    assert mergers.loc["province", "text_vi"].endswith("63 tỉnh, thành phố thành 34")
    assert str(mergers.loc["province", "starts_on"])[:10] == "2025-07-01"
    assert mergers.loc["province", "source_id"] == "202/2025/QH15"
    assert str(mergers.loc["ministry", "starts_on"])[:10] == "2025-03-01"
    on_766 = annotations.for_trend(store, "index766", "province")
    assert "766/QĐ-TTg" in set(on_766.source_id) and "merger-province-2025-07-01" in set(on_766.annotation_id)
    on_ministries = annotations.for_trend(store, "index766", "ministry")
    assert "merger-province-2025-07-01" not in set(on_ministries.annotation_id)
    assert (every.origin == "built-in").all()


def test_an_editor_adds_edits_and_deletes_with_who_and_when(writable_store):  # noqa: F811
    note = editing.add(writable_store, NOTE, "Nguyễn Văn An")
    kept = rows(writable_store, f"SELECT text_vi, created_by, origin FROM annotations WHERE annotation_id = '{note}'")
    assert kept == [(NOTE["text_vi"], "Nguyễn Văn An", "editor")]
    editing.edit(writable_store, note, NOTE | {"text_vi": "Cổng DVCQG đổi quy tắc (sửa)"}, "Trần Thị Bình")
    assert rows(writable_store, f"SELECT text_vi, updated_by FROM annotations WHERE annotation_id = '{note}'") == [
        ("Cổng DVCQG đổi quy tắc (sửa)", "Trần Thị Bình")]
    editing.delete(writable_store, note, "Trần Thị Bình")
    assert rows(writable_store, f"SELECT count(*) FROM annotations WHERE annotation_id = '{note}'") == [(0,)]
    history = rows(writable_store, f"SELECT action, done_by, done_at IS NOT NULL FROM annotation_history "
                                   f"WHERE annotation_id = '{note}' ORDER BY done_at, action")
    assert [h[0] for h in history] == ["add", "edit", "delete"] and all(h[2] for h in history)
    assert history[0][1] == "Nguyễn Văn An" and history[2][1] == "Trần Thị Bình"


@pytest.mark.parametrize("change, field", [
    ({"starts_on": None}, "starts_on"), ({"starts_on": "01/03/2024"}, "starts_on"),
    ({"ends_on": date(2024, 1, 1)}, "ends_on"), ({"text_en": "  "}, "text_en"), ({"text_vi": "x" * 301}, "text_vi"),
    ({"entity_id": "khong-co"}, "entity_id"), ({"metric_id": "khong-co"}, "metric_id"), ({"source_id": "khong-co"}, "source_id"),
])
def test_a_wrong_field_is_named_with_its_fix_and_nothing_is_written(writable_store, change, field):  # noqa: F811
    before = file_hash(writable_store)
    with pytest.raises(editing.Refused) as refused:
        editing.add(writable_store, NOTE | change, "Nguyễn Văn An")
    assert refused.value.field == field and refused.value.message("vi") and refused.value.message("en")
    assert file_hash(writable_store) == before


def test_built_in_annotations_cannot_be_edited_or_deleted(writable_store):  # noqa: F811
    with pytest.raises(editing.Refused):
        editing.delete(writable_store, "merger-province-2025-07-01", "Nguyễn Văn An")


def test_a_rebuild_carries_the_editors_annotations(writable_store):  # noqa: F811
    note = editing.add(writable_store, NOTE, "Nguyễn Văn An")
    fresh = duckdb.connect()
    fresh.execute((ROOT / "data" / "schema.sql").read_text(encoding="utf-8"))
    assert built_in.carry(writable_store, fresh) == 1
    assert fresh.execute("SELECT annotation_id, created_by FROM annotations").fetchall() == [(note, "Nguyễn Văn An")]
    assert fresh.execute("SELECT count(*) FROM annotation_history").fetchall() == [(1,)]


# --- on the pages --------------------------------------------------------------------------------

@pytest.fixture
def page_store(writable_store, monkeypatch):  # noqa: F811
    monkeypatch.setenv("KPI_STORE", str(writable_store))
    cached_store.clear()
    yield writable_store
    cached_store.clear()


def _import_page(secrets: dict | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
    for key, value in (secrets or {}).items():
        at.secrets[key] = value
    at.run()
    at.switch_page("pages/data_import.py").run()
    assert not at.exception, at.exception
    return at


def test_an_editors_annotation_shows_on_the_trend(page_store):
    at = _import_page({"editors": {"password_hash": HASH}})
    at.text_input(key="auth_name").input("Nguyễn Văn An")
    at.text_input(key="auth_password").input(PASSWORD)
    next(b for b in at.button if b.label == "Đăng nhập").click().run()
    at.date_input(key="annotation_add_starts").set_value(date(2024, 3, 1))
    at.selectbox(key="annotation_add_place").select("ha-noi")
    at.selectbox(key="annotation_add_metric").select("online_procedures")
    at.text_input(key="annotation_add_vi").input(NOTE["text_vi"])
    at.text_input(key="annotation_add_en").input(NOTE["text_en"])
    next(b for b in at.button if b.label == "Lưu ghi chú").click().run()
    assert not at.exception, at.exception
    assert any("Đã thêm ghi chú" in s.value for s in at.success)
    assert rows(page_store, "SELECT created_by FROM annotations WHERE origin = 'editor'") == [
        ("Nguyễn Văn An (mật khẩu biên tập)",)]
    trend = apptest.open_page("xu-huong", {"metric": "online_procedures", "grain": "month", "places": "ha-noi"})
    apptest.assert_clean(trend)
    spec = json.loads(trend.get("plotly_chart")[0].proto.spec)
    markers = [t for t in spec["data"] if t.get("meta") == "events"]
    assert markers and any(NOTE["text_vi"] in h for h in markers[0]["hovertext"])
    assert NOTE["text_vi"] in apptest.captions(trend)
    other = apptest.open_page("xu-huong", {"metric": "online_procedures", "grain": "month", "places": "cao-bang"})
    spec = json.loads(other.get("plotly_chart")[0].proto.spec)
    assert not any(NOTE["text_vi"] in h for t in spec["data"] if t.get("meta") == "events" for h in t["hovertext"])
    listing = apptest.open_page("du-lieu")
    apptest.assert_clean(listing)
    assert any(NOTE["text_vi"] in df.value.to_string() for df in listing.dataframe)


def test_a_viewer_cannot_add_an_annotation(page_store):
    at = _import_page({"editors": {"password_hash": HASH}})  # sign-in offered, not signed in
    assert not [w for w in at.text_input if str(w.key).startswith("annotation_")]
    assert not [b for b in at.button if b.label == "Lưu ghi chú"]
    assert any("Chỉ biên tập viên" in c.value for c in at.caption)
    store = Store(page_store)
    try:
        assert (annotations.every(store).origin == "built-in").all()
    finally:
        store.close()
