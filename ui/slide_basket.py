"""The session's slide basket: charts a user collects across pages, then downloads as one deck."""

from __future__ import annotations

import re
from datetime import date

import streamlit as st

from exports.deck import SlideSpec, build_deck
from l10n import t

KEY = "slide_basket"
PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>$:])")


def slides() -> list[SlideSpec]:
    """The basket of this session (created empty on first use)."""
    return st.session_state.setdefault(KEY, [])


def add(spec: SlideSpec, lang: str = "vi") -> None:
    """Append a slide; meant as an on_click callback."""
    slides().append(spec)
    st.toast(t("basket_added", lang, n=len(slides())))


def move(index: int, step: int) -> None:
    """Swap slide `index` with its neighbour `index + step` (no-op at the ends)."""
    items, other = slides(), index + step
    if 0 <= index < len(items) and 0 <= other < len(items):
        items[index], items[other] = items[other], items[index]


def remove(index: int) -> None:
    items = slides()
    if 0 <= index < len(items):
        del items[index]


def clear() -> None:
    slides().clear()


def slide_basket_widget(lang: str = "vi", deck_title: str | None = None, deck_subtitle: str = "",
                        container=None) -> None:
    """An expander (in the sidebar by default) listing the basket with up/down/remove buttons
    and the deck download; the deck is built only when the user clicks download."""
    items = slides()
    box = (container or st.sidebar).expander(f"{t('basket_basket', lang)} ({len(items)})", expanded=bool(items))
    with box:
        if not items:
            st.caption(t("basket_empty", lang))
            return
        for i, spec in enumerate(items):
            st.markdown(f"{i + 1}\\. " + _MARKDOWN.sub(r"\\\1", spec.title))
            row = st.container(horizontal=True, gap="small")
            row.button("", key=f"{KEY}_up_{i}", help=t("basket_up", lang), icon=":material/arrow_upward:",
                       on_click=move, args=(i, -1), disabled=i == 0)
            row.button("", key=f"{KEY}_down_{i}", help=t("basket_down", lang), icon=":material/arrow_downward:",
                       on_click=move, args=(i, 1), disabled=i == len(items) - 1)
            row.button("", key=f"{KEY}_rm_{i}", help=t("basket_remove", lang), icon=":material/delete:",
                       on_click=remove, args=(i,))
        snapshot, title = list(items), deck_title or t("basket_title", lang)
        st.download_button(
            t("basket_download", lang),
            data=lambda: build_deck(snapshot, title, deck_subtitle, lang),
            file_name=f"{t('basket_file', lang)}_{date.today():%Y-%m-%d}.pptx",
            mime=PPTX_MIME, key=f"{KEY}_download", on_click="ignore", type="primary", icon=":material/slideshow:",
        )
        st.button(t("basket_clear", lang), key=f"{KEY}_clear", on_click=clear)
