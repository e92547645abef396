"""The dashboard's entry point: page config, the shared sidebar, and the router.

Run with `make run` (or `streamlit run dashboard.py`). Pages live in pages/ and only lay out;
answers come from metrics/, charts from charts/.
"""
from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from charts import template
from metrics.db import StoreMissing
from ui import drill, state
from ui.data import store
from ui.i18n import LANGS, t
from ui.monthly_deck import monthly_deck_widget
from ui.slide_basket import slide_basket_widget


@dataclass(frozen=True)
class Page:
    path: str
    title_vi: str
    title_en: str
    icon: str
    url: str


PAGES = (
    Page("pages/overview.py", "Tổng quan", "Overview", ":material/dashboard:", "tong-quan"),
    Page("pages/rankings.py", "Xếp hạng", "Rankings", ":material/leaderboard:", "xep-hang"),
    Page("pages/map.py", "Bản đồ", "Map", ":material/map:", "ban-do"),
    Page("pages/trends.py", "Xu hướng", "Trends", ":material/show_chart:", "xu-huong"),
    Page("pages/peers.py", "So sánh", "Profile and peers", ":material/compare_arrows:", "so-sanh"),
    Page("pages/online_services.py", "Dịch vụ công trực tuyến", "Online services", ":material/computer:", "dich-vu-cong"),
    Page("pages/project06.py", "Đề án 06", "Project 06", ":material/badge:", "de-an-06"),
    Page("pages/tasks.py", "Nhiệm vụ", "Tasks", ":material/task_alt:", "nhiem-vu"),
    Page("pages/data.py", "Dữ liệu", "Data", ":material/database:", "du-lieu"),
    Page("pages/data_import.py", "Nhập số liệu", "Import", ":material/upload_file:", "nhap-du-lieu"),
)

st.set_page_config(page_title="CCHC — Bảng điều khiển", page_icon=":material/account_balance:", layout="wide")
template.register()
drill.adopt()  # a profile link's selections, before any widget reads the session's

with st.sidebar:
    lang = state.choice("lang", LANGS, "vi", "Ngôn ngữ / Language",
                        format_func=lambda v: {"vi": "Tiếng Việt", "en": "English"}[v], widget="segmented")
    state.choice("map", ("2025", "time"), "2025", t("boundary", lang),
                 format_func=lambda v: t(f"boundary_{v}", lang), help=t("boundary_help", lang))

pages = [st.Page(p.path, title=p.title_en if lang == "en" else p.title_vi, icon=p.icon, url_path=p.url,
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
