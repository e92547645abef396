"""The templates agencies download: Vietnamese headers, instructions, the valid metric ids and place
names; filled in as agencies do, each is read back without a problem."""
from __future__ import annotations

import io
from datetime import date

import openpyxl
import pytest

from ingest import prepare, templates
from metrics import catalogue

TODAY = date(2026, 11, 15)


def _book(store, key):
    return openpyxl.load_workbook(io.BytesIO(templates.build(store, key, TODAY)))


def _save(book) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("key", [t.key for t in templates.TEMPLATES if not (t.kind or "").startswith("form:")])
def test_every_template_has_instructions_and_the_valid_lists(store, key):
    book = _book(store, key)
    assert book.sheetnames == ["Số liệu", "Hướng dẫn", "Chỉ tiêu", "Địa phương"]
    assert "HƯỚNG DẪN" in book["Hướng dẫn"]["A1"].value
    metric_ids = [c.value for c in book["Chỉ tiêu"]["A"][1:]]
    assert metric_ids == list(catalogue.catalogue())
    places = {r[0].value: r[4].value for r in book["Địa phương"].iter_rows(min_row=2)}
    assert places["Hà Giang"] == "không" and places["Bộ Tư pháp"] == "có"
    assert sum(1 for r in book["Địa phương"].iter_rows(min_row=2) if r[1].value.startswith("tỉnh") and r[4].value == "có") == 34


def test_the_wide_template_lists_the_34_provinces_and_the_monthly_metrics(store):
    sheet = _book(store, "wide-province")["Số liệu"]
    heads = [c.value for c in sheet[5]]
    assert heads[:2] == ["STT", "Tỉnh, thành phố"]
    assert "Hồ sơ nộp trực tuyến — tử số [dossiers_online/tu_so]" in heads
    assert [sheet.cell(r, 2).value for r in range(6, 40)].count(None) == 0 and sheet.cell(40, 2).value is None
    assert sheet["B2"].value == "Kỳ báo cáo:" and sheet["B3"].value == "Văn bản nguồn:"


def test_a_filled_wide_template_is_read_back(store):
    book = _book(store, "wide-province")
    sheet = book["Số liệu"]
    sheet["C2"], sheet["C3"] = "09/2025", "Báo cáo 125/BC-VPCP ngày 05/10/2025"
    heads = {c.value: c.column for c in sheet[5] if c.value}
    numerator = heads["Hồ sơ nộp trực tuyến — tử số [dossiers_online/tu_so]"]
    for r in range(6, 40):
        sheet.cell(r, numerator, 900)
        sheet.cell(r, numerator + 1, 1000)
    preview = prepare(store, "thang-9.xlsx", _save(book), today=TODAY)
    assert preview.ok and len(preview.records) == 34
    assert {r.metric_id for r in preview.records} == {"dossiers_online"}
    assert {r.value for r in preview.records} == {90.0}


def test_a_filled_long_template_is_read_back(store):
    book = _book(store, "long")
    sheet = book["Số liệu"]
    sheet.append(["Bộ Tư pháp", "index766", "09/2025", 91.5, None, None, "Báo cáo 12/BC-BTP ngày 03/10/2025"])
    sheet.append(["TP. Hồ Chí Minh", "Hồ sơ nộp trực tuyến", "Q3/2025", None, "1.200", "1.500",
                  "Báo cáo 12/BC-BTP ngày 03/10/2025", "công bố"])
    preview = prepare(store, "doc.xlsx", _save(book), today=TODAY)
    assert preview.ok, [(i.row, i.column, i.problem()) for i in preview.errors]
    assert [(r.entity_id, r.metric_id, r.period.key) for r in preview.records] == [
        ("moj", "index766", "2025-09"), ("ho-chi-minh-2025", "dossiers_online", "2025-Q3")]
