"""From the bytes of an uploaded file to sheets of cells, deciding by content, not by name.

An XLSX is a zip holding a workbook; a CSV is text that decodes (UTF-8 with or without BOM,
UTF-16, or the legacy Vietnamese code page cp1258). Anything else — a PDF, a picture, an old
.xls, a Word file renamed .xlsx — is refused with a FileRefused naming the problem.
"""
from __future__ import annotations

import csv
import io
import os
import unicodedata
import zipfile
from dataclasses import dataclass
from datetime import datetime, time

from ingest.parse import Percent, Problem

DEFAULT_MB = 10


def max_bytes() -> int:
    """The size limit: $KPI_IMPORT_MAX_MB megabytes, 10 by default."""
    return int(float(os.environ.get("KPI_IMPORT_MAX_MB", DEFAULT_MB)) * 1024 * 1024)


class FileRefused(Problem):
    """The file as a whole cannot be read (code and params as for Problem)."""


@dataclass(frozen=True)
class Sheet:
    name: str
    rows: tuple[tuple, ...]   # cell values: str | int | float | datetime | Percent | None
    kind: str                 # 'xlsx' | 'csv'
    encoding: str | None = None
    delimiter: str | None = None


ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"   # .xls, .doc: the pre-2007 Office formats
BINARY_MAGICS = {b"%PDF": "PDF", b"\x89PNG": "PNG", b"\xff\xd8\xff": "JPEG", b"GIF8": "GIF",
                 b"\x1f\x8b": "gzip", b"Rar!": "RAR", b"7z\xbc\xaf": "7z", b"MZ": "EXE"}


def read_sheets(file_name: str, data: bytes, limit: int | None = None) -> list[Sheet]:
    """Every sheet of an XLSX (in workbook order) or the one table of a CSV."""
    limit = max_bytes() if limit is None else limit
    if not data:
        raise FileRefused("empty_file")
    if len(data) > limit:
        raise FileRefused("too_big", size=_mb(len(data)), limit=_mb(limit))
    if data.startswith(ZIP_MAGIC):
        return _xlsx(data, limit)
    if data.startswith(OLE_MAGIC):
        raise FileRefused("legacy_xls")
    for magic, kind in BINARY_MAGICS.items():
        if data.startswith(magic):
            raise FileRefused("not_spreadsheet", kind=kind)
    return [_csv(data)]


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.1f}".replace(".", ",")


def _xlsx(data: bytes, limit: int) -> list[Sheet]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        unpacked = sum(i.file_size for i in archive.infolist())
    except zipfile.BadZipFile:
        raise FileRefused("bad_xlsx") from None
    if "xl/workbook.xml" not in names:
        raise FileRefused("not_spreadsheet", kind="ZIP")
    if unpacked > 20 * limit:  # a zip bomb, or a workbook far larger than a monthly report
        raise FileRefused("too_big", size=_mb(unpacked), limit=_mb(limit))
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception:  # openpyxl raises many kinds on a damaged workbook
        raise FileRefused("bad_xlsx") from None
    sheets = []
    for ws in book.worksheets:
        rows = tuple(tuple(_cell(c) for c in row) for row in ws.iter_rows())
        sheets.append(Sheet(ws.title, _trim(rows), "xlsx"))
    book.close()
    return sheets


def _percent_decimals(fmt: str) -> int:
    head = fmt.split("%")[0]
    return len(head.split(".")[1]) if "." in head else 0


def _cell(cell):
    value = cell.value
    fmt = getattr(cell, "number_format", "") or ""
    if isinstance(value, (int, float)) and not isinstance(value, bool) and "%" in fmt:
        return Percent(float(value), _percent_decimals(fmt))
    if isinstance(value, time):
        return value.isoformat()
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    return value


def _trim(rows: tuple[tuple, ...]) -> tuple[tuple, ...]:
    """Drop trailing empty rows and columns (Excel keeps formatted but empty cells)."""
    def empty(v):
        return v is None or (isinstance(v, str) and not v.strip())
    rows = list(rows)
    while rows and all(empty(v) for v in rows[-1]):
        rows.pop()
    width = max((max((i + 1 for i, v in enumerate(r) if not empty(v)), default=0) for r in rows), default=0)
    return tuple(tuple(r[:width]) + (None,) * (width - len(r[:width])) for r in rows)


def _decode(data: bytes) -> tuple[str, str]:
    """(text, encoding): BOMs first, then UTF-16 without a BOM, UTF-8, and finally cp1258."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    sample = data[:4000]
    if len(sample) > 8 and sample.count(0) > len(sample) // 4:
        odd_zeros = sample[1::2].count(0) > sample[0::2].count(0)
        encoding = "utf-16-le" if odd_zeros else "utf-16-be"
        return data.decode(encoding), encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        # cp1258 writes most tone marks as combining characters: recompose to NFC
        return unicodedata.normalize("NFC", data.decode("cp1258")), "cp1258"
    except UnicodeDecodeError:
        raise FileRefused("not_spreadsheet", kind="?") from None


def _looks_like_text(text: str) -> bool:
    if "\x00" in text:
        return False
    controls = sum(1 for c in text[:20000] if unicodedata.category(c) == "Cc" and c not in "\t\r\n")
    return controls <= max(2, len(text[:20000]) // 200)


def _delimiter(text: str) -> str:
    lines = [ln for ln in text.splitlines()[:30] if ln.strip()]
    try:
        return csv.Sniffer().sniff("\n".join(lines), delimiters=",;\t|").delimiter
    except csv.Error:
        counts = {d: sum(ln.count(d) for ln in lines) for d in ",;\t|"}
        return max(counts, key=counts.get) if any(counts.values()) else ","


def _csv(data: bytes) -> Sheet:
    try:
        text, encoding = _decode(data)
    except UnicodeDecodeError:
        raise FileRefused("not_spreadsheet", kind="?") from None
    if not _looks_like_text(text):
        raise FileRefused("not_spreadsheet", kind="?")
    text = unicodedata.normalize("NFC", text.lstrip("\ufeff"))
    if not text.strip():
        raise FileRefused("empty_file")
    delimiter = _delimiter(text)
    rows = tuple(tuple(c if c.strip() else None for c in row)
                 for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    return Sheet("CSV", _trim(rows), "csv", encoding, delimiter)


def column_letter(index: int) -> str:
    """0 -> 'A', 27 -> 'AB' (what a spreadsheet user sees)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def as_text(value) -> str:
    """A cell shown back to the user as it was typed (for reports and previews)."""
    if value is None:
        return ""
    if isinstance(value, Percent):
        return f"{value.fraction * 100:.{value.decimals}f}%"
    if isinstance(value, datetime):
        return f"{value:%d/%m/%Y}" if value.time() == time() else f"{value:%d/%m/%Y %H:%M}"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
