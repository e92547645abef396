"""A form's data rows: the unit or field each names, whether it is a unit, a group subtotal or the
total, and its numbers (an empty cell or a dash is 0, as forms write it).

The table ends at the signature block ("Nơi nhận:", "Người lập biểu", "KT. CHỦ TỊCH" …), at a
note ("Ghi chú:"), or after two empty rows.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.forms.base import Problem, parse_number
from ingest.forms.grid import address
from ingest.forms.header import Table
from ingest.forms.words import starts_with, words

TOTAL_WORDS = ("tong cong", "tong so", "toan tinh", "toan thanh pho", "toan bo", "ca tinh", "toan nganh",
               "tong hop", "toan xa", "toan phuong", "toan bo")
# "Cộng", "Tổng", "Cộng (I+II)" — but not "Công an tỉnh", which folds to the same letters
TOTAL_ALONE = re.compile(r"^(?:cong|tong)(?: [ivx ]+)?$")
GROUP_WORDS = ("cap tinh", "cap huyen", "cap xa", "cac so ban nganh", "so ban nganh", "cac so nganh", "cac co quan",
               "co quan chuyen mon", "khoi", "ubnd cap xa", "ubnd cac xa", "cac xa phuong", "cac don vi", "don vi cap",
               "cac co quan nganh doc", "co quan nganh doc", "cac huyen", "ubnd cap huyen", "cac phong ban")
END_WORDS = ("noi nhan", "nguoi lap bieu", "nguoi lap", "thu truong", "kt chu tich", "tm uy ban", "tm ubnd",
             "kt giam doc", "giam doc", "chu tich", "ghi chu", "xac nhan", "ky ghi ro ho ten", "lanh dao",
             "kt truong", "truong phong", "pho chu tich", "pho giam doc", "ky ten", "ky dong dau")
ROMAN = re.compile(r"^(?:[IVX]{1,4}|[A-E])\.?$")
NUMBERING = re.compile(r"^\s*(?:[IVX]{1,4}|[A-Ea-e]|\d{1,3}(?:\.\d{1,3})*)\s*[.)/-]\s+")
BLANKS = ("", "-", "–", "—", "x", "X", "0")


@dataclass
class FormRow:
    row: int
    label: str
    label_cell: str
    stt: str
    role: str                                   # 'unit' | 'field' | 'group' | 'total'
    values: dict[int, float] = field(default_factory=dict)   # column -> count
    filled: bool = False                        # any number written on the row

    def cell(self, col: int) -> str:
        return address(self.row, col)


@dataclass(frozen=True)
class CellProblem:
    row: int
    col: int
    code: str
    params: dict


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return re.sub(r"\s+", " ", str(value)).strip()


def _role(table: Table, stt: str, label: str) -> str:
    key = words(label)
    if TOTAL_ALONE.match(key) or (starts_with(key, TOTAL_WORDS) and not starts_with(key, ("tong cong ty",))):
        return "total"
    if ROMAN.match(stt) or re.match(r"^(?:[IVX]{1,4}|[A-E])\s*[.)]\s", label) or starts_with(key, GROUP_WORDS):
        return "group"
    return "field" if table.rows_are == "fields" else "unit"


def _is_end(values: list) -> bool:
    return any(starts_with(words(v), END_WORDS) for v in values if isinstance(v, str))


def _count(raw) -> tuple[float, bool]:
    """(count, written): blank, '-', 'x' are 0 not written; otherwise a whole, non-negative number."""
    if raw is None or (isinstance(raw, str) and raw.strip() in BLANKS):
        return 0.0, raw is not None and str(raw).strip() == "0"
    number = parse_number(raw)
    if number is None:
        return 0.0, False
    if number.value < 0:
        raise Problem("negative", value=_text(raw))
    if not float(number.value).is_integer() or number.percent:
        raise Problem("form_not_count", raw=_text(raw))
    return float(number.value), True


def read_rows(table: Table, columns: list[int]) -> tuple[list[FormRow], list[CellProblem]]:
    """The rows under the header with their counts in `columns`, and every cell that is not a count."""
    grid, rows, problems, blank_run = table.grid, [], [], 0
    for r in range(table.first_data_row, grid.max_row + 1):
        values = grid.row_values(r)
        if _is_end(values):
            break
        if all(v is None for v in values):
            blank_run += 1
            if blank_run >= 2 and rows:
                break
            continue
        blank_run = 0
        stt = _text(grid.value(r, table.stt_col)) if table.stt_col else ""
        raw_label = _text(grid.value(r, table.label_col))
        if not raw_label and stt and not ROMAN.match(stt) and not stt.isdigit():
            raw_label, stt = stt, ""   # a total written across the number and label cells
        label = NUMBERING.sub("", raw_label).strip()
        row = FormRow(r, label, address(r, table.label_col), stt, _role(table, stt, raw_label))
        for col in columns:
            try:
                row.values[col], written = _count(grid.value(r, col))
                row.filled = row.filled or written
            except Problem as p:
                problems.append(CellProblem(r, col, p.code, {**p.params, "cell": address(r, col)}))
                row.values[col] = 0.0
        if not label and not row.filled:
            continue
        rows.append(row)
    return rows, problems
