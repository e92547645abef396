"""The dashboard's entry point: page config, the shared sidebar, and the router.

Run with `make run` (or `streamlit run dashboard.py`). Pages live in pages/ and only lay out;
answers come from metrics/, charts from charts/.
"""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from charts import template
from l10n import LANGS, t
from metrics.db import StoreMissing
from ui import drill, state
from ui.data import store
from ui.monthly_deck import monthly_deck_widget
from ui.navigation import PAGES
from ui.slide_basket import slide_basket_widget

# A file, not ":material/account_balance:": the browser would fetch that icon from Google's font
# servers, which a ministry's network or the proxy's Content-Security-Policy may not allow.
FAVICON = Path(__file__).resolve().parent / "ui" / "assets" / "favicon.png"
st.set_page_config(page_title=t("app_title", "vi"), page_icon=str(FAVICON), layout="wide")
template.register()
drill.adopt()  # a profile link's selections, before any widget reads the session's

with st.sidebar:
    lang = state.choice("lang", LANGS, "vi", t("language", "vi"),
                        format_func=lambda v: {"vi": "Tiếng Việt", "en": "English"}[v], widget="segmented")
    state.choice("map", ("2025", "time"), "2025", t("boundary", lang),
                 format_func=lambda v: t(f"boundary_{v}", lang), help=t("boundary_help", lang))

pages = [st.Page(p.path, title=t(p.title, lang), icon=p.icon, url_path=p.url,
                 default=(i == 0)) for i, p in enumerate(PAGES)]
current = st.navigation(pages, position="sidebar")
drill.follow()

try:
    store().version()
except StoreMissing:
    st.error(t("store_missing", lang))
    st.stop()

slide_basket_widget(lang)
monthly_deck_widget(lang, st.session_state.get("w_map", "2025"))
state.show_notices()
current.run()
