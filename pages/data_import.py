"""Nhập số liệu — agencies' spreadsheets into the store: templates, upload, how every cell was
read, the problems (with a downloadable report), what will be added, changed, left or kept,
then one confirmed batch; and the list of batches, which editors can undo. Only editors see
the upload and undo controls (ui.auth)."""
from __future__ import annotations

import streamlit as st

from ingest import WriteRefused, frames, import_plan, messages, prepare, templates, undo
from ingest.read import max_bytes
from ingest.report import report_xlsx
from ui import auth, state
from ui import events as annotation_ui
from ui.data import ask, store, version

TEXT = {  # key: (vi, en)
    "title": ("Nhập số liệu", "Import figures"),
    "intro": ("Nhập số liệu do các bộ, ngành, địa phương báo cáo từ tệp Excel (.xlsx) hoặc CSV. Hệ thống đọc từng ô, "
              "báo lỗi theo dòng và cột, cho xem trước những gì sẽ thêm hoặc thay; chỉ ghi khi biên tập viên xác nhận, "
              "và ghi cả tệp trong một lần (hoặc không ghi gì).",
              "Import figures reported by ministries and provinces from Excel (.xlsx) or CSV files. Every cell is read "
              "and checked, problems are named by row and column, and nothing is written until an editor confirms; "
              "then the whole file is written at once, or nothing."),
    "templates": ("1. Tải mẫu nhập", "1. Download a template"),
    "templates_help": ("Mẫu có trang hướng dẫn, danh mục chỉ tiêu và danh sách địa phương hợp lệ.",
                       "Each template has a sheet of instructions and the lists of valid metrics and places."),
    "upload": ("2. Tải tệp lên", "2. Upload a file"),
    "source": ("Văn bản nguồn (nếu tệp chưa ghi)", "Source document (if the file names none)"),
    "source_help": ("Số và ngày văn bản, ví dụ: Báo cáo 125/BC-UBND ngày 05/10/2025. Số liệu có văn bản nguồn là số liệu công bố.",
                    "Number and date, e.g. Report 125/BC-UBND of 05/10/2025. Figures with a source are published figures."),
    "file": ("Tệp số liệu (.xlsx hoặc .csv, tối đa {mb} MB)", "Figures file (.xlsx or .csv, at most {mb} MB)"),
    "refused": ("Tệp chưa nhập được: {n} lỗi. Sửa theo cột “Cách sửa” rồi tải lên lại; chưa có gì được ghi.",
                "The file cannot be imported: {n} problems. Fix them as the “Fix” column says and upload it again; nothing was written."),
    "report": ("Tải báo cáo lỗi (.xlsx)", "Download the error report (.xlsx)"),
    "read_as": ("Cách hệ thống đọc tệp ({n} số liệu)", "How the file was read ({n} figures)"),
    "notices": ("Ghi chú khi đọc tệp", "Notes on reading the file"),
    "plan": ("3. Xem trước", "3. Preview"),
    "add": ("Thêm mới", "Added"), "change": ("Thay", "Changed"), "leave": ("Giữ nguyên", "Unchanged"),
    "keep": ("Không ghi đè", "Not overwritten"),
    "keep_note": ("Số liệu công bố chỉ được thay bằng văn bản nguồn mới hơn; số liệu minh họa không bao giờ thay số liệu công bố.",
                  "A published figure is replaced only by a newer published document; demo data never replaces published figures."),
    "confirm": ("Xác nhận nhập {n} số liệu", "Import {n} figures"),
    "nothing": ("Không có số liệu nào cần ghi: tất cả đã có sẵn hoặc không được ghi đè.",
                "Nothing to write: every figure is already there or may not be overwritten."),
    "done": ("Đã nhập đợt {batch}: thêm {added}, thay {changed} số liệu. Mọi trang đã hiển thị số liệu mới.",
             "Imported batch {batch}: {added} added, {changed} changed. Every page now shows the new figures."),
    "batches": ("Các đợt nhập", "Import batches"),
    "no_batches": ("Chưa có đợt nhập nào.", "No imports yet."),
    "undo": ("Hoàn tác một đợt nhập", "Undo a batch"),
    "undo_pick": ("Đợt nhập", "Batch"),
    "undo_sure": ("Tôi hiểu: số liệu của đợt này sẽ bị gỡ và số liệu trước đó được khôi phục.",
                  "I understand: this batch's figures are removed and what was there before is restored."),
    "undo_button": ("Hoàn tác", "Undo"),
    "undone": ("Đã hoàn tác đợt {batch}: gỡ {added} số liệu thêm mới, khôi phục {changed} số liệu cũ.",
               "Undid batch {batch}: removed {added} added figures, restored {changed}."),
}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def tr(key: str, **values) -> str:
    vi, en = TEXT[key]
    return (en if lang == "en" else vi).format(**values)


def refusal(refused: WriteRefused) -> str:
    problem, fix = messages.text(refused.code, lang, refused.params)
    return f"{problem} {fix}"


lang = state.lang()
st.title(tr("title"))
st.caption(tr("intro"))
for message in st.session_state.pop("_import_flash", []):
    st.success(message)

st.subheader(tr("templates"))
st.caption(tr("templates_help"))
for column, template in zip(st.columns(len(templates.TEMPLATES)), templates.TEMPLATES):
    column.download_button(template.label_en if lang == "en" else template.label_vi,
                           data=ask(templates.build, template.key), file_name=template.file_name, mime=XLSX,
                           key=f"template_{template.key}", icon=":material/download:")

editor = auth.gate(lang)

if editor:
    st.subheader(tr("upload"))
    source = st.text_input(tr("source"), key="import_source", help=tr("source_help"))
    upload_key = f"import_file_{st.session_state.get('_import_round', 0)}"
    limit_mb = max_bytes() // (1024 * 1024)
    # the browser refuses only files far over the limit; those just over it get the import's own message
    upload = st.file_uploader(tr("file", mb=limit_mb), type=["xlsx", "csv", "txt", "xls"], key=upload_key,
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
            st.error(tr("refused", n=counts["errors"]), icon=":material/block:")
            errors = frames.issues_frame(preview, lang)
            if len(errors) <= 30:  # a table wraps the long problem and fix texts; a grid would cut them
                st.table(errors, hide_index=True)
            else:
                st.dataframe(errors, hide_index=True, width="stretch", key="import_errors")
            st.download_button(tr("report"), data=report_xlsx(preview), mime=XLSX, key="import_report",
                               file_name=f"loi-{upload.name.rsplit('.', 1)[0]}.xlsx", icon=":material/download:")
        if preview.notices:
            with st.expander(tr("notices"), expanded=not preview.errors):
                st.table(frames.issues_frame(preview, lang, "notice").head(30), hide_index=True)
        if preview.records:
            with st.expander(tr("read_as", n=len(preview.records)), expanded=not preview.errors):
                st.dataframe(frames.interpretation_frame(preview, lang), hide_index=True, width="stretch",
                             key="import_read_as")
        if preview.ok:
            st.subheader(tr("plan"))
            for column, action in zip(st.columns(4), ("add", "change", "leave", "keep")):
                column.metric(tr(action), counts[action])
            if counts["keep"]:
                st.warning(tr("keep_note"), icon=":material/shield:")
            st.dataframe(frames.plan_frame(preview, lang), hide_index=True, width="stretch", key="import_plan")
            writes = counts["add"] + counts["change"]
            if not writes:
                st.info(tr("nothing"))
            elif st.button(tr("confirm", n=writes), type="primary", key="import_confirm", icon=":material/upload:"):
                try:
                    written = import_plan(store().path, preview, who=editor.name)
                except WriteRefused as refused:
                    st.error(refusal(refused))
                else:
                    st.session_state["_import_flash"] = [tr("done", batch=written.batch_id, added=written.added,
                                                            changed=written.changed)]
                    st.session_state["_import_round"] = st.session_state.get("_import_round", 0) + 1
                    st.rerun()

annotation_ui.editor_section(editor, lang)

st.subheader(tr("batches"))
batches = ask(frames.batches_frame, lang)
if batches.empty:
    st.caption(tr("no_batches"))
else:
    st.dataframe(batches, hide_index=True, width="stretch", key="import_batches")

open_batches = ask(frames.open_batches)
if editor and open_batches:
    with st.expander(tr("undo")):
        batch = st.selectbox(tr("undo_pick"), open_batches, key="undo_batch")
        sure = st.checkbox(tr("undo_sure"), key="undo_sure")
        if st.button(tr("undo_button"), disabled=not sure, key="undo_button", icon=":material/undo:"):
            try:
                written = undo(store().path, batch)
            except WriteRefused as refused:
                st.error(refusal(refused))
            else:
                st.session_state["_import_flash"] = [tr("undone", batch=batch, added=written.added,
                                                        changed=written.changed)]
                st.rerun()
