"""Tests written to kill the mutants that survived `make mutate`: each pins a behaviour a user or
a caller relies on that no other test held exactly (docs/mutation-survivors.md lists the
mutants that cannot be told apart, with the reason)."""
from __future__ import annotations

import io
from datetime import date, datetime

import numpy as np
import pandas as pd
import pytest
from openpyxl import load_workbook

from exports import tables
from ui import labels

# --- exports.tables: what the CSV and XLSX downloads hold, cell by cell -------------------------


def _book(df: pd.DataFrame, sources: pd.DataFrame | None = None, formats: dict | None = None):
    sources = pd.DataFrame({"Nguồn": ["766/QĐ-TTg (23/06/2022)"]}) if sources is None else sources
    return load_workbook(io.BytesIO(tables.to_xlsx(df, sources, "Dữ liệu minh họa", "vi", formats)))


def test_csv_is_utf8_with_one_bom_crlf_lines_and_no_index():
    data = tables.to_csv(pd.DataFrame({"Tỉnh": ["Hà Giang", "Huế"], "Giá trị": [96.91, 1818.0]}))
    assert data.startswith(b"\xef\xbb\xbf") and not data.startswith(b"\xef\xbb\xbf\xef\xbb\xbf")
    assert data[3:].decode("utf-8") == "Tỉnh,Giá trị\r\nHà Giang,96.91\r\nHuế,1818.0\r\n"


def test_formulas_are_neutralised_in_object_and_string_columns_only():
    mixed = pd.Series([1, "=1+1", None], dtype=object)
    text = pd.Series(["@SUM(A1)", "ok"], dtype="string")
    assert list(tables.neutralised(pd.DataFrame({"a": mixed})).a)[:2] == [1, "'=1+1"]
    assert list(tables.neutralised(pd.DataFrame({"t": text})).t) == ["'@SUM(A1)", "ok"]
    numbers = pd.DataFrame({"n": [-2.0, 3.0]})  # a negative number is not a formula
    assert list(tables.neutralised(numbers).n) == [-2.0, 3.0]
    for cell in ("=x", "+1", "-1", "@x", "\t=x", "\r=x"):
        assert tables.is_formula_like(cell), cell
    assert not tables.is_formula_like("1-2") and not tables.is_formula_like(5)


def test_xlsx_cells_have_their_types_and_formats():
    frame = pd.DataFrame({
        "Số": pd.Series([1818, 5], dtype="int64"), "Tỷ lệ": [96.91, np.float64(1.5)],
        "Ngày": pd.to_datetime(["2025-10-05", "2024-01-31"]), "Đạt": [True, False],
        "Ghi chú": ["=HYPERLINK(1)", None], "Thiếu": pd.array([pd.NA, 3], dtype="Int64"),
    })
    sheet = _book(frame).worksheets[0]
    assert [c.value for c in sheet[1]] == list(frame.columns)
    row = sheet[2]
    assert (row[0].value, row[0].number_format) == (1818, "#,##0") and type(row[0].value) is int
    assert (row[1].value, row[1].number_format) == (96.91, "#,##0.00") and type(row[1].value) is float
    assert row[2].value == datetime(2025, 10, 5) and row[2].number_format == "dd/mm/yyyy"
    assert row[3].value is True and row[3].number_format == "General"
    assert row[4].value == "=HYPERLINK(1)" and row[4].data_type == "s" and row[4].quotePrefix
    assert row[5].value is None and sheet[3][5].value == 3
    assert sheet[3][4].value is None and not sheet[3][4].quotePrefix
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:F3"


def test_xlsx_number_formats_from_the_caller_win_and_empty_cells_keep_none():
    sheet = _book(pd.DataFrame({"Tỷ lệ": [96.91, None]}), formats={"Tỷ lệ": '0.00"%"'}).worksheets[0]
    assert sheet["A2"].number_format == '0.00"%"' and sheet["A3"].value is None
    assert sheet["A3"].number_format == "General"


def test_xlsx_sources_sheet_layout_and_widths():
    sources = pd.DataFrame({"Nguồn": ["766/QĐ-TTg (23/06/2022)", "876/QĐ-BNV (10/11/2022)"], "Số": [3, 4]})
    book = _book(pd.DataFrame({"x": ["a" * 80], "y": [1]}), sources)
    named = book["Nguồn"]
    assert (named["A1"].value, named["B1"].value) == ("Trạng thái", "Dữ liệu minh họa") and named["A1"].font.b
    assert [named["A3"].value, named["B3"].value] == ["Nguồn", "Số"] and named["A3"].font.b
    assert [named["A4"].value, named["A5"].value, named["B5"].value] == [sources.Nguồn[0], sources.Nguồn[1], 4]
    assert named["B4"].number_format == "#,##0"
    data = book.worksheets[0]
    assert data.column_dimensions["A"].width == tables.MAX_WIDTH  # long text is capped
    assert named.column_dimensions["B"].width == len("Dữ liệu minh họa") + 2
    assert data.column_dimensions["B"].width == 10  # short columns get the minimum
    head = data["A1"]
    assert head.font.b and head.font.color.rgb.endswith("FFFFFF") and head.alignment.wrap_text


def test_xlsx_in_english_names_its_sheets_in_english():
    book = load_workbook(io.BytesIO(tables.to_xlsx(pd.DataFrame({"a": [1]}), pd.DataFrame({"Source": ["x"]}),
                                                   "Demo data", "en")))
    assert book.sheetnames[1] == "Sources" and book["Sources"]["A1"].value == "Status"


def test_cell_values_are_plain_python():
    assert tables._cell_value(np.int64(3)) == 3 and type(tables._cell_value(np.int64(3))) is int
    assert tables._cell_value(pd.NA) is None and tables._cell_value(pd.NaT) is None
    assert tables._cell_value(float("nan")) is None and tables._cell_value(None) is None
    assert tables._cell_value(pd.Timestamp("2025-01-02")) == datetime(2025, 1, 2)
    assert tables._cell_value(date(2025, 1, 2)) == date(2025, 1, 2) and tables._cell_value("x") == "x"


# --- ui.labels: the page's words, outside a running page ------------------------------------------


@pytest.mark.parametrize("lang, whole, name", [("vi", "xã, phường của Hà Nội", "Hà Nội"),
                                              ("en", "communes of Hanoi", "Hanoi")])
def test_communes_of_a_province_are_named_in_the_language(lang, whole, name):
    assert labels.kind_plural("commune", lang, "ha-noi") == whole
    assert labels.province_name("ha-noi", lang) == name


def test_an_unknown_province_is_shown_by_its_id():
    assert labels.province_name("khong-co", "vi") == "khong-co"


def test_the_kinds_and_periods_in_words():
    assert labels.kind_plural("province", "vi") == "tỉnh, thành phố" and labels.kind_plural("commune", "vi") == "xã, phường"
    assert labels.kind_label("ministry", "en") == "Ministry"
    assert labels.period_text("2026-10", "vi") == "tháng 10/2026" and labels.period_text("2024", "vi") == "năm 2024"
    assert labels.period_text("2026-10", "en") == "Oct 2026"
    assert labels.subtitle("Tỉnh, thành phố", None, "", "Tháng 10/2026") == "Tỉnh, thành phố · Tháng 10/2026"
    assert (labels.boundary_label("vi", "time"), labels.boundary_label("vi", "2025")) == ("bản đồ tại thời điểm", "bản đồ 2025")
