"""Header and label text reduced to plain words, so that forms match whatever their wording.

    words("Số hồ sơ đã giải quyết\\n(Tổng số)") -> "so ho so da giai quyet tong so"
    has_phrase("so ho so da giai quyet", "da giai quyet") -> True
    has_phrase("so ho so dang giai quyet", "da giai quyet") -> False  (whole words only)
"""
from __future__ import annotations

import re

from metrics.names import fold


def words(text) -> str:
    """Lower case, no diacritics, every run of punctuation or space one space."""
    return re.sub(r"[^a-z0-9]+", " ", fold(str(text or ""))).strip()


def has_phrase(text: str, phrase: str) -> bool:
    """Whether the folded phrase occurs in the folded text as whole words."""
    return f" {phrase} " in f" {text} "


def starts_with(text: str, phrases) -> str | None:
    """The first of the phrases the folded text begins with (as whole words), or None."""
    return next((p for p in phrases if text == p or text.startswith(p + " ")), None)
