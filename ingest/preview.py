"""From an uploaded file to a Preview: how every cell was read, every problem, and the plan.

Nothing is written here. prepare() reads the file, finds its layout, checks every figure and,
when nothing is wrong, plans what an import would add, change, leave or keep (write.py writes it).
"""
from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from ingest import layout as layouts
from ingest import resolve
from ingest.layout import Layout
from ingest.parse import Problem, is_blank, parse_period
from ingest.plan import Plan, make_plan
from ingest.read import FileRefused, Sheet, read_sheets
from ingest.validate import Defaults, Issue, Record, check_duplicates, check_record, column
from metrics.names import fold

DATA_SHEETS = ("so lieu", "du lieu", "data", "figures")


@dataclass
class Preview:
    file_name: str
    sha256: str
    size: int
    records: list[Record] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    plan: Plan | None = None
    sheet: Sheet | None = None
    layout: Layout | None = None
    defaults: Defaults = field(default_factory=Defaults)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[Issue]:
        """Problems that do not refuse the file (a report form's sums): kept as quality flags."""
        return [i for i in self.issues if i.severity == "warning"]

    @property
    def notices(self) -> list[Issue]:
        return [i for i in self.issues if i.severity == "notice"]

    @property
    def ok(self) -> bool:
        return not self.errors and self.plan is not None

    def batch_source_id(self) -> str | None:
        """The batch's document: the file's own, else the one most of its figures cite."""
        if self.defaults.source:
            return self.defaults.source.source_id
        ids = Counter(r.source_id for r in self.records if r.status == "published")
        return ids.most_common(1)[0][0] if ids else None


def _sheets_in_order(sheets: list[Sheet]) -> list[Sheet]:
    return sorted(sheets, key=lambda s: 0 if fold(s.name) in DATA_SHEETS else 1)


def _find_layout(sheets: list[Sheet], ref) -> tuple[Sheet, Layout] | None:
    for sheet in _sheets_in_order(sheets):
        found = layouts.find(sheet, ref.metrics)
        if found:
            return sheet, found
    return None


def _file_period(found: Layout, issues: list[Issue]):
    cell = found.period
    if cell is None or is_blank(cell.value):
        where = column(cell) if cell else "“Kỳ báo cáo”"
        issues.append(Issue(cell.row if cell else None, where, "missing_period"))
        return None
    try:
        period, _ = parse_period(cell.value)
        return period
    except Problem as p:
        issues.append(Issue(cell.row, column(cell), p.code, p.params))
        return None


def _defaults(found: Layout, ref, source: str | None, issues: list[Issue]) -> Defaults:
    period = _file_period(found, issues) if found.kind == "wide" else None
    text = None
    if found.source is not None and not is_blank(found.source.value):
        text = str(found.source.value)
    elif source and source.strip():
        text = source
    return Defaults(period=period, source=ref.sources.resolve(text) if text else None)


def _source_notices(records: list[Record]) -> list[Issue]:
    out, seen = [], set()
    for r in records:
        s = r.source
        if r.status != "published" or s is None or s.source_id in seen:
            continue
        seen.add(s.source_id)
        if s.is_new:
            out.append(Issue(None, None, "new_source", {
                "title": s.title, "number": s.number or "—",
                "date": f"{s.issued_on:%d/%m/%Y}" if s.issued_on else "—"}, "notice"))
        else:
            out.append(Issue(None, None, "source_matched", {"raw": r.raw.get("source") or s.title,
                                                             "number": s.number or s.source_id}, "notice"))
    return out


def prepare(store, file_name: str, data: bytes, source: str | None = None, today: date | None = None,
            limit: int | None = None) -> Preview:
    """Read and check a file against `store` (anything with .query, e.g. metrics.db.Store).

    `source` names the document for figures whose file names none. The Preview's issues list
    every error (row, column, problem, fix) and notice; its plan is set only when there is no error.
    """
    preview = Preview(file_name, hashlib.sha256(data).hexdigest(), len(data))
    try:
        sheets = read_sheets(file_name, data, limit)
    except FileRefused as refused:
        preview.issues.append(Issue(None, None, refused.code, refused.params))
        return preview
    ref = resolve.load(store)
    found = _find_layout(sheets, ref)
    if found is None:
        # not a template: perhaps the report form itself (imported here: ingest.forms builds on this module)
        from ingest.forms import prepare_form

        form = prepare_form(store, file_name, data, source, today)
        if form is not None:
            return form
        preview.issues.append(Issue(None, None, "no_header", {"expected": layouts.expected_columns("vi")}))
        return preview
    preview.sheet, preview.layout = found
    sheet, lay = found
    issues = preview.issues
    issues.append(Issue(lay.header_row, None, "sheet_used", {
        "sheet": sheet.name, "row": lay.header_row, "layout": {"long": "dạng dọc", "wide": "dạng ngang"}[lay.kind],
        "layout_en": lay.kind}, "notice"))
    if sheet.kind == "csv":
        issues.append(Issue(None, None, "encoding", {"encoding": sheet.encoding,
                                                     "delimiter": {"\t": "Tab"}.get(sheet.delimiter, sheet.delimiter)},
                            "notice"))
    issues += [Issue(r, c, code, p) for r, c, code, p in lay.issues]
    issues += [Issue(r, c, code, p, "notice") for r, c, code, p in lay.notices]
    preview.defaults = _defaults(lay, ref, source, issues)
    today = today or date.today()
    for raw in lay.records:
        record, found_issues = check_record(raw, ref, preview.defaults, today)
        issues += found_issues
        if record:
            preview.records.append(record)
    if not lay.records and not preview.errors:
        issues.append(Issue(None, None, "no_rows"))
    if any(r.status == "published" and r.source is None for r in preview.records):
        issues.append(Issue(None, "“Văn bản nguồn”", "missing_source"))
    issues += check_duplicates(preview.records)
    issues += _source_notices(preview.records)
    if not preview.errors:
        preview.plan = make_plan(store, preview.records)
    return preview
