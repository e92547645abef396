"""The corpus of bad files through the checks and the command line: each is refused naming the
right row and column, in both languages on standard error, and the store is byte-for-byte unchanged."""
from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from ingest_cases.corpus import bad_files, csv_bytes, mixed_file, row
from ingest_cases.helpers import file_hash, writable_store  # noqa: F401 (fixture)

from ingest import prepare
from ingest.__main__ import main
from ingest.messages import MESSAGES
from ingest.report import report_xlsx

ROOT = Path(__file__).resolve().parent.parent
BAD = bad_files()


def _named(issue, bad) -> bool:
    return (issue.code == bad.code and issue.row == bad.row
            and (bad.column is None or (issue.column or "").startswith(bad.column + " ")))


@pytest.mark.parametrize("bad", BAD, ids=[b.name for b in BAD])
def test_each_bad_file_is_refused_naming_row_and_column(store, bad):
    preview = prepare(store, bad.file_name, bad.data)
    assert not preview.ok and preview.plan is None
    assert any(_named(i, bad) for i in preview.errors), [(i.code, i.row, i.column) for i in preview.errors]
    for issue in preview.errors:
        assert issue.code in MESSAGES and issue.problem("vi") and issue.fix("vi") and issue.fix("en")


def test_duplicates_name_both_rows_and_the_merger(store):
    bad = next(b for b in BAD if b.name == "duplicate_after_merger")
    preview = prepare(store, bad.file_name, bad.data)
    dups = [i for i in preview.errors if i.code == "duplicate"]
    assert sorted(i.row for i in dups) == [2, 3]
    assert "dòng 2" in next(i for i in dups if i.row == 3).problem("vi")
    assert "Hà Giang" in dups[0].problem("vi") and "sau sáp nhập" in dups[0].problem("vi")
    assert "after the merger" in dups[0].problem("en")


def test_a_mix_of_good_and_bad_rows_names_only_the_bad_ones(store):
    data, bad_rows = mixed_file()
    preview = prepare(store, "mix.csv", data)
    assert {i.row: i.code for i in preview.errors} == bad_rows
    assert preview.plan is None  # all or nothing: the good rows wait for the bad ones to be fixed


@pytest.mark.parametrize("bad", BAD, ids=[b.name for b in BAD])
def test_the_command_line_refuses_with_the_report_on_stderr(writable_store, tmp_path, capsys, bad):  # noqa: F811
    path = tmp_path / bad.file_name
    path.write_bytes(bad.data)
    before = file_hash(writable_store)
    code = main([str(path), "--db", str(writable_store)])
    out, err = capsys.readouterr()
    assert code == 2
    assert file_hash(writable_store) == before
    vi, _, en, _ = MESSAGES[bad.code]
    assert vi.split("{")[0].strip()[:20] in err and en.split("{")[0].strip()[:20] in err
    if bad.row:
        assert f"dòng/row {bad.row}" in err
    if bad.column:
        assert f"cột/column {bad.column} " in err
    assert "nothing written" in err


def test_the_command_line_writes_the_error_report_when_asked(writable_store, tmp_path, capsys):  # noqa: F811
    data, bad_rows = mixed_file()
    path = tmp_path / "mix.csv"
    path.write_bytes(data)
    report = tmp_path / "loi.xlsx"
    assert main([str(path), "--db", str(writable_store), "--report", str(report)]) == 2
    sheet = openpyxl.load_workbook(report).worksheets[0]
    errors = {r: sheet.cell(r, sheet.max_column).value for r in range(2, sheet.max_row + 1)}
    assert {r for r, v in errors.items() if v} == set(bad_rows)
    assert "Xứ Đoài" in errors[3] and "→" in errors[3] and " / " in errors[3]  # both languages


def test_the_page_report_puts_an_error_column_beside_each_row(store):
    data, bad_rows = mixed_file()
    book = openpyxl.load_workbook(io.BytesIO(report_xlsx(prepare(store, "mix.csv", data))))
    sheet = book.worksheets[0]
    assert sheet.cell(1, sheet.max_column).value == "Lỗi"
    assert [sheet.cell(r, 1).value for r in range(1, 7)] == ["Địa phương", "Hà Nội", "Xứ Đoài", "Đà Nẵng", "Cần Thơ", "Huế"]
    marked = {r for r in range(2, sheet.max_row + 1) if sheet.cell(r, sheet.max_column).value}
    assert marked == set(bad_rows)
    all_errors = book.worksheets[1]
    assert [c.value for c in all_errors[1]] == ["Dòng", "Cột", "Vấn đề", "Cách sửa"]
    assert all_errors.max_row == 1 + len(bad_rows)


def test_a_file_refused_as_a_whole_still_gets_a_report(store):
    bad = next(b for b in BAD if b.name == "pdf_named_xlsx")
    book = openpyxl.load_workbook(io.BytesIO(report_xlsx(prepare(store, bad.file_name, bad.data))))
    assert book.sheetnames == ["Tất cả lỗi"] and book.active.cell(2, 1).value == "Cả tệp"


def test_the_real_command_exits_non_zero_and_leaves_the_store(writable_store, tmp_path):  # noqa: F811
    path = tmp_path / "a.csv"
    path.write_bytes(csv_bytes([row(), row(place="Hà Giangg", period="03/2024")]))
    before = file_hash(writable_store)
    done = subprocess.run([sys.executable, "-m", "ingest", str(path), "--db", str(writable_store)],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 2
    assert "dòng/row 3, cột/column A “Địa phương”: Không nhận ra địa phương" in done.stderr
    assert "“Hà Giangg” is not a known province or ministry" in done.stderr
    assert file_hash(writable_store) == before
