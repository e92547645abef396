"""Editors' annotations: add, edit and delete, each change checked (a refused field is named with
its fix, nothing written) and recorded with who and when, through the store's lock and
copy-on-write swap like an import. The built-in ones come from data/ (store.events)."""
from __future__ import annotations

import uuid
from datetime import date, datetime
from pathlib import Path

from store.events import COLUMNS, run
from store.swap import copy_of, locked, swap, transaction

FIELDS = ("starts_on", "ends_on", "entity_id", "metric_id", "text_vi", "text_en", "source_id")
MAX_TEXT = 300


class Refused(ValueError):
    """An annotation that cannot be written: which field, what is wrong and how to fix it (vi, en)."""

    def __init__(self, field: str, problem_vi: str, problem_en: str):
        super().__init__(problem_en)
        self.field, self.problem_vi, self.problem_en = field, problem_vi, problem_en

    def message(self, lang: str) -> str:
        return self.problem_en if lang == "en" else self.problem_vi


def _as_date(value, field: str) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise Refused(field, f"“{value}” không phải một ngày: ghi theo dạng 2025-07-01.",
                      f"“{value}” is not a date: write it as 2025-07-01.") from None


def _checked(con, fields: dict) -> dict:
    """The fields cleaned, or Refused naming the first field that is wrong and its fix."""
    out = {k: (fields.get(k).strip() if isinstance(fields.get(k), str) else fields.get(k)) or None for k in FIELDS}
    out["starts_on"] = _as_date(out["starts_on"], "starts_on")
    out["ends_on"] = _as_date(out["ends_on"], "ends_on")
    if out["starts_on"] is None:
        raise Refused("starts_on", "Thiếu ngày: chọn ngày xảy ra sự kiện (hoặc ngày bắt đầu).",
                      "No date: choose the day of the event (or the first day of its period).")
    if out["ends_on"] and out["ends_on"] < out["starts_on"]:
        raise Refused("ends_on", "Ngày kết thúc trước ngày bắt đầu: sửa ngày kết thúc hoặc để trống.",
                      "The end is before the start: correct the end date or leave it empty.")
    for key, lang_vi, lang_en in (("text_vi", "tiếng Việt", "Vietnamese"), ("text_en", "tiếng Anh", "English")):
        if not out[key]:
            raise Refused(key, f"Thiếu nội dung {lang_vi}: nhập một câu ngắn về sự kiện.",
                          f"No {lang_en} text: write one short sentence about the event.")
        if len(out[key]) > MAX_TEXT:
            raise Refused(key, f"Nội dung {lang_vi} dài quá {MAX_TEXT} ký tự: rút gọn lại.",
                          f"The {lang_en} text is longer than {MAX_TEXT} characters: shorten it.")
    for key, table, what_vi, what_en in (("entity_id", "entities", "Đơn vị", "place"),
                                          ("metric_id", "metrics", "Chỉ tiêu", "metric"),
                                          ("source_id", "sources", "Văn bản nguồn", "source document")):
        if out[key] and not con.execute(f"SELECT 1 FROM {table} WHERE {key} = ?", [out[key]]).fetchall():
            raise Refused(key, f"{what_vi} “{out[key]}” không có trong danh mục: chọn trong danh sách.",
                          f"The {what_en} “{out[key]}” is not in the catalogue: pick one from the list.")
    return out


def _history(con, annotation_id: str, action: str, who: str, when: datetime) -> None:
    run(con, """INSERT INTO annotation_history
                   SELECT annotation_id, ?, ?, ?, starts_on, ends_on, entity_id, metric_id, text_vi, text_en, source_id
                   FROM annotations WHERE annotation_id = ?""", [action, who, when, annotation_id])


def _write(store: Path, change) -> str:
    """Run change(con) on a copy of the store in one transaction and swap the copy in."""
    store = Path(store)
    with locked(store), copy_of(store) as (con, tmp):
        with transaction(con):
            result = change(con)
        swap(con, tmp, store)
    return result


def add(store: Path, fields: dict, who: str) -> str:
    """Add an editor's annotation; its id. Refused (nothing written) when a field is wrong."""
    def change(con) -> str:
        clean = _checked(con, fields)
        annotation_id = f"note-{uuid.uuid4().hex[:10]}"
        now = datetime.now()
        run(con, f"INSERT INTO annotations ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})",
                    [annotation_id, clean["starts_on"], clean["ends_on"], None, clean["entity_id"], clean["metric_id"],
                     clean["text_vi"], clean["text_en"], clean["source_id"], "editor", who, now, who, now])
        _history(con, annotation_id, "add", who, now)
        return annotation_id
    return _write(store, change)


def _editors_own(con, annotation_id: str) -> None:
    row = con.execute("SELECT origin FROM annotations WHERE annotation_id = ?", [annotation_id]).fetchall()
    if not row or row[0][0] != "editor":
        raise Refused("annotation_id", "Chỉ sửa, xóa được ghi chú do biên tập viên thêm (ghi chú có sẵn lấy từ data/).",
                      "Only annotations added by editors can be edited or deleted (built-in ones come from data/).")


def edit(store: Path, annotation_id: str, fields: dict, who: str) -> str:
    """Change an editor's annotation (every field given anew); Refused if it is not one."""
    def change(con) -> str:
        _editors_own(con, annotation_id)
        clean = _checked(con, fields)
        now = datetime.now()
        run(con, """UPDATE annotations SET starts_on = ?, ends_on = ?, entity_id = ?, metric_id = ?, text_vi = ?,
                       text_en = ?, source_id = ?, updated_by = ?, updated_at = ? WHERE annotation_id = ?""",
                    [clean["starts_on"], clean["ends_on"], clean["entity_id"], clean["metric_id"], clean["text_vi"],
                     clean["text_en"], clean["source_id"], who, now, annotation_id])
        _history(con, annotation_id, "edit", who, now)
        return annotation_id
    return _write(store, change)


def delete(store: Path, annotation_id: str, who: str) -> str:
    """Delete an editor's annotation (its history keeps it); Refused if it is not one."""
    def change(con) -> str:
        _editors_own(con, annotation_id)
        _history(con, annotation_id, "delete", who, datetime.now())
        run(con, "DELETE FROM annotations WHERE annotation_id = ?", [annotation_id])
        return annotation_id
    return _write(store, change)
