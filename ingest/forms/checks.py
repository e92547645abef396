"""The form's own arithmetic, checked on every row: each "Tổng số" against its parts (the rules the
column-number row writes, "(3)=(4)+(5)+(6)", and the kind's sums of data/report_forms.yaml), each
group subtotal against its units, and the total row against the sum of the unit rows.

A mismatch names the cells and both numbers. It does not refuse the form: imported anyway, it is
kept as a quality flag beside the figures.
"""
from __future__ import annotations

from dataclasses import dataclass

from ingest.forms.columns import Mapping
from ingest.forms.grid import address
from ingest.forms.header import Table
from ingest.forms.rows import FormRow

MEMBERS = ("unit", "field")


@dataclass(frozen=True)
class Mismatch:
    row: int
    kind: str                   # 'sum' | 'at_least' | 'group' | 'total'
    cell: str                   # the total's cell, 'D12'
    stated: float
    parts: str                  # 'E12 + F12 + G12' or 'D14:D29'
    computed: float
    rule: str                   # '(3)=(4)+(5)+(6)' or the measures' names
    col: int
    measure: str | None         # the measure the total column holds


@dataclass(frozen=True)
class SumRule:
    total: int
    parts: tuple[tuple[int, int], ...]    # (sign, column)
    written: str
    at_least: bool = False


def sum_rules(table: Table, mapping: Mapping, lang: str = "vi") -> list[SumRule]:
    """The rules the form writes, then the kind's sums over the measures it has (one per set of columns)."""
    rules = [SumRule(r.total, r.parts, r.written) for r in table.rules]
    seen = {(r.total, frozenset(r.parts)) for r in rules}
    for s in mapping.kind.sums:
        if not mapping.has(s.total, *s.parts):
            continue
        rule = SumRule(mapping.col(s.total), tuple((1, mapping.col(p)) for p in s.parts),
                       f"{mapping.kind.measure(s.total).label(lang)} "
                       + ("≥" if s.at_least else "=") + " "
                       + " + ".join(mapping.kind.measure(p).label(lang) for p in s.parts), s.at_least)
        if (rule.total, frozenset(rule.parts)) not in seen:
            seen.add((rule.total, frozenset(rule.parts)))
            rules.append(rule)
    return rules


def _measure_of(mapping: Mapping, col: int) -> str | None:
    return next((m for m, c in mapping.columns.items() if c.col == col), None)


def _row_sums(rows: list[FormRow], rules: list[SumRule], mapping: Mapping) -> list[Mismatch]:
    out = []
    for row in rows:
        if not row.filled:
            continue
        for rule in rules:
            if rule.total not in row.values or any(c not in row.values for _, c in rule.parts):
                continue
            stated = row.values[rule.total]
            computed = sum(sign * row.values[c] for sign, c in rule.parts)
            wrong = stated < computed if rule.at_least else stated != computed
            if wrong:
                parts = " + ".join(row.cell(c) for _, c in rule.parts).replace("+ -", "−")
                out.append(Mismatch(row.row, "at_least" if rule.at_least else "sum", row.cell(rule.total), stated,
                                    parts, computed, rule.written, rule.total, _measure_of(mapping, rule.total)))
    return out


def _span(rows: list[FormRow], col: int) -> str:
    first, last = address(rows[0].row, col), address(rows[-1].row, col)
    return first if first == last else f"{first}:{last}"


def _against(total: FormRow, members: list[FormRow], kind: str, mapping: Mapping) -> list[Mismatch]:
    out = []
    for measure, column in mapping.columns.items():
        col = column.col
        computed = sum(r.values.get(col, 0.0) for r in members)
        stated = total.values.get(col, 0.0)
        if stated != computed:
            out.append(Mismatch(total.row, kind, total.cell(col), stated, _span(members, col), computed,
                                total.label, col, measure))
    return out


def _groups(rows: list[FormRow]) -> list[tuple[FormRow, list[FormRow]]]:
    groups, current = [], None
    for row in rows:
        if row.role == "group":
            current = (row, [])
            groups.append(current)
        elif row.role == "total":
            current = None
        elif current is not None:
            current[1].append(row)
    return groups


def check(table: Table, mapping: Mapping, rows: list[FormRow], lang: str = "vi") -> list[Mismatch]:
    """Every arithmetic mismatch of the form, row by row, then groups and the total row."""
    found = _row_sums(rows, sum_rules(table, mapping, lang), mapping)
    for group, members in _groups(rows):
        if group.filled and members:
            found += _against(group, members, "group", mapping)
    members = [r for r in rows if r.role in MEMBERS]
    for total in (r for r in rows if r.role == "total"):
        if members and total.filled:
            found += _against(total, members, "total", mapping)
    return found


def disagreeing(mismatches: list[Mismatch]) -> set[tuple[int, str]]:
    """(row, measure) of every total that disagrees with its own parts on its row: a rate is then
    made of the parts instead (records.py)."""
    return {(m.row, m.measure) for m in mismatches if m.kind in ("sum", "at_least") and m.measure}
