"""The page's choices in words: the boundary map, a kind of place on its own or inside a
sentence, a province's name, a period inside a sentence, a chart's filters line."""
from __future__ import annotations

import pandas as pd

from l10n import t
from metrics import places
from metrics.periods import parse
from ui import pickers
from ui.data import ask


def boundary_label(lang: str, value: str | None = None) -> str:
    return t(f"boundary_short_{value or pickers.boundary()}", lang)


def kind_label(kind: str, lang: str) -> str:
    """'Tỉnh, thành phố' / 'Bộ, ngành' (short enough for a segmented control and a title)."""
    return t(f"place_{kind}", lang)


def kind_plural(kind: str, lang: str, province: str | None = None) -> str:
    """'tỉnh, thành phố' / 'provinces': the kind inside a sentence; with a province (its id),
    'xã, phường của Hà Nội'."""
    if kind == "commune" and province:
        return t("communes_in", lang, province=province_name(province, lang))
    if kind == "agency" and province:
        return t("agencies_in", lang, province=province_name(province, lang))
    return t(f"kinds_{kind}", lang)


def province_name(province: str, lang: str) -> str:
    """A province's (or, for its agencies, a ministry's) name in the language."""
    every = pd.concat([ask(places.entities, "province"), ask(places.entities, "ministry")])
    names = dict(zip(every.entity_id, every.entity_name_en if lang == "en" else every.entity_name))
    return names.get(province, province)


def period_text(period: str, lang: str) -> str:
    """A period inside a sentence: 'tháng 10/2026', 'năm 2024' (vi); 'Oct 2026', '2024' (en)."""
    label = parse(period).label(lang)
    return label[:1].lower() + label[1:] if lang == "vi" else label


def subtitle(*parts: str | None) -> str:
    """The filters line of a chart: 'Tỉnh, thành phố · Tháng 10/2026 · bản đồ 2025'."""
    return " · ".join(p for p in parts if p)
