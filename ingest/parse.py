"""What people type in agencies' spreadsheets, read into numbers, periods, dates and statuses.

Each parser takes one cell as read (text, an Excel number, a datetime, a Percent) and returns the
value with a short note when it had to interpret, or raises Problem(code, **params) naming what
is wrong (the codes are explained, with the fix, in messages.py).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from metrics.names import fold
from metrics.periods import Period


class Problem(ValueError):
    """A cell that cannot be read; code names the message in messages.py."""

    def __init__(self, code: str, **params):
        self.code, self.params = code, params
        super().__init__(code)


@dataclass(frozen=True)
class Percent:
    """An Excel cell holding a fraction shown with a % format: 0.9681 shown as 96.81%."""
    fraction: float
    decimals: int


@dataclass(frozen=True)
class Number:
    value: float
    decimals: int        # digits after the decimal separator as written (rounding tolerance)
    percent: bool        # written with a % sign or a % cell format
    note: str | None     # the interpretation, when the text was not a plain number


EXCEL_EPOCH = date(1899, 12, 30)
SERIALS = range(20000, 80000)          # Excel day numbers from 1954 to 2119
_DIGITS = re.compile(r"^\d[\d.,]*$")


def _decimals_of(value: float) -> int:
    text = repr(round(value, 10))
    return len(text.split(".")[1].rstrip("0")) if "." in text and "e" not in text else 0


def _vietnamese(text: str) -> tuple[float, int]:
    """A number written with Vietnamese (or English) separators.

    '1.818' -> 1818 (a dot before exactly three digits groups thousands);
    '96,81' -> 96.81 (a single comma is the decimal separator);
    '1.818,5' / '1,818.5' -> 1818.5 (with both, the last one is the decimal separator);
    '96.81' -> 96.81 and '0.818' -> 0.818 (not a thousands group).
    """
    if "." in text and "," in text:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        whole, _, frac = text.replace(thousands, "").partition(decimal)
    elif text.count(",") > 1 or text.count(".") > 1:
        sep = "," if "," in text else "."
        if not re.fullmatch(rf"\d{{1,3}}(\{sep}\d{{3}})+", text):
            raise Problem("not_a_number", raw=text)
        whole, frac = text.replace(sep, ""), ""
    elif "," in text:
        whole, _, frac = text.partition(",")
    elif "." in text:
        whole, _, frac = text.partition(".")
        if len(frac) == 3 and whole not in ("0", ""):
            whole, frac = whole + frac, ""
    else:
        whole, frac = text, ""
    if not whole.isdigit() or (frac and not frac.isdigit()):
        raise Problem("not_a_number", raw=text)
    return float(f"{whole}.{frac}" if frac else whole), len(frac)


def parse_number(raw) -> Number | None:
    """A cell as a number; None when empty. '96,81%' is a rate: value 96.81, percent True."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, Percent):
        value = round(raw.fraction * 100, 10)
        return Number(value, raw.decimals, True, f"{raw.fraction:g} (ô định dạng %) → {value:g}%")
    if isinstance(raw, bool) or isinstance(raw, (datetime, date)):
        raise Problem("not_a_number", raw=str(raw))
    if isinstance(raw, (int, float)):
        if isinstance(raw, float) and not math.isfinite(raw):
            raise Problem("not_a_number", raw=str(raw))
        return Number(float(raw), _decimals_of(float(raw)), False, None)
    text = str(raw).strip().replace("\u00a0", "").replace(" ", "").replace("\u2212", "-")
    percent = text.endswith("%")
    body = text.rstrip("%").strip()
    sign = -1.0 if body.startswith("-") else 1.0
    body = body[1:] if body[:1] in ("+", "-") else body
    if not _DIGITS.match(body):
        raise Problem("not_a_number", raw=str(raw).strip())
    value, decimals = _vietnamese(body)
    value *= sign
    plain = body.isdigit() and not percent
    note = None if plain else f"“{str(raw).strip()}” → {value:g}" + ("%" if percent else "")
    return Number(value, decimals, percent, note)


def _excel_date(serial: float) -> date:
    return EXCEL_EPOCH + timedelta(days=int(serial))


def _month(d: date) -> Period:
    return Period(date(d.year, d.month, 1), "month")


ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_PERIOD_FORMS: tuple[tuple[str, re.Pattern], ...] = (
    ("year", re.compile(r"^(?:nam )?(\d{4})$")),
    ("quarter", re.compile(r"^(?:q|quy) ?([1-4]|i{1,3}|iv) ?[/.,-]? ?(?:nam )?(\d{4})$")),
    ("quarter_iso", re.compile(r"^(\d{4}) ?[-/ ]? ?q([1-4])$")),
    ("month", re.compile(r"^(?:t|th|thang) ?(\d{1,2}) ?(?:[/.-]|nam)? ?(\d{4})$")),
    ("month", re.compile(r"^(\d{1,2}) ?[/.-] ?(\d{4})$")),
    ("month_iso", re.compile(r"^(\d{4}) ?[/.-] ?(\d{1,2})$")),
    ("date", re.compile(r"^(?:ngay )?(\d{1,2}) ?[/.-] ?(\d{1,2}) ?[/.-] ?(\d{4})$")),
    ("date_iso", re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?:[t ]\d{1,2}:\d{2}(?::\d{2})?)?$")),
)


def _from_form(form: str, m: re.Match) -> tuple[Period, bool]:
    """(period, came from a date)."""
    g = m.groups()
    if form == "year":
        return Period(date(int(g[0]), 1, 1), "year"), False
    if form in ("quarter", "quarter_iso"):
        q, y = (g[0], g[1]) if form == "quarter" else (g[1], g[0])
        q = ROMAN.get(q) or int(q)
        return Period(date(int(y), 3 * (q - 1) + 1, 1), "quarter"), False
    if form in ("month", "month_iso"):
        mo, y = (g[0], g[1]) if form == "month" else (g[1], g[0])
        return Period(date(int(y), int(mo), 1), "month"), False
    d, mo, y = (g[0], g[1], g[2]) if form == "date" else (g[2], g[1], g[0])
    return _month(date(int(y), int(mo), int(d))), True


def parse_period(raw) -> tuple[Period, str | None]:
    """A period and, when it was interpreted, a note. '2024', 'Q1/2024', 'Quý I/2024', '03/2024',
    'Tháng 3/2024', '2024-03', a date (text, datetime or Excel serial) -> the month it falls in."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        raise Problem("missing_period")
    if isinstance(raw, (datetime, date)):
        d = raw.date() if isinstance(raw, datetime) else raw
        p = _month(d)
        return p, f"ngày {d:%d/%m/%Y} → {p.label('vi')}"
    if isinstance(raw, (int, float)) and not isinstance(raw, bool):
        if float(raw).is_integer() and 1900 <= raw <= 2100:
            return Period(date(int(raw), 1, 1), "year"), None
        if int(raw) in SERIALS:
            d = _excel_date(raw)
            p = _month(d)
            return p, f"số ngày Excel {int(raw)} = {d:%d/%m/%Y} → {p.label('vi')}"
        raise Problem("bad_period", raw=str(raw))
    text = str(raw).strip()
    key = re.sub(r"\s+", " ", fold(text.replace("-", "/"))).strip()  # fold() turns '-' into ' '

    if key.isdigit() and int(key) in SERIALS:
        return parse_period(int(key))
    for form, pattern in _PERIOD_FORMS:
        m = pattern.match(key)
        if not m:
            continue
        try:
            period, dated = _from_form(form, m)
        except ValueError:
            raise Problem("bad_period", raw=text) from None
        canonical = {"year": period.key, "month": f"{period.start.month:02d}/{period.start.year}"}
        note = None if text in (period.key, canonical.get(period.grain)) else f"“{text}” → {period.label('vi')}"
        if dated:
            note = f"ngày “{text}” → {period.label('vi')}"
        return period, note
    raise Problem("bad_period", raw=text)


def parse_date(raw) -> date | None:
    """A date from a cell or from text such as 'ngày 05/04/2025' (dd/mm/yyyy); None if none."""
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    if isinstance(raw, (int, float)) and not isinstance(raw, bool) and int(raw) in SERIALS:
        return _excel_date(raw)
    text = fold(str(raw or "").replace("-", "/"))
    m = re.search(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text) or \
        re.search(r"ngay (\d{1,2}) thang (\d{1,2}) nam (\d{4})", text)
    if m:
        try:
            return date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        except ValueError:
            return None
    m = re.search(r"(\d{4})/(\d{2})/(\d{2})", text)
    if m:
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    return None


STATUSES = {"published": ("published", "cong bo", "chinh thuc", "da cong bo"),
            "demo": ("demo", "minh hoa", "thu", "thu nghiem", "test")}


def parse_status(raw) -> str | None:
    """'công bố'/'published' -> 'published'; 'minh họa'/'demo'/'thử' -> 'demo'; None if empty."""
    if raw is None or not str(raw).strip():
        return None
    key = fold(str(raw))
    for status, words in STATUSES.items():
        if key in words:
            return status
    raise Problem("bad_status", raw=str(raw).strip())


def is_blank(raw) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())
