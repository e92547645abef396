"""The published record's place names as the store's entities, for the year a figure is about.

    "Thừa Thiên Huế", 2023 -> hue             "Bộ Tài chính", 2023 -> mof (mof-2025 from March 2025)
    "Toàn quốc (trung bình 63 tỉnh)" -> vn-province     "Toàn bộ (trung bình 17 bộ …)" -> vn-ministry
    "Vùng Đông Nam Bộ" -> region-dong-nam-bo           "Bắc Kạn; Lạng Sơn" -> two places (lists)
"""
from __future__ import annotations

import re
from datetime import date

from metrics.names import fold, place_key
from store.reference import load_reference

NATION_PROVINCES = ("63 tinh", "nhom a", "khoang gia tri 63 tinh", "khoi tinh", "trung binh cac tinh")
NATION_MINISTRIES = ("toan bo", "17 bo", "nhom bo", "cac bo", "khoi bo")
NATION = ("toan quoc", "ca nuoc")


class RecordPlaces:
    def __init__(self, reference=None):
        ref = reference or load_reference()
        self.entities = ref.entities
        self.kinds = dict(zip(ref.entities.entity_id, ref.entities.entity_kind))
        self.by_key: dict[str, list[str]] = {}
        for r in ref.entities.itertuples():
            names = [r.name_vi, r.name_en, r.full_name_vi, *str(r.aliases or "").split(";")]
            for name in names:
                if isinstance(name, str) and name.strip():
                    self.by_key.setdefault(place_key(name), []).append(r.entity_id)
        self.valid = {r.entity_id: (date.fromisoformat(str(r.valid_from)[:10]), date.fromisoformat(str(r.valid_to)[:10]))
                      for r in ref.entities.itertuples()}
        self.regions = {place_key(r.name_vi): f"region-{r.region_id}" for r in ref.regions.itertuples()}

    def aggregate(self, name: str, kind: str, average: bool = False) -> str | None:
        """The national aggregate a name stands for: 'Toàn quốc (trung bình 63 tỉnh)' and 'Khối
        tỉnh, thành' the provinces, 'Toàn bộ (trung bình 17 bộ …)' the ministries, 'Toàn quốc'
        alone the whole country (the provinces' when it is an average of a provinces' index)."""
        key = fold(name)
        if any(w in key for w in NATION_MINISTRIES):
            return "vn-ministry"
        if any(w in key for w in NATION_PROVINCES):
            return "vn-province"
        if any(w in key for w in NATION):
            return ("vn-ministry" if kind == "ministry" else "vn-province") if average else "vn"
        return None

    def region(self, name: str) -> str | None:
        key = place_key(fold(name).removeprefix("vung ").strip())
        return self.regions.get(key)

    def entity(self, name: str, on: date) -> str | None:
        """The province or ministry of that name in force on the day (its successor if merged by then: None)."""
        ids = self.by_key.get(place_key(re.sub(r"\(.*?\)", "", name)), [])
        ids = [i for i in ids if self.kinds[i] in ("province", "ministry")]
        for entity_id in ids:
            first, last = self.valid[entity_id]
            if first <= on <= last:
                return entity_id
        return None

    def kind(self, entity_id: str) -> str:
        return self.kinds[entity_id]


def split_names(text: str) -> list[str]:
    """'Bắc Kạn; Lạng Sơn; Cao Bằng' -> the three names, in the order printed."""
    return [part.strip() for part in str(text or "").split(";") if part.strip()]
