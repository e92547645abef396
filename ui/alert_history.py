"""The history of the messages the alerts sent, or still try to send, for the data page: when, to
whom (the address shortened: the page is public), what, and how it went (sent, waiting for a
retry, failed after the last attempt, with the server's answer)."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from alerts.ledger import Ledger
from l10n import t
from l10n.formatting import format_number
from ui.data import store

SHOWN = 200


def masked(address: str) -> str:
    """'gd@example.gov.vn' -> 'g…@example.gov.vn'."""
    name, _, domain = str(address).partition("@")
    return f"{name[:1]}…@{domain}" if domain else "…"


def _when(value) -> str:
    """'2026-11-20T08:00:00' -> '20/11/2026 08:00'."""
    if not isinstance(value, str) or not value:
        return "—"
    stamp = pd.Timestamp(value)
    return f"{stamp:%d/%m/%Y %H:%M}"


def sent_messages(lang: str) -> None:
    """Draw the section: counts by state, then the latest messages."""
    st.subheader(t("alert_history_section", lang))
    ledger = Ledger.beside(store().path)
    counts = ledger.counts()
    if not counts:
        st.info(t("alert_history_none", lang))
        return
    st.caption(t("alert_history_counts", lang, sent=format_number(counts.get("sent", 0), 0, lang),
                 pending=format_number(counts.get("pending", 0), 0, lang),
                 failed=format_number(counts.get("failed", 0), 0, lang)))
    rows = ledger.messages(SHOWN)
    st.dataframe(pd.DataFrame({
        t("col_at", lang): [_when(s if isinstance(s, str) else c) for s, c in zip(rows.sent_at, rows.created_at)],
        t("alert_col_kind", lang): [t(f"alert_kind_{k}", lang) for k in rows.kind],
        t("alert_col_to", lang): [masked(r) for r in rows.recipient],
        t("alert_col_subject", lang): list(rows.subject),
        t("col_status", lang): [t(f"alert_state_{s}", lang) for s in rows.state],
        t("alert_col_attempts", lang): [int(a) for a in rows.attempts],
        t("alert_col_error", lang): [e if isinstance(e, str) else "" for e in rows.last_error],
    }), hide_index=True, width="stretch")
    if counts.get("failed"):
        st.warning(t("alert_history_failed", lang, n=counts["failed"]), icon=":material/mail_lock:")
