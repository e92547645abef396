"""The reporting period a form's title block states, and the store period its figures go to.

    "Kỳ báo cáo: Tháng 10/2025 (từ ngày 15/9/2025 đến ngày 14/10/2025)" -> month 10/2025
    "Quý III năm 2025", "Quý 3/2025"                                     -> quarter 3/2025
    "6 tháng đầu năm 2025" / "6 tháng cuối năm 2025"                     -> first / second half
    "9 tháng năm 2025"                                                   -> nine months
    "Năm 2024"                                                           -> year 2024
    "Từ ngày 15/12/2024 đến ngày 14/3/2025" (a range alone)               -> by its length: Q1/2025

Reports close on the 14th (Nghị định 09/2019/NĐ-CP: from the 15th of the month before to the
14th), so a range is named by the period its last day falls in.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from metrics.names import fold
from metrics.periods import Period

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_SEP = r"\s*(?:/|-|\.|\s+thang\s+|\s+nam\s+)\s*"
DATE = rf"(\d{{1,2}}){_SEP}(\d{{1,2}}){_SEP}(\d{{4}})"
RANGE = re.compile(rf"tu(?: ngay)?\s+{DATE}\s*(?:den|toi)(?: ngay)?\s+{DATE}")
MONTH = re.compile(r"\bthang\s+(\d{1,2})\s*(?:/|-|nam)\s*(\d{4})")
QUARTER = re.compile(r"\bquy\s+(iv|i{1,3}|[1-4])\s*(?:/|-|nam)?\s*(\d{4})")
HALF = re.compile(r"\b0?6\s+thang\s+(dau|cuoi)\s+nam\s+(\d{4})")
NINE = re.compile(r"\b0?9\s+thang\s+(?:dau\s+)?nam\s+(\d{4})")
YEAR = re.compile(r"\bnam\s+(\d{4})\b")


class PeriodProblem(ValueError):
    def __init__(self, code: str, **params):
        self.code, self.params = code, params
        super().__init__(code)


@dataclass(frozen=True)
class FormPeriod:
    kind: str                  # 'month' | 'quarter' | 'half' | 'nine_months' | 'year'
    year: int
    index: int                 # the month, quarter or half (1 for a year or nine months)
    first_day: date | None = None
    last_day: date | None = None

    def label(self, lang: str = "vi") -> str:
        vi = {"month": f"Tháng {self.index}/{self.year}", "quarter": f"Quý {self.index}/{self.year}",
              "half": f"6 tháng {'đầu' if self.index == 1 else 'cuối'} năm {self.year}",
              "nine_months": f"9 tháng năm {self.year}", "year": f"Năm {self.year}"}
        en = {"month": f"{date(self.year, self.index, 1):%b %Y}" if self.kind == "month" else "",
              "quarter": f"Q{self.index} {self.year}", "half": f"H{self.index} {self.year}",
              "nine_months": f"Nine months of {self.year}", "year": f"{self.year}"}
        return (en if lang == "en" else vi)[self.kind]

    def same_as(self, other: FormPeriod) -> bool:
        return (self.kind, self.year, self.index) == (other.kind, other.year, other.index)

    def store_period(self) -> Period | None:
        """The store's month, quarter or year; None for six or nine months (no such grain)."""
        if self.kind == "month":
            return Period(date(self.year, self.index, 1), "month")
        if self.kind == "quarter":
            return Period(date(self.year, 3 * self.index - 2, 1), "quarter")
        if self.kind == "year":
            return Period(date(self.year, 1, 1), "year")
        return None

    def closing_quarter(self) -> Period:
        """The quarter the period ends with: where a state at its end (a stock) is kept."""
        last_month = {"month": self.index, "quarter": 3 * self.index, "half": 6 * self.index,
                      "nine_months": 9, "year": 12}[self.kind]
        return Period(date(self.year, (last_month - 1) // 3 * 3 + 1, 1), "quarter")


def _day(d: str, m: str, y: str) -> date:
    try:
        return date(int(y), int(m), int(d))
    except ValueError:
        raise PeriodProblem("form_bad_date", raw=f"{d}/{m}/{y}") from None


def _from_range(first: date, last: date) -> FormPeriod:
    days = (last - first).days + 1
    if days <= 0:
        raise PeriodProblem("form_bad_range", first=f"{first:%d/%m/%Y}", last=f"{last:%d/%m/%Y}")
    for kind, low, high in (("month", 27, 31), ("quarter", 88, 93), ("half", 180, 185), ("nine_months", 272, 276),
                            ("year", 364, 367)):
        if low <= days <= high:
            index = {"month": last.month, "quarter": (last.month - 1) // 3 + 1, "half": 1 if last.month <= 6 else 2,
                     "nine_months": 1, "year": 1}[kind]
            return FormPeriod(kind, last.year, index, first, last)
    raise PeriodProblem("form_bad_range", first=f"{first:%d/%m/%Y}", last=f"{last:%d/%m/%Y}")


def _named(key: str) -> FormPeriod | None:
    if m := MONTH.search(key):
        month = int(m.group(1))
        return FormPeriod("month", int(m.group(2)), month) if 1 <= month <= 12 else None
    if m := QUARTER.search(key):
        return FormPeriod("quarter", int(m.group(2)), ROMAN.get(m.group(1)) or int(m.group(1)))
    if m := HALF.search(key):
        return FormPeriod("half", int(m.group(2)), 1 if m.group(1) == "dau" else 2)
    if m := NINE.search(key):
        return FormPeriod("nine_months", int(m.group(1)), 1)
    if m := YEAR.search(key):
        return FormPeriod("year", int(m.group(1)), 1)
    return None


def parse_form_period(text: str) -> FormPeriod | None:
    """The period a line states (by name, by range, or both; they must agree), or None."""
    key = re.sub(r"\s+", " ", fold(text).replace(",", " "))
    span = None
    if m := RANGE.search(key):
        span = _from_range(_day(*m.groups()[:3]), _day(*m.groups()[3:]))
        key = key[: m.start()] + " " + key[m.end():]
    named = _named(key)
    if named and span and not named.same_as(span):
        raise PeriodProblem("form_period_disagree", named=named.label(), span=span.label(),
                            first=f"{span.first_day:%d/%m/%Y}", last=f"{span.last_day:%d/%m/%Y}")
    if named and span:
        return FormPeriod(named.kind, named.year, named.index, span.first_day, span.last_day)
    return named or span
