"""Dữ liệu — where the figures come from: the store, published against demo figures, the source
documents, quality flags, the 2025 reorganisations, the SQL views for analysts, and the import
history and the e-mails the alerts sent."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from l10n import t
from l10n.formatting import format_date, format_value
from metrics import catalogue, places, provenance
from metrics.periods import parse
from metrics.provenance import VIEW_EXAMPLES
from ui import alert_history, published_coverage, state
from ui import events as annotation_ui
from ui.data import ask


def _date(value) -> str:
    return format_date(value, lang) if value is not None and pd.notna(value) and value != "" else "—"


def _count(value) -> str:
    return format_value(value, "count", lang)


def _period(value) -> str:
    """A period start date as the month it opens ('Tháng 1/2022')."""
    return parse(pd.Timestamp(value).strftime("%Y-%m")).label(lang) if pd.notna(value) else "—"


lang = state.lang()
st.title(t("data_title", lang))
st.caption(t("data_intro", lang))
state.show_notices()

# The store.
st.subheader(t("store_section", lang))
info = ask(provenance.store_info)
cols = st.columns(3)
cols[0].metric(t("built_at", lang), _date(info.get("built_at")))
cols[1].metric(t("last_import", lang), _date(info.get("last_import_at")) if info.get("last_import_at") else t("never", lang))
cols[2].metric(t("demo_until", lang), parse(info["demo_until"]).label(lang) if info.get("demo_until") else "—")
cols = st.columns(3)
cols[0].metric(t("published_count", lang), _count(float(info.get("published_observations", 0))))
cols[1].metric(t("demo_count", lang), _count(float(info.get("demo_observations", 0))))

# Published and demo figures.
st.subheader(t("status_section", lang))
st.markdown(t("status_explain", lang))
metrics = catalogue.catalogue()
status = ask(provenance.status_table, list(metrics))
every_source = ask(provenance.sources)
document = {r.source_id: provenance.source_label(r, lang, dated=False) for r in every_source.itertuples()}
st.dataframe(pd.DataFrame({
    t('col_metric', lang): [metrics[m].label(lang) for m in status.metric_id],
    "metric_id": list(status.metric_id),
    t("col_published", lang): [_count(v) for v in status.published],
    t("col_demo", lang): [_count(v) for v in status.demo],
    t("dossiers_records_badge", lang): [_count(v) for v in status.records],
    t("col_sources", lang): ["; ".join(document.get(i, i) for i in ids) or "—" for ids in status.source_ids],
    t("col_from", lang): [_period(v) for v in status.first_period],
    t("col_to", lang): [_period(v) for v in status.last_period],
}), hide_index=True, width="stretch", height=35 * (len(status) + 1) + 3)

# Sources.
st.subheader(t("sources_section", lang))
sources = ask(provenance.sources)
link = t("col_link", lang)
st.dataframe(pd.DataFrame({
    t('col_number', lang): list(sources.number.fillna("")),
    t("col_title", lang): [en if lang == "en" and isinstance(en, str) else vi
                            for vi, en in zip(sources.title_vi, sources.title_en)],
    t("col_issuer", lang): list(sources.issuer.fillna("")),
    t("col_date", lang): [_date(d) for d in sources.issued_on],
    t("col_kind", lang): [t(f"source_kind_{k}", lang) for k in sources.kind],
    t("col_cited", lang): [_count(v) for v in sources.observations],
    link: list(sources.url),
    "source_id": list(sources.source_id),
}), hide_index=True, width="stretch", column_config={link: st.column_config.LinkColumn(link, display_text="↗")})

# Quality flags.
st.subheader(t("flags_section", lang))
flags = ask(provenance.quality_flags)
if flags.empty:
    st.info(t("no_flags", lang))
else:
    st.caption(t("flags_intro", lang))
    units = [metrics[m].unit if m in metrics else "score" for m in flags.metric_id]
    # a static table: the messages are long and must wrap, not scroll out of sight
    st.table(pd.DataFrame({
        t('col_place', lang): list(flags.entity_name.fillna(flags.entity_id)),
        t('col_metric', lang): [metrics[m].label(lang) if m in metrics else m for m in flags.metric_id],
        t("col_period", lang): [parse(p).label(lang) for p in flags.period],
        t("col_stated", lang): [format_value(v, u, lang) for v, u in zip(flags.stated_value, units)],
        t("col_computed", lang): [format_value(v, u, lang) for v, u in zip(flags.computed_value, units)],
        t("col_message", lang): list(flags.message_en if lang == "en" else flags.message_vi),
        t("col_flag_kind", lang): [t(f"flag_kind_{k}", lang) for k in flags.kind],
    }), hide_index=True)

# The published record: coverage by index and year, and the rows set aside with their reasons.
st.subheader(t("record_section", lang))
st.caption(t("record_intro", lang))
by_year = ask(provenance.coverage_by_year, ["par_index", "sipas", "index766"])
if not by_year.empty:
    st.caption(t("record_coverage", lang))
    st.dataframe(pd.DataFrame({
        t("coverage_col_index", lang): [metrics[m].label(lang) for m in by_year.metric_id],
        t("coverage_col_kind", lang): [t(f"coverage_kinds_{k}", lang) for k in by_year.entity_kind],
        t("coverage_col_year", lang): list(by_year.period),
        t("coverage_col_published", lang): list(by_year.published),
        t("coverage_col_of", lang): [published_coverage.places_in(m, p, k) for m, p, k
                                     in zip(by_year.metric_id, by_year.period, by_year.entity_kind)],
    }), hide_index=True, key="record_coverage")
aside = ask(provenance.set_aside)
if not aside.empty:
    with st.expander(t("record_aside", lang, n=len(aside))):
        st.dataframe(pd.DataFrame({
            t("coverage_col_file", lang): list(aside.file), t("coverage_col_line", lang): list(aside.line),
            t("coverage_col_entity", lang): list(aside.entity), t("coverage_col_metric", lang): list(aside.metric),
            t("coverage_col_period", lang): list(aside.period), t("coverage_col_value", lang): list(aside.value),
            t("coverage_col_reason", lang): list(aside.reason_en if lang == "en" else aside.reason_vi),
            t("coverage_col_url", lang): list(aside.url),
        }), hide_index=True, key="record_set_aside",
            column_config={t("coverage_col_url", lang): st.column_config.LinkColumn()})

# The 2025 reorganisations.
st.subheader(t("lineage_section", lang))
st.caption(t("lineage_explain", lang))
for kind, heading in (("province", "lineage_provinces"), ("ministry", "lineage_ministries")):
    merged = ask(places.lineage, kind)
    st.markdown(f"**{t(heading, lang)}**")
    if merged.empty:
        st.info(t("no_data", lang))
        continue
    st.dataframe(pd.DataFrame({
        t('col_new_unit', lang): list(merged.entity_name_en if lang == "en" else merged.entity_name),
        t("col_formed_from", lang): list(merged.former_names_en if lang == "en" else merged.former_names),
        t("col_effective", lang): [_date(d) for d in merged.effective_date],
        t("col_basis", lang): ["; ".join(document.get(i, i) for i in ids) for ids in merged.source_ids],
        "entity_id": list(merged.entity_id),
        "came_from": list(merged.former_ids),
    }), hide_index=True, width="stretch", height=35 * (len(merged) + 1) + 3)

# SQL views for analysts.
st.subheader(t("views_section", lang))
st.markdown(t("views_intro", lang))
columns = ask(provenance.view_columns)
for view in provenance.VIEWS:
    own = columns[columns.view == view]
    with st.expander(f"`{view}` — {t(f'view_{view}', lang)}"):
        st.dataframe(pd.DataFrame({t('col_column', lang): list(own.column_name),
                                   t('col_type', lang): list(own.data_type)}), hide_index=True, width="stretch")
        st.markdown(f"**{t('example_query', lang)}**")
        st.code(VIEW_EXAMPLES[view], language="sql")

# Import history (the import page adds undo; listed here).
st.subheader(t("annotation_heading", lang))
annotation_ui.show_list(lang)

st.subheader(t("batches_section", lang))
batches = ask(provenance.import_batches)
if batches.empty:
    st.info(t("batches_none", lang))
else:
    st.dataframe(pd.DataFrame({
        t('col_batch', lang): list(batches.batch_id),
        t('col_by', lang): list(batches.imported_by),
        t("col_at", lang): [_date(d) for d in batches.imported_at],
        t("col_file", lang): list(batches.file_name),
        t("col_added", lang): [_count(v) for v in batches.rows_added],
        t("col_changed", lang): [_count(v) for v in batches.rows_changed],
        t("col_undone", lang): [_date(d) for d in batches.undone_at],
    }), hide_index=True, width="stretch")

alert_history.sent_messages(lang)
