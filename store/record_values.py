"""The published record's cells as the store needs them: numbers, periods and ranks, as printed.

    number("88,72") -> 88.72      number("88.72") -> 88.72      number("168.746", count=True) -> 168746
    number("1.089 / 450") -> None (two figures in one cell: the role that reads it splits them)
    period("2023") -> 2023         period("tháng 7/2024") -> 2024-07      period("Quý III/2025") -> 2025-Q3
    period("đến 19/8/2024") -> Unread('snapshot')    period("6 tháng đầu 2024") -> Unread('partial_period')
    rank("last", 63) -> 63         rank("2nd from last", 63) -> 62
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from metrics.names import fold
from metrics.periods import Period

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
UNCERTAIN = ("khong neu", "suy theo", "khong ro", "year uncertain", "uncertain", "khoang")
PARTIAL = ("6 thang", "9 thang", "giai doan", "nhiem ky", "→", "dau nam", "tu dau nam", "cuoi ")
_NUMBER = re.compile(r"^[+\-−]?\d[\d.,]*$")


@dataclass(frozen=True)
class Unread:
    """Why a cell cannot be read as the store keeps it (a reason code of published_record.REASONS)."""
    reason: str


def number(text, count: bool = False) -> float | None:
    """One number as printed, in Vietnamese (88,72; 1.818) or English (88.72; 1,818) style; None
    if the cell holds anything but one number. A count's separators group thousands."""
    if text is None:
        return None
    raw = str(text).strip().replace("%", "").replace("\u2212", "-").replace(" ", "")
    if not raw or not _NUMBER.match(raw):
        return None
    sign = -1.0 if raw[0] in "-−" else 1.0
    raw = raw.lstrip("+-−")
    if "." in raw and "," in raw:
        decimal = "," if raw.rfind(",") > raw.rfind(".") else "."
        raw = raw.replace("." if decimal == "," else ",", "").replace(decimal, ".")
    elif count and re.fullmatch(r"\d{1,3}([.,]\d{3})+", raw):
        raw = raw.replace(".", "").replace(",", "")
    elif raw.count(",") == 1 and "." not in raw:
        raw = raw.replace(",", ".")
    elif raw.count(".") > 1 or raw.count(",") > 1:
        return None
    try:
        return sign * float(raw)
    except ValueError:
        return None


def numbers(text) -> list[float | None]:
    """'A=2; B=56; C=5' -> [2, 56, 5];  '57 / 6' -> [57, 6];  '73.81–95.26' -> [73.81, 95.26]."""
    parts = re.split(r"\s*(?:/|;|–|—|(?<=\d)-(?=\d))\s*", str(text or ""))
    return [number(re.sub(r"^.*?[=:]\s*", "", p).split("(")[0].strip()) for p in parts if p.strip()]


def labelled_counts(text) -> list[tuple[str, int]]:
    """'A=2; B=56; C=5' -> [('A', 2), ('B', 56), ('C', 5)];  '>90%: 3; 80–90%: 13' -> [('>90%', 3), …]."""
    return [(label.strip(), int(count)) for label, count in re.findall(r"([^;=:]+?)\s*[=:]\s*(\d+)", str(text or ""))]


def _snapshot(key: str) -> bool:
    return bool(re.search(r"\bden\b|\btuan\b|\d{1,2}/\d{1,2}/\d{4}|\d{4}-\d{2}-\d{2}|\bngay\b", key))


def period(text) -> Period | Unread:
    """The store period a printed period names, or why it names none."""
    # fold() turns dashes into spaces: mark a range's dash first
    key = re.sub(r"\s+", " ", fold(re.sub(r"\s*[–—]\s*", " ~ ", str(text or "")))).strip()
    if not key:
        return Unread("period_missing")
    if any(w in key for w in UNCERTAIN):
        return Unread("period_uncertain")
    if m := re.fullmatch(r"(?:nam )?(\d{4})", key):
        return Period(date(int(m.group(1)), 1, 1), "year")
    if m := re.fullmatch(r"(?:thang )?(\d{1,2})/(\d{4})", key):
        return Period(date(int(m.group(2)), int(m.group(1)), 1), "month") if 1 <= int(m.group(1)) <= 12 \
            else Unread("period_unclear")
    if m := re.fullmatch(r"quy (iv|i{1,3}|[1-4]) ?/ ?(\d{4})", key):
        q = ROMAN.get(m.group(1)) or int(m.group(1))
        return Period(date(int(m.group(2)), 3 * q - 2, 1), "quarter")
    if any(w in key for w in PARTIAL) or " ~ " in key.split("(")[0]:
        return Unread("partial_period")
    if _snapshot(key):
        return Unread("snapshot")
    return Unread("period_unclear")


_FROM_LAST = re.compile(r"^(\d+)(?:st|nd|rd|th) from last$")


def rank(text, rank_of: int | None) -> int | None:
    """A printed rank: '8', 'last', '2nd from last' (counted from rank_of); None if none."""
    raw = str(text or "").strip().lower()
    if not raw:
        return None
    if raw.isdigit():
        return int(raw)
    if raw == "last" and rank_of:
        return rank_of
    if (m := _FROM_LAST.match(raw)) and rank_of:
        return rank_of - int(m.group(1)) + 1
    return None
