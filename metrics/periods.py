"""Periods as the store writes them: '2024' (year), '2024-Q1' (quarter), '2024-03' (month)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

GRAIN_ORDER = {"month": 0, "quarter": 1, "year": 2}
_PATTERNS = {
    "year": re.compile(r"^(\d{4})$"),
    "quarter": re.compile(r"^(\d{4})-Q([1-4])$"),
    "month": re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$"),
}


@dataclass(frozen=True, order=True)
class Period:
    start: date
    grain: str

    @property
    def key(self) -> str:
        if self.grain == "year":
            return f"{self.start.year}"
        if self.grain == "quarter":
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        return f"{self.start.year}-{self.start.month:02d}"

    def label(self, lang: str = "vi", short: bool = False) -> str:
        """'Tháng 3/2024', 'Quý 1/2024', 'Năm 2024' (or the English forms); short, for chart
        ticks: 'T3/2024', 'Q1/2024', '2024'."""
        from l10n.formatting import format_period

        return format_period(self.grain, self.start.year, self.start.month, lang, short)

    def shift(self, steps: int) -> Period:
        months = {"month": 1, "quarter": 3, "year": 12}[self.grain] * steps
        index = self.start.year * 12 + self.start.month - 1 + months
        return Period(date(index // 12, index % 12 + 1, 1), self.grain)

    def previous(self) -> Period:
        return self.shift(-1)

    @property
    def end(self) -> date:
        nxt = self.shift(1).start
        return date.fromordinal(nxt.toordinal() - 1)

    def coarsen(self, grain: str) -> Period:
        """The period of a coarser grain that contains this one."""
        y, m = self.start.year, self.start.month
        if grain == "year":
            return Period(date(y, 1, 1), "year")
        if grain == "quarter":
            return Period(date(y, (m - 1) // 3 * 3 + 1, 1), "quarter")
        return Period(date(y, m, 1), "month")


def parse(text: str) -> Period:
    """Parse a stored period key; ValueError says what was expected."""
    return _parse(str(text).strip())


@lru_cache(maxsize=8192)  # pages and charts parse the same few hundred keys over and over
def _parse(text: str) -> Period:
    for grain, pattern in _PATTERNS.items():
        match = pattern.match(text)
        if match:
            y = int(match.group(1))
            if grain == "year":
                return Period(date(y, 1, 1), grain)
            if grain == "quarter":
                return Period(date(y, (int(match.group(2)) - 1) * 3 + 1, 1), grain)
            return Period(date(y, int(match.group(2)), 1), grain)
    raise ValueError(f"'{text}' is not a period: use 2024, 2024-Q1 or 2024-03")


def month_range(first: date, last: date) -> list[Period]:
    """Every month from first to last, inclusive."""
    out, p = [], Period(date(first.year, first.month, 1), "month")
    while p.start <= last:
        out.append(p)
        p = p.shift(1)
    return out


def last_complete_month(today: date) -> Period:
    return Period(date(today.year, today.month, 1), "month").previous()
