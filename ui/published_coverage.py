"""The line each page shows under a ranking or a profile: how much of what it shows is published
("PAR INDEX 2023: 31 of 63 provinces published"), the rest being demo data."""
from __future__ import annotations

import streamlit as st

from l10n import t
from l10n.formatting import format_number
from metrics import catalogue, provenance
from metrics.periods import parse
from ui.data import ask


def text(key: str, lang: str, **values) -> str:
    """A string of l10n/strings.yaml: coverage_* or record_* keys."""
    return t(key, lang, **values)


def coverage_text(metric_id: str, period: str, kind: str, lang: str) -> str | None:
    """The sentence for a metric, period and kind of place (None for communes and agencies,
    which only imports fill)."""
    if kind not in ("province", "ministry"):
        return None
    found = ask(provenance.coverage, metric_id, period, kind)
    period_text = parse(period).label(lang)
    period_text = period_text.removeprefix("Năm ")
    values = dict(metric=catalogue.get(metric_id).label(lang), period=period_text,
                  published=format_number(found["published"], 0, lang), places=format_number(found["places"], 0, lang),
                  kinds=t(f"coverage_kinds_{kind}", lang))
    key = ("published_coverage_none" if not found["published"] else "published_coverage_all"
           if found["published"] >= found["places"] else "published_coverage")
    return text(key, lang, **values)


def places_in(metric_id: str, period: str, kind: str) -> int:
    return ask(provenance.coverage, metric_id, period, kind)["places"]


def show(metric_id: str, period: str, kind: str, lang: str) -> None:
    line = coverage_text(metric_id, period, kind, lang)
    if line:
        st.caption(f":material/fact_check: {line}")


def show_span(metric_id: str, periods: list[str], kind: str, lang: str) -> None:
    """Under a trend: for yearly figures, the line of every year that has published figures (a
    trend of the PAR INDEX spans 2018-2025, and 2021-2024 are partly published); otherwise, or
    when none has, the line of the last period drawn. Months are not listed one by one: a trend
    draws dozens of them."""
    published = ask(provenance.coverage_by_year, [metric_id])  # one question for every year
    years = set(published.period[published.entity_kind == kind])
    lines = [coverage_text(metric_id, p, kind, lang) for p in periods if p in years]
    if not lines and periods:
        lines = [coverage_text(metric_id, periods[-1], kind, lang)]
    lines = [line for line in lines if line]
    if lines:
        st.caption(":material/fact_check: " + "  \n".join(lines))
