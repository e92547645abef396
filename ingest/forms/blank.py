"""The blank report forms offered for download, one per kind, drawn from data/report_forms.yaml:
the title block to fill in, the header in its merged cells, the row of column numbers, rows for
the units, the total row and the signature block — the same form the reader reads back.
"""
from __future__ import annotations

import io
from functools import lru_cache

import yaml
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

from ingest.forms.kinds import FORMS_FILE

UNIT_ROWS = 12
THIN = Side(style="thin", color="808080")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
BOLD = Font(bold=True)
CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
GUIDE = (
    "CÁCH ĐIỀN BIỂU",
    "1. Ghi tên đơn vị báo cáo ở góc trái (vd. “UBND TỈNH TUYÊN QUANG”, “BỘ TƯ PHÁP”), số và ngày văn bản, và kỳ báo cáo "
    "(Tháng 10/2025, Quý III/2025, Năm 2025; có thể ghi thêm từ ngày … đến ngày …).",
    "2. Mỗi dòng một đơn vị: xã, phường (vd. “Xã Lũng Cú”, có hoặc không “UBND”), sở, ban, ngành hoặc đơn vị khác "
    "(“Sở Tư pháp”, “Trung tâm Phục vụ hành chính công tỉnh”). Dòng “Tổng cộng” là số liệu của cả tỉnh hoặc cả bộ.",
    "3. Có thể thêm, bớt dòng, đổi thứ tự cột hoặc cách ghi tiêu đề: hệ thống nhận cột theo chữ trong tiêu đề.",
    "4. Hệ thống kiểm tra các phép cộng của biểu (dòng số cột, tổng số và các phần, dòng tổng và các dòng đơn vị); chỗ "
    "không khớp được báo theo ô và vẫn có thể nhập, kèm cảnh báo chất lượng.",
    "5. Tỷ lệ được tính từ số đếm: đúng hạn = (trước hạn + đúng hạn) / đã giải quyết; trực tuyến = mới tiếp nhận trực "
    "tuyến / (trực tuyến + trực tiếp, bưu chính).",
)


@lru_cache(maxsize=1)
def _blanks() -> dict[str, dict]:
    raw = yaml.safe_load(FORMS_FILE.read_text(encoding="utf-8"))
    return {k["id"]: {**k["blank"], "label_vi": k["label_vi"]} for k in raw["kinds"]}


def file_name(kind_id: str) -> str:
    return _blanks()[kind_id]["file"]


def _title(ws, spec: dict, width: int) -> int:
    lines = [("UBND TỈNH …………………", 1), ("Số: ……/BC-……", 1), ("……………, ngày … tháng … năm 20…", width - 4),
             ("BÁO CÁO", 4), (f"{spec['title']} tháng …/20…", 4),
             ("Kỳ báo cáo: Tháng …/20… (từ ngày 15/…/20… đến ngày 14/…/20…)", 1), (f"Đơn vị tính: {spec['count_unit']}", 1)]
    ws.cell(1, width - 4, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").font = BOLD
    ws.cell(2, width - 4, "Độc lập - Tự do - Hạnh phúc").font = BOLD
    for row, (text, col) in enumerate(lines, start=1):
        if row <= 2:
            ws.cell(row, col, text).font = BOLD
        elif row == 3:
            ws.cell(row, col, text).font = Font(italic=True)
        else:
            ws.cell(row, col, text).font = BOLD if row in (4, 5) else Font()
    return len(lines) + 2


def _header(ws, levels, top: int) -> int:
    taken: set[tuple[int, int]] = set()
    for depth, level in enumerate(levels):
        row, col = top + depth, 1
        for text, width, height in level:
            while (row, col) in taken:
                col += 1
            for r in range(row, row + height):
                for c in range(col, col + width):
                    taken.add((r, c))
                    ws.cell(r, c).border = BOX
            cell = ws.cell(row, col, text)
            cell.font, cell.alignment = BOLD, CENTRE
            if width > 1 or height > 1:
                ws.merge_cells(start_row=row, start_column=col, end_row=row + height - 1, end_column=col + width - 1)
            col += width
    return top + len(levels)


def blank_form(kind_id: str) -> bytes:
    """The blank form of a kind ('dossiers', 'tasks', 'online') as XLSX bytes."""
    spec = _blanks()[kind_id]
    width = len(spec["numbers"])
    book = Workbook()
    ws = book.active
    ws.title = "Biểu báo cáo"
    row = _header(ws, spec["header"], _title(ws, spec, width))
    for col, text in enumerate(spec["numbers"], start=1):
        cell = ws.cell(row, col, text)
        cell.alignment, cell.border, cell.font = CENTRE, BOX, Font(italic=True)
    for n in range(1, UNIT_ROWS + 1):
        ws.cell(row + n, 1, n)
        for col in range(1, width + 1):
            ws.cell(row + n, col).border = BOX
    total = row + UNIT_ROWS + 1
    ws.cell(total, 2, "Tổng cộng").font = BOLD
    for col in range(1, width + 1):
        ws.cell(total, col).border = BOX
    for offset, text in enumerate(("Người lập biểu", "(Ký, ghi rõ họ tên)"), start=2):
        ws.cell(total + offset, 2, text)
    for offset, text in enumerate(("THỦ TRƯỞNG ĐƠN VỊ", "(Ký tên, đóng dấu)"), start=2):
        ws.cell(total + offset, width - 3, text).font = BOLD if offset == 2 else Font(italic=True)
    ws.column_dimensions["B"].width = 36
    for col in range(3, width + 1):
        ws.column_dimensions[ws.cell(1, col).column_letter].width = 13
    guide = book.create_sheet("Hướng dẫn")
    for i, line in enumerate(GUIDE, start=1):
        guide.cell(i, 1, line).alignment = Alignment(wrap_text=True, vertical="top")
    guide["A1"].font = Font(bold=True, size=13)
    guide.column_dimensions["A"].width = 120
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
