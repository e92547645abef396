"""Report forms through the whole import: the blank forms offered for download are read back;
a filled form goes through ingest.prepare (as the page and the CLI call it), is written as one
batch with its new agencies and its arithmetic as quality flags, is undone exactly, survives a
rebuild of the store, and is refused by `python -m ingest` (exit 2) without a byte changed."""
from __future__ import annotations

import io
from datetime import date, datetime

import openpyxl
import pytest
from form_cases import DOSSIER_3_MEASURES, DOSSIER_3_NUMBERS, DOSSIER_3_ROWS, dossier_counts, form, total_of
from ingest_cases.helpers import file_hash, observations, table, writable_store  # noqa: F401 (fixture)

from ingest import import_plan, prepare, templates, undo
from ingest.__main__ import main
from ingest.forms import read_form
from metrics.db import Store

TODAY = date(2026, 11, 15)
UNITS = [("1", "Sở Tư pháp", dossier_counts(10, 80, 30, 20, 70, 10, 15, 5)),
         ("2", "Sở Y tế", dossier_counts(2, 50, 10, 5, 50, 2, 4, 1, handled_total=58))]


def _good() -> bytes:
    return form(DOSSIER_3_ROWS, DOSSIER_3_MEASURES, UNITS + [("", "Tổng cộng", total_of(UNITS))],
                numbers=DOSSIER_3_NUMBERS)


def _prepare(path, data, **kw):
    store = Store(path)
    try:
        return prepare(store, "bieu-thang-10.xlsx", data, today=TODAY, **kw)
    finally:
        store.close()


def _entities(path):
    return table(path, "SELECT entity_id, entity_kind, name_vi, unit_type, parent_id, region_id, batch_id "
                       "FROM entities WHERE entity_kind = 'agency' ORDER BY 1")


def _flags(path):
    return table(path, "SELECT entity_id, metric_id, period, kind, stated_value, computed_value, batch_id "
                       "FROM quality_flags WHERE kind = 'form_arithmetic' ORDER BY 1")


@pytest.mark.parametrize("key, kind, measures", [("form-dossiers", "dossiers", 11), ("form-tasks", "tasks", 7),
                                                 ("form-online", "online", 7)])
def test_the_blank_forms_are_read_back(store, key, kind, measures):
    reading = read_form(templates.build(store, key))
    assert reading.mapping.kind.id == kind and len(reading.mapping.columns) == measures
    assert reading.table.numbers_row and reading.table.rules
    assert [r.role for r in reading.rows] == ["total"]


def test_a_filled_blank_form_is_imported(writable_store):  # noqa: F811
    book = openpyxl.load_workbook(io.BytesIO(templates.build(Store(writable_store), "form-dossiers")))
    ws = book.active
    ws["A1"], ws["A2"] = "UBND TỈNH TUYÊN QUANG", "Số: 77/BC-UBND"
    ws["J3"] = "Tuyên Quang, ngày 16 tháng 10 năm 2025"
    ws["A6"] = "Kỳ báo cáo: Tháng 10/2025 (từ ngày 15/9/2025 đến ngày 14/10/2025)"
    ws["B13"] = "Sở Xây dựng"
    for col, value in zip("CDEFGHIJKLM", (20, 2, 15, 3, 18, 4, 12, 2, 2, 1, 1)):
        ws[f"{col}13"] = value
        ws[f"{col}25"] = value
    out = io.BytesIO()
    book.save(out)
    preview = _prepare(writable_store, out.getvalue())
    assert preview.ok and not preview.warnings, [i.problem() for i in preview.errors + preview.warnings]
    figures = {(r.entity_id, r.metric_id): (r.numerator, r.denominator) for r in preview.records}
    assert figures[("tuyen-quang-2025.so-xay-dung", "dossiers_on_time")] == (16, 18)
    assert figures[("tuyen-quang-2025", "dossiers_online")] == (15, 18)


def test_a_form_is_written_with_its_agencies_and_flags_and_undone_exactly(writable_store):  # noqa: F811
    before = (observations(writable_store), _entities(writable_store), _flags(writable_store))
    preview = _prepare(writable_store, _good())
    assert preview.ok and [i.column for i in preview.warnings] == ["G14", "G15"]
    written = import_plan(writable_store, preview, who="vp@tuyenquang.gov.vn", now=datetime(2026, 11, 20, 8, 0))
    assert written.added + written.changed == len(preview.records) == 9
    assert _entities(writable_store) == [
        ("tuyen-quang-2025.so-tu-phap", "agency", "Sở Tư pháp", "sở", "tuyen-quang-2025", "tdmnpb", written.batch_id),
        ("tuyen-quang-2025.so-y-te", "agency", "Sở Y tế", "sở", "tuyen-quang-2025", "tdmnpb", written.batch_id)]
    assert _flags(writable_store) == [
        ("tuyen-quang-2025", "dossiers_on_time", "2025-10", "form_arithmetic", 158, 157, written.batch_id),
        ("tuyen-quang-2025.so-y-te", "dossiers_on_time", "2025-10", "form_arithmetic", 58, 57, written.batch_id)]
    stored = table(writable_store, "SELECT numerator, denominator, status, source_id, batch_id FROM observations "
                                   "WHERE entity_id = 'tuyen-quang-2025.so-y-te' AND metric_id = 'dossiers_on_time'")
    assert stored == [(55, 57, "published", "125/BC-UBND", written.batch_id)]   # the parts, which add up
    ranked = table(writable_store, "SELECT entity_id, value FROM place_values WHERE metric_id = 'dossiers_on_time' "
                                   "AND period = '2025-10' AND boundary = 'time' AND entity_id LIKE 'tuyen-quang-2025.%' "
                                   "ORDER BY value DESC")
    assert [r[0] for r in ranked] == ["tuyen-quang-2025.so-y-te", "tuyen-quang-2025.so-tu-phap"]
    undo(writable_store, written.batch_id)
    assert (observations(writable_store), _entities(writable_store), _flags(writable_store)) == before


def test_imported_agencies_and_flags_survive_a_rebuild(writable_store):  # noqa: F811
    from conftest import TEST_UNTIL

    from store.build import build

    preview = _prepare(writable_store, _good())
    written = import_plan(writable_store, preview, who="vp@tuyenquang.gov.vn")
    agencies, flags = _entities(writable_store), _flags(writable_store)
    build(writable_store, TEST_UNTIL, quiet=True)
    assert _entities(writable_store) == agencies and _flags(writable_store) == flags
    assert table(writable_store, "SELECT count(*) FROM observations WHERE batch_id = ?", [written.batch_id]) == [(9,)]


def test_the_command_line_takes_a_form_and_refuses_a_bad_one(writable_store, tmp_path, capsys):  # noqa: F811
    good, bad = tmp_path / "bieu-thang-10.xlsx", tmp_path / "bieu-sai.xlsx"
    good.write_bytes(_good())
    rows = UNITS + [("3", "Hội Nông dân tỉnh", dossier_counts(0, 1, 1, 0, 1, 0, 0, 0))]
    bad.write_bytes(form(DOSSIER_3_ROWS, DOSSIER_3_MEASURES, rows + [("", "Tổng cộng", total_of(rows))]))
    before = file_hash(writable_store)
    assert main([str(bad), "--db", str(writable_store)]) == 2
    err = capsys.readouterr().err
    assert "“Hội Nông dân tỉnh” không phải xã, phường hay cơ quan nào của Tuyên Quang." in err
    assert "dòng/row 14, cột/column B14: “Hội Nông dân tỉnh”" in err
    assert file_hash(writable_store) == before
    assert main([str(good), "--db", str(writable_store), "--dry-run"]) == 0
    assert file_hash(writable_store) == before
    assert main([str(good), "--db", str(writable_store), "--by", "test"]) == 0
    out = capsys.readouterr()
    assert "Cảnh báo / Warnings:" in out.err and "Ô G14 = 58 nhưng H14 + I14 + J14 = 57" in out.err
    assert len(_entities(writable_store)) == 2
