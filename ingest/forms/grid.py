"""A workbook's sheets as grids of cells that keep what report forms need: merged ranges, and
text converted to Unicode from the legacy encodings (legacy.py), each conversion remembered.

Rows and columns are 1-based, as in the spreadsheet ('D12' is row 12, column 4).
"""
from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass, field

from ingest.forms import legacy
from ingest.forms.base import column_letter


@dataclass(frozen=True)
class Conversion:
    address: str
    encoding: str     # 'tcvn3' | 'vni'
    before: str
    after: str
    font: str | None


@dataclass
class Grid:
    name: str
    values: dict[tuple[int, int], object]
    merges: list[tuple[int, int, int, int]]          # (first row, first col, last row, last col)
    max_row: int
    max_col: int
    conversions: list[Conversion] = field(default_factory=list)
    _owner: dict[tuple[int, int], tuple[int, int, int, int]] = field(default_factory=dict, repr=False)

    def __post_init__(self):
        for box in self.merges:
            r1, c1, r2, c2 = box
            for r in range(r1, r2 + 1):
                for c in range(c1, c2 + 1):
                    self._owner[(r, c)] = box

    def value(self, row: int, col: int):
        return self.values.get((row, col))

    def merge_at(self, row: int, col: int) -> tuple[int, int, int, int] | None:
        return self._owner.get((row, col))

    def shown(self, row: int, col: int):
        """What the cell shows: a merged range shows its first cell's value in every cell."""
        box = self.merge_at(row, col)
        return self.values.get((box[0], box[1])) if box else self.values.get((row, col))

    def row_values(self, row: int) -> list:
        return [self.values.get((row, c)) for c in range(1, self.max_col + 1)]


def address(row: int, col: int) -> str:
    """(12, 4) -> 'D12'."""
    return f"{column_letter(col - 1)}{row}"


def _text(value):
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    return value


def _sheet(ws) -> Grid:
    values, conversions = {}, []
    for row in ws.iter_rows():
        for cell in row:
            value = cell.value
            if value is None or (isinstance(value, str) and not value.strip()):
                continue
            if isinstance(value, str):
                font = cell.font.name if cell.font is not None else None
                found = legacy.detect(value, font)
                if found:
                    conversions.append(Conversion(address(cell.row, cell.column), found[0], value, found[1], font))
                    value = found[1]
            values[(cell.row, cell.column)] = _text(value)
    merges = [(m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges]
    max_row = max((r for r, _ in values), default=0)
    max_col = max((c for _, c in values), default=0)
    return Grid(ws.title, values, merges, max_row, max_col, conversions)


def load_grids(data: bytes) -> list[Grid]:
    """Every sheet of an .xlsx workbook, in workbook order (the caller has checked it is one)."""
    import openpyxl

    book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    try:
        return [_sheet(ws) for ws in book.worksheets]
    finally:
        book.close()
