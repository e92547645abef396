"""Importing agencies' spreadsheets into the store: read tolerantly, check everything, show the
plan, then write the whole file as one batch (or nothing), and undo a batch exactly.

    preview = prepare(store, "bao-cao-09-2025.xlsx", data, source="Báo cáo 125/BC-UBND ngày 05/10/2025")
    preview.errors            # Issue(row, column, code) with .problem(lang) and .fix(lang)
    frames.plan_frame(preview)  # add / change / leave / keep, figure by figure
    written = import_plan(store_path, preview, who="editor@example.gov.vn")
    undo(store_path, written.batch_id)

Modules, one job each: read (bytes -> sheets), layout (sheet -> raw records), parse (cells ->
numbers, periods, dates), resolve (names -> ids), validate (records + issues), plan (what
would change), preview (all of that for one file), write (the transaction and the swap),
frames and report (for people), templates (the two XLSX templates), messages (vi/en texts),
carry (keeping the imports when the store is rebuilt).
"""
from __future__ import annotations

from ingest.preview import Preview, prepare
from ingest.validate import Issue
from ingest.write import WriteRefused, Written, import_plan, undo

__all__ = ["Issue", "Preview", "WriteRefused", "Written", "import_plan", "prepare", "undo"]
