"""The "Cần chú ý" (needs attention) panel: what the alert rules found for the period on screen —
every place of the kind on the overview, one place on its profile — each item a link that opens
its view. Read from the alerts' ledger beside the store (alerts.ledger), newest first."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from alerts import links, registry, texts
from alerts.ledger import Finding, Ledger
from l10n import t
from metrics import catalogue
from metrics.periods import parse
from ui import pickers
from ui.data import ask, store

SHOWN = 8  # the panel lists this many; the alerts page has the rest


def periods_around(period: str) -> list[str]:
    """The period on screen, the quarter and year it is in, and the periods the overview's tiles
    show for it (the PAR INDEX of the year before, for a month of this year)."""
    at = parse(period)
    keys = {period, at.coarsen("quarter").key, at.coarsen("year").key}
    keys |= {p for p in (pickers.period_for(m, period) for m in catalogue.collection("overview_tiles")) if p}
    return sorted(keys)


def findings(period: str, kind: str | None = None, place: str | None = None) -> list[Finding]:
    """What fired for these periods (for the kind, or the place), rules deleted since left out;
    the period on screen first."""
    frame = Ledger.beside(store().path).firings(periods_around(period), place, limit=500)
    deleted = {r.rule_id for r in ask(registry.rules) if r.state == "deleted"}
    out = []
    for row in frame.itertuples():
        if row.rule_id in deleted or (kind and place is None and row.figures.get("kind") != kind):
            continue
        out.append(Finding(row.rule_id, row.condition, row.entity_id, row.metric_id, row.period, row.figures))
    return sorted(out, key=lambda f: f.period != period)  # the period on screen first, newest first in each


def panel(lang: str, period: str | None, kind: str | None = None, place: str | None = None) -> None:
    """Draw the panel (nothing when there is no period on screen)."""
    if not period:
        return
    items = findings(period, kind, place)
    with st.container(border=True, key="attention_panel"):
        st.markdown(f"**:material/notifications_active: {t('attention_title', lang)}**")
        if not items:
            st.caption(t("attention_none", lang, period=texts.period_in_text(period, lang)))
            return
        lines = [f"- [{_escaped(texts.what_happened(f, lang))}]({links.relative_link(f, lang)})"
                 for f in items[:SHOWN]]
        st.markdown("\n".join(lines))
        more = t("attention_more", lang, n=len(items) - SHOWN) + " " if len(items) > SHOWN else ""
        st.caption(more + t("attention_where", lang, url=links.url("", "pages/alerts.py", {"lang": lang}).lstrip("/")))


def _escaped(text: str) -> str:
    """Markdown link text: brackets would end it early."""
    return text.replace("[", "\\[").replace("]", "\\]")


def recent(lang: str, limit: int = 30) -> None:
    """The latest firings of every rule, each a link to its view (the alerts page)."""
    st.subheader(t("attention_recent", lang))
    frame = Ledger.beside(store().path).firings(limit=limit)
    if frame.empty:
        st.info(t("attention_recent_none", lang))
        return
    lines = []
    for row in frame.itertuples():
        finding = Finding(row.rule_id, row.condition, row.entity_id, row.metric_id, row.period, row.figures)
        when = pd.Timestamp(row.fired_at)
        lines.append(f"- {when:%d/%m/%Y %H:%M} · [{_escaped(texts.what_happened(finding, lang))}]"
                     f"({links.relative_link(finding, lang)})")
    st.markdown("\n".join(lines))
