"""What the published record gives once read and settled: the coverage of each index by year
("PAR INDEX 2023: 31 of 63 provinces published"), and why rows were set aside.

    python -m store.record_report [--en]     # prints both
"""
from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from metrics import catalogue
from store.published_record import Record, read_record
from store.record_conflicts import Settled, settle
from store.reference import load_reference

INDEXES = ("par_index", "sipas", "index766")
KIND_WORDS = {"province": ("tỉnh, thành phố", "provinces"), "ministry": ("bộ, ngành", "ministries")}

# Why a row of the record is not in the store, in both languages (the data page shows them).
REASONS = {
    "needs_metric": ("Chỉ tiêu chưa có trong danh mục (sẽ thêm)", "Metric not yet in the catalogue (to be added)"),
    "no_metric": ("Không có chỉ tiêu tương ứng trong danh mục", "No matching metric in the catalogue"),
    "government_tasks": ("Nhiệm vụ Chính phủ, Thủ tướng giao, không phải nhiệm vụ CCHC",
                         "Tasks assigned by the Government and Prime Minister, not reform tasks"),
    "old_classification": ("Phân loại DVCTT mức độ 3, 4 trước Nghị định 42/2022/NĐ-CP",
                           "Level-3/4 online services, a classification before Decree 42/2022"),
    "count_without_metric": ("Số đếm không có tỷ lệ hay chỉ tiêu đi kèm", "A count with no rate or metric to go with"),
    "no_place": ("Không phải số liệu của một địa phương hay bộ", "Not a figure of one province or ministry"),
    "partial_period": ("Kỳ không phải tháng, quý hay năm (vd. 6 tháng, từ đầu năm đến nay)",
                       "The period is not a month, quarter or year (e.g. six months, year to date)"),
    "snapshot": ("Điểm số trong ngày, trong tuần, không phải kết quả tháng hay năm",
                 "A day's or week's running figure, not a month's or year's result"),
    "period_uncertain": ("Trang không nêu rõ năm", "The page does not state the year"),
    "period_unclear": ("Không đọc được kỳ", "The period cannot be read"),
    "period_missing": ("Thiếu kỳ", "No period"),
    "not_a_number": ("Giá trị không phải một con số", "The value is not one number"),
    "unit_unclear": ("Không rõ là điểm hay phần trăm", "Points or percentage: unclear"),
    "field_max_unknown": ("Điểm lĩnh vực không kèm điểm tối đa của năm đó", "Field points without that year's maximum"),
    "max_disagrees": ("Điểm tối đa ghi trên trang khác quy định của năm đó", "The page's maximum differs from that year's scheme"),
    "direction_only": ("Chỉ nêu tăng hay giảm, không có số", "Only up or down, no number"),
    "out_of_range": ("Giá trị ngoài thang điểm", "Value outside the scale"),
    "several_places": ("Một giá trị cho nhiều nơi", "One value for several places"),
    "unknown_place": ("Không nhận ra địa phương, bộ", "Province or ministry not recognised"),
    "spam_mirror": ("Trang rác đăng lại (cá cược, xổ số): loại", "Spam mirror (betting, lottery site): excluded"),
    "unknown_publisher": ("Trang chưa có trong danh sách nơi công bố", "Page not in the list of publishers"),
    "before_first_year": ("Năm trước năm đầu của bảng điều khiển (2021): không xếp hạng được khi thiếu các nơi khác",
                          "Before the dashboard's first year (2021): no ranking can be shown without the other places"),
    "rate_without_counts": ("Tỷ lệ tháng, quý không kèm số đếm (số liệu tháng, quý được lưu bằng tử số, mẫu số)",
                            "A month's or quarter's rate without its counts (monthly figures are stored as counts)"),
    "not_calibrated": ("Thứ hạng, số đếm hay giới hạn công bố chưa dùng để hiệu chỉnh dữ liệu minh họa",
                       "A published rank, count or bound the demo data is not calibrated to"),
}


@dataclass(frozen=True)
class Coverage:
    metric_id: str
    year: int
    kind: str
    published: int
    of: int

    def label(self, lang: str = "vi") -> str:
        name = catalogue.get(self.metric_id).label(lang)
        words = KIND_WORDS[self.kind][1 if lang == "en" else 0]
        joiner = "of" if lang == "en" else "trên"
        tail = "published" if lang == "en" else "có số liệu công bố"
        return f"{name} {self.year}: {self.published} {joiner} {self.of} {words} {tail}"


@lru_cache(maxsize=1)
def _entities():
    return load_reference().entities


def _in_force(kind: str, year: int, metric_id: str) -> int:
    """How many units a yearly ranking of that year covers: the provinces or ranked ministries at its end."""
    entities = _entities()
    day = date(year, 12, 31).isoformat()
    live = entities[(entities.entity_kind == kind) & (entities.valid_from <= day) & (entities.valid_to >= day)]
    if kind == "ministry" and metric_id == "par_index":
        live = live[live.par_index_status == "ranked"]
    return len(live)


def coverage(settled: Settled) -> list[Coverage]:
    """Per index, kind and year: the places with a published yearly score or rank."""
    kinds = dict(zip(_entities().entity_id, _entities().entity_kind))
    seen: dict[tuple, set] = {}
    for item in [*settled.figures, *settled.ranks]:
        kind = kinds.get(item.entity_id)
        if item.metric_id in INDEXES and item.period.grain == "year" and kind in KIND_WORDS:
            seen.setdefault((item.metric_id, item.period.start.year, kind), set()).add(item.entity_id)
    return [Coverage(m, y, k, len(ids), _in_force(k, y, m)) for (m, y, k), ids in sorted(seen.items())]


def summary(record: Record, settled: Settled, lang: str = "vi") -> list[str]:
    used = {(x.line.file, x.line.line) for x in [*record.figures, *record.ranks, *record.facts]}
    out = [f"{record.lines} rows, {len(used)} used: {len(settled.figures)} figures, {len(settled.ranks)} ranks, "
           f"{len(record.facts)} facts; {len(settled.conflicts)} conflicts; {len(record.documents)} source pages; "
           f"{record.lines - len(used)} rows set aside"]
    for reason, n in Counter(s.reason for s in record.set_aside).most_common():
        out.append(f"  set aside, {REASONS[reason][1 if lang == 'en' else 0]}: {n}")
    out += [c.label(lang) for c in coverage(settled)]
    return out


def main(argv: list[str] | None = None) -> int:
    lang = "en" if argv and "--en" in argv else "vi"
    record = read_record()
    for line in summary(record, settle(record), lang):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
