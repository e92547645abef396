"""A report form as an import Preview: the same record, issue and plan shapes as the template
import (ingest.preview), plus what only forms have — the agencies they name for the first
time, and their arithmetic mismatches, kept as quality flags when the form is imported anyway.

    preview = prepare_form(store, "bao-cao-thang-10.xlsx", data)   # None: not a report form
    preview.errors, preview.warnings, preview.notices, preview.records, preview.plan
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date

from ingest import sql
from ingest.forms import messages as msg
from ingest.forms.base import Preview, Problem, SourceRef, make_plan, resolve
from ingest.forms.places import NEW_AGENCY_NOTE, Places, Unit
from ingest.forms.reading import Reading, mismatch_issue, read_form
from ingest.forms.records import Placed, build_records
from ingest.validate import check_duplicates
from metrics import catalogue
from metrics.periods import Period


@dataclass(frozen=True)
class Flag:
    """One arithmetic mismatch, as the quality flag an import writes."""
    flag_id: str
    entity_id: str
    metric_id: str | None
    period: str
    stated: float
    computed: float
    message_vi: str
    message_en: str


@dataclass
class FormPreview(Preview):
    reading: Reading | None = None
    new_units: list[Unit] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    total_unit: Unit | None = None

    def beside(self, what: str, batch_id: str) -> list[tuple[str, dict]]:
        """The statements ingest.write runs in the batch's transaction beside the figures: the new
        agencies ('units', before the figures) and the arithmetic mismatches ('flags')."""
        note = NEW_AGENCY_NOTE.format(file=self.file_name)
        if what == "units":
            return [(sql.INSERT_AGENCY, {"entity_id": u.entity_id, "name_vi": u.name, "unit_type": u.unit_type,
                                         "parent_id": u.parent_id, "note": note, "batch": batch_id})
                    for u in self.new_units]
        source_id = self.batch_source_id()
        return [(sql.INSERT_FLAG, {"flag_id": f"{batch_id}:{f.flag_id}", "entity_id": f.entity_id,
                                   "metric_id": f.metric_id, "period": f.period, "stated": f.stated,
                                   "computed": f.computed, "source_id": source_id, "message_vi": f.message_vi,
                                   "message_en": f.message_en, "batch": batch_id})
                for f in self.flags]


def _period_for_places(reading: Reading) -> Period | None:
    fp = reading.title.period
    return (fp.store_period() or fp.closing_quarter()) if fp else None


def _source(preview: FormPreview, ref, source: str | None) -> SourceRef | None:
    text = reading_source = preview.reading.title.source_text()
    if not reading_source and source and source.strip():
        text = source
    return ref.sources.resolve(text) if text else None


def _place_rows(preview: FormPreview, places: Places, context: Unit, total: Unit) -> list[Placed]:
    reading, issues, placed = preview.reading, preview.issues, []
    members = [r for r in reading.rows if r.role in ("unit", "field")]
    for row in reading.rows:
        if row.role == "total":
            placed.append(Placed(row, total))
        elif row.role == "unit" and row.label:
            try:
                placed.append(Placed(row, places.row_unit(row.label, context)))
            except Problem as p:
                issues.append(msg.error(row.row, row.label_cell, p.code, **p.params))
    has_total = any(r.role == "total" for r in reading.rows)
    if reading.table.rows_are == "fields":
        issues.append(msg.notice(None, None, "form_fields", unit=total.name))
        if not has_total and members:
            synthetic = _sum_row(members, reading)
            placed.append(Placed(synthetic, total))
            issues.append(msg.notice(None, None, "form_total_computed", unit=total.name, count=len(members)))
    elif not has_total:
        issues.append(msg.notice(None, None, "form_no_total", unit=total.name))
    return placed


def _sum_row(members, reading: Reading):
    from ingest.forms.rows import FormRow

    first = members[0]
    row = FormRow(first.row, reading.title.units[-1].text if reading.title.units else "", first.label_cell, "", "total")
    for col in first.values:
        row.values[col] = sum(m.values.get(col, 0.0) for m in members)
    row.filled = True
    return row


def _flags(preview: FormPreview, placed: list[Placed]) -> list[Flag]:
    reading = preview.reading
    by_row = {p.row.row: p.unit for p in placed}
    uses = {}
    for recipe in reading.mapping.kind.recipes:
        for side in (recipe.numerator, recipe.denominator, recipe.value):
            for alt in side:
                for m in alt:
                    uses.setdefault(m, recipe.metric)
    period = next((r.period.key for r in preview.records), None) or _period_for_places(reading).key
    flags = []
    for m in reading.mismatches:
        issue = mismatch_issue(m, reading.rows)
        unit = by_row.get(m.row)
        if unit is None:
            continue
        metric_id = uses.get(m.measure)
        if metric_id and not catalogue.get(metric_id).applies_to(unit.kind):
            metric_id = None
        flags.append(Flag(f"form-{preview.sha256[:8]}-{m.cell}", unit.entity_id, metric_id, period, m.stated,
                          m.computed, issue.problem("vi"), issue.problem("en")))
    return flags


def prepare_form(store, file_name: str, data: bytes, source: str | None = None, today: date | None = None
                 ) -> FormPreview | None:
    """The Preview of a report form checked against `store`; None when the file holds no form."""
    reading = read_form(data)
    if reading is None:
        return None
    preview = FormPreview(file_name, hashlib.sha256(data).hexdigest(), len(data), reading=reading)
    preview.issues += reading.issues
    fp = reading.title.period
    if reading.title.period_problem:
        line, problem = reading.title.period_problem
        preview.issues.append(msg.error(None, line.address, problem.code, **problem.params))
    elif fp is None:
        preview.issues.append(msg.error(None, None, "form_no_period", last=reading.table.top - 1))
    period = _period_for_places(reading)
    today = today or date.today()
    if fp and (fp.last_day or period.start) > today:
        preview.issues.append(msg.error(None, reading.title.period_line.address if reading.title.period_line else None,
                                        "form_future", period=fp.label("vi")))
    ref = resolve.load(store)
    src = _source(preview, ref, source)
    if src is None:
        preview.issues.append(msg.error(None, None, "missing_source"))
    elif src.is_new:
        preview.issues.append(msg.notice(None, None, "new_source", title=src.title, number=src.number or "—",
                                         date=f"{src.issued_on:%d/%m/%Y}" if src.issued_on else "—"))
    else:
        preview.issues.append(msg.notice(None, None, "source_matched", raw=src.title, number=src.number or src.source_id))
    if period is None:
        return preview
    places = Places(store, ref, period)
    context, office = places.context(reading.title.units)
    if context is None:
        seen = ", ".join(f"“{u.text}”" for u in reading.title.units)
        preview.issues.append(msg.error(None, None, "form_no_unit", seen=f" ({seen})" if seen else ""))
        return preview
    total = office if reading.table.rows_are == "fields" and office else context
    preview.total_unit = total
    preview.issues.append(msg.notice(None, None, "form_unit", unit=(office or context).name, total=total.name))
    placed = _place_rows(preview, places, context, total)
    if fp is None or src is None:
        return preview
    disagree = {(m.row, m.measure) for m in reading.mismatches if m.kind in ("sum", "at_least") and m.measure}
    preview.records = build_records(reading.mapping, placed, fp, src, disagree, preview.issues)
    preview.new_units = [u for u in places.new.values() if any(r.entity_id == u.entity_id for r in preview.records)]
    if preview.new_units:
        names = ", ".join(u.name for u in preview.new_units)
        preview.issues.append(msg.notice(None, None, "form_new_agency", count=len(preview.new_units),
                                         parent=context.name, names=names))
    preview.issues += [msg.FormIssue(i.row, i.column, i.code, i.params, i.severity)
                       for i in check_duplicates(preview.records)]
    preview.flags = _flags(preview, placed)
    if not preview.errors:
        preview.plan = make_plan(store, preview.records)
    return preview
