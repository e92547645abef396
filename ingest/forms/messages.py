"""Every problem, warning and notice of the report-form reader, with its fix, in Vietnamese and
English: the texts live in the string catalogue (l10n/strings.yaml: ingest_<code> and
ingest_<code>_fix, the scheme of the template import's own codes, which a form's issues may also
carry: negative, duplicate, missing_source, new_source …).
"""
from __future__ import annotations

from dataclasses import dataclass

from ingest import messages as template_messages
from ingest.forms.base import Issue
from l10n import has, t


def text(code: str, lang: str, params: dict) -> tuple[str, str]:
    """(problem, fix) in 'vi' or 'en'; a code of the template import is answered by its table."""
    if code in template_messages.MESSAGES:
        return template_messages.text(code, lang, params)
    safe = _Blank(params)
    problem = t(f"ingest_{code}", lang).format_map(safe)
    fix = t(f"ingest_{code}_fix", lang).format_map(safe) if has(f"ingest_{code}_fix") else ""
    return problem, fix


class _Blank(dict):
    def __missing__(self, key):
        return self.get(key.removesuffix("_en"), "") if key.endswith("_en") else ""


@dataclass(frozen=True)
class FormIssue(Issue):
    """An Issue whose texts come from this table (severity 'error', 'warning' or 'notice')."""

    def problem(self, lang: str = "vi") -> str:
        return text(self.code, lang, self.params)[0]

    def fix(self, lang: str = "vi") -> str:
        return text(self.code, lang, self.params)[1]


def notice(row, column, code: str, **params) -> FormIssue:
    return FormIssue(row, column, code, params, "notice")


def warning(row, column, code: str, **params) -> FormIssue:
    return FormIssue(row, column, code, params, "warning")


def error(row, column, code: str, **params) -> FormIssue:
    return FormIssue(row, column, code, params, "error")
