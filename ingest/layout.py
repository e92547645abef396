"""Where the figures are in a sheet: the header row, the long or wide layout, the cells of each figure.

Long layout (one figure per row): columns Place, Metric, Period, Value, Numerator, Denominator,
Source (and optional Status, Service, Note), recognised by their names in Vietnamese or English.
Wide layout (the form agencies fill in): 'Kỳ báo cáo' and 'Văn bản nguồn' above the table, one
row per place, one column per metric; a ratio may have 'tử số' and 'mẫu số' columns beside its
rate. A metric column is recognised by its tag ('[dossiers_online]', '[dossiers_online/tu_so]')
or, failing that, by the metric's name.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.parse import Problem, is_blank
from ingest.read import Sheet, as_text, column_letter
from ingest.resolve import MetricIndex
from metrics.names import fold


@dataclass(frozen=True)
class Field:
    name: str
    label_vi: str
    label_en: str
    words: tuple[str, ...]   # folded header texts that name this field (a header may go on)
    required: bool = False


FIELDS = (
    Field("place", "Địa phương / Bộ, ngành", "Place", ("dia phuong", "tinh thanh pho", "tinh", "don vi",
          "ten don vi", "bo nganh", "co quan", "place", "entity", "province", "ministry"), True),
    Field("metric", "Chỉ tiêu", "Metric", ("chi tieu", "ma chi tieu", "ten chi tieu", "chi so", "metric"), True),
    Field("period", "Kỳ", "Period", ("ky bao cao", "ky so lieu", "ky", "thoi gian", "period"), True),
    Field("value", "Giá trị", "Value", ("gia tri", "so lieu", "value"), True),
    Field("numerator", "Tử số", "Numerator", ("tu so", "numerator")),
    Field("denominator", "Mẫu số", "Denominator", ("mau so", "denominator")),
    Field("source", "Văn bản nguồn", "Source document", ("van ban nguon", "nguon", "can cu", "source")),
    Field("status", "Trạng thái", "Status", ("trang thai", "status")),
    Field("dimension", "Dịch vụ (Đề án 06)", "Service (Project 06)", ("dich vu", "phan to", "dimension", "service")),
    Field("note", "Ghi chú", "Note", ("ghi chu", "note")),
)
IGNORED = ("stt", "tt", "so tt", "so thu tu", "no", "#", "ma", "ma dia phuong", "ma tinh", "ma don vi", "code")
PERIOD_LABELS = ("ky bao cao", "ky so lieu", "ky", "period", "reporting period")
SOURCE_LABELS = ("van ban nguon", "nguon so lieu", "nguon", "source document", "source")
PARTS = {"tu so": "numerator", "numerator": "numerator", "mau so": "denominator",
         "denominator": "denominator", "ty le": "value", "rate": "value", "gia tri": "value"}
TAG = re.compile(r"\[([a-z0-9_]+)(?:/(tu_so|mau_so|numerator|denominator))?\]")


@dataclass(frozen=True)
class Cell:
    address: str     # 'D7' (or 'B2' for the wide header's period and source)
    header: str      # the column's header as written
    value: object

    @property
    def row(self) -> int:
        return int(self.address.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))


@dataclass
class RawRecord:
    row: int                               # spreadsheet row number, 1-based
    cells: dict[str, Cell] = field(default_factory=dict)
    metric_id: str | None = None           # wide layout: known from the column


@dataclass
class Layout:
    kind: str                              # 'long' | 'wide'
    header_row: int
    records: list[RawRecord]
    issues: list[tuple[int | None, str | None, str, dict]]   # (row, column, code, params)
    notices: list[tuple[int | None, str | None, str, dict]]
    period: Cell | None = None             # wide: the period above the table
    source: Cell | None = None             # wide: the source document above the table


def header_key(text) -> str:
    """'Địa phương / Bộ, ngành (*)' -> 'dia phuong bo nganh'."""
    key = fold(str(text or ""))
    key = re.sub(r"\(.*?\)|\[.*?\]", " ", key)
    key = re.sub(r"[^a-z0-9#]+", " ", key)
    return re.sub(r"\s+", " ", key).strip()


def _field_of(text) -> str | None:
    key = header_key(text)
    for f in FIELDS:
        if any(key == w or key.startswith(w + " ") for w in f.words):
            return f.name
    return None


def metric_column(text, metrics: MetricIndex) -> tuple[str, str] | None:
    """(metric_id, part) for a wide header: part is 'value', 'numerator' or 'denominator'."""
    raw = str(text or "")
    tag = TAG.search(raw)
    if tag and tag.group(1) in metrics.metrics:
        part = {"tu_so": "numerator", "mau_so": "denominator"}.get(tag.group(2), tag.group(2) or "value")
        return tag.group(1), part
    key = header_key(re.sub(r"[—–]", " - ", raw))
    part = "value"
    for word, name in PARTS.items():
        if key.endswith(" " + word):
            key, part = key[: -len(word) - 1].strip(), name
            break
    try:
        return metrics.resolve(key).id, part
    except Problem:
        return None


def _long_header(row: tuple) -> dict[str, int] | None:
    found: dict[str, int] = {}
    for i, cell in enumerate(row):
        name = _field_of(cell) if isinstance(cell, str) else None
        if name and name not in found:
            found[name] = i
    needed = {"place", "metric", "period"}
    if needed <= set(found) and ({"value", "numerator"} & set(found)):
        return found
    return None


def _wide_header(row: tuple, metrics: MetricIndex) -> tuple[int, dict[int, tuple[str, str]]] | None:
    place = next((i for i, c in enumerate(row) if isinstance(c, str) and _field_of(c) == "place"), None)
    if place is None:
        return None
    columns = {i: metric_column(c, metrics) for i, c in enumerate(row)
               if i != place and isinstance(c, str) and c.strip()}
    if not any(columns.values()):
        return None
    return place, columns


def find(sheet: Sheet, metrics: MetricIndex) -> Layout | None:
    """The layout of a sheet, or None when no header row is found in its first 30 rows."""
    for r, row in enumerate(sheet.rows[:30]):
        long = _long_header(row)
        if long:
            return _long(sheet, r, long)
        wide = _wide_header(row, metrics)
        if wide:
            return _wide(sheet, r, *wide, metrics)
    return None


def _rows_within_header(sheet: Sheet, header: int, heads: list, layout: Layout):
    """The data rows (number, cells); a row with values beyond the last headed column is
    reported as extra_cells and skipped."""
    width = max((i for i, h in enumerate(heads) if not is_blank(h)), default=0) + 1
    for number, row in _data_rows(sheet, header):
        extra = [v for v in row[width:] if not is_blank(v)]
        if extra:
            layout.issues.append((number, None, "extra_cells", {"count": len(extra)}))
            continue
        yield number, row


def _data_rows(sheet: Sheet, header: int):
    for r in range(header + 1, len(sheet.rows)):
        row = sheet.rows[r]
        if all(is_blank(v) for v in row):
            continue
        yield r + 1, row


def _long(sheet: Sheet, header: int, columns: dict[str, int]) -> Layout:
    heads = sheet.rows[header]
    layout = Layout("long", header + 1, [], [], [])
    used = set(columns.values())
    for i, h in enumerate(heads):
        if i not in used and not is_blank(h) and header_key(h) not in IGNORED:
            layout.notices.append((None, _col(i, h), "ignored_column", {"header": as_text(h)}))
    for number, row in _rows_within_header(sheet, header, heads, layout):
        record = RawRecord(number)
        for name, i in columns.items():
            value = row[i] if i < len(row) else None
            record.cells[name] = Cell(f"{column_letter(i)}{number}", as_text(heads[i]), value)
        layout.records.append(record)
    return layout


def _col(i: int, header) -> str:
    return f"{column_letter(i)} “{as_text(header)}”"


def _labelled(sheet: Sheet, header: int, labels: tuple[str, ...]) -> Cell | None:
    """A value written beside (or after a colon in) a label above the table: 'Kỳ báo cáo: 03/2025'."""
    for r in range(header):
        row = sheet.rows[r]
        for i, cell in enumerate(row):
            if not isinstance(cell, str):
                continue
            label, colon, rest = cell.partition(":")
            if header_key(label) not in labels:
                continue
            if colon and rest.strip():
                return Cell(f"{column_letter(i)}{r + 1}", label.strip(), rest.strip())
            for j in range(i + 1, len(row)):
                if not is_blank(row[j]):
                    return Cell(f"{column_letter(j)}{r + 1}", label.strip(), row[j])
            return Cell(f"{column_letter(i)}{r + 1}", label.strip(), None)
    return None


def _wide(sheet: Sheet, header: int, place: int, columns: dict[int, tuple[str, str] | None],
          metrics: MetricIndex) -> Layout:
    heads = sheet.rows[header]
    layout = Layout("wide", header + 1, [], [], [])
    layout.period = _labelled(sheet, header, PERIOD_LABELS)
    layout.source = _labelled(sheet, header, SOURCE_LABELS)
    metric_cols: dict[str, dict[str, int]] = {}
    for i, found in columns.items():
        if found is None:
            key = header_key(heads[i])
            if key in IGNORED or _field_of(heads[i]) == "note":
                continue
            layout.issues.append((header + 1, _col(i, heads[i]), "unknown_column",
                                  {"header": as_text(heads[i]), "hint": metrics.hint(as_text(heads[i]))}))
            continue
        metric_id, part = found
        parts = metric_cols.setdefault(metric_id, {})
        if part in parts:
            layout.issues.append((header + 1, _col(i, heads[i]), "duplicate_column",
                                  {"header": as_text(heads[i]), "other": column_letter(parts[part])}))
            continue
        parts[part] = i
    for number, row in _rows_within_header(sheet, header, heads, layout):
        place_cell = Cell(f"{column_letter(place)}{number}", as_text(heads[place]), row[place])
        for metric_id, parts in metric_cols.items():
            cells = {part: Cell(f"{column_letter(i)}{number}", as_text(heads[i]), row[i] if i < len(row) else None)
                     for part, i in parts.items()}
            if all(is_blank(c.value) for c in cells.values()):
                continue
            layout.records.append(RawRecord(number, {"place": place_cell, **cells}, metric_id))
    return layout


def expected_columns(lang: str = "vi") -> str:
    return ", ".join((f.label_en if lang == "en" else f.label_vi) for f in FIELDS if f.required)
