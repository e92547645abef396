"""Report forms built in code, as agencies send them: a title block, a table whose header spans
two or three rows of merged cells, a row of column numbers, one row per unit, a total row, and
a signature block. Each builder returns the .xlsx bytes; the layouts differ in wording and order."""
from __future__ import annotations

import io

import openpyxl
from openpyxl.styles import Font

# A header level: (text, width in columns, height in rows); a level's cells sit under the cells above.
DOSSIER_3_ROWS = [
    [("STT", 1, 3), ("Tên đơn vị", 1, 3), ("Số hồ sơ nhận giải quyết", 4, 1), ("Kết quả giải quyết", 7, 1)],
    [("Tổng số", 1, 2), ("Trong đó", 3, 1), ("Số hồ sơ đã giải quyết", 4, 1), ("Số hồ sơ đang giải quyết", 3, 1)],
    [("Số kỳ trước chuyển qua", 1, 1), ("Số mới tiếp nhận trực tuyến", 1, 1),
     ("Số mới tiếp nhận (trực tiếp hoặc dịch vụ bưu chính)", 1, 1), ("Tổng số", 1, 1), ("Trả trước hạn", 1, 1),
     ("Trả đúng thời hạn", 1, 1), ("Trả quá hạn", 1, 1), ("Tổng số", 1, 1), ("Chưa đến hạn", 1, 1), ("Quá hạn", 1, 1)],
]
DOSSIER_3_MEASURES = ["received_total", "carried_over", "new_online", "new_offline", "handled_total", "handled_early",
                      "handled_on_time", "handled_late", "pending_total", "pending_in_time", "pending_overdue"]
DOSSIER_3_NUMBERS = ["(1)", "(2)", "(3)=(4)+(5)+(6)", "(4)", "(5)", "(6)", "(7)=(8)+(9)+(10)", "(8)", "(9)", "(10)",
                     "(11)=(12)+(13)", "(12)", "(13)"]

# Another province's wording, two rows, the results before the dossiers received.
DOSSIER_2_ROWS = [
    [("TT", 1, 2), ("Cơ quan, đơn vị", 1, 2), ("Đã giải quyết", 4, 1), ("Đang giải quyết", 3, 1), ("Tiếp nhận", 4, 1),
     ("Ghi chú", 1, 2)],
    [("Tổng", 1, 1), ("Trước hạn", 1, 1), ("Đúng hạn", 1, 1), ("Quá hạn", 1, 1), ("Tổng", 1, 1), ("Trong hạn", 1, 1),
     ("Quá hạn", 1, 1), ("Tổng số", 1, 1), ("Tồn kỳ trước", 1, 1), ("Trực tuyến", 1, 1), ("Trực tiếp, bưu chính", 1, 1)],
]
DOSSIER_2_MEASURES = ["handled_total", "handled_early", "handled_on_time", "handled_late", "pending_total",
                      "pending_in_time", "pending_overdue", "received_total", "carried_over", "new_online", "new_offline"]

TASKS_3_ROWS = [
    [("STT", 1, 3), ("Cơ quan, đơn vị", 1, 3), ("Tổng số nhiệm vụ được giao", 1, 3), ("Kết quả thực hiện", 6, 1)],
    [("Đã hoàn thành", 3, 1), ("Chưa hoàn thành", 3, 1)],
    [("Tổng số", 1, 1), ("Đúng hạn", 1, 1), ("Quá hạn", 1, 1), ("Tổng số", 1, 1), ("Trong hạn", 1, 1),
     ("Quá hạn", 1, 1)],
]
TASKS_3_MEASURES = ["assigned", "done_total", "done_on_time", "done_late", "undone_total", "in_progress", "overdue"]

ONLINE_2_ROWS = [
    [("STT", 1, 2), ("Tên cơ quan", 1, 2), ("Tổng số TTHC", 1, 2), ("Số TTHC cung cấp dịch vụ công trực tuyến", 3, 1),
     ("Số hồ sơ tiếp nhận", 3, 1)],
    [("Tổng số", 1, 1), ("Toàn trình", 1, 1), ("Một phần", 1, 1), ("Tổng số", 1, 1), ("Trực tuyến", 1, 1),
     ("Trực tiếp, bưu chính", 1, 1)],
]
ONLINE_2_MEASURES = ["procedures_total", "offered_total", "offered_full", "offered_partial", "dossiers_total",
                     "dossiers_online", "dossiers_offline"]

TITLE = ["UBND TỈNH TUYÊN QUANG", "Số: 125/BC-UBND", "Tuyên Quang, ngày 20 tháng 10 năm 2025", "BÁO CÁO",
         "Tình hình, kết quả giải quyết thủ tục hành chính tháng 10 năm 2025",
         "Kỳ báo cáo: Tháng 10/2025 (từ ngày 15/9/2025 đến ngày 14/10/2025)", "Đơn vị tính: hồ sơ"]
SIGNATURE = ["Nơi nhận:", "- Văn phòng Chính phủ;", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn A"]


def _header(ws, levels, top: int, first_col: int = 1) -> int:
    """Write the header levels from row `top`; the next free row back."""
    occupied: set[tuple[int, int]] = set()
    for depth, level in enumerate(levels):
        row, col = top + depth, first_col
        for text, width, height in level:
            while (row, col) in occupied:
                col += 1
            ws.cell(row, col, text)
            if width > 1 or height > 1:
                ws.merge_cells(start_row=row, start_column=col, end_row=row + height - 1, end_column=col + width - 1)
            for r in range(row, row + height):
                for c in range(col, col + width):
                    occupied.add((r, c))
            col += width
    return top + len(levels)


def form(levels, measures: list[str], rows: list[tuple], *, title=TITLE, numbers: list[str] | None = None,
         blank_rows_above: int = 1, first_col: int = 1, font=None, signature=SIGNATURE,
         sheet: str = "Biểu 06a", extra_sheets: tuple[str, ...] = ()) -> bytes:
    """rows: (stt, label, {measure: count}) — a measure left out is an empty cell. font: a font name
    for every cell, or a function of the cell's text giving its font."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = sheet
    for name in extra_sheets:
        book.create_sheet(name, 0).cell(1, 1, "Hướng dẫn điền biểu")
    for i, line in enumerate(title, start=1):
        ws.cell(i, first_col + (0 if i <= 2 or line.startswith(("Kỳ", "Đơn vị")) else 3), line)
    r = _header(ws, levels, len(title) + 1 + blank_rows_above, first_col)
    if numbers:
        for i, text in enumerate(numbers):
            ws.cell(r, first_col + i, text)
        r += 1
    label_cols = 2
    for stt, label, counts in rows:
        ws.cell(r, first_col, stt)
        ws.cell(r, first_col + 1, label)
        for i, measure in enumerate(measures):
            if measure in counts:
                ws.cell(r, first_col + label_cols + i, counts[measure])
        r += 1
    r += 1
    for line in signature:
        ws.cell(r, first_col + 1, line)
        r += 1
    if font:
        for row in ws.iter_rows():
            for cell in row:
                cell.font = Font(name=font(cell.value) if callable(font) else font)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def dossier_counts(carried, online, offline, early, on_time, late, in_time, overdue, **over) -> dict:
    """One unit's dossier counts, with its three totals made to add up (unless overridden)."""
    counts = dict(carried_over=carried, new_online=online, new_offline=offline, handled_early=early,
                  handled_on_time=on_time, handled_late=late, pending_in_time=in_time, pending_overdue=overdue)
    counts["received_total"] = carried + online + offline
    counts["handled_total"] = early + on_time + late
    counts["pending_total"] = in_time + overdue
    counts.update(over)
    return counts


def total_of(rows: list[tuple], **over) -> dict:
    """The sum of the unit rows' counts (the total row a form should have)."""
    keys = {k for _, _, counts in rows for k in counts}
    total = {k: sum(counts.get(k, 0) for _, _, counts in rows) for k in keys}
    total.update(over)
    return total
