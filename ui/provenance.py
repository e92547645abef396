"""What every chart says about its figures: which are published (with their documents and
dates), which are computed from dossier records (with their batch) and which are demo data, and
when the store was last updated."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from l10n import t
from l10n.formatting import format_date
from metrics import dossiers, provenance
from metrics.provenance import source_ids_of
from ui.data import ask


def source_lines(source_ids: list[str], lang: str) -> list[str]:
    """'876/QĐ-BNV — Quyết định phê duyệt Đề án… (10/11/2022)'-style lines (metrics.provenance.
    source_label) for the given source ids, in catalogue order."""
    sources = ask(provenance.sources).set_index("source_id")
    return [provenance.source_label(sources.loc[sid], lang) for sid in source_ids if sid in sources.index]


def summary(frames: list[pd.DataFrame], metric_source: str | None = None) -> dict:
    """Counts of published and demo figures and the source lines behind them."""
    statuses = pd.concat([f["status"] for f in frames if "status" in f and not f.empty],
                         ignore_index=True) if frames else pd.Series(dtype=str)
    ids = source_ids_of(frames, [metric_source] if metric_source else [])
    return {"published": int((statuses == "published").sum()), "demo": int((statuses == "demo").sum()),
            "records": int((statuses == "records").sum()), "source_ids": ids}


def caption(frames: list[pd.DataFrame], lang: str, metric_source: str | None = None) -> dict:
    """Render the provenance line under a chart; returns the summary for exports."""
    info = summary(frames, metric_source)
    store = ask(provenance.store_info)
    updated = format_date(store.get("last_import_at") or store.get("built_at", ""), lang)
    lines = source_lines(info["source_ids"], lang)
    text = t("provenance", lang, published=info["published"], demo=info["demo"], updated=updated)
    if lines:
        text = f"{t('source', lang)}: " + "; ".join(lines) + ". " + text
    if info["records"]:  # computed from dossier records: which batch last changed them
        batch = ask(dossiers.latest_batch) or {}
        text += " " + t("dossiers_records_figures", lang, n=info["records"], batch=batch.get("batch_id", "—"),
                         at=format_date(batch.get("imported_at", ""), lang))
    if info["demo"]:
        text = "🟡 " + text
    st.caption(text)
    info["lines"] = lines
    return info


def demo_banner(lang: str) -> None:
    st.warning(t("demo_banner", lang), icon="🧪")
