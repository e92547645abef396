"""The link that opens the dashboard on exactly the view an alert is about: the page (from the
pages' table, ui.navigation.PAGES) and the query parameters that page's pickers read."""
from __future__ import annotations

from urllib.parse import urlencode

from metrics import catalogue
from metrics.periods import parse
from ui.navigation import PAGES

BOUNDARY = "2025"
# the page each condition's view is on
PAGE_OF = {"below_target": "pages/peers.py", "rank_drop": "pages/peers.py", "change": "pages/peers.py",
           "overdue_tasks": "pages/tasks.py", "no_figures": "pages/trends.py", "quality_flag": "pages/data.py"}


def page_url(path: str) -> str:
    """The URL path of a page script ('pages/peers.py' -> 'so-sanh'); '' for the first page of the
    table, which the router serves at the root (dashboard.py: default=True)."""
    if PAGES[0].path == path:
        return ""
    return next(p.url for p in PAGES if p.path == path)


def url(base_url: str, page: str, params: dict) -> str:
    query = urlencode({k: v for k, v in params.items() if v not in (None, "")})
    return f"{base_url.rstrip('/')}/{page_url(page)}" + (f"?{query}" if query else "")


def view_params(condition: str, entity_id: str | None, metric_id: str | None, period: str | None,
                kind: str, parent: str | None, lang: str) -> dict:
    """The query parameters of the view: the place's profile on the metric and period, the tasks
    of its kind that year, the place's trend on the metric, or the data page's flags."""
    common = {"lang": lang, "map": BOUNDARY}
    place_kind = {"kind": kind, "province": parent if kind == "commune" else None}
    if condition == "overdue_tasks":
        return {**common, "kind": kind, "year": str(parse(period).start.year) if period else None}
    if condition == "no_figures":
        grain = catalogue.get(metric_id).grain if metric_id else None
        return {**common, **place_kind, "metric": metric_id, "grain": grain, "places": entity_id}
    if condition == "quality_flag":
        return common
    grain = parse(period).grain if period else None
    return {**common, **place_kind, "metric": metric_id, "grain": grain, "period": period, "place": entity_id}


def finding_link(base_url: str, finding, lang: str) -> str:
    """The view of one finding (alerts.ledger.Finding)."""
    params = view_params(finding.condition, finding.entity_id, finding.metric_id, finding.period,
                         finding.figures.get("kind", "province"), finding.figures.get("parent_id"), lang)
    return url(base_url, PAGE_OF[finding.condition], params)


def relative_link(finding, lang: str) -> str:
    """The same view relative to the page it is on ('so-sanh?...'), for the in-app panel: a link
    opened as a new page load, so that the view comes from its URL (and under any base path)."""
    return finding_link("", finding, lang).lstrip("/")


def overview_link(base_url: str, period: str, lang: str, kind: str = "province") -> str:
    return url(base_url, "pages/overview.py", {"lang": lang, "map": BOUNDARY, "kind": kind,
                                                "grain": parse(period).grain, "period": period})


def rules_link(base_url: str, lang: str) -> str:
    return url(base_url, "pages/alerts.py", {"lang": lang})
