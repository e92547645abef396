"""What a form's title block says: who reports, for which period, in which document.

    UBND TỈNH HÀ GIANG                 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
    SỞ TƯ PHÁP                              Độc lập - Tự do - Hạnh phúc
    Số: 125/BC-STP                   Hà Giang, ngày 15 tháng 10 năm 2025
                               BÁO CÁO
          Tình hình, kết quả giải quyết TTHC tháng 10 năm 2025
    Kỳ báo cáo: Tháng 10/2025 (từ ngày 15/9/2025 đến ngày 14/10/2025)      Đơn vị tính: hồ sơ

-> units ("UBND TỈNH HÀ GIANG", "SỞ TƯ PHÁP"), number 125/BC-STP, dated 15/10/2025, the title,
the period (the "Kỳ báo cáo" line first, else the title), the unit of count.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ingest.forms.base import parse_date
from ingest.forms.grid import Grid, address
from ingest.forms.periods import FormPeriod, PeriodProblem, parse_form_period
from ingest.forms.words import has_phrase, starts_with, words

UNIT_WORDS = ("ubnd", "uy ban nhan dan", "bo", "so", "van phong", "trung tam", "ban", "co quan", "thanh tra",
              "cong an", "cuc", "tong cuc", "chi cuc", "kho bac", "bao hiem xa hoi", "ngan hang", "vu", "tinh",
              "thanh pho", "xa", "phuong", "dac khu", "uy ban")
NOT_UNIT = ("cong hoa", "doc lap", "bao cao", "ky bao cao", "don vi tinh", "tinh hinh")
NUMBER = re.compile(r"^\s*S[ốố]\s*:?\s*(\d+[\w.]*/[\w\-Đđ/.&]+)", re.IGNORECASE)
PERIOD_LABELS = ("ky bao cao", "thoi gian bao cao", "ky so lieu")
REPORTER_LABELS = ("don vi bao cao", "co quan bao cao")


@dataclass(frozen=True)
class Line:
    text: str
    address: str


@dataclass
class TitleBlock:
    units: list[Line] = field(default_factory=list)   # the reporting unit, outermost first
    number: Line | None = None
    issued_on: date | None = None
    title: str = ""
    period: FormPeriod | None = None
    period_line: Line | None = None
    period_problem: tuple[Line, PeriodProblem] | None = None
    count_unit: str | None = None                        # "hồ sơ", "nhiệm vụ", "thủ tục"

    def source_text(self) -> str | None:
        """'Báo cáo 125/BC-STP ngày 15/10/2025: Tình hình, kết quả giải quyết TTHC …' (None
        without a number: a document is known by its number)."""
        if self.number is None:
            return None
        dated = f" ngày {self.issued_on:%d/%m/%Y}" if self.issued_on else ""
        who = f" của {self.units[-1].text}" if self.units else ""
        title = f": {self.title}" if self.title else ""
        return f"Báo cáo {NUMBER.match(self.number.text).group(1)}{dated}{who}{title}"


def _lines(grid: Grid, first: int, last: int) -> list[Line]:
    out = []
    for row in range(first, last + 1):
        for col in range(1, grid.max_col + 1):
            value = grid.value(row, col)
            if isinstance(value, str) and value.strip():
                for part in value.splitlines():
                    if part.strip():
                        out.append(Line(re.sub(r"\s+", " ", part).strip(), address(row, col)))
    return out


def _labelled(line: Line, labels) -> str | None:
    label, colon, rest = line.text.partition(":")
    return rest.strip() if colon and words(label) in labels else None


def _is_date_line(key: str) -> bool:
    return bool(re.search(r"\bngay\b", key)) and not has_phrase(key, "tu ngay") and bool(re.search(r"\d{4}", key))


def _read_period(block: TitleBlock, line: Line, text: str) -> bool:
    try:
        found = parse_form_period(text)
    except PeriodProblem as problem:
        block.period_problem = (line, problem)
        return True
    if found:
        block.period, block.period_line = found, line
    return found is not None


def read_title(grid: Grid, first: int, last: int) -> TitleBlock:
    """The title block of rows first..last (the rows above the table)."""
    block, lines = TitleBlock(), _lines(grid, first, last)
    title_next = False
    for line in lines:
        key = words(line.text)
        if reporter := _labelled(line, REPORTER_LABELS):
            block.units.insert(0, Line(reporter, line.address))
        elif re.match(r"^\s*S[ốố]\s*:", line.text, re.IGNORECASE):
            block.number = line if NUMBER.match(line.text) else block.number   # "Số: ……/BC-……" is not filled in
        elif _is_date_line(key):
            block.issued_on = parse_date(line.text) or block.issued_on
        elif (value := _labelled(line, PERIOD_LABELS)) is not None:
            _read_period(block, line, value)
        elif starts_with(key, ("don vi tinh",)):
            block.count_unit = line.text.partition(":")[2].strip() or None
        elif key == "bao cao":
            title_next = True
        elif title_next or starts_with(key, ("bao cao",)):
            block.title = block.title or re.sub(r"^(?i:báo cáo)\s*", "", line.text).strip()
            title_next = False
        elif starts_with(key, UNIT_WORDS) and not starts_with(key, NOT_UNIT):
            block.units.append(line)
    if block.period is None and block.period_problem is None and block.title:
        _read_period(block, Line(block.title, ""), block.title)
    return block
