"""What the form reader borrows from the template import (the modules beside ingest/forms):
kept in this one module so that the move changes one file."""
from __future__ import annotations

from ingest import resolve
from ingest.parse import Number, Problem, parse_date, parse_number
from ingest.plan import Plan, make_plan
from ingest.preview import Preview
from ingest.read import FileRefused, column_letter, read_sheets
from ingest.resolve import Indexes, PlaceIndex, SourceRef
from ingest.validate import Issue, Record
from l10n.formatting import format_number

__all__ = ["FileRefused", "Indexes", "Issue", "Number", "PlaceIndex", "Plan", "Preview", "Problem",
           "Record", "SourceRef", "column_letter", "format_number", "make_plan", "parse_date",
           "parse_number", "read_sheets", "resolve"]
