"""The one formatter: numbers, percentages, points, counts, periods and dates in Vietnamese
(1.818; 96,91%; 91,43 điểm; 05/10/2025) and English (1,818; 96.91%), through Babel's vi_VN and
en locales, and the Plotly separators that make chart axes and hover labels read the same."""
from __future__ import annotations

import math
from datetime import date, datetime
from functools import lru_cache

import pandas as pd
from babel import dates as babel_dates
from babel import numbers as babel_numbers

from l10n import has, t

LOCALES = {"vi": "vi_VN", "en": "en"}
DECIMALS = {"pct": 2, "count": 0, "score": 2, "days": 1}
SUFFIX = {"pct": "%", "count": "", "score": "", "days": ""}
MINUS = "−"  # a real minus sign for signed changes, so '−2,50' does not read as a dash


def _locale(lang: str) -> str:
    return LOCALES["en" if lang == "en" else "vi"]


def _is_missing(value) -> bool:
    try:
        return value is None or bool(pd.isna(value))
    except (TypeError, ValueError):  # a list or an array is not "missing"
        return False


@lru_cache(maxsize=16)
def _pattern(decimals: int) -> str:
    return "#,##0" + ("." + "0" * decimals if decimals > 0 else "")


def format_number(value, decimals: int = 0, lang: str = "vi") -> str:
    """1818 -> '1.818' (vi) / '1,818' (en); 96.908 -> '96,91' / '96.91' with decimals=2."""
    if _is_missing(value):
        return "—"
    number = float(value)
    return _formatted(number, math.copysign(1.0, number) < 0, decimals, _locale(lang))


# Babel takes about 50 µs a number and a chart's hover texts ask for hundreds; the same figures
# come back on every view of a metric. (-0.0 equals 0.0 as a key: its sign is part of the key.)
@lru_cache(maxsize=1 << 16)
def _formatted(number: float, negative: bool, decimals: int, locale: str) -> str:
    return babel_numbers.format_decimal(number, format=_pattern(decimals), locale=locale,
                                        decimal_quantization=True, group_separator=True)


def format_value(value, unit: str, lang: str = "vi", decimals: int | None = None,
                 with_unit_word: bool = False) -> str:
    """A value in its unit: pct '96,91%', count '1.818', score '91,43' ('91,43 điểm' if asked)."""
    if _is_missing(value):
        return "—"
    text = format_number(value, DECIMALS[unit] if decimals is None else decimals, lang) + SUFFIX[unit]
    if with_unit_word and unit in ("score", "days"):
        text += " " + t(f"unit_word_{unit}", lang)
    return text


def format_change(change, unit: str, lang: str = "vi") -> str:
    """A signed change: '+1,39 điểm %' for rates (percentage points), '+12' for counts."""
    if _is_missing(change):
        return "—"
    sign = "+" if change > 0 else (MINUS if change < 0 else "±")
    body = format_number(abs(change), DECIMALS[unit], lang)
    if unit in ("pct", "score"):
        body += " " + t(f"change_unit_{unit}", lang)
    return sign + body


def format_count_of(numerator, denominator, lang: str = "vi") -> str:
    """'1.818/1.876' — a rate's own counts."""
    if _is_missing(numerator) or _is_missing(denominator):
        return "—"
    return f"{format_number(numerator, 0, lang)}/{format_number(denominator, 0, lang)}"


def _as_date(value) -> date:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return value.date()  # pandas Timestamp


def format_date(value, lang: str = "vi") -> str:
    """dd/mm/yyyy in Vietnamese, yyyy-mm-dd in English."""
    if _is_missing(value) or value == "":
        return "—"
    day = _as_date(value)
    return babel_dates.format_date(day, "dd/MM/yyyy" if lang != "en" else "yyyy-MM-dd", locale=_locale(lang))


@lru_cache(maxsize=64)
def month_name(month: int, lang: str) -> str:
    """The short month name: 'Mar' (en), 'thg 3' (vi)."""
    return babel_dates.format_date(date(2000, month, 1), "MMM", locale=_locale(lang))


@lru_cache(maxsize=8192)  # every period picker labels all its options on every rerun
def format_period(grain: str, year: int, month: int, lang: str = "vi", short: bool = False) -> str:
    """A period in words: 'Tháng 3/2024', 'Quý 1/2024', 'Năm 2024' ('Mar 2024', 'Q1 2024', '2024');
    short (chart ticks): 'T3/2024', 'Q1/2024', '2024'."""
    quarter = (month - 1) // 3 + 1
    key = f"period_{'short_' if short else ''}{grain}"
    return t(key, lang, year=year, month=month, quarter=quarter, month_name=month_name(month, "en"))


@lru_cache(maxsize=4)
def plotly_separators(lang: str) -> str:
    """Plotly's layout.separators for the language: its decimal mark, then its group mark
    (',.' for Vietnamese: axis ticks and hovers read 96,9% and 1.818)."""
    locale = _locale(lang)
    return babel_numbers.get_decimal_symbol(locale) + babel_numbers.get_group_symbol(locale)


def status_label(status: str | None, lang: str = "vi") -> str:
    """A figure's status in words: 'Công bố' / 'Minh họa' ('Published' / 'Demo'); '—' if none."""
    if not isinstance(status, str) or not status:
        return "—"
    return t(f"status_{status}", lang) if has(f"status_{status}") else status
