"""The pages of the published record as source documents, and how far each is trusted.

Each distinct URL is one document: its publisher and class come from data/published_record/
publishers.csv (by the longest domain suffix), its date from the page, its short title from what
it gives ("PAR INDEX 2023, SIPAS 2023"). Classes rank: an official government site (1) over a
newspaper or news agency (2) over a mirror, aggregator or machine translation (3); a spam mirror
(a betting or lottery site copying an article) is not a source at all.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlparse

import pandas as pd

from metrics.paths import DATA_DIR

RECORD_DIR = DATA_DIR / "published_record"
CLASS_RANK = {"official": 1, "newspaper": 2, "aggregator": 3, "machine_translation": 3}
CLASS_WORDS = {"official": ("trang chính thức của cơ quan nhà nước", "official government site"),
               "newspaper": ("báo, thông tấn", "newspaper or news agency"),
               "aggregator": ("trang tổng hợp, đăng lại", "mirror or aggregator"),
               "machine_translation": ("bản dịch máy, đăng lại", "machine translation or reprint"),
               "spam": ("trang rác đăng lại (loại)", "spam mirror (excluded)")}


@dataclass(frozen=True)
class Publisher:
    domain: str
    name_vi: str
    name_en: str
    klass: str

    @property
    def rank(self) -> int | None:
        """1 best; None for a spam mirror, which is never used."""
        return CLASS_RANK.get(self.klass)


@dataclass(frozen=True)
class Document:
    source_id: str
    url: str
    publisher: Publisher
    page_date: date | None

    def title(self, subject: str, lang: str = "vi") -> str:
        """'PAR INDEX 2023 — Báo Quảng Ninh (tiếng Anh)': what the page gives, and who published it."""
        name = self.publisher.name_en if lang == "en" else self.publisher.name_vi
        return f"{subject} — {name}"


def domain_of(url: str) -> str:
    host = urlparse(str(url or "")).netloc.lower()
    return host.split(":")[0].removeprefix("www.")


@lru_cache(maxsize=2)
def publishers(record_dir: Path = RECORD_DIR) -> dict[str, Publisher]:
    frame = pd.read_csv(record_dir / "publishers.csv", dtype=str, keep_default_na=False)
    return {r.domain: Publisher(r.domain, r.publisher_vi, r.publisher_en, r["class"]) for _, r in frame.iterrows()}


def publisher_of(url: str, record_dir: Path = RECORD_DIR) -> Publisher | None:
    """The publisher of the longest listed domain the URL's host ends with; None if unlisted."""
    host, known = domain_of(url), publishers(record_dir)
    while host:
        if host in known:
            return known[host]
        host = host.partition(".")[2]
    return None


def _page_date(text) -> date | None:
    """'2024-04-17' -> that day; '2020-09' -> the 1st; '2020' -> 1 January; anything else None."""
    raw = str(text or "").strip()
    for fmt, size in (("%Y-%m-%d", 10), ("%Y-%m", 7), ("%Y", 4)):
        try:
            return pd.to_datetime(raw[:size], format=fmt).date() if len(raw) >= size else None
        except ValueError:
            continue
    return None


def document(url: str, page_date, record_dir: Path = RECORD_DIR) -> Document | None:
    """The page as a source document; None when its publisher is not listed."""
    publisher = publisher_of(url, record_dir)
    if publisher is None:
        return None
    source_id = "web-" + hashlib.sha1(str(url).encode()).hexdigest()[:10]
    return Document(source_id, str(url), publisher, _page_date(page_date))


def preference(doc: Document) -> tuple:
    """Sort key among pages giving the same figure: the better class first, then the earlier
    page (the release, before later articles quote it), then the URL (a fixed order)."""
    return (doc.publisher.rank or 9, doc.page_date or date.max, doc.url)
