"""The official report forms agencies send, read as they are (not retyped into a template).

    preview = prepare_form(store, "bao-cao-thang-10.xlsx", data)   # None: the file holds no form
    preview.errors / .warnings / .notices   # FormIssue(row, column, code) with .problem(lang), .fix(lang)
    preview.records, preview.plan            # the same shapes as the template import's Preview
    preview.new_units, preview.flags         # agencies named for the first time; arithmetic mismatches

Modules, one job each: grid (workbook -> cells, merges, legacy text converted by legacy),
header (where the table is, header paths, the column-number row), title (unit, period, document;
periods parses the period), kinds (data/report_forms.yaml), columns (columns -> measures), rows
(data rows and their roles), checks (the form's arithmetic), reading (all of that, store-free),
places (rows -> communes, agencies, the total's province or ministry), records (counts ->
figures), preview (against the store), messages (vi/en texts), base (what is borrowed from the
template import), sql, words.
"""
from __future__ import annotations

from ingest.forms.preview import FormPreview, prepare_form
from ingest.forms.reading import Reading, read_form

__all__ = ["FormPreview", "Reading", "prepare_form", "read_form"]
