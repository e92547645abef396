"""What the pages show after an import and after its undo: an editor imports on the import page,
then a new tab of the rankings page shows the imported figure (value, counts, status, rank), and
after the undo shows the figure that was there before, read from the store before the import. A
figure the store did not have (a month after its last) is imported and undone too: its history
is recorded, the page offers the new month, and after the undo neither the figure nor the month
is left in what the pages read (the roll-ups)."""
from __future__ import annotations

import pytest
from ingest_cases.corpus import csv_bytes, row
from ingest_cases.helpers import table, writable_store  # noqa: F401 (fixture)

from l10n.formatting import format_value
from tests import apptest, oracle
from tests.apptest import assert_clean
from tests.test_page_import import HASH, _open, _sign_in
from ui.data import store as cached_store

SOURCE_NOV = "Báo cáo 130/BC-VPCP ngày 05/11/2026"
SOURCE_DEC = "Báo cáo 141/BC-VPCP ngày 01/12/2026"


@pytest.fixture
def page_store(writable_store, monkeypatch):  # noqa: F811
    """The app reads (and the import page writes) a private copy of the session store."""
    monkeypatch.setenv("KPI_STORE", str(writable_store))
    cached_store.clear()
    yield writable_store
    cached_store.clear()


def _import(data: bytes, name: str = "thang.csv"):
    at = _sign_in(_open({"editors": {"password_hash": HASH}}))
    at.file_uploader[0].set_value((name, data, "text/csv")).run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    at.button(key="import_confirm").click().run()
    assert not at.exception and any("Đã nhập đợt" in s.value for s in at.success)
    return at


def _undo(at, batch_id: str):
    at.selectbox(key="undo_batch").select(batch_id)
    at.checkbox(key="undo_sure").check().run()
    at.button(key="undo_button").click().run()
    assert not at.exception and any("Đã hoàn tác" in s.value for s in at.success)


def _ranking_row(period: str, place: str = "Hà Nội") -> dict:
    at = apptest.open_page("xep-hang", {"metric": "dossiers_online", "period": period}, "vi", "2025", timeout=120)
    assert_clean(at)
    shown = at.dataframe[0].value
    rows = shown[shown["Tỉnh, thành phố"].str.rstrip("*") == place]
    return rows.iloc[0].to_dict() if len(rows) else {}


def test_a_changed_figure_is_shown_after_the_import_and_the_old_one_after_the_undo(page_store):
    before = oracle.ranked(page_store, "dossiers_online", "2026-10", "province")
    old = before.places["ha-noi"]
    shown_before = _ranking_row("2026-10")
    assert shown_before["Giá trị"] == format_value(old.value, "pct", "vi") and shown_before["Trạng thái"] == "Minh họa"

    at = _import(csv_bytes([row(period="10/2026", num="1.818", den="1.876", source=SOURCE_NOV)]))
    after = oracle.ranked(page_store, "dossiers_online", "2026-10", "province")
    assert after.places["ha-noi"].value == pytest.approx(100 * 1818 / 1876)
    shown = _ranking_row("2026-10")
    assert (shown["Giá trị"], shown["Tử số/mẫu số"], shown["Trạng thái"]) == ("96,91%", "1.818/1.876", "Công bố")
    assert shown["Hạng"] == after.label("ha-noi")

    batch = table(page_store, "SELECT batch_id FROM import_batches")[0][0]
    _undo(at, batch)
    again = oracle.ranked(page_store, "dossiers_online", "2026-10", "province")
    assert again.places == before.places and again.rank == before.rank  # the roll-ups are put back too
    assert _ranking_row("2026-10") == shown_before


def test_a_brand_new_figure_is_recorded_shown_and_undone(page_store):
    assert not oracle.figures(page_store, "dossiers_online", "2026-11", "province")
    # two provinces of one region (Đồng bằng sông Hồng): the month's only figures
    at = _import(csv_bytes([row(period="11/2026", num="900", den="1.000", source=SOURCE_DEC),
                            row(place="Hải Phòng", period="11/2026", num="800", den="1.000", source=SOURCE_DEC)]),
                 "thang-11.csv")
    batch = table(page_store, "SELECT batch_id, rows_added, rows_changed FROM import_batches")[0]
    assert batch[1:] == (2, 0)
    history = table(page_store, "SELECT action, entity_id, metric_id, period, value FROM observation_history "
                                "WHERE batch_id = ? ORDER BY entity_id", [batch[0]])
    assert history == [("added", "ha-noi", "dossiers_online", "2026-11", None),
                       ("added", "hai-phong-2025", "dossiers_online", "2026-11", None)]
    assert {p.name: p.value for p in oracle.figures(page_store, "dossiers_online", "2026-11", "province").values()} \
        == {"Hà Nội": pytest.approx(90.0), "Hải Phòng": pytest.approx(80.0)}
    shown = _ranking_row("2026-11")
    assert (shown["Hạng"], shown["Giá trị"], shown["Tử số/mẫu số"], shown["Trạng thái"]) == ("1", "90,00%", "900/1.000", "Công bố")
    assert _ranking_row("2026-11", "Hải Phòng")["Hạng"] == "2"
    profile = apptest.open_page("so-sanh", {"place": "hai-phong-2025", "metric": "dossiers_online", "period": "2026-11"},
                                "vi", "2025", timeout=120)
    assert_clean(profile)
    assert {m.label: m.value for m in profile.metric}["Hạng trong vùng"] == "2/2"

    _undo(at, batch[0])
    assert not oracle.figures(page_store, "dossiers_online", "2026-11", "province")
    assert table(page_store, "SELECT count(*) FROM place_values WHERE metric_id = 'dossiers_online' AND period = '2026-11'") == [(0,)]
    assert table(page_store, "SELECT count(*) FROM group_values WHERE metric_id = 'dossiers_online' AND period = '2026-11'") == [(0,)]
    at = apptest.open_page("xep-hang", {"metric": "dossiers_online", "period": "2026-11"}, "vi", "2025", timeout=120)
    assert_clean(at)
    assert at.selectbox(key="w_period").value == "2026-10"  # the month is gone with its only figure
    assert any("2026-11" in i.value for i in at.info)
