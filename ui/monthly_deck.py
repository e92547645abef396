"""The sidebar's "monthly meeting deck": the same deck as `python -m metrics.deck`, one click."""
from __future__ import annotations

import streamlit as st

from exports.monthly_deck import monthly_deck
from metrics import values
from metrics.periods import parse
from ui.data import ask, store
from ui.slide_basket import PPTX_MIME

WORDS = {
    "vi": dict(title="Bộ slide họp tháng", month="Tháng", download="Tải bộ slide (.pptx)",
               help="Trang tiêu đề, chỉ tiêu chính so với mục tiêu, xếp hạng tỉnh và bộ, xu hướng, "
                    "Đề án 06, nhiệm vụ quá hạn. Lệnh tương đương: python -m metrics.deck --period THÁNG --out deck.pptx"),
    "en": dict(title="Monthly meeting deck", month="Month", download="Download the deck (.pptx)",
               help="Title, headline KPIs against targets, province and ministry rankings, trends, "
                    "Project 06, overdue tasks. Same as: python -m metrics.deck --period MONTH --out deck.pptx"),
}


def monthly_deck_widget(lang: str, boundary: str) -> None:
    words = WORDS["en" if lang == "en" else "vi"]
    months = ask(values.periods, "dossiers_online", "month")
    if not months:
        return
    with st.sidebar.expander(words["title"], icon=":material/slideshow:"):
        month = st.selectbox(words["month"], months[::-1], key="deck_month",
                             format_func=lambda p: parse(p).label(lang), help=words["help"])
        st.download_button(words["download"], data=lambda: monthly_deck(store(), month, lang, boundary),
                           file_name=f"hop-bcd-cchc_{month}.pptx", mime=PPTX_MIME, key="deck_download",
                           on_click="ignore", icon=":material/download:")
