"""The two XLSX templates agencies download, fill in and send back.

Long ('mẫu dọc'): one figure per row — place, metric, period, value, numerator, denominator,
source document (and optional status, Project 06 service, note). Wide ('mẫu ngang'): the
monthly form — the period and the source above the table, one row per place, one column per
metric (a ratio also has its numerator and denominator columns). Both carry a sheet of
instructions and the lists of valid metric ids and place names. Headers are those layout.py reads.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

import pandas as pd
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from ingest import sql
from ingest.layout import FIELDS
from ingest.read import column_letter, max_bytes
from l10n import t
from metrics import catalogue

BOLD = Font(bold=True)
HEAD_FILL = PatternFill("solid", fgColor="DCE8F5")
INPUT_FILL = PatternFill("solid", fgColor="FFF6CC")
TEXT_ROWS = 2000   # rows formatted as text so that Excel keeps '03/2025' as typed

INSTRUCTIONS = (
    "HƯỚNG DẪN NHẬP SỐ LIỆU CẢI CÁCH HÀNH CHÍNH",
    "",
    "1. Mẫu ngang (mỗi địa phương một dòng, mỗi chỉ tiêu một cột) dùng cho báo cáo định kỳ; mẫu dọc "
    "(mỗi số liệu một dòng) dùng khi nhập nhiều kỳ hoặc nhiều chỉ tiêu khác nhau.",
    "2. Kỳ: 2025 (năm), Q3/2025 (quý), 09/2025 hoặc 2025-09 (tháng). Ngày (30/09/2025) được hiểu là tháng chứa ngày đó.",
    "3. Số: 1.818 (dấu chấm ngăn cách hàng nghìn); 96,81 hoặc 96,81% (tỷ lệ phần trăm, 0–100). Ô số của Excel được đọc trực tiếp.",
    "4. Tỷ lệ được tính từ tử số và mẫu số khi có; nếu ghi cả tỷ lệ thì phải khớp với tử số/mẫu số (chênh lệch không quá làm tròn).",
    "5. Địa phương, bộ ngành: ghi tên có hoặc không dấu, có hoặc không “Tỉnh”, “TP.” (danh sách ở trang “Địa phương”). "
    "Từ 01/07/2025 là 34 tỉnh, thành phố; tên tỉnh cũ cho kỳ sau sáp nhập được ghi cho tỉnh mới (có thông báo), "
    "mỗi tỉnh mới chỉ ghi một dòng. Bộ, ngành từ 01/03/2025 theo cơ cấu mới.",
    "6. Văn bản nguồn: số và ngày văn bản, ví dụ “Báo cáo 125/BC-UBND ngày 05/10/2025”. Số liệu có văn bản nguồn được ghi là "
    "số liệu công bố; số liệu công bố chỉ được thay bằng văn bản có ngày ban hành mới hơn. Ghi “minh họa” ở cột Trạng thái "
    "(mẫu dọc) để nhập thử; số liệu minh họa không bao giờ thay số liệu công bố.",
    "7. Không sửa dòng tiêu đề và mã trong ngoặc vuông [..]. Dòng “Tổng cộng”, “Cả nước” được bỏ qua (hệ thống tự tính).",
    "8. Lưu tệp .xlsx hoặc .csv (UTF-8); tối đa {limit} MB. Trước khi ghi, hệ thống hiển thị cách đọc từng ô, các lỗi (dòng, cột, "
    "cách sửa) và những số liệu sẽ thêm, thay, giữ nguyên; chỉ ghi khi không còn lỗi và người có quyền xác nhận.",
)


@dataclass(frozen=True)
class Template:
    key: str
    file_name: str
    label_vi: str
    label_en: str
    kind: str | None   # the places prefilled (wide), None (long), or 'form:<kind>' (a blank report form)


TEMPLATES = (
    Template("wide-province", "mau-nhap-ngang-tinh.xlsx", "Mẫu ngang — tỉnh, thành phố", "Wide — provinces", "province"),
    Template("wide-ministry", "mau-nhap-ngang-bo.xlsx", "Mẫu ngang — bộ, ngành", "Wide — ministries", "ministry"),
    Template("long", "mau-nhap-doc.xlsx", "Mẫu dọc — mỗi số liệu một dòng", "Long — one figure per row", None),
    # the official report forms, blank: agencies may send them as they fill them (ingest/forms)
    Template("form-dossiers", "bieu-ket-qua-giai-quyet-tthc.xlsx", "Biểu kết quả giải quyết TTHC",
             "Form: dossier handling results", "form:dossiers"),
    Template("form-tasks", "bieu-nhiem-vu-cai-cach-hanh-chinh.xlsx", "Biểu nhiệm vụ CCHC", "Form: reform tasks",
             "form:tasks"),
    Template("form-online", "bieu-dich-vu-cong-truc-tuyen.xlsx", "Biểu dịch vụ công trực tuyến",
             "Form: online public services", "form:online"),
)


def _current_places(store, kind: str | None, today: date) -> pd.DataFrame:
    entities = store.query(sql.ENTITIES)
    entities = entities[entities.entity_kind != "nation"]
    if kind:
        entities = entities[entities.entity_kind == kind]
    frm, to = pd.to_datetime(entities.valid_from).dt.date, pd.to_datetime(entities.valid_to).dt.date
    return entities.assign(current=(frm <= today) & (today <= to))


def _instructions(book: Workbook) -> None:
    ws = book.create_sheet("Hướng dẫn")
    for i, line in enumerate(INSTRUCTIONS, start=1):
        cell = ws.cell(i, 1, line.format(limit=max_bytes() // (1024 * 1024)))
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws["A1"].font = Font(bold=True, size=13)
    ws.column_dimensions["A"].width = 130


def _metric_sheet(book: Workbook) -> int:
    ws = book.create_sheet("Chỉ tiêu")
    ws.append(["Mã chỉ tiêu", "Tên chỉ tiêu", "Đơn vị", "Loại", "Chu kỳ", "Tử số", "Mẫu số", "Áp dụng cho", "Tối đa"])
    units = {"pct": "%", "count": "số đếm", "score": "điểm", "days": "ngày"}
    kinds = {"ratio": "tỷ lệ (tử số/mẫu số)", "count": "số đếm", "score": "điểm"}
    grains = {"month": "tháng", "quarter": "quý", "year": "năm"}
    for m in catalogue.catalogue().values():
        ws.append([m.id, m.label_vi, units[m.unit], kinds[m.kind], grains[m.grain], m.numerator_vi or "",
                   m.denominator_vi or "", ", ".join(m.entity_kinds), m.max_value])
    _style_header(ws, (20, 45, 10, 22, 10, 38, 30, 26, 8))
    return ws.max_row


def _place_sheet(book: Workbook, store, today: date) -> int:
    ws = book.create_sheet("Địa phương")
    ws.append(["Tên", "Loại", "Hiệu lực từ", "Hiệu lực đến", "Hiện hành", "Mã"])
    places = _current_places(store, None, today).sort_values(["current", "entity_kind", "name_vi"],
                                                             ascending=[False, False, True])
    for p in places.itertuples():
        kind = t(f"ingest_kind_{p.entity_kind}", "vi")
        frm = "" if str(p.valid_from).startswith("1900") else pd.Timestamp(p.valid_from).strftime("%d/%m/%Y")
        to = "" if str(p.valid_to).startswith("9999") else pd.Timestamp(p.valid_to).strftime("%d/%m/%Y")
        ws.append([p.name_vi, kind, frm, to, "có" if p.current else "không", p.entity_id])
    _style_header(ws, (34, 16, 13, 13, 10, 20))
    return int(places.current.sum()) + 1


def _style_header(ws, widths, row: int = 1) -> None:
    for i, width in enumerate(widths):
        ws.column_dimensions[column_letter(i)].width = width
        cell = ws.cell(row, i + 1)
        cell.font, cell.fill = BOLD, HEAD_FILL
    ws.freeze_panes = ws.cell(row + 1, 1)


def _finish(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def long_template(store, today: date | None = None) -> bytes:
    """The long template as XLSX bytes."""
    today = today or date.today()
    book = Workbook()
    ws = book.active
    ws.title = "Số liệu"
    ws.append([f.label_vi + (" (*)" if f.required else "") for f in FIELDS])
    _style_header(ws, (30, 30, 12, 14, 14, 14, 42, 12, 12, 30))
    for r in range(2, TEXT_ROWS):
        ws.cell(r, 3).number_format = "@"
    _instructions(book)
    metrics_end = _metric_sheet(book)
    places_end = _place_sheet(book, store, today)
    for col, ref in (("A", f"'Địa phương'!$A$2:$A${places_end}"), ("B", f"'Chỉ tiêu'!$A$2:$A${metrics_end}"),
                     ("H", '"công bố,minh họa"')):
        check = DataValidation(type="list", formula1=ref, allow_blank=True, showErrorMessage=False)
        check.add(f"{col}2:{col}{TEXT_ROWS}")
        ws.add_data_validation(check)
    return _finish(book)


def wide_metrics(kind: str) -> list[catalogue.Metric]:
    """The metrics of the monthly form: monthly, not broken down, reported by that kind of place."""
    return [m for m in catalogue.catalogue().values()
            if m.grain == "month" and m.dimension is None and m.applies_to(kind)]


def _wide_headers(kind: str) -> list[tuple[str, str | None]]:
    heads = []
    for m in wide_metrics(kind):
        if m.is_ratio:
            heads += [(f"{m.label_vi} — tỷ lệ (%) [{m.id}]", m.description_vi),
                      (f"{m.label_vi} — tử số [{m.id}/tu_so]", m.numerator_vi),
                      (f"{m.label_vi} — mẫu số [{m.id}/mau_so]", m.denominator_vi)]
        else:
            unit = " (điểm)" if m.unit == "score" else ""
            heads.append((f"{m.label_vi}{unit} [{m.id}]", m.description_vi))
    return heads


def wide_template(store, kind: str = "province", today: date | None = None) -> bytes:
    """The wide (monthly form) template for provinces or ministries, places prefilled."""
    today = today or date.today()
    book = Workbook()
    ws = book.active
    ws.title = "Số liệu"
    ws["A1"] = "BÁO CÁO SỐ LIỆU CẢI CÁCH HÀNH CHÍNH"
    ws["A1"].font = Font(bold=True, size=13)
    for row, label, hint in ((2, "Kỳ báo cáo:", "Ví dụ: 09/2025 (tháng), Q3/2025 (quý), 2025 (năm)"),
                             (3, "Văn bản nguồn:", "Số và ngày văn bản, ví dụ: Báo cáo 125/BC-UBND ngày 05/10/2025")):
        ws.cell(row, 2, label).font = BOLD
        cell = ws.cell(row, 3)
        cell.fill, cell.number_format, cell.comment = INPUT_FILL, "@", Comment(hint, "CCHC")
    place_head = "Tỉnh, thành phố" if kind == "province" else "Bộ, ngành"
    heads = _wide_headers(kind)
    ws.append([])
    ws.append(["STT", place_head] + [h for h, _ in heads])
    for i, (_, note) in enumerate(heads, start=3):
        if note:
            ws.cell(5, i).comment = Comment(note, "CCHC")
        ws.cell(5, i).alignment = Alignment(wrap_text=True, vertical="top")
    places = _current_places(store, kind, today)
    for n, name in enumerate(sorted(places[places.current].name_vi), start=1):
        ws.append([n, name])
    _style_header(ws, (6, 28) + (16,) * len(heads), row=5)
    ws.freeze_panes = "C6"
    ws.row_dimensions[5].height = 75
    _instructions(book)
    _metric_sheet(book)
    _place_sheet(book, store, today)
    return _finish(book)


def build(store, key: str, today: date | None = None) -> bytes:
    """A template by its key in TEMPLATES."""
    template = next(t for t in TEMPLATES if t.key == key)
    if template.kind and template.kind.startswith("form:"):
        from ingest.forms.blank import blank_form  # ingest.forms builds on the modules of this package

        return blank_form(template.kind.removeprefix("form:"))
    if template.kind is None:
        return long_template(store, today)
    return wide_template(store, template.kind, today)
