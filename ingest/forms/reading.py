"""A workbook read as a report form, before any place or figure is looked up in the store: the
sheet, its table, the kind and the measure of each column, the title block, the rows and the
arithmetic mismatches, and the notices and problems met on the way.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ingest.forms import messages as msg
from ingest.forms.checks import Mismatch, check
from ingest.forms.columns import Mapping, best_mapping
from ingest.forms.grid import Grid, load_grids
from ingest.forms.header import Table, find_table
from ingest.forms.rows import FormRow, read_rows
from ingest.forms.title import TitleBlock, read_title

ZIP_MAGIC = b"PK\x03\x04"
ENCODING_NAMES = {"tcvn3": "TCVN3 (ABC)", "vni": "VNI"}


@dataclass
class Reading:
    grid: Grid
    table: Table
    mapping: Mapping
    title: TitleBlock
    rows: list[FormRow]
    mismatches: list[Mismatch]
    issues: list = field(default_factory=list)


def _legacy_notices(grid: Grid) -> list:
    out = []
    by_encoding = Counter(c.encoding for c in grid.conversions)
    for encoding, count in by_encoding.items():
        first = next(c for c in grid.conversions if c.encoding == encoding)
        fonts = sorted({c.font for c in grid.conversions if c.encoding == encoding and c.font})
        out.append(msg.notice(None, first.address, "form_legacy", count=count, encoding=ENCODING_NAMES[encoding],
                              font=", ".join(fonts) or "—", cell=first.address, before=first.before[:40],
                              after=first.after[:40]))
    return out


def _column_notices(reading_table: Table, mapping: Mapping) -> list:
    out = []
    for measure_id, column in sorted(mapping.columns.items(), key=lambda kv: kv[1].col):
        m = mapping.kind.measure(measure_id)
        out.append(msg.notice(reading_table.top, column.letter, "form_column", letter=column.letter,
                              heading=column.heading, measure=m.label_vi, measure_en=m.label_en))
    for column in mapping.unused:
        out.append(msg.notice(reading_table.top, column.letter, "form_unused_column", letter=column.letter,
                              heading=column.heading))
    for measure_id, first, second in mapping.duplicates:
        m = mapping.kind.measure(measure_id)
        out.append(msg.error(reading_table.top, second.letter, "form_duplicate_measure", first=first.letter,
                             second=second.letter, measure=m.label_vi, measure_en=m.label_en))
    return out


def mismatch_issue(m: Mismatch, rows: list[FormRow]):
    code = {"sum": "form_mismatch_sum", "at_least": "form_mismatch_at_least", "group": "form_mismatch_group",
            "total": "form_mismatch_total"}[m.kind]
    fmt = lambda v: f"{v:,.0f}".replace(",", ".")  # noqa: E731 (counts, Vietnamese thousands dots)
    label = next((r.label for r in rows if r.row == m.row), "")
    return msg.warning(m.row, m.cell, code, cell=m.cell, stated=fmt(m.stated), parts=m.parts,
                       computed=fmt(m.computed), rule=m.rule, label=label)


def read_form(data: bytes) -> Reading | None:
    """The first sheet that holds a report form's table, read; None when no sheet does."""
    if not data.startswith(ZIP_MAGIC):
        return None
    for grid in load_grids(data):
        table = find_table(grid)
        mapping = best_mapping(table) if table else None
        if mapping is None:
            continue
        title = read_title(grid, 1, table.top - 1)
        value_cols = sorted({c.col for c in mapping.columns.values()}
                            | {c for r in table.rules for c in [r.total, *(col for _, col in r.parts)]})
        rows, problems = read_rows(table, value_cols)
        mismatches = check(table, mapping, rows)
        numbers = f", số cột ở dòng {table.numbers_row}" if table.numbers_row else ""
        numbers_en = f", column numbers on row {table.numbers_row}" if table.numbers_row else ""
        issues = [msg.notice(table.top, None, "form_read", kind=mapping.kind.label_vi, kind_en=mapping.kind.label_en,
                             sheet=grid.name, top=table.top, bottom=table.bottom, numbers=numbers,
                             numbers_en=numbers_en, rows=len(rows))]
        issues += _legacy_notices(grid) + _column_notices(table, mapping)
        issues += [msg.notice(table.numbers_row, cell, "form_rule_unknown", cell=cell,
                              raw=str(grid.value(int(cell.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")),
                                                 _col_of(cell)) or ""))
                   for cell in table.bad_rules]
        issues += [msg.error(p.row, p.params["cell"], "form_not_count" if p.code == "form_not_count" else p.code,
                             **p.params) for p in problems]
        issues += [msg.error(r.row, r.label_cell, "form_no_label", cell=r.label_cell)
                   for r in rows if not r.label and r.role != "total"]
        issues += [mismatch_issue(m, rows) for m in mismatches]
        return Reading(grid, table, mapping, title, rows, mismatches, issues)
    return None


def _col_of(cell: str) -> int:
    letters = "".join(ch for ch in cell if ch.isalpha())
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n
