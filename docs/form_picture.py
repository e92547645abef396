"""The README's picture of a report form: the blank dossier form of ingest/forms/blank.py, filled
with example figures (one sum left wrong, as the reader reports it), drawn as the spreadsheet
shows it (merged cells kept) and photographed with headless Chromium.

    .venv/bin/python docs/form_picture.py docs/screenshots/form-dossiers.png
"""
from __future__ import annotations

import html
import io
import sys
from pathlib import Path

import openpyxl

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ingest.forms.blank import blank_form  # noqa: E402

ROWS = [("Sở Tư pháp", (118, 10, 78, 30, 101, 21, 70, 10, 17, 12, 5)),
        ("Sở Y tế", (62, 2, 50, 10, 58, 5, 50, 2, 4, 3, 1)),
        ("Trung tâm Phục vụ hành chính công tỉnh", (305, 5, 200, 100, 285, 50, 230, 5, 20, 17, 3)),
        ("UBND xã Lũng Cú", (60, 0, 40, 20, 57, 10, 45, 2, 3, 3, 0)),
        ("Phường Hà Giang 1", (72, 2, 60, 10, 69, 5, 60, 4, 3, 2, 1))]


def filled() -> openpyxl.Workbook:
    book = openpyxl.load_workbook(io.BytesIO(blank_form("dossiers")))
    ws = book.active
    ws["A1"], ws["A2"] = "UBND TỈNH TUYÊN QUANG", "Số: 125/BC-UBND"
    ws["J3"] = "Tuyên Quang, ngày 20 tháng 10 năm 2025"
    ws["D5"] = "Tình hình, kết quả giải quyết thủ tục hành chính tháng 10 năm 2025"
    ws["A6"] = "Kỳ báo cáo: Tháng 10/2025 (từ ngày 15/9/2025 đến ngày 14/10/2025)"
    totals = [0] * 11
    for i, (name, counts) in enumerate(ROWS):
        ws.cell(13 + i, 2, name)
        for j, n in enumerate(counts):
            ws.cell(13 + i, 3 + j, n)
            totals[j] += n
    for r in range(13 + len(ROWS), 25):
        for c in range(1, 15):
            ws.cell(r, c).value = None
    ws.cell(13 + len(ROWS), 2, "Tổng cộng")
    for j, n in enumerate(totals):
        ws.cell(13 + len(ROWS), 3 + j, n)
    return book


def to_html(ws) -> str:
    merged = {(m.min_row, m.min_col): (m.max_row - m.min_row + 1, m.max_col - m.min_col + 1) for m in ws.merged_cells.ranges}
    hidden = {(r, c) for m in ws.merged_cells.ranges for r in range(m.min_row, m.max_row + 1)
              for c in range(m.min_col, m.max_col + 1)} - set(merged)
    blocks = {"left": [], "centre": [], "right": []}
    for r in range(1, 9):
        for c in range(1, 15):
            value = ws.cell(r, c).value
            if value:
                side = "left" if c <= 3 else "centre" if c <= 7 else "right"
                blocks[side].append(f"<div>{html.escape(str(value))}</div>")
    title = "".join(f'<div class="{k}">{"".join(v)}</div>' for k, v in blocks.items())
    rows = []
    for r in range(9, 22):
        cells = []
        for c in range(1, 15):
            if (r, c) in hidden:
                continue
            value = ws.cell(r, c).value
            span = merged.get((r, c), (1, 1))
            head = 9 <= r <= 12
            style = "th" if head else "td"
            border = 9 <= r <= 13 + len(ROWS)
            text = html.escape(f"{value:,}".replace(",", ".") if isinstance(value, int) and c > 2 else str(value or ""))
            cells.append(f'<{style} rowspan="{span[0]}" colspan="{span[1]}" class="{"b" if border else ""}">{text}</{style}>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return ("<html><head><meta charset='utf-8'><style>body{font-family:'Be Vietnam Pro','Noto Sans',sans-serif;"
            "font-size:13px;padding:16px;background:#fff} table{border-collapse:collapse} td,th{padding:3px 6px}"
            ".b{border:1px solid #777} th{background:#eef3fa;font-weight:600} td.b{text-align:right}"
            "tr td.b:nth-child(2){text-align:left} .title{display:flex;gap:40px;margin-bottom:14px} .title div{line-height:1.5}"
            ".centre{text-align:center;font-weight:600;flex:1;padding-top:60px} .right{text-align:center}"
            "</style></head><body><div id='form'><div class='title'>" + title + "</div><table>" + "".join(rows)
            + "</table></div></body></html>")


def main(out: str) -> None:
    from playwright.sync_api import sync_playwright

    page_file = Path(out).with_suffix(".html")
    page_file.write_text(to_html(filled().active), encoding="utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--headless=new", "--no-sandbox"])
        page = browser.new_page(viewport={"width": 1500, "height": 640}, device_scale_factor=1)
        page.goto(page_file.resolve().as_uri())
        page.locator("#form").screenshot(path=out)
        browser.close()
    page_file.unlink()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots/form-dossiers.png")
