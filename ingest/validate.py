"""Checking each figure of a file and saying, for every problem, the row, the column and the fix.

check_record turns one RawRecord into a Record (what will be stored, with the notes of how each
cell was read) and the Issues found; check_duplicates finds two rows that land on the same
place, metric and period — including two former provinces given for a month after their merger.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ingest import messages
from ingest.layout import Cell, RawRecord
from ingest.parse import Number, Problem, is_blank, parse_number, parse_period, parse_status
from ingest.read import as_text
from ingest.resolve import Indexes, SourceRef
from l10n import t
from l10n.formatting import format_number
from metrics import catalogue
from metrics.catalogue import Metric
from metrics.periods import GRAIN_ORDER, Period

RATE_TOLERANCE = 0.005  # percentage points: a stated rate may differ from its counts by rounding


@dataclass(frozen=True)
class Issue:
    row: int | None
    column: str | None
    code: str
    params: dict = field(default_factory=dict, hash=False, compare=False)
    severity: str = "error"   # 'error' refuses the file; 'notice' says what was interpreted

    def problem(self, lang: str = "vi") -> str:
        return messages.text(self.code, lang, self.params)[0]

    def fix(self, lang: str = "vi") -> str:
        return messages.text(self.code, lang, self.params)[1]


@dataclass(frozen=True)
class Defaults:
    """What the file says once for every row (the wide header) or the user gave on import."""
    period: Period | None = None
    source: SourceRef | None = None
    status: str = "published"


@dataclass
class Record:
    row: int
    entity_id: str
    entity_name: str
    entity_kind: str
    metric_id: str
    dimension_id: str
    period: Period
    value: float | None
    numerator: float | None
    denominator: float | None
    status: str
    source: SourceRef | None
    note: str | None
    raw: dict[str, str]                  # each cell as typed
    notes: list[str] = field(default_factory=list)   # how cells were read
    merged_from: str | None = None       # the former unit's name when the lineage was followed
    place_column: str = ""

    @property
    def key(self) -> tuple[str, str, str, str]:
        return (self.entity_id, self.metric_id, self.dimension_id, self.period.key)

    @property
    def source_id(self) -> str:
        return "demo" if self.status == "demo" else self.source.source_id


def column(cell: Cell) -> str:
    """'D “Giá trị”' — the column's letter and header, as the user sees them."""
    letters = "".join(ch for ch in cell.address if ch.isalpha())
    return f"{letters} “{cell.header}”" if cell.header else letters


class _Row:
    """Collects one row's issues while its cells are read."""

    def __init__(self, raw: RawRecord):
        self.raw, self.issues = raw, []

    def cell(self, name: str) -> Cell | None:
        return self.raw.cells.get(name)

    def value(self, name: str):
        c = self.cell(name)
        return None if c is None else c.value

    def fail(self, name: str | None, code: str, /, **params) -> None:
        c = self.cell(name) if name else None
        self.issues.append(Issue(self.raw.row, column(c) if c else None, code, params))

    def read(self, name: str, parser):
        try:
            return parser(self.value(name))
        except Problem as p:
            self.fail(name, p.code, **p.params)
            raise


def _num(v: float) -> str:
    """A number as the user wrote it: '1.818', '1,818' (Vietnamese style), no digits lost."""
    text = repr(round(float(v), 6))
    decimals = len(text.split(".")[1].rstrip("0")) if "." in text and "e" not in text else 0
    return format_number(v, decimals)


def _counts(row: _Row, metric: Metric, numbers: dict[str, Number | None]) -> float | None:
    """Check the value against the metric's kind; the value to store (None if a check failed)."""
    value, num, den = numbers["value"], numbers["numerator"], numbers["denominator"]
    before = len(row.issues)
    if metric.kind != "ratio" and (num or den):
        row.fail("numerator" if num else "denominator", "no_counts", metric=metric.label_vi)
        return None
    for name in ("numerator", "denominator"):
        n = numbers[name]
        if n and n.value < 0:
            row.fail(name, "negative", value=_num(n.value))
        elif n and not n.value.is_integer():
            row.fail(name, "not_integer", value=_num(n.value))
    if num is None and den is None and value is None:
        row.fail("value", "missing_value")
    if (num is None) != (den is None):
        given, missing = ("numerator", "denominator") if num else ("denominator", "numerator")
        row.fail(given, "half_ratio", given={"numerator": "tử số", "denominator": "mẫu số"}[given],
                 missing={"numerator": "tử số", "denominator": "mẫu số"}[missing], given_en=given, missing_en=missing)
    if len(row.issues) > before:
        return None
    if num is not None:
        if den.value == 0:
            row.fail("denominator", "zero_denominator")
            return None
        if num.value > den.value:
            row.fail("numerator", "numerator_above", numerator=_num(num.value), denominator=_num(den.value))
            return None
        computed = 100.0 * num.value / den.value
        if value is not None:
            tolerance = max(RATE_TOLERANCE, 0.5 * 10 ** -value.decimals) + 1e-9
            if abs(value.value - computed) > tolerance:
                row.fail("value", "counts_disagree", stated=format_number(value.value, max(2, value.decimals)),
                         computed=format_number(computed, 2))
                return None
        return computed
    v = value.value
    if metric.kind == "ratio" or (metric.unit == "pct" and metric.max_value is None):
        if not 0 <= v <= 100:
            row.fail("value", "rate_range", value=format_number(v, 2))
            return None
    elif metric.kind == "count":
        if v < 0:
            row.fail("value", "negative", value=_num(v))
            return None
        if not v.is_integer():
            row.fail("value", "not_integer", value=_num(v))
            return None
    else:
        top = metric.max_value if metric.max_value is not None else float("inf")
        if not 0 <= v <= top:
            row.fail("value", "score_range", value=format_number(v, 2), max=_num(top))
            return None
    return v


def _period(row: _Row, metric: Metric | None, defaults: Defaults, today: date) -> tuple[Period | None, str | None]:
    if "period" in row.raw.cells:
        try:
            period, note = row.read("period", parse_period)
        except Problem:
            return None, None
    elif defaults.period is not None:
        period, note = defaults.period, None
    else:
        return None, None  # the wide header's period was reported once, for the file
    if metric and GRAIN_ORDER[period.grain] < GRAIN_ORDER[metric.grain]:
        grain = f"ingest_grain_{metric.grain}"
        row.fail("period", "grain", metric=metric.label_vi, grain=t(grain, "vi"), grain_en=t(grain, "en"),
                 period=period.label("vi"), example=messages.GRAIN_EXAMPLES[metric.grain])
        return None, None
    if period.start > today:
        row.fail("period", "future_period", period=period.label("vi"))
        return None, None
    return period, note


def _dimension(row: _Row, metric: Metric, ref: Indexes) -> str | None:
    raw = row.value("dimension")
    text = as_text(raw).strip()
    if metric.dimension is None:
        if text:
            row.fail("dimension", "bad_dimension", raw=text)
            return None
        return ""
    if not text:
        row.fail("dimension" if row.cell("dimension") else "metric", "missing_dimension", metric=metric.label_vi)
        return None
    digits = "".join(ch for ch in text if ch.isdigit())
    if digits.lstrip("0") not in ref.services:
        row.fail("dimension", "bad_dimension", raw=text)
        return None
    return digits.lstrip("0")


def _metric(row: _Row, ref: Indexes) -> Metric | None:
    if row.raw.metric_id:  # wide layout: the column says which metric
        return ref.metrics.metrics[row.raw.metric_id]
    if is_blank(row.value("metric")):
        row.fail("metric", "missing_metric")
        return None
    try:
        return row.read("metric", lambda v: ref.metrics.resolve(as_text(v)))
    except Problem:
        return None


def _place(row: _Row, ref: Indexes, text: str, period: Period | None, metric: Metric | None):
    if not text:
        row.fail("place", "missing_place")
        return None
    if period is None:
        return None  # which unit a name means depends on the period
    try:
        resolved = row.read("place", lambda v: ref.places.resolve(text, period))
    except Problem:
        return None
    if metric and not metric.applies_to(resolved.place.kind):
        kind = f"ingest_kind_{resolved.place.kind}"
        row.fail("place", "not_for_kind", metric=metric.label_vi, kind=t(kind, "vi"), kind_en=t(kind, "en"))
    return resolved


def _numbers(row: _Row) -> tuple[dict[str, Number | None], bool]:
    """The value, numerator and denominator as read; True when one could not be read."""
    numbers, unreadable = {}, False
    for name in ("value", "numerator", "denominator"):
        try:
            numbers[name] = row.read(name, parse_number) if name in row.raw.cells else None
        except Problem:
            numbers[name], unreadable = None, True
    return numbers, unreadable


def _status(row: _Row, defaults: Defaults) -> str:
    if "status" not in row.raw.cells:
        return defaults.status
    try:
        return row.read("status", parse_status) or defaults.status
    except Problem:
        return defaults.status


def check_record(raw: RawRecord, ref: Indexes, defaults: Defaults, today: date) -> tuple[Record | None, list[Issue]]:
    """One figure read and checked; (None, issues) when a cell is wrong, or an aggregate row."""
    row = _Row(raw)
    place_text = as_text(row.value("place")).strip()
    if place_text and ref.places.is_aggregate(place_text):
        return None, [Issue(raw.row, column(row.cell("place")), "aggregate_row", {"raw": place_text}, "notice")]
    metric = _metric(row, ref)
    period, period_note = _period(row, metric, defaults, today)
    resolved = _place(row, ref, place_text, period, metric)
    numbers, unreadable = _numbers(row)
    status = _status(row, defaults)
    dimension = _dimension(row, metric, ref) if metric else None
    value = _counts(row, metric, numbers) if metric and not unreadable else None
    source = _source(row, ref, defaults, status)
    if row.issues or None in (metric, resolved, period, dimension, value):
        return None, row.issues
    place = resolved.place
    notices = [Issue(raw.row, column(row.cell("place")), *resolved.notice, "notice")] if resolved.notice else []
    record = Record(
        raw.row, place.entity_id, place.name, place.kind, metric.id, dimension, period, value,
        numbers["numerator"].value if numbers["numerator"] else None,
        numbers["denominator"].value if numbers["denominator"] else None, status, source,
        as_text(row.value("note")).strip() or None,
        {name: as_text(c.value) for name, c in raw.cells.items()},
        [n for n in [period_note] + [numbers[k].note for k in numbers if numbers[k]] if n],
        place_text if resolved.notice else None, column(row.cell("place")))
    return record, notices


def _source(row: _Row, ref: Indexes, defaults: Defaults, status: str) -> SourceRef | None:
    text = as_text(row.value("source")).strip()
    if text:
        return ref.sources.resolve(text)
    if defaults.source is None and status == "published" and "source" in row.raw.cells:
        row.fail("source", "missing_source")
    return defaults.source


def check_duplicates(records: list[Record]) -> list[Issue]:
    """Both rows of every pair that lands on the same place, metric, service and period."""
    first: dict[tuple, Record] = {}
    issues = []
    for r in records:
        other = first.setdefault(r.key, r)
        if other is r:
            continue
        merged = [x.merged_from for x in (other, r) if x.merged_from]
        vi = en = ""
        if merged:
            names = ", ".join(f"“{x.raw.get('place', '')}”" for x in (other, r))
            vi = f" ({names} cùng là {r.entity_name} sau sáp nhập)"
            en = f" ({names} are both {r.entity_name} after the merger)"
        for this, that in ((r, other), (other, r)):
            issues.append(Issue(this.row, this.place_column, "duplicate", {
                "other": that.row, "place": r.entity_name, "metric": catalogue.get(r.metric_id).label_vi,
                "period": r.period.label("vi"),
                "merger": vi, "merger_en": en}))
    return issues
