"""Importing a one-stop system's export: the column mapping, every problem named by row, column
and fix, whole or nothing, the same file twice, the latest version winning, XLSX and Parquet
like CSV, a new month recomputing that month only, an interrupted write, demo records replaced."""
from __future__ import annotations

from datetime import datetime

import pytest

from ingest.dossiers.mapping import header_key, map_headers
from ingest.dossiers.write import Refused, import_file
from store.dossiers import dataset, kpis
from tests.dossier_records import HEADERS, copy_store, export_rows, query, record, value, write_export, write_rows

SEPT = [record("F-1"), record("F-2", finished_at=datetime(2026, 9, 15, 8, 0)),
        record("F-3", channel="in_person", full_online=False, commune_id="Phường Hải Châu", unit_kind="commune",
               unit_id="20194.H48", unit_name="UBND Phường Hải Châu")]


@pytest.fixture()
def store(store_path, tmp_path):
    return copy_store(store_path, tmp_path / "")


def test_headers_are_recognised_whatever_their_spelling():
    m = map_headers(["MA_HO_SO", "Tỉnh, thành phố", "Mã đơn vị (*)", "Tên đơn vị", "cap", "Mã thủ tục", "Lĩnh vực",
                     "Kênh tiếp nhận", "DVC toàn trình", "Thời gian tiếp nhận", "Ngày hẹn trả", "Ngày hoàn thành",
                     "Tình trạng", "Kết quả điện tử", "So hoa", "Đồng bộ", "Cập nhật lần cuối", "Ghi chú"])
    assert m.missing == () and m.unknown == ("Ghi chú",)
    assert m.columns["dossier_id"] == "MA_HO_SO" and m.columns["due_at"] == "Ngày hẹn trả"
    assert m.columns["finished_at"] == "Ngày hoàn thành" and m.columns["synced"] == "Đồng bộ"
    assert header_key("Ngày tiếp nhận (*)") == "ngay tiep nhan"


def test_a_file_with_problems_is_refused_whole_with_row_column_and_fix(store, tmp_path):
    rows = export_rows(SEPT + [record("F-4"), record("F-5")])
    col = {h: i for i, h in enumerate(rows[0])}
    rows[4][col["Ngày tiếp nhận"]] = "31/02/2026 08:00"
    rows[5][col["Hình thức nộp"]] = "Fax"
    rows[5][col["Tỉnh/Thành phố"]] = "Hà Tây"
    path = write_rows(tmp_path / "bad.csv", rows)
    before = store.read_bytes()
    with pytest.raises(Refused) as refused:
        import_file(store, path)
    report = refused.value.report()
    assert "Dòng 5, cột “Ngày tiếp nhận”: “31/02/2026 08:00” không phải ngày giờ. Sửa: ghi dạng dd/mm/yyyy hh:mm" in report
    assert "Dòng 6, cột “Hình thức nộp”: “Fax” không phải giá trị hợp lệ. Sửa: ghi một trong: Trực tuyến, Trực tiếp" in report
    assert "Dòng 6, cột “Tỉnh/Thành phố”: “Hà Tây” không phải tỉnh, thành phố" in report
    assert refused.value.total == 3 and "no record was written" in refused.value.report("en")
    assert store.read_bytes() == before
    assert value(store, "da-nang-2025", "dossiers_online", "2026-09")[2] == "demo"


def test_a_missing_column_is_named_with_its_fix(store, tmp_path):
    rows = [r[:11] + r[12:] for r in export_rows(SEPT)]  # no "Ngày tiếp nhận"
    path = write_rows(tmp_path / "short.csv", rows)
    with pytest.raises(Refused) as refused:
        import_file(store, path)
    assert "Thiếu cột Ngày tiếp nhận (received_at). Sửa: thêm cột với tiêu đề “Ngày tiếp nhận”." in refused.value.report()


def test_import_then_the_same_file_again(store, tmp_path):
    path = write_export(tmp_path / "thang-9.csv", SEPT)
    first = import_file(store, path)
    assert first.counts["added"] == 3 and first.months == [202609]
    assert value(store, "da-nang-2025", "dossiers_on_time", "2026-09")[:3] == (2, 3, "records")
    assert value(store, "da-nang-2025", "dossiers_online", "2026-09")[:2] == (2, 3)
    assert value(store, "xa-20194", "dossiers_online", "2026-09") is None  # the session store has no communes
    assert value(store, "da-nang-2025", "dossiers_online", "2026-09")[3] == first.batch_id
    before = store.read_bytes()
    again = import_file(store, path)
    assert again.batch_id is None and again.counts == {"added": 0, "changed": 0, "same": 3, "older": 0}
    assert store.read_bytes() == before


def test_the_latest_version_of_a_dossier_wins(store, tmp_path):
    older = record("F-1", finished_at=datetime(2026, 9, 20, 8, 0))           # late, updated on the 20th
    newer = record("F-1", finished_at=datetime(2026, 9, 13, 8, 0), updated_at=datetime(2026, 9, 21, 8, 0))
    import_file(store, write_export(tmp_path / "a.csv", [newer, older]))    # both in one file
    assert value(store, "da-nang-2025", "dossiers_on_time", "2026-09")[:2] == (1, 1)
    late = import_file(store, write_export(tmp_path / "b.csv", [older]))    # an old export again
    assert late.batch_id is None and late.counts["older"] == 1
    rows = query(store, "SELECT finished_at FROM kpi_dossiers WHERE dossier_id = 'F-1'")
    assert list(rows.finished_at) == [datetime(2026, 9, 13, 8, 0)]


@pytest.mark.parametrize("suffix", [".xlsx", ".parquet"])
def test_xlsx_and_parquet_read_like_csv(store, tmp_path, suffix):
    result = import_file(store, write_export(tmp_path / f"thang-9{suffix}", SEPT))
    assert result.counts["added"] == 3
    assert value(store, "da-nang-2025", "dossiers_on_time", "2026-09")[:2] == (2, 3)


def test_a_new_month_recomputes_that_month_only(store, tmp_path):
    import_file(store, write_export(tmp_path / "9.csv", SEPT))
    cube = "SELECT * FROM dossier_cube WHERE period = '2026-08' ORDER BY ALL"
    august = query(store, cube)
    october = [record("O-1", received_at=datetime(2026, 10, 5, 8, 0), due_at=datetime(2026, 10, 9, 17, 0),
                      finished_at=datetime(2026, 10, 9, 8, 0))]
    result = import_file(store, write_export(tmp_path / "10.csv", october))
    assert result.months == [202610]
    assert query(store, cube).equals(august)
    assert value(store, "da-nang-2025", "dossiers_on_time", "2026-10")[:2] == (1, 1)
    assert value(store, "da-nang-2025", "dossiers_on_time", "2026-09")[:2] == (2, 3)


def test_an_interrupted_import_leaves_the_store_and_its_records(store, tmp_path, monkeypatch):
    import_file(store, write_export(tmp_path / "9.csv", SEPT))
    before = store.read_bytes()
    versions = {d.name for d in dataset.root(store).iterdir()}

    def cut(*args, **kwargs):
        raise KeyboardInterrupt
    monkeypatch.setattr(kpis, "refresh_cube", cut)
    with pytest.raises(KeyboardInterrupt):
        import_file(store, write_export(tmp_path / "10.csv", [record("O-1", received_at=datetime(2026, 10, 5, 8, 0),
                                                                     due_at=datetime(2026, 10, 9, 17, 0),
                                                                     finished_at=None, status="processing")]))
    assert store.read_bytes() == before
    assert {d.name for d in dataset.root(store).iterdir()} == versions


def test_real_records_replace_the_demo_records_of_their_partition(store, tmp_path):
    demo_before = query(store, """SELECT count(*) AS n FROM kpi_dossiers
                                  WHERE entity_id = 'hue' AND received_month = '2026-09'""").n[0]
    assert demo_before > 100
    hue = [record("H-1", entity_id="Thừa Thiên Huế")]
    import_file(store, write_export(tmp_path / "hue.csv", hue))
    rows = query(store, "SELECT dossier_id, batch_id FROM kpi_dossiers WHERE entity_id = 'hue' AND received_month = '2026-09'")
    assert list(rows.dossier_id) == ["H-1"]
    assert value(store, "hue", "dossiers_online", "2026-09")[:3] == (1, 1, "records")
    assert query(store, "SELECT count(*) AS n FROM kpi_dossiers WHERE entity_id = 'hue' AND received_month = '2026-08'").n[0] > 100


def test_the_export_headers_are_the_usual_ones():
    assert map_headers(list(HEADERS.values())).columns == {f: h for f, h in HEADERS.items()}


def test_a_rebuild_keeps_the_imported_records(store, tmp_path):
    from store.build import build
    from tests.conftest import TEST_UNTIL

    first = import_file(store, write_export(tmp_path / "9.csv", SEPT))
    build(store, TEST_UNTIL, quiet=True)
    assert value(store, "da-nang-2025", "dossiers_on_time", "2026-09")[:3] == (2, 3, "records")
    assert list(query(store, "SELECT batch_id FROM dossier_batches").batch_id) == [first.batch_id]
    assert query(store, "SELECT count(*) AS n FROM kpi_dossiers WHERE dossier_id LIKE 'F-%'").n[0] == 3
    assert query(store, "SELECT count(*) AS n FROM kpi_dossiers WHERE entity_id = 'hue'").n[0] > 1000  # the demo sample
