"""Reading report forms without the store: the table found wherever it starts, merged headers
walked into paths, columns mapped to measures by their words whatever their order, the
column-number row skipped and its sums checked, the title block's unit, period and document,
legacy TCVN3/VNI text converted, and the arithmetic mismatches named by cell with both numbers."""
from __future__ import annotations

from datetime import date

import pytest
from form_cases import (
    DOSSIER_2_MEASURES,
    DOSSIER_2_ROWS,
    DOSSIER_3_MEASURES,
    DOSSIER_3_NUMBERS,
    DOSSIER_3_ROWS,
    ONLINE_2_MEASURES,
    ONLINE_2_ROWS,
    TASKS_3_MEASURES,
    TASKS_3_ROWS,
    TITLE,
    dossier_counts,
    form,
    total_of,
)

from ingest.forms import kinds, legacy, read_form
from ingest.forms.periods import PeriodProblem, parse_form_period

UNITS = [("1", "Sở Tư pháp", dossier_counts(10, 80, 30, 20, 70, 10, 15, 5)),
         ("2", "UBND xã Lũng Cú", dossier_counts(0, 40, 20, 10, 45, 2, 3, 0))]


def _three_rows(rows=UNITS, **kw):
    return form(DOSSIER_3_ROWS, DOSSIER_3_MEASURES, rows + [("", "Tổng cộng", total_of(rows))],
                numbers=DOSSIER_3_NUMBERS, **kw)


def test_every_declared_kind_is_valid():
    assert [k.id for k in kinds.kinds()] == ["dossiers", "tasks", "online"]


def test_a_three_row_header_becomes_paths_and_measures():
    reading = read_form(_three_rows())
    table = reading.table
    assert (table.top, table.bottom, table.numbers_row) == (9, 11, 12)
    by_letter = {c.letter: c.heading for c in table.columns}
    assert by_letter["E"] == "Số hồ sơ nhận giải quyết › Trong đó › Số mới tiếp nhận trực tuyến"
    assert by_letter["M"] == "Kết quả giải quyết › Số hồ sơ đang giải quyết › Quá hạn"
    assert reading.mapping.kind.id == "dossiers"
    assert {m: c.letter for m, c in reading.mapping.columns.items()} == dict(zip(DOSSIER_3_MEASURES, "CDEFGHIJKLM"))
    assert [(r.written, r.cell) for r in table.rules] == [("(3)=(4)+(5)+(6)", "C12"), ("(7)=(8)+(9)+(10)", "G12"),
                                                        ("(11)=(12)+(13)", "K12")]
    assert [(r.row, r.role, r.label) for r in reading.rows] == [
        (13, "unit", "Sở Tư pháp"), (14, "unit", "UBND xã Lũng Cú"), (15, "total", "Tổng cộng")]
    assert reading.rows[0].values[5] == 80 and reading.mismatches == []


def test_another_wording_and_order_maps_to_the_same_measures():
    """Two header rows, results before receipts, 'Tồn kỳ trước', 'Trực tiếp, bưu chính', a notes
    column, no column numbers, the table starting in column B under a longer title, and a
    guidance sheet before the form."""
    rows = [("1", "Sở Y tế", dossier_counts(3, 30, 7, 5, 30, 2, 2, 1))]
    data = form(DOSSIER_2_ROWS, DOSSIER_2_MEASURES, rows + [("", "Cộng", total_of(rows))],
                title=["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", *TITLE],
                blank_rows_above=3, first_col=2, extra_sheets=("Hướng dẫn",))
    reading = read_form(data)
    assert reading.grid.name == "Biểu 06a" and reading.table.numbers_row is None
    found = {m: c.letter for m, c in reading.mapping.columns.items()}
    assert found == dict(zip(DOSSIER_2_MEASURES, "DEFGHIJKLMN"))
    assert [c.heading for c in reading.mapping.unused] == ["Ghi chú"]
    assert reading.rows[-1].role == "total" and reading.mismatches == []


def test_the_title_block_gives_unit_document_and_period():
    title = read_form(_three_rows()).title
    assert [u.text for u in title.units] == ["UBND TỈNH TUYÊN QUANG"]
    assert title.number.text == "Số: 125/BC-UBND" and title.issued_on == date(2025, 10, 20)
    assert title.period.kind == "month" and (title.period.year, title.period.index) == (2025, 10)
    assert (title.period.first_day, title.period.last_day) == (date(2025, 9, 15), date(2025, 10, 14))
    assert title.count_unit == "hồ sơ"
    assert title.source_text() == ("Báo cáo 125/BC-UBND ngày 20/10/2025 của UBND TỈNH TUYÊN QUANG: Tình hình, kết "
                                   "quả giải quyết thủ tục hành chính tháng 10 năm 2025")


@pytest.mark.parametrize("text, kind, year, index", [
    ("Kỳ báo cáo: Tháng 10/2025 (từ ngày 15/9/2025 đến ngày 14/10/2025)", "month", 2025, 10),
    ("tháng 3 năm 2024", "month", 2024, 3),
    ("Quý III năm 2025", "quarter", 2025, 3),
    ("Quý 2/2025", "quarter", 2025, 2),
    ("6 tháng đầu năm 2025", "half", 2025, 1),
    ("06 tháng cuối năm 2024", "half", 2024, 2),
    ("9 tháng năm 2025", "nine_months", 2025, 1),
    ("Năm 2024", "year", 2024, 1),
    ("Từ ngày 15/12/2024 đến ngày 14/3/2025", "quarter", 2025, 1),
    ("từ ngày 15 tháng 12 năm 2023 đến ngày 14 tháng 12 năm 2024", "year", 2024, 1),
    ("từ ngày 01/10/2025 đến ngày 31/10/2025", "month", 2025, 10),
])
def test_periods_as_forms_write_them(text, kind, year, index):
    found = parse_form_period(text)
    assert (found.kind, found.year, found.index) == (kind, year, index)


def test_a_period_that_contradicts_its_dates_is_a_problem():
    with pytest.raises(PeriodProblem) as problem:
        parse_form_period("Tháng 10/2025 (từ ngày 15/10/2025 đến ngày 14/11/2025)")
    assert problem.value.code == "form_period_disagree"
    assert problem.value.params["span"] == "Tháng 11/2025"


def test_arithmetic_mismatches_name_the_cells_and_both_numbers():
    rows = [("1", "Sở Tư pháp", dossier_counts(10, 80, 30, 20, 70, 10, 15, 5, handled_total=99)),
            ("2", "UBND xã Lũng Cú", dossier_counts(0, 40, 20, 10, 45, 2, 3, 0))]
    total = total_of(rows, new_online=121)
    data = form(DOSSIER_3_ROWS, DOSSIER_3_MEASURES, rows + [("", "Tổng cộng", total)], numbers=DOSSIER_3_NUMBERS)
    reading = read_form(data)
    found = [(i.column, i.problem("vi")) for i in reading.issues if i.severity == "warning"]
    assert found == [
        ("G13", "Ô G13 = 99 nhưng H13 + I13 + J13 = 100 (quy tắc (7)=(8)+(9)+(10))."),
        ("C15", "Ô C15 = 180 nhưng D15 + E15 + F15 = 181 (quy tắc (3)=(4)+(5)+(6))."),
        ("G15", "Ô G15 = 156 nhưng H15 + I15 + J15 = 157 (quy tắc (7)=(8)+(9)+(10))."),
        ("E15", "Ô E15 (dòng “Tổng cộng”) = 121 nhưng tổng các dòng đơn vị E13:E14 = 120."),
    ]
    english = [i.problem("en") for i in reading.issues if i.severity == "warning"]
    assert english[3] == "Cell E15 (row “Tổng cộng”) = 121 but the unit rows E13:E14 add up to 120."


def test_group_subtotals_are_checked_against_their_units():
    rows = [("I", "Cấp tỉnh", total_of(UNITS[:1], pending_overdue=6)), *UNITS[:1],
            ("II", "Cấp xã", total_of(UNITS[1:])), *UNITS[1:]]
    reading = read_form(form(DOSSIER_3_ROWS, DOSSIER_3_MEASURES, rows + [("", "Tổng cộng", total_of(UNITS))],
                             numbers=DOSSIER_3_NUMBERS))
    assert [r.role for r in reading.rows] == ["group", "unit", "group", "unit", "total"]
    warnings = [i for i in reading.issues if i.severity == "warning"]
    assert [(i.code, i.column) for i in warnings] == [("form_mismatch_sum", "K13"), ("form_mismatch_group", "M13")]
    assert warnings[1].problem("vi") == "Ô M13 (nhóm “Cấp tỉnh”) = 6 nhưng các dòng của nhóm M14 cộng lại = 5."


def test_tasks_and_online_forms_are_recognised_by_their_words():
    tasks = read_form(form(TASKS_3_ROWS, TASKS_3_MEASURES, [("1", "Sở Nội vụ", dict(
        assigned=12, done_total=9, done_on_time=8, done_late=1, undone_total=3, in_progress=2, overdue=1))]))
    assert tasks.mapping.kind.id == "tasks"
    assert {m: c.letter for m, c in tasks.mapping.columns.items()} == dict(zip(TASKS_3_MEASURES, "CDEFGHI"))
    online = read_form(form(ONLINE_2_ROWS, ONLINE_2_MEASURES, [("1", "Sở Y tế", dict(
        procedures_total=120, offered_total=100, offered_full=60, offered_partial=40, dossiers_total=500,
        dossiers_online=400, dossiers_offline=100))]))
    assert online.mapping.kind.id == "online"
    assert {m: c.letter for m, c in online.mapping.columns.items()} == dict(zip(ONLINE_2_MEASURES, "CDEFGHI"))


def test_not_a_form_is_not_read_as_one():
    assert read_form(b"dia phuong;chi tieu\n") is None
    plain = form([[("Ghi chép", 1, 1), ("Nội dung", 1, 1), ("Người", 1, 1)]], [], [("1", "x", {})])
    assert read_form(plain) is None


@pytest.mark.parametrize("typed, font, unicode", [
    ("Hµ Giang", ".VnTime", "Hà Giang"),
    ("Sè hå s¬ ®· gi¶i quyÕt", ".VnTime", "Số hồ sơ đã giải quyết"),
    ("ubnd tØnh tuyªn quang", ".VnTimeH", "UBND TỈNH TUYÊN QUANG"),
    ("Haø Giang", "VNI-Times", "Hà Giang"),
    ("Soá hoà sô ñaõ giaûi quyeát", "VNI-Times", "Số hồ sơ đã giải quyết"),
    ("Trung t©m Phôc vô hµnh chÝnh c«ng", "Arial", "Trung tâm Phục vụ hành chính công"),  # by content
    ("UBND TÆNH HAØ GIANG", "Times New Roman", "UBND TỈNH HÀ GIANG"),                    # VNI by content
])
def test_legacy_text_is_converted(typed, font, unicode):
    assert legacy.detect(typed, font)[1] == unicode


@pytest.mark.parametrize("text", ["Hà Giang", "Công an tỉnh", "Xã Lũng Cú", "Ghi chú: «xem»", "Phó Chủ tịch", "2×3"])
def test_unicode_text_is_left_alone(text):
    assert legacy.detect(text, "Times New Roman") is None


def _tcvn3(text: str) -> str:
    back = {v: k for k, v in legacy.TCVN3.items()}
    return "".join(back.get(ch, ch) for ch in text)


def test_a_form_typed_in_tcvn3_is_read_with_a_notice():
    """Capitals cannot carry tone marks in TCVN3: they are typed as small letters in the
    capitals-only font .VnTimeH; the rest in .VnTime."""
    capitals = {_tcvn3(line.lower()): line for line in TITLE if line == line.upper()}
    title = [_tcvn3(line.lower()) if line in capitals.values() else _tcvn3(line) for line in TITLE]
    rows = [("1", _tcvn3("Sở Tư pháp"), dossier_counts(10, 80, 30, 20, 70, 10, 15, 5))]
    levels = [[(_tcvn3(t), w, h) for t, w, h in level] for level in DOSSIER_3_ROWS]
    data = form(levels, DOSSIER_3_MEASURES, rows + [("", _tcvn3("Tổng cộng"), total_of(rows))], title=title,
                numbers=DOSSIER_3_NUMBERS, font=lambda text: ".VnTimeH" if text in capitals else ".VnTime")
    reading = read_form(data)
    assert reading.mapping.has(*DOSSIER_3_MEASURES)
    assert [r.label for r in reading.rows] == ["Sở Tư pháp", "Tổng cộng"]
    assert reading.title.units[0].text == "UBND TỈNH TUYÊN QUANG" and reading.title.period.index == 10
    assert reading.title.title.startswith("Tình hình, kết quả giải quyết thủ tục hành chính")
    # 7 title lines, 17 headings, 2 rows; the signature block was typed in Unicode in the same
    # font, and is left as it is
    assert reading.grid.value(17, 2) == "- Văn phòng Chính phủ;"
    notice = next(i for i in reading.issues if i.code == "form_legacy")
    assert notice.problem("vi") == ("26 ô gõ bằng bảng mã TCVN3 (ABC) (phông .VnTime, .VnTimeH) đã được chuyển sang "
                                    "Unicode, ví dụ A1: “ubnd tØnh tuyªn quang” → “UBND TỈNH TUYÊN QUANG”.")
