"""A form's counts as the catalogue's figures, numerator and denominator kept, one per row and metric.

    dossiers_on_time  = (early + on time) / handled        ("E12 + F12 / D12" in the notes)
    dossiers_online   = new online / (new online + new in person or by post)
    dossiers_pending_overdue, task counts                  = the count as written
    online_procedures = offered online / all procedures

The period a figure goes to follows the metric: a month, quarter or year as the form says; a
six- or nine-month form gives a yearly metric (tasks) its year so far, and a state at the end of
the period (pending dossiers, procedures offered) the quarter it ends with; a flow summed over
six or nine months has no place in the store and refuses the form.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ingest.forms import messages as msg
from ingest.forms.base import Record, SourceRef, format_number
from ingest.forms.columns import Mapping
from ingest.forms.kinds import Recipe
from ingest.forms.periods import FormPeriod
from ingest.forms.places import Unit
from ingest.forms.rows import FormRow
from l10n import t
from metrics import catalogue
from metrics.periods import GRAIN_ORDER, Period


@dataclass(frozen=True)
class Placed:
    row: FormRow
    unit: Unit


def _n(v: float) -> str:
    return format_number(v, 0)


def metric_period(recipe: Recipe, fp: FormPeriod, issues: list) -> Period | None:
    """Where the recipe's figure goes for a form of period fp (None, with an error, if nowhere)."""
    metric = catalogue.get(recipe.metric)
    label = dict(metric=metric.label_vi, metric_en=metric.label_en, period=fp.label("vi"), period_en=fp.label("en"))
    stored = fp.store_period()
    if stored and GRAIN_ORDER[stored.grain] >= GRAIN_ORDER[metric.grain]:
        return stored
    if metric.grain == "year":
        until = fp.last_day or fp.closing_quarter().end
        issues.append(msg.notice(None, None, "form_year_to_date", **label, year=fp.year, until=f"{until:%d/%m/%Y}"))
        return Period(date(fp.year, 1, 1), "year")
    if recipe.stock:
        quarter = fp.closing_quarter()
        issues.append(msg.notice(None, None, "form_stock_quarter", **label, quarter=quarter.label("vi"),
                                 quarter_en=quarter.label("en")))
        return quarter
    issues.append(msg.error(None, None, "form_cumulative_period", **label))
    return None


def _side(alternatives, mapping: Mapping, row: FormRow, disagree: set) -> tuple[float, list[int]] | None:
    """(sum, columns) of the first alternative the form has whose totals agree with their parts on
    this row; the first it has at all when every one disagrees."""
    present = [alt for alt in alternatives if mapping.has(*alt)]
    if not present:
        return None
    agreeing = [alt for alt in present if not any((row.row, m) in disagree for m in alt)]
    alt = (agreeing or present)[0]
    cols = [mapping.col(m) for m in alt]
    return sum(row.values.get(c, 0.0) for c in cols), cols


def _cells(row: FormRow, cols: list[int]) -> str:
    return " + ".join(row.cell(c) for c in cols)


def _record(placed: Placed, recipe: Recipe, period: Period, numbers: dict, source: SourceRef, note: str) -> Record:
    row, unit = placed.row, placed.unit
    value, num, den = numbers["value"], numbers.get("numerator"), numbers.get("denominator")
    raw = {"place": row.label or unit.name, **numbers.get("raw", {})}
    return Record(row.row, unit.entity_id, unit.name, unit.kind, recipe.metric, "", period, value, num, den,
                  "published", source, None, raw, [note], None,
                  f"{''.join(ch for ch in row.label_cell if ch.isalpha())} “{row.label}”")


class _Skipped:
    """Rows left out of one metric, reported once per metric as a notice."""

    def __init__(self):
        self.by_kind: dict[tuple[str, str], int] = {}
        self.zero: dict[str, list[int]] = {}

    def notices(self) -> list:
        out = []
        for (metric_id, kind), count in self.by_kind.items():
            m = catalogue.get(metric_id)
            out.append(msg.notice(None, None, "form_not_for_kind", metric=m.label_vi, metric_en=m.label_en,
                                  kind=t(f"ingest_kind_{kind}", "vi"), kind_en=t(f"ingest_kind_{kind}", "en"),
                                  count=count))
        for metric_id, rows in self.zero.items():
            m = catalogue.get(metric_id)
            shown = ", ".join(str(r) for r in rows[:8]) + (" …" if len(rows) > 8 else "")
            out.append(msg.notice(None, None, "form_zero_denominator", metric=m.label_vi, metric_en=m.label_en,
                                  count=len(rows), rows=shown))
        return out


def _ratio(placed, recipe, mapping, disagree, issues, skipped):
    row = placed.row
    num = _side(recipe.numerator, mapping, row, disagree)
    den = _side(recipe.denominator, mapping, row, disagree)
    if num is None or den is None:
        return None
    (n, ncols), (d, dcols) = num, den
    if d == 0:
        skipped.zero.setdefault(recipe.metric, []).append(row.row)
        return None
    if n > d:
        m = catalogue.get(recipe.metric)
        issues.append(msg.error(row.row, row.cell(ncols[0]), "form_numerator_above", metric=m.label_vi,
                                metric_en=m.label_en, num_cells=_cells(row, ncols), num=_n(n),
                                den_cells=_cells(row, dcols), den=_n(d)))
        return None
    note = f"({_cells(row, ncols)}) / ({_cells(row, dcols)}) = {_n(n)}/{_n(d)}"
    raw = {row.cell(c): _n(row.values.get(c, 0.0)) for c in ncols + dcols}
    return {"value": 100.0 * n / d, "numerator": n, "denominator": d, "raw": raw}, note


def _count(placed, recipe, mapping, disagree):
    found = _side(recipe.value, mapping, placed.row, disagree)
    if found is None:
        return None
    value, cols = found
    row = placed.row
    return {"value": value, "raw": {row.cell(c): _n(row.values.get(c, 0.0)) for c in cols}}, f"{_cells(row, cols)} = {_n(value)}"


def build_records(mapping: Mapping, placed: list[Placed], fp: FormPeriod, source: SourceRef,
                  disagree: set, issues: list) -> list[Record]:
    """Every figure of the placed rows, for each of the kind's metrics the form has the counts of."""
    records, skipped = [], _Skipped()
    for recipe in mapping.kind.recipes:
        metric = catalogue.get(recipe.metric)
        sides = (recipe.numerator, recipe.denominator) if metric.is_ratio else (recipe.value,)
        if not all(any(mapping.has(*alt) for alt in side) for side in sides):
            continue
        period = metric_period(recipe, fp, issues)
        if period is None:
            continue
        for p in placed:
            if not metric.applies_to(p.unit.kind):
                key = (recipe.metric, p.unit.kind)
                skipped.by_kind[key] = skipped.by_kind.get(key, 0) + 1
                continue
            made = (_ratio(p, recipe, mapping, disagree, issues, skipped) if metric.is_ratio
                    else _count(p, recipe, mapping, disagree))
            if made:
                numbers, note = made
                records.append(_record(p, recipe, period, numbers, source, note))
    issues += skipped.notices()
    return records
