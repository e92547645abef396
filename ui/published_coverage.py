"""The line each page shows under a ranking or a profile: how much of what it shows is published
("PAR INDEX 2023: 31 of 63 provinces published"), the rest being demo data."""
from __future__ import annotations

import streamlit as st

from metrics import catalogue, provenance
from metrics.formatting import format_number
from metrics.periods import parse
from ui.data import ask

# Interface strings of this module, until they join the string catalogue: key -> (vi, en).
TEXT = {
    "coverage": ("{metric} {period}: {published} trên {places} {kinds} có số liệu công bố; còn lại là dữ liệu minh họa.",
                 "{metric} {period}: {published} of {places} {kinds} published; the rest is demo data."),
    "coverage_all": ("{metric} {period}: cả {places} {kinds} có số liệu công bố.",
                     "{metric} {period}: all {places} {kinds} published."),
    "coverage_none": ("{metric} {period}: chưa có số liệu công bố của {kinds}; toàn bộ là dữ liệu minh họa.",
                      "{metric} {period}: no published figures for {kinds}; all of it is demo data."),
    "record_section": ("Bộ số liệu công bố", "The published record"),
    "record_intro": ("Số liệu tìm thấy trên các trang công khai (data/published_record): mỗi dòng là một số liệu công bố, "
                     "một thứ hạng, một dữ kiện dữ liệu minh họa phải tái tạo, hoặc được để riêng kèm lý do.",
                     "Figures found in public pages (data/published_record): each row is a published figure, a rank, a "
                     "fact the demo must reproduce, or set aside with its reason."),
    "record_coverage": ("Số đơn vị có số liệu hoặc thứ hạng công bố, theo năm", "Places with a published figure or rank, by year"),
    "record_aside": ("{n} dòng để riêng và lý do", "{n} rows set aside, and why"),
    "col_index": ("Chỉ số", "Index"), "col_kind": ("Đối tượng", "Places"), "col_year": ("Năm", "Year"),
    "col_published": ("Có công bố", "Published"), "col_of": ("Trên", "Of"),
    "col_file": ("Tệp", "File"), "col_line": ("Dòng", "Line"), "col_entity": ("Nơi", "Place"),
    "col_metric": ("Chỉ tiêu (như trang ghi)", "Metric (as printed)"), "col_period": ("Kỳ", "Period"),
    "col_value": ("Giá trị", "Value"), "col_reason": ("Lý do", "Reason"), "col_url": ("Trang", "Page"),
    "kinds_province": ("tỉnh, thành phố", "provinces"),
    "kinds_ministry": ("bộ, ngành", "ministries"),
}


def text(key: str, lang: str, **values) -> str:
    vi, en = TEXT[key]
    return (en if lang == "en" else vi).format(**values)


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
                  kinds=text(f"kinds_{kind}", lang))
    key = "coverage_none" if not found["published"] else "coverage_all" if found["published"] >= found["places"] else "coverage"
    return text(key, lang, **values)


def places_in(metric_id: str, period: str, kind: str) -> int:
    return ask(provenance.coverage, metric_id, period, kind)["places"]


def show(metric_id: str, period: str, kind: str, lang: str) -> None:
    line = coverage_text(metric_id, period, kind, lang)
    if line:
        st.caption(f":material/fact_check: {line}")
