"""Which column of a one-stop system's export holds which dossier field, and what its words mean.

Headers are matched without case, diacritics or punctuation ("Ngày tiếp nhận", "NGAY_TIEP_NHAN"
and "ngay tiep nhan" are one header); each field also answers to its own name and its label in
data/dossiers.yaml. Values are read the same way: "Trực tuyến" -> online, "Đã trả kết quả" ->
finished, "Có"/"x"/"1" -> true.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from metrics import catalogue
from metrics.names import fold

HEADERS = {
    "dossier_id": ["ma ho so", "so ho so", "ma so ho so", "ma hs", "so hs"],
    "entity_id": ["tinh thanh pho", "tinh", "tinh bo nganh", "bo nganh", "co quan chu quan", "don vi chu quan",
                  "tinh thanh pho bo nganh"],
    "unit_id": ["ma don vi", "ma co quan", "ma don vi tiep nhan", "ma co quan tiep nhan"],
    "unit_name": ["don vi tiep nhan", "co quan tiep nhan", "ten don vi", "noi tiep nhan", "ten co quan"],
    "unit_kind": ["cap", "cap don vi", "cap co quan", "loai don vi", "cap tiep nhan"],
    "commune_id": ["xa phuong", "xa", "ma xa", "xa phuong dac khu", "ubnd xa"],
    "procedure_code": ["ma thu tuc", "ma tthc", "ma thu tuc hanh chinh"],
    "procedure_name": ["ten thu tuc", "thu tuc", "ten tthc", "thu tuc hanh chinh"],
    "sector": ["linh vuc", "ten linh vuc"],
    "channel": ["hinh thuc nop", "kenh nop", "kenh tiep nhan", "hinh thuc tiep nhan", "phuong thuc nop"],
    "full_online": ["toan trinh", "dvc toan trinh", "truc tuyen toan trinh", "dich vu cong toan trinh"],
    "received_at": ["ngay tiep nhan", "thoi gian tiep nhan", "ngay nop", "ngay gio tiep nhan"],
    "due_at": ["han tra ket qua", "ngay hen tra", "ngay hen tra ket qua", "han xu ly", "han giai quyet"],
    "finished_at": ["ngay co ket qua", "ngay hoan thanh", "ngay tra ket qua", "thoi gian co ket qua",
                    "ngay giai quyet xong", "ngay ket thuc"],
    "status": ["trang thai", "tinh trang", "trang thai ho so", "tinh trang xu ly"],
    "e_result": ["ket qua dien tu", "tra ket qua dien tu", "cap ket qua dien tu"],
    "paid_online": ["thanh toan truc tuyen", "thanh toan phi truc tuyen", "thanh toan le phi truc tuyen"],
    "digitised": ["so hoa", "so hoa ho so", "da so hoa"],
    "synced": ["dong bo cong dvcqg", "dong bo", "dong bo dvcqg", "dong bo trang thai"],
    "updated_at": ["ngay cap nhat", "cap nhat lan cuoi", "thoi gian cap nhat", "ngay sua"],
}
# Folded words of each code (besides the code and its words in data/dossiers.yaml)
VALUES = {
    "unit_kind": {"commune": ["xa", "cap xa", "phuong", "ubnd xa", "ubnd phuong", "dac khu"],
                  "agency": ["so", "so nganh", "co quan cap tinh", "so ban nganh"],
                  "province": ["tinh", "cap tinh", "trung tam phuc vu hanh chinh cong", "ubnd tinh"],
                  "ministry": ["bo", "bo nganh", "cap bo", "co quan trung uong"]},
    "channel": {"online": ["truc tuyen", "qua mang", "dich vu cong truc tuyen", "dvc truc tuyen"],
                "in_person": ["truc tiep", "tai quay", "tai bo phan mot cua"],
                "post": ["buu chinh", "buu chinh cong ich", "bccI", "qua buu dien"]},
    "status": {"finished": ["da giai quyet", "da tra ket qua", "hoan thanh", "da co ket qua", "da xu ly xong",
                            "da hoan thanh"],
               "processing": ["dang giai quyet", "dang xu ly", "cho xu ly", "moi tiep nhan", "da tiep nhan",
                              "cho bo sung", "tam dung"],
               "withdrawn": ["rut ho so", "da rut", "dung xu ly", "dung giai quyet", "huy", "da huy",
                             "cong dan rut ho so"]},
}
TRUE_WORDS = ["co", "x", "1", "true", "t", "yes", "y", "dung", "da"]
FALSE_WORDS = ["khong", "0", "false", "f", "no", "n", "chua", "-"]


def header_key(text: str) -> str:
    """'Ngày tiếp nhận' / 'NGAY_TIEP_NHAN' / 'Ngày tiếp nhận (*)' -> 'ngay tiep nhan'."""
    key = fold(text)
    key = re.sub(r"\(.*?\)|\*", " ", key)
    return re.sub(r"[^a-z0-9]+", " ", key).strip()


def value_words(field: str) -> dict[str, str]:
    """Folded word -> code for a field with a vocabulary."""
    f = catalogue.dossier_fields()[field]
    out = {}
    for code, vi, en in f.values:
        for word in [code, vi, en, *VALUES.get(field, {}).get(code, [])]:
            out[header_key(word)] = code
    return out


@dataclass(frozen=True)
class Mapping:
    columns: dict[str, str]          # field -> the header of the file that holds it
    unknown: tuple[str, ...]         # headers no field answers to (ignored)
    missing: tuple[str, ...]         # required fields no header answers to
    doubled: tuple[tuple[str, str, str], ...]  # (field, header, other header): two headers for one field


def aliases() -> dict[str, str]:
    out = {}
    for name, f in catalogue.dossier_fields().items():
        for word in [name, f.label_vi, f.label_en, *HEADERS.get(name, [])]:
            out.setdefault(header_key(word), name)
    return out


def map_headers(headers: list[str]) -> Mapping:
    known = aliases()
    columns, unknown, doubled = {}, [], []
    for h in headers:
        field = known.get(header_key(h))
        if field is None or field == "batch_id":
            unknown.append(h)
        elif field in columns:
            doubled.append((field, columns[field], h))
        else:
            columns[field] = h
    missing = tuple(n for n, f in catalogue.dossier_fields().items() if f.required and n not in columns)
    return Mapping(columns, tuple(unknown), missing, tuple(doubled))


def examples(field: str) -> str:
    """How a field's header may be written, for a message: 'Ngày tiếp nhận, Thời gian tiếp nhận'."""
    f = catalogue.dossier_fields()[field]
    return f"“{f.label_vi}” (hoặc {field})"
