"""What the form reader borrows from the template import (metrics/ingest, moving to ingest/):
kept in this one module so that the move changes one file."""
from __future__ import annotations

from metrics.formatting import format_number
from metrics.ingest import resolve
from metrics.ingest.messages import KIND_WORDS
from metrics.ingest.parse import Number, Problem, parse_date, parse_number
from metrics.ingest.plan import Plan, make_plan
from metrics.ingest.preview import Preview
from metrics.ingest.read import FileRefused, column_letter, read_sheets
from metrics.ingest.resolve import PlaceIndex, Reference, SourceRef
from metrics.ingest.validate import Issue, Record

__all__ = ["KIND_WORDS", "FileRefused", "Issue", "Number", "PlaceIndex", "Plan", "Preview", "Problem",
           "Record", "Reference", "SourceRef", "column_letter", "format_number", "make_plan", "parse_date",
           "parse_number", "read_sheets", "resolve"]
