"""Where a report form's table is, and what each of its columns is called.

The table is found wherever it starts (title blocks take from two to a dozen rows): its header
begins at the first row that names the row labels ("STT", "Tên đơn vị", "Lĩnh vực") beside at
least two other headings. The header is as deep as the label cell's vertical merge (two or three
rows), or, unmerged, as the rows of headings above the first number. Merged cells are walked
into one path per column, top to bottom:

    "Số hồ sơ nhận giải quyết" (merged over D:H) / "Trong đó" (E:G) / "Số mới tiếp nhận trực tuyến" (F)
    -> column F: ("Số hồ sơ nhận giải quyết", "Trong đó", "Số mới tiếp nhận trực tuyến")

A row of column numbers under the header ("(1) (2) (3)=(4)+(5)+(6) …") is skipped, and the sums
it writes are kept as rules for checks.py.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.forms.grid import Grid, address
from ingest.forms.words import starts_with, words

STT_WORDS = ("stt", "tt", "so tt", "so thu tu", "thu tu")
LABEL_WORDS = ("ten don vi", "ten co quan", "don vi", "co quan", "dia phuong", "linh vuc", "noi dung",
               "ten linh vuc", "bo nganh", "so ban nganh", "ten", "xa phuong", "cac don vi")
NOT_LABEL = ("don vi tinh", "don vi bao cao")
FIELD_WORDS = ("linh vuc", "ten linh vuc", "noi dung")   # rows are fields of one unit, not units
MAX_DEPTH = 4
SCAN_ROWS = 60

_TOKEN = r"\(?\s*(?:\d{1,2}|[A-Za-z])\s*\)?"
NUMBER_CELL = re.compile(rf"^{_TOKEN}(?:\s*=\s*{_TOKEN}(?:\s*[+\-]\s*{_TOKEN})+)?$")
TOKEN = re.compile(r"([+\-]?)\s*\(?\s*(\d{1,2}|[A-Za-z])\s*\)?")


@dataclass(frozen=True)
class Column:
    col: int
    path: tuple[str, ...]
    number: str | None = None       # its label in the column-number row: '3', 'A'

    @property
    def letter(self) -> str:
        return "".join(ch for ch in address(1, self.col) if ch.isalpha())

    @property
    def heading(self) -> str:
        return " › ".join(self.path)


@dataclass(frozen=True)
class NumberRule:
    """'(3)=(4)+(5)+(6)' as written in the column-number row: total column, (sign, column) parts."""
    written: str
    cell: str
    total: int
    parts: tuple[tuple[int, int], ...]


@dataclass
class Table:
    grid: Grid
    top: int
    bottom: int
    numbers_row: int | None
    columns: list[Column]
    label_col: int | None
    stt_col: int | None
    rows_are: str                    # 'places' | 'fields'
    rules: list[NumberRule] = field(default_factory=list)
    bad_rules: list[str] = field(default_factory=list)   # cells of the number row naming unknown columns

    @property
    def first_data_row(self) -> int:
        return (self.numbers_row or self.bottom) + 1

    def header_text(self) -> str:
        return words(" ".join(" ".join(c.path) for c in self.columns))

    def value_columns(self) -> list[Column]:
        return [c for c in self.columns if c.col not in (self.label_col, self.stt_col)]


def _clean(text) -> str:
    return re.sub(r"\s+", " ", str(text)).strip()


def _is_text(value) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _starts_header(grid: Grid, row: int) -> bool:
    texts = [words(v) for v in grid.row_values(row) if _is_text(v)]
    named = any(t in STT_WORDS or (starts_with(t, LABEL_WORDS) and not starts_with(t, NOT_LABEL)) for t in texts)
    return named and len(texts) >= 3


def is_numbers_row(grid: Grid, row: int) -> bool:
    """'(1) (2) (3)=(4)+(5)+(6)' or '1 2 3 …': every filled cell a column number, at least three."""
    cells = [v for v in grid.row_values(row) if v is not None]
    if len(cells) < 3:
        return False
    if all(_is_number(v) and float(v).is_integer() for v in cells):
        return [int(v) for v in cells] == list(range(int(cells[0]), int(cells[0]) + len(cells)))
    return all(NUMBER_CELL.match(str(v).strip()) for v in cells)


def _depth(grid: Grid, top: int) -> int:
    """How many rows the header takes: the tallest merge starting in its first row (the label and
    number cells span the whole header), else the rows of headings before the first number."""
    tallest = max((r2 - r1 + 1 for r1, _c1, r2, _c2 in grid.merges if r1 == top), default=1)
    if tallest > 1:
        return min(tallest, MAX_DEPTH)
    depth = 1
    while depth < MAX_DEPTH:
        row = top + depth
        values = grid.row_values(row)
        covered = any(grid.merge_at(row, c) and grid.merge_at(row, c)[0] < row for c in range(1, grid.max_col + 1))
        if any(_is_number(v) for v in values) or is_numbers_row(grid, row):
            break
        if not (any(_is_text(v) for v in values) or covered):
            break
        depth += 1
    return depth


def _path(grid: Grid, col: int, top: int, bottom: int) -> tuple[str, ...]:
    path: list[str] = []
    for row in range(top, bottom + 1):
        box = grid.merge_at(row, col)
        if box and box[0] != row:
            continue  # a cell merged down from the row above: already in the path
        value = grid.value(box[0], box[1]) if box else grid.value(row, col)
        if _is_text(value) or _is_number(value):
            text = _clean(value)
            if not path or path[-1] != text:
                path.append(text)
    return tuple(path)


def _rules(grid: Grid, row: int, by_number: dict[str, int]) -> tuple[list[NumberRule], list[str]]:
    rules, bad = [], []
    for col in range(1, grid.max_col + 1):
        text = str(grid.value(row, col) or "").strip()
        if "=" not in text:
            continue
        left, right = text.split("=", 1)
        total = TOKEN.search(left).group(2).upper()
        parts = [(sign, tok.upper()) for sign, tok in TOKEN.findall(right)]
        if total not in by_number or any(tok not in by_number for _, tok in parts):
            bad.append(address(row, col))
            continue
        rules.append(NumberRule(text, address(row, col), by_number[total],
                                tuple((-1 if sign == "-" else 1, by_number[tok]) for sign, tok in parts)))
    return rules, bad


def _number_of(value) -> str | None:
    if value is None:
        return None
    found = TOKEN.search(str(int(value)) if _is_number(value) else str(value))
    return found.group(2).upper() if found else None


def find_table(grid: Grid) -> Table | None:
    """The first table of a sheet whose header reads as a report form's, or None."""
    for top in range(1, min(grid.max_row, SCAN_ROWS) + 1):
        if not _starts_header(grid, top):
            continue
        bottom = top + _depth(grid, top) - 1
        numbers_row = bottom + 1 if is_numbers_row(grid, bottom + 1) else None
        columns = []
        for col in range(1, grid.max_col + 1):
            path = _path(grid, col, top, bottom)
            if path:
                number = _number_of(grid.value(numbers_row, col)) if numbers_row else None
                columns.append(Column(col, path, number))
        stt = next((c.col for c in columns if words(c.path[0]) in STT_WORDS), None)
        label = next((c.col for c in columns if c.col != stt and starts_with(words(c.path[0]), LABEL_WORDS)), None)
        if label is None:
            continue
        rows_are = "fields" if starts_with(words(grid.value(top, label) or ""), FIELD_WORDS) else "places"
        table = Table(grid, top, bottom, numbers_row, columns, label, stt, rows_are)
        if numbers_row:
            by_number = {c.number: c.col for c in columns if c.number}
            table.rules, table.bad_rules = _rules(grid, numbers_row, by_number)
        return table
    return None
