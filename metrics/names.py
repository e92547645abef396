"""Matching what people type to places: with or without diacritics, case, or the 'Tỉnh'/'TP.'
prefix. "TP. Hồ Chí Minh" -> "ho chi minh"; "Tỉnh Hà Giang" -> "ha giang"."""
from __future__ import annotations

import re
import unicodedata

PREFIXES = ("thanh pho truc thuoc trung uong", "thanh pho", "tinh", "tp.", "tp", "t.p.", "t.p")


def fold(text: str) -> str:
    """Lowercase, no diacritics (đ -> d), single spaces, hyphens and dots as spaces."""
    text = unicodedata.normalize("NFC", str(text)).replace("Đ", "D").replace("đ", "d")
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    text = re.sub(r"[\s\-–—_]+", " ", text.lower()).strip()
    return text


def place_key(text: str) -> str:
    """fold() without an administrative prefix: 'TP. Hồ Chí Minh' and 'Hồ Chí Minh' match."""
    key = fold(text)
    for prefix in PREFIXES:
        if key.startswith(prefix + " ") or (prefix.endswith(".") and key.startswith(prefix)):
            key = key[len(prefix):].strip(" .")
            break
    return re.sub(r"[.\s]+", " ", key).strip()
