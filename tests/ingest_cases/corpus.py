"""The files an import must handle, made in memory: one bad file for each kind of problem (with
the row and column that must be named), good files written the ways people really write them,
and the encodings and layouts agencies send.

Rows are spreadsheet rows: the header is row 1, the first figure row 2 (wide files: row 6).
"""
from __future__ import annotations

import csv
import io
import unicodedata
import zipfile
from dataclasses import dataclass
from datetime import datetime

from openpyxl import Workbook

SOURCE = "Báo cáo 125/BC-VPCP ngày 05/10/2025"
LONG_HEAD = ("Địa phương", "Chỉ tiêu", "Kỳ", "Giá trị", "Tử số", "Mẫu số", "Văn bản nguồn")
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def row(place="Hà Nội", metric="dossiers_online", period="09/2025", value="", num="1.818", den="1.876", source=SOURCE):
    return (place, metric, period, value, num, den, source)


def to_cp1258(text: str) -> bytes:
    """Text in the legacy Vietnamese code page: letters with a tone mark that cp1258 lacks are
    written as the base letter (with its circumflex, breve or horn) plus a combining tone mark."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        base, *marks = unicodedata.normalize("NFD", ch)
        shaped = [m for m in marks if m in "\u0302\u0306\u031b"]  # circumflex, breve, horn
        tones = [m for m in marks if m not in shaped]
        out += unicodedata.normalize("NFC", base + "".join(shaped)).encode("cp1258")
        out += "".join(tones).encode("cp1258")
    return bytes(out)


def csv_bytes(rows, head=LONG_HEAD, delimiter=";", encoding="utf-8") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(head)
    writer.writerows(rows)
    text = buffer.getvalue()
    if encoding == "cp1258":
        return to_cp1258(text)
    return text.encode(encoding)


def xlsx_bytes(rows, head=LONG_HEAD, sheet="Số liệu", formats: dict[tuple[int, int], str] | None = None,
               extra_sheets=("Hướng dẫn",)) -> bytes:
    """A workbook; formats maps (row, column) (1-based, header = row 1) to a number format."""
    book = Workbook()
    ws = book.active
    ws.title = sheet
    ws.append(list(head))
    for r in rows:
        ws.append(list(r))
    for (r, c), fmt in (formats or {}).items():
        ws.cell(r, c).number_format = fmt
    for name in extra_sheets:
        book.create_sheet(name).append(["Hướng dẫn nhập: xem trang Số liệu."])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def wide_bytes(period="09/2025", source=SOURCE, heads=("Hồ sơ nộp trực tuyến — tử số [dossiers_online/tu_so]",
               "Hồ sơ nộp trực tuyến — mẫu số [dossiers_online/mau_so]"), rows=(("Hà Nội", 1818, 1876),)) -> bytes:
    """The wide form: title, period (row 2), source (row 3), header on row 5, places from row 6."""
    book = Workbook()
    ws = book.active
    ws.title = "Số liệu"
    ws["A1"] = "BÁO CÁO SỐ LIỆU CẢI CÁCH HÀNH CHÍNH"
    ws["B2"], ws["C2"] = "Kỳ báo cáo:", period
    ws["B3"], ws["C3"] = "Văn bản nguồn:", source
    ws.append([])
    ws.append(["STT", "Tỉnh, thành phố", *heads])
    for n, r in enumerate(rows, start=1):
        ws.append([n, *r])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@dataclass(frozen=True)
class Bad:
    name: str
    file_name: str
    data: bytes
    code: str
    row: int | None          # the row the problem must name (None: the whole file)
    column: str | None       # the column letter the problem must name (None: none)

    @property
    def mime(self) -> str:
        return XLSX_MIME if self.file_name.endswith(".xlsx") else "text/csv"


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def bad_files() -> list[Bad]:
    """One file per kind of problem, each with the row and column the report must name."""
    c = csv_bytes
    return [
        Bad("unknown_place", "a.csv", c([row(), row(place="Hà Giangg", period="03/2024")]), "unknown_place", 3, "A"),
        Bad("unknown_metric", "a.csv", c([row(metric="hồ sơ trực tuyến xyz")]), "unknown_metric", 2, "B"),
        Bad("grain", "a.csv", c([row(metric="par_index", period="03/2024", value="85,5", num="", den="")]), "grain", 2, "C"),
        Bad("bad_period", "a.csv", c([row(period="tháng mười ba")]), "bad_period", 2, "C"),
        Bad("future_period", "a.csv", c([row(period="03/2099")]), "future_period", 2, "C"),
        Bad("numerator_above", "a.csv", c([row(num="2.000", den="1.876")]), "numerator_above", 2, "E"),
        Bad("negative_count", "a.csv", c([row(num="-5", den="1.876")]), "negative", 2, "E"),
        Bad("negative_value", "a.csv", c([row(metric="tasks_assigned", period="2024", value="-3", num="", den="")]),
            "negative", 2, "D"),
        Bad("rate_range", "a.csv", c([row(value="120,5", num="", den="")]), "rate_range", 2, "D"),
        Bad("score_range", "a.csv", c([row(metric="index766_transparency", value="19,5", num="", den="")]),
            "score_range", 2, "D"),
        Bad("counts_disagree", "a.csv", c([row(value="90,00%")]), "counts_disagree", 2, "D"),
        Bad("half_ratio", "a.csv", c([row(den="")]), "half_ratio", 2, "E"),
        Bad("zero_denominator", "a.csv", c([row(num="0", den="0")]), "zero_denominator", 2, "F"),
        Bad("not_integer", "a.csv", c([row(num="1,818", den="1.876")]), "not_integer", 2, "E"),
        Bad("not_a_number", "a.csv", c([row(value="khoảng 90", num="", den="")]), "not_a_number", 2, "D"),
        Bad("missing_value", "a.csv", c([row(num="", den="")]), "missing_value", 2, "D"),
        Bad("not_for_kind", "a.csv", c([row(place="Bộ Tư pháp", metric="p06_services", value="", num="20", den="25")]),
            "not_for_kind", 2, "A"),
        Bad("not_yet", "a.csv", c([row(place="Bộ Nông nghiệp và Môi trường", period="03/2024")]), "not_yet", 2, "A"),
        Bad("duplicate", "a.csv", c([row(), row(place="TP Hà Nội")]), "duplicate", 3, "A"),
        Bad("duplicate_after_merger", "a.csv",
            c([row(place="Hà Giang"), row(place="Tuyên Quang")]), "duplicate", 3, "A"),
        Bad("missing_source", "a.csv", c([row(source="")]), "missing_source", 2, "G"),
        Bad("missing_source_file", "a.csv", c([row()[:6]], head=LONG_HEAD[:6]), "missing_source", None, None),
        Bad("bad_status", "a.xlsx", xlsx_bytes([row() + ("chưa rõ",)], LONG_HEAD + ("Trạng thái",)), "bad_status", 2, "H"),
        Bad("extra_cells", "a.csv", (",".join(LONG_HEAD) + "\r\nHà Nội,dossiers_online,09/2025,96,9,,,BC 125\r\n").encode(),
            "extra_cells", 2, None),
        Bad("empty_file", "a.csv", b"", "empty_file", None, None),
        Bad("only_header", "a.csv", c([]), "no_rows", None, None),
        Bad("wrong_shape", "a.csv", c([("1", "2", "3")], head=("Cột A", "Cột B", "Cột C")), "no_header", None, None),
        Bad("pdf_named_xlsx", "bao-cao.xlsx", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>>\nendobj\n", "not_spreadsheet",
            None, None),
        Bad("png_named_csv", "so-lieu.csv", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "not_spreadsheet", None, None),
        Bad("binary_noise", "so-lieu.csv", bytes(range(256)) * 40, "not_spreadsheet", None, None),
        Bad("docx_named_xlsx", "bao-cao.xlsx", _docx(), "not_spreadsheet", None, None),
        Bad("legacy_xls", "bao-cao.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "legacy_xls", None, None),
        Bad("too_big", "a.csv", c([row()]) + b"\r\n" * (11 * 512 * 1024), "too_big", None, None),  # 11 MB
        Bad("wide_unknown_column", "a.xlsx", wide_bytes(heads=("Hồ sơ nộp trực tuyến — tử số [dossiers_online/tu_so]",
                                                               "Hồ sơ nộp trực tuyến — mẫu số [dossiers_online/mau_so]",
                                                               "Chỉ số hạnh phúc")), "unknown_column", 5, "E"),
        Bad("wide_missing_period", "a.xlsx", wide_bytes(period=None), "missing_period", 2, "B"),
        Bad("wide_bad_place", "a.xlsx", wide_bytes(rows=(("Hà Nội", 1818, 1876), ("Sài Gòn Mới", 10, 20))),
            "unknown_place", 7, "B"),
    ]


def mixed_file() -> tuple[bytes, dict[int, str]]:
    """Good and bad rows together: {row: code} for the bad ones; the good rows raise nothing."""
    rows = [row(), row(place="Xứ Đoài", period="09/2025"), row(place="Đà Nẵng"),
            row(place="Cần Thơ", value="101", num="", den=""), row(place="Huế", num="10", den="20")]
    return csv_bytes(rows), {3: "unknown_place", 5: "rate_range"}


# Tolerant reading: (cell as typed, what it must be read as)
PLACES = (
    ("Tỉnh Hà Giang", "03/2024", "ha-giang"), ("Ha Giang", "03/2024", "ha-giang"), ("HÀ GIANG", "03/2024", "ha-giang"),
    ("TP. Hồ Chí Minh", "03/2024", "ho-chi-minh"), ("Thành phố Hồ Chí Minh", "03/2024", "ho-chi-minh"),
    ("TP HCM", "03/2024", "ho-chi-minh"), ("tp.hcm", "03/2024", "ho-chi-minh"), ("TP HCM", "09/2025", "ho-chi-minh-2025"),
    ("Tuyên Quang", "03/2024", "tuyen-quang"), ("Tuyên Quang", "09/2025", "tuyen-quang-2025"),
    ("Hà Giang", "09/2025", "tuyen-quang-2025"), ("Bà Rịa - Vũng Tàu", "2025-08", "ho-chi-minh-2025"),
    ("Thừa Thiên Huế", "03/2024", "hue"), ("Bộ Tư pháp", "03/2024", "moj"), ("BTP", "03/2024", "moj"),
    ("Bộ Kế hoạch và Đầu tư", "04/2025", "mof-2025"), ("Bộ Tài chính", "02/2025", "mof"),
    ("Bộ Tài chính", "04/2025", "mof-2025"), ("UBND tỉnh Lạng Sơn", "03/2024", "lang-son"),
)
PERIODS = (
    ("2024", "2024"), ("Q1/2024", "2024-Q1"), ("Quý I/2024", "2024-Q1"), ("2024-Q3", "2024-Q3"),
    ("03/2024", "2024-03"), ("3/2024", "2024-03"), ("2024-03", "2024-03"), ("Tháng 3/2024", "2024-03"),
    ("T3/2024", "2024-03"), ("tháng 03 năm 2024", "2024-03"), ("15/03/2024", "2024-03"), ("2024-03-15", "2024-03"),
    (45366, "2024-03"), ("45366", "2024-03"), (datetime(2024, 3, 31), "2024-03"), (2024, "2024"),
)
NUMBERS = (
    ("1.818", 1818.0), ("1818", 1818.0), ("1 818", 1818.0), ("1.234.567", 1234567.0), ("96,81", 96.81),
    ("96,81%", 96.81), ("96.81", 96.81), ("0.818", 0.818), ("1.818,5", 1818.5), ("1,818.5", 1818.5),
    ("-5", -5.0), (1818, 1818.0), (96.81, 96.81), ("100%", 100.0),
)
