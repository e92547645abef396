"""The session's slide basket: charts a user collects across pages, then downloads as one deck."""

from __future__ import annotations

import re
from datetime import date

import streamlit as st

from exports.deck import SlideSpec, build_deck

KEY = "slide_basket"
PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
WORDS = {
    "vi": {
        "basket": "Bộ slide", "empty": "Chưa có slide nào. Bấm “Thêm vào bộ slide” dưới một biểu đồ.",
        "added": "Đã thêm vào bộ slide ({n} slide)", "up": "Lên", "down": "Xuống", "remove": "Bỏ",
        "download": "Tải bộ slide (PowerPoint)", "clear": "Xóa tất cả",
        "title": "Cải cách hành chính: số liệu chọn lọc", "file": "bo_slide_cchc",
    },
    "en": {
        "basket": "Slide deck", "empty": "No slides yet. Click “Add to deck” under a chart.",
        "added": "Added to the deck ({n} slides)", "up": "Up", "down": "Down", "remove": "Remove",
        "download": "Download the deck (PowerPoint)", "clear": "Clear all",
        "title": "Administrative reform: selected figures", "file": "cchc_slides",
    },
}
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>$:])")


def _words(lang: str) -> dict[str, str]:
    return WORDS.get(lang, WORDS["vi"])


def slides() -> list[SlideSpec]:
    """The basket of this session (created empty on first use)."""
    return st.session_state.setdefault(KEY, [])


def add(spec: SlideSpec, lang: str = "vi") -> None:
    """Append a slide; meant as an on_click callback."""
    slides().append(spec)
    st.toast(_words(lang)["added"].format(n=len(slides())))


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
    words = _words(lang)
    items = slides()
    box = (container or st.sidebar).expander(f"{words['basket']} ({len(items)})", expanded=bool(items))
    with box:
        if not items:
            st.caption(words["empty"])
            return
        for i, spec in enumerate(items):
            st.markdown(f"{i + 1}\\. " + _MARKDOWN.sub(r"\\\1", spec.title))
            row = st.container(horizontal=True, gap="small")
            row.button("", key=f"{KEY}_up_{i}", help=words["up"], icon=":material/arrow_upward:",
                       on_click=move, args=(i, -1), disabled=i == 0)
            row.button("", key=f"{KEY}_down_{i}", help=words["down"], icon=":material/arrow_downward:",
                       on_click=move, args=(i, 1), disabled=i == len(items) - 1)
            row.button("", key=f"{KEY}_rm_{i}", help=words["remove"], icon=":material/delete:",
                       on_click=remove, args=(i,))
        snapshot, title = list(items), deck_title or words["title"]
        st.download_button(
            words["download"],
            data=lambda: build_deck(snapshot, title, deck_subtitle, lang),
            file_name=f"{words['file']}_{date.today():%Y-%m-%d}.pptx",
            mime=PPTX_MIME, key=f"{KEY}_download", on_click="ignore", type="primary", icon=":material/slideshow:",
        )
        st.button(words["clear"], key=f"{KEY}_clear", on_click=clear)
