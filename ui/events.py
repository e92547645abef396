"""Annotations on the pages: the list of every one (data page) and the editors' form to add,
edit and delete theirs (import page). Writes go through ingest.events (the store's lock and
swap, who and when recorded); a refused field is named with its fix, nothing is written."""
from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from ingest import events as notes_store
from l10n import t as text
from l10n.formatting import format_date
from metrics import catalogue, places, provenance
from metrics import events as notes
from ui.data import ask, store

FLASH = "_annotation_flash"
NEW = "__new__"


def table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Every annotation as a table in lang: when, what, where, which metric, document, who and when."""
    def when(row) -> str:
        start = format_date(pd.Timestamp(row.starts_on).date().isoformat(), lang)
        return start if pd.isna(row.ends_on) else f"{start}–{format_date(pd.Timestamp(row.ends_on).date().isoformat(), lang)}"

    metric_names = {m.id: m.label(lang) for m in catalogue.catalogue().values()}
    rows = []
    for row in frame.itertuples():
        place = row.entity_name_en if lang == "en" else row.entity_name
        kind = text(f"annotation_kind_{row.entity_kind}", lang) if isinstance(row.entity_kind, str) else ""
        rows.append({
            text("annotation_col_when", lang): when(row),
            text("annotation_col_text", lang): row.text_en if lang == "en" else row.text_vi,
            text("annotation_col_place", lang): place if isinstance(place, str) else (kind or text("annotation_all", lang)),
            text("annotation_col_metric", lang): metric_names.get(row.metric_id, text("annotation_all", lang)),
            text("annotation_col_source", lang): row.source_number if isinstance(row.source_number, str) else (
                row.source_id if isinstance(row.source_id, str) else ""),
            text("annotation_col_origin", lang): text(f"annotation_origin_{row.origin.replace('-', '_')}", lang),
            text("annotation_col_by", lang): "" if row.origin == "built-in" else
            f"{row.updated_by} ({format_date(pd.Timestamp(row.updated_at).date().isoformat(), lang)})",
        })
    return pd.DataFrame(rows)


def show_list(lang: str) -> None:
    """The data page's list of every annotation."""
    frame = ask(notes.every)
    st.caption(text("annotation_list_help", lang))
    st.dataframe(table(frame, lang), hide_index=True, width="stretch", key="annotation_list")


def _choices(lang: str) -> tuple[dict, dict, dict]:
    every = ask(places.entities)
    shown = every[every.entity_kind.isin(("province", "ministry"))].sort_values(["entity_kind", "entity_name"])
    name = shown.entity_name_en if lang == "en" else shown.entity_name
    place_names = {"": text("annotation_all", lang)} | dict(zip(shown.entity_id, name))
    metric_names = {"": text("annotation_all", lang)} | {m.id: m.label(lang) for m in catalogue.catalogue().values()
                                                        if m.dimension is None}
    sources = ask(provenance.sources)
    source_names = {"": "—"} | {r.source_id: (r.number if isinstance(r.number, str) and r.number else r.source_id)
                                + " — " + str(r.title_en if lang == "en" and isinstance(r.title_en, str) else r.title_vi)[:70]
                                for r in sources.itertuples()}
    return place_names, metric_names, source_names


def _form(key: str, lang: str, current: dict | None) -> dict | None:
    """The fields of one annotation (current's values first); the fields when submitted."""
    current = current or {}
    place_names, metric_names, source_names = _choices(lang)

    def index(options: dict, value) -> int:
        return list(options).index(value) if value in options else 0

    with st.form(key, clear_on_submit=current == {}):
        start_col, end_col = st.columns(2)
        starts_on = start_col.date_input(text("annotation_starts", lang), value=current.get("starts_on") or date.today(),
                                         format="DD/MM/YYYY", key=f"{key}_starts")
        ends_on = end_col.date_input(text("annotation_ends", lang), value=current.get("ends_on"), format="DD/MM/YYYY",
                                     key=f"{key}_ends", help=text("annotation_ends_help", lang))
        place_col, metric_col = st.columns(2)
        entity_id = place_col.selectbox(text("annotation_place", lang), list(place_names), format_func=place_names.get,
                                        index=index(place_names, current.get("entity_id")), key=f"{key}_place")
        metric_id = metric_col.selectbox(text("annotation_metric", lang), list(metric_names), format_func=metric_names.get,
                                         index=index(metric_names, current.get("metric_id")), key=f"{key}_metric")
        text_vi = st.text_input(text("annotation_text_vi", lang), value=current.get("text_vi") or "", key=f"{key}_vi",
                                max_chars=notes_store.MAX_TEXT)
        text_en = st.text_input(text("annotation_text_en", lang), value=current.get("text_en") or "", key=f"{key}_en",
                                max_chars=notes_store.MAX_TEXT)
        source_id = st.selectbox(text("annotation_source", lang), list(source_names), format_func=source_names.get,
                                 index=index(source_names, current.get("source_id")), key=f"{key}_source")
        if st.form_submit_button(text("annotation_save", lang), type="primary", icon=":material/save:"):
            return dict(starts_on=starts_on, ends_on=ends_on, entity_id=entity_id, metric_id=metric_id,
                        text_vi=text_vi, text_en=text_en, source_id=source_id)
    return None


def _write(action, lang: str, done_key: str, *args) -> None:
    try:
        action(store().path, *args)
    except notes_store.Refused as refused:
        st.error(f"{text(f'annotation_field_{refused.field}', lang)}: {refused.message(lang)}", icon=":material/block:")
    else:
        st.session_state[FLASH] = text(done_key, lang)
        st.rerun()


def editor_section(editor, lang: str) -> None:
    """The import page's annotations: editors add, edit and delete theirs; viewers are told who may."""
    st.subheader(text("annotation_heading", lang))
    flash = st.session_state.pop(FLASH, None)
    if flash:
        st.success(flash)
    if not editor:
        st.caption(text("annotation_viewer", lang))
        return
    st.caption(text("annotation_help", lang))
    frame = ask(notes.every)
    own = frame[frame.origin == "editor"]
    labels = {NEW: text("annotation_new", lang)} | {
        r.annotation_id: f"{format_date(pd.Timestamp(r.starts_on).date().isoformat(), lang)} — "
                         f"{(r.text_en if lang == 'en' else r.text_vi)[:60]}" for r in own.itertuples()}
    chosen = st.selectbox(text("annotation_pick", lang), list(labels), format_func=labels.get, key="annotation_pick")
    if chosen == NEW:
        fields = _form("annotation_add", lang, None)
        if fields:
            _write(notes_store.add, lang, "annotation_added", fields, editor.name)
        return
    row = own[own.annotation_id == chosen].iloc[0]
    current = {k: (None if pd.isna(row[k]) else row[k]) for k in notes_store.FIELDS}
    for day in ("starts_on", "ends_on"):
        current[day] = None if current[day] is None else pd.Timestamp(current[day]).date()
    fields = _form(f"annotation_edit_{chosen}", lang, current)
    if fields:
        _write(notes_store.edit, lang, "annotation_edited", chosen, fields, editor.name)
    if st.button(text("annotation_delete", lang), key=f"annotation_delete_{chosen}", icon=":material/delete:"):
        _write(notes_store.delete, lang, "annotation_deleted", chosen, editor.name)
