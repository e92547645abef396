"""The sidebar's "monthly meeting deck": the same deck as `python -m metrics.deck`, one click."""
from __future__ import annotations

import streamlit as st

from exports.monthly_deck import monthly_deck
from l10n import t
from metrics import values
from metrics.periods import parse
from ui.data import ask, store
from ui.slide_basket import PPTX_MIME


def monthly_deck_widget(lang: str, boundary: str) -> None:
    months = ask(values.periods, "dossiers_online", "month")
    if not months:
        return
    with st.sidebar.expander(t("deck_menu_title", lang), icon=":material/slideshow:"):
        month = st.selectbox(t("deck_menu_month", lang), months[::-1], key="deck_month",
                             format_func=lambda p: parse(p).label(lang), help=t("deck_menu_help", lang))
        st.download_button(t("deck_menu_download", lang), data=lambda: monthly_deck(store(), month, lang, boundary),
                           file_name=f"hop-bcd-cchc_{month}.pptx", mime=PPTX_MIME, key="deck_download",
                           on_click="ignore", icon=":material/download:")
