"""The one number formatter. Vietnamese: 1.818; 96,91%; 91,43 điểm. English: 1,818; 96.91%."""
from __future__ import annotations

from datetime import date, datetime

import pandas as pd

SUFFIX = {"pct": "%", "count": "", "score": "", "days": ""}
UNIT_WORD = {"score": {"vi": " điểm", "en": " pts"}, "days": {"vi": " ngày", "en": " days"}}
DECIMALS = {"pct": 2, "count": 0, "score": 2, "days": 1}


def _is_missing(value) -> bool:
    try:
        return value is None or bool(pd.isna(value))
    except (TypeError, ValueError):  # a list or an array is not "missing"
        return False


def format_number(value, decimals: int = 0, lang: str = "vi") -> str:
    """1818 -> '1.818' (vi) / '1,818' (en); 96.908 -> '96,91' / '96.91' with decimals=2."""
    if _is_missing(value):
        return "—"
    text = f"{float(value):,.{decimals}f}"
    if lang == "vi":
        text = text.replace(",", "\u0000").replace(".", ",").replace("\u0000", ".")
    return text


def format_value(value, unit: str, lang: str = "vi", decimals: int | None = None,
                 with_unit_word: bool = False) -> str:
    """A value in its unit: pct '96,91%', count '1.818', score '91,43' ('91,43 điểm' if asked)."""
    if _is_missing(value):
        return "—"
    text = format_number(value, DECIMALS[unit] if decimals is None else decimals, lang) + SUFFIX[unit]
    if with_unit_word and unit in UNIT_WORD:
        text += UNIT_WORD[unit][lang]
    return text


def format_change(change, unit: str, lang: str = "vi") -> str:
    """A signed change: '+1,39 điểm %' for rates (percentage points), '+12' for counts."""
    if _is_missing(change):
        return "—"
    sign = "+" if change > 0 else ("−" if change < 0 else "±")
    body = format_number(abs(change), DECIMALS[unit], lang)
    if unit == "pct":
        body += " điểm %" if lang == "vi" else " pp"
    elif unit == "score":
        body += " điểm" if lang == "vi" else " pts"
    return sign + body


def format_count_of(numerator, denominator, lang: str = "vi") -> str:
    """'1.818/1.876' — a rate's own counts."""
    if _is_missing(numerator) or _is_missing(denominator):
        return "—"
    return f"{format_number(numerator, 0, lang)}/{format_number(denominator, 0, lang)}"


def format_date(value, lang: str = "vi") -> str:
    """dd/mm/yyyy in Vietnamese, yyyy-mm-dd in English."""
    if _is_missing(value) or value == "":
        return "—"
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if isinstance(value, datetime):
        value = value.date()
    if not isinstance(value, date):
        value = value.date()  # pandas Timestamp
    return f"{value:%d/%m/%Y}" if lang == "vi" else f"{value:%Y-%m-%d}"


def excel_number_format(unit: str, lang: str = "vi") -> str:
    """The Excel format for a unit's values (Excel shows separators per the user's locale)."""
    return {"pct": "0.00", "count": "#,##0", "score": "0.00", "days": "0.0"}[unit]
