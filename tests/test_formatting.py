"""The one formatter: Vietnamese and English number styles, dates, place names."""
from __future__ import annotations

import math

import pytest

from l10n.formatting import format_change, format_count_of, format_date, format_number, format_value
from metrics.names import place_key


@pytest.mark.parametrize("value, unit, lang, expected", [
    (1818, "count", "vi", "1.818"),
    (1818, "count", "en", "1,818"),
    (96.9083, "pct", "vi", "96,91%"),
    (96.9083, "pct", "en", "96.91%"),
    (91.43, "pct", "vi", "91,43%"),
    (4142, "count", "vi", "4.142"),
    (1234567.891, "count", "vi", "1.234.568"),
    (83.47, "score", "vi", "83,47"),
    (None, "pct", "vi", "—"),
    (math.nan, "count", "en", "—"),
])
def test_format_value(value, unit, lang, expected):
    assert format_value(value, unit, lang) == expected


def test_scores_can_carry_their_unit_word():
    assert format_value(91.43, "score", "vi", with_unit_word=True) == "91,43 điểm"


def test_changes_are_signed_and_rates_change_in_points():
    assert format_change(1.39, "pct", "vi") == "+1,39 điểm %"
    assert format_change(-2.5, "pct", "en") == "−2.50 pp"
    assert format_change(0, "count", "vi") == "±0"


def test_counts_of_a_rate_and_dates():
    assert format_count_of(1818, 1876, "vi") == "1.818/1.876"
    assert format_date("2024-04-17", "vi") == "17/04/2024"
    assert format_date("2024-04-17", "en") == "2024-04-17"
    assert format_number(5586, 0, "vi") == "5.586"


@pytest.mark.parametrize("typed, key", [
    ("Tỉnh Hà Giang", "ha giang"), ("Ha Giang", "ha giang"), ("HÀ GIANG", "ha giang"),
    ("TP. Hồ Chí Minh", "ho chi minh"), ("Thành phố Hồ Chí Minh", "ho chi minh"),
    ("Bà Rịa - Vũng Tàu", "ba ria vung tau"), ("Đắk Lắk", "dak lak"),
])
def test_place_keys_ignore_diacritics_case_and_prefixes(typed, key):
    assert place_key(typed) == key
