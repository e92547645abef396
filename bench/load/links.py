"""What the simulated people open and click: the meeting's link, and every page of the sidebar
with the filter each one changes (the widgets bench.bench_pages switches)."""
from __future__ import annotations

import os
import urllib.parse
from dataclasses import dataclass

from bench.bench_pages import DEMO_CASES
from bench.server_process import declared_pages

# The link the secretariat sends: a page and its view, as a copied address bar holds them.
DEFAULT_LINK = "/xep-hang?metric=dossiers_online&kind=province&map=2025"


@dataclass(frozen=True)
class Link:
    page: str   # url path of the page ('' for the default page)
    query: str  # its query string, without '?'

    @property
    def path(self) -> str:
        return f"/{self.page}" + (f"?{self.query}" if self.query else "")


@dataclass(frozen=True)
class Page:
    url: str     # '' for the default page
    widget: str  # session-state key of the filter changed there, '' for none


@dataclass(frozen=True)
class Action:
    kind: str    # "page" (a sidebar link) or "change" (a filter)
    page: str
    widget: str = ""


def link(text: str | None = None) -> Link:
    parts = urllib.parse.urlsplit(text or os.environ.get("KPI_LOAD_LINK", DEFAULT_LINK))
    return Link(parts.path.strip("/"), parts.query)


def pages() -> tuple[Page, ...]:
    """dashboard.PAGES in sidebar order; the default page is served at ''."""
    widgets: dict[str, str] = {}
    for case in DEMO_CASES:
        widgets.setdefault(case.url, case.widget)
    return tuple(Page(p.url, widgets.get(p.declared_url, "")) for p in declared_pages())


LINK = link()
PAGES = pages()
