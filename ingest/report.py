"""The error report a user downloads: their own sheet back, with an error column beside each row.

Sheet 1 is the sheet that was read, cell for cell, plus a last column “Lỗi” holding each row's
problems and fixes (highlighted); sheet 2 lists every problem (row, column, problem, fix),
including those about the file as a whole.
"""
from __future__ import annotations

import io
from collections import defaultdict

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from ingest.parse import Percent
from ingest.preview import Preview

ERROR_FILL = PatternFill("solid", fgColor="FDE2E1")
HEADER_FONT = Font(bold=True)
TITLES = {"vi": ("Lỗi", "Báo cáo lỗi", "Tất cả lỗi", "Cả tệp"), "en": ("Errors", "Error report", "All errors", "Whole file")}


def _line(issue, langs: tuple[str, ...]) -> str:
    parts = []
    for lang in langs:
        where = f"[{issue.column}] " if issue.column else ""
        parts.append(f"{where}{issue.problem(lang)} → {issue.fix(lang)}")
    return " / ".join(parts)


def _cell_value(value):
    if isinstance(value, Percent):
        return value.fraction
    return value


def report_xlsx(preview: Preview, langs: tuple[str, ...] = ("vi",)) -> bytes:
    """The report as XLSX bytes; langs ('vi',) on the page, ('vi', 'en') from the command line."""
    title = TITLES["en" if langs == ("en",) else "vi"]
    book = Workbook()
    by_row = defaultdict(list)
    for issue in preview.errors:
        by_row[issue.row].append(_line(issue, langs))
    sheet = book.active
    sheet.title = title[1]
    if preview.sheet is not None:
        header = preview.layout.header_row if preview.layout else 1
        width = max((len(r) for r in preview.sheet.rows), default=0)
        for r, row in enumerate(preview.sheet.rows, start=1):
            for c, value in enumerate(row, start=1):
                cell = sheet.cell(r, c, _cell_value(value))
                if isinstance(value, Percent):
                    cell.number_format = "0." + "0" * value.decimals + "%" if value.decimals else "0%"
            if r == header:
                sheet.cell(r, width + 1, title[0]).font = HEADER_FONT
            if by_row.get(r):
                cell = sheet.cell(r, width + 1, "\n".join(by_row[r]))
                cell.fill = ERROR_FILL
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.column_dimensions[_letter(width + 1)].width = 90
    _all_errors(book.create_sheet(title[2]), preview, langs, title[3])
    if preview.sheet is None:
        book.remove(sheet)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _all_errors(sheet, preview: Preview, langs: tuple[str, ...], whole_file: str) -> None:
    heads = {"vi": ["Dòng", "Cột", "Vấn đề", "Cách sửa"], "en": ["Row", "Column", "Problem", "Fix"]}
    sheet.append(heads[langs[0]] + [h + f" ({lang})" for lang in langs[1:] for h in heads[lang][2:]])
    for cell in sheet[1]:
        cell.font = HEADER_FONT
    for issue in sorted(preview.errors, key=lambda i: i.row or 0):
        line = [issue.row if issue.row else whole_file, issue.column or ""]
        for lang in langs:
            line += [issue.problem(lang), issue.fix(lang)]
        sheet.append(line)
    for letter, width in zip("ABCDEFGH", (10, 28, 60, 60, 60, 60)):
        sheet.column_dimensions[letter].width = width


def _letter(n: int) -> str:
    from ingest.read import column_letter

    return column_letter(n - 1)
