"""Every problem and notice an import can report, by code, with its fix: the texts live in the
string catalogue (l10n/strings.yaml: ingest_<code> and ingest_<code>_fix); params in braces
come from the check that found the problem."""
from __future__ import annotations

from l10n import strings, t

# The codes that only say how the file was read (no fix needed).
NOTICES = frozenset({"merged_into", "aggregate_row", "new_source", "source_matched", "ignored_column", "sheet_used",
                     "encoding"})
# Problems: each names what is wrong and how to fix it.
PROBLEMS = frozenset({
    "already_undone", "bad_dimension", "bad_period", "bad_status", "bad_xlsx", "busy", "counts_disagree", "duplicate",
    "duplicate_column", "empty_file", "extra_cells", "future_period", "grain", "half_ratio", "later_batch", "legacy_xls",
    "missing_dimension", "missing_metric", "missing_period", "missing_place", "missing_source", "missing_value",
    "negative", "no_batch", "no_counts", "no_header", "no_rows", "not_a_number", "not_for_kind", "not_integer",
    "not_spreadsheet", "not_yet", "numerator_above", "rate_range", "score_range", "stale", "store_missing", "too_big",
    "unknown_column", "unknown_metric", "unknown_place", "zero_denominator",
})
GRAIN_EXAMPLES = {"month": "03/2025", "quarter": "Q1/2025", "year": "2025"}


def _texts(code: str) -> tuple[str, str, str, str]:
    fix = f"ingest_{code}_fix"
    has_fix = fix in strings()
    return (t(f"ingest_{code}", "vi"), t(fix, "vi") if has_fix else "",
            t(f"ingest_{code}", "en"), t(fix, "en") if has_fix else "")


# code -> (Vietnamese problem, Vietnamese fix, English problem, English fix), as written.
MESSAGES: dict[str, tuple[str, str, str, str]] = {code: _texts(code) for code in sorted(NOTICES | PROBLEMS)}


def text(code: str, lang: str, params: dict) -> tuple[str, str]:
    """(problem, fix) for a code in 'vi' or 'en', with params filled (missing ones left blank)."""
    vi, vi_fix, en, en_fix = MESSAGES[code]
    problem, fix = (en, en_fix) if lang == "en" else (vi, vi_fix)
    safe = _Blank(params)
    return problem.format_map(safe), fix.format_map(safe)


class _Blank(dict):
    def __missing__(self, key):
        return ""
