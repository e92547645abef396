"""Nhập số liệu — agencies' spreadsheets into the store: templates, upload, how every cell was
read, the problems (with a downloadable report), what will be added, changed, left or kept,
then one confirmed batch; and the list of batches, which editors can undo. Only editors see
the upload and undo controls (ui.auth)."""
from __future__ import annotations

import streamlit as st

from ingest import WriteRefused, frames, import_plan, messages, prepare, templates, undo
from ingest.read import max_bytes
from ingest.report import report_xlsx
from l10n import t
from ui import auth, state
from ui import events as annotation_ui
from ui.data import ask, store, version

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def refusal(refused: WriteRefused) -> str:
    problem, fix = messages.text(refused.code, lang, refused.params)
    return f"{problem} {fix}"


lang = state.lang()
st.title(t("import_title", lang))
st.caption(t("import_intro", lang))
for message in st.session_state.pop("_import_flash", []):
    st.success(message)

st.subheader(t("import_templates", lang))
st.caption(t("import_templates_help", lang))
forms = [tp for tp in templates.TEMPLATES if (tp.kind or "").startswith("form:")]
for group in ([tp for tp in templates.TEMPLATES if tp not in forms], forms):
    if group is forms:  # the official report forms, blank: sent back as they are filled (ingest/forms)
        st.caption(t("import_forms_help", lang))
    for column, template in zip(st.columns(len(group)), group):
        column.download_button(template.label_en if lang == "en" else template.label_vi,
                               data=ask(templates.build, template.key), file_name=template.file_name, mime=XLSX,
                               key=f"template_{template.key}", icon=":material/download:")

editor = auth.gate(lang)

if editor:
    st.subheader(t("import_upload", lang))
    source = st.text_input(t("import_source", lang), key="import_source", help=t("import_source_help", lang))
    upload_key = f"import_file_{st.session_state.get('_import_round', 0)}"
    limit_mb = max_bytes() // (1024 * 1024)
    # the browser refuses only files far over the limit; those just over it get the import's own message
    upload = st.file_uploader(t("import_file", lang, mb=limit_mb), type=["xlsx", "csv", "txt", "xls"], key=upload_key,
                              max_upload_size=2 * limit_mb)
    if upload is not None:
        # one preview per session, made again when the file, the source or the store changes
        # (not in ask's shared cache: an upload can be 10 MB and concerns this editor only)
        wanted = (upload.file_id, source, version())
        if st.session_state.get("_import_preview_for") != wanted:
            st.session_state["_import_preview"] = prepare(store(), upload.name, upload.getvalue(), source or None)
            st.session_state["_import_preview_for"] = wanted
        preview = st.session_state["_import_preview"]
        counts = frames.summary(preview)
        if preview.errors:
            st.error(t("import_refused", lang, n=counts["errors"]), icon=":material/block:")
            errors = frames.issues_frame(preview, lang)
            if len(errors) <= 30:  # a table wraps the long problem and fix texts; a grid would cut them
                st.table(errors, hide_index=True)
            else:
                st.dataframe(errors, hide_index=True, width="stretch", key="import_errors")
            st.download_button(t("import_report", lang), data=report_xlsx(preview), mime=XLSX, key="import_report",
                               file_name=f"loi-{upload.name.rsplit('.', 1)[0]}.xlsx", icon=":material/download:")
        if preview.warnings:  # a report form's sums that do not add up: importable, kept as quality flags
            st.warning(t("import_warnings", lang, n=len(preview.warnings)), icon=":material/calculate:")
            st.table(frames.issues_frame(preview, lang, "warning"), hide_index=True)
        if preview.notices:
            with st.expander(t("import_notices", lang), expanded=not preview.errors):
                st.table(frames.issues_frame(preview, lang, "notice").head(30), hide_index=True)
        if preview.records:
            with st.expander(t("import_read_as", lang, n=len(preview.records)), expanded=not preview.errors):
                st.dataframe(frames.interpretation_frame(preview, lang), hide_index=True, width="stretch",
                             key="import_read_as")
        if preview.ok:
            st.subheader(t("import_plan", lang))
            for column, action in zip(st.columns(4), ("add", "change", "leave", "keep")):
                column.metric(t(f"import_{action}", lang), counts[action])
            if counts["keep"]:
                st.warning(t("import_keep_note", lang), icon=":material/shield:")
            st.dataframe(frames.plan_frame(preview, lang), hide_index=True, width="stretch", key="import_plan")
            writes = counts["add"] + counts["change"]
            if not writes:
                st.info(t("import_nothing", lang))
            elif st.button(t("import_confirm", lang, n=writes), type="primary", key="import_confirm", icon=":material/upload:"):
                try:
                    written = import_plan(store().path, preview, who=editor.name)
                except WriteRefused as refused:
                    st.error(refusal(refused))
                else:
                    st.session_state["_import_flash"] = [t("import_done", lang, batch=written.batch_id, added=written.added,
                                                            changed=written.changed)]
                    st.session_state["_import_round"] = st.session_state.get("_import_round", 0) + 1
                    st.rerun()

annotation_ui.editor_section(editor, lang)

st.subheader(t("import_batches", lang))
batches = ask(frames.batches_frame, lang)
if batches.empty:
    st.caption(t("import_no_batches", lang))
else:
    st.dataframe(batches, hide_index=True, width="stretch", key="import_batches")

open_batches = ask(frames.open_batches)
if editor and open_batches:
    with st.expander(t("import_undo", lang)):
        batch = st.selectbox(t("import_undo_pick", lang), open_batches, key="undo_batch")
        sure = st.checkbox(t("import_undo_sure", lang), key="undo_sure")
        if st.button(t("import_undo_button", lang), disabled=not sure, key="undo_button", icon=":material/undo:"):
            try:
                written = undo(store().path, batch)
            except WriteRefused as refused:
                st.error(refusal(refused))
            else:
                st.session_state["_import_flash"] = [t("import_undone", lang, batch=batch, added=written.added,
                                                        changed=written.changed)]
                st.rerun()
