"""Every problem, warning and notice of the report-form reader, with its fix, in Vietnamese and
English — kept in this one table (code -> problem vi, fix vi, problem en, fix en) until the
project's string catalogue takes them. Codes the template import already explains (negative,
duplicate, missing_source, new_source …) are answered by its own table.
"""
from __future__ import annotations

from dataclasses import dataclass

from ingest import messages as template_messages
from ingest.forms.base import Issue

_CHECK_FIX = ("Kiểm tra lại số liệu của biểu; nếu vẫn nhập, sai lệch được giữ thành cảnh báo chất lượng cạnh số liệu.",
              "Check the form's figures; imported anyway, the difference is kept as a quality flag beside them.")

MESSAGES: dict[str, tuple[str, str, str, str]] = {
    # how the form was read (notices)
    "form_read": ("Đọc biểu “{kind}” ở trang “{sheet}”: tiêu đề dòng {top}–{bottom}{numbers}; {rows} dòng số liệu.", "",
                  "Reading the form “{kind_en}” on sheet “{sheet}”: header rows {top}–{bottom}{numbers_en}; {rows} data rows.", ""),
    "form_column": ("Cột {letter} “{heading}” → {measure}.", "", "Column {letter} “{heading}” → {measure_en}.", ""),
    "form_unused_column": ("Cột {letter} “{heading}” không dùng khi nhập.", "",
                           "Column {letter} “{heading}” is not used.", ""),
    "form_legacy": ("{count} ô gõ bằng bảng mã {encoding} (phông {font}) đã được chuyển sang Unicode, ví dụ {cell}: “{before}” → “{after}”.",
                    "", "{count} cells typed in the {encoding} encoding (font {font}) were converted to Unicode, e.g. {cell}: “{before}” → “{after}”.", ""),
    "form_unit": ("Đơn vị báo cáo: {unit}; dòng tổng ghi cho {total}.", "",
                  "Reporting unit: {unit}; the total row is recorded for {total}.", ""),
    "form_new_agency": ("Sẽ thêm {count} cơ quan của {parent} vào danh sách đơn vị: {names}.", "",
                        "{count} agencies of {parent} will be added to the list of units: {names}.", ""),
    "form_fields": ("Các dòng là lĩnh vực của {unit}: chỉ dòng tổng được ghi, các dòng lĩnh vực dùng để kiểm tra.", "",
                    "The rows are fields of work of {unit}: only the total is recorded; the fields are checked against it.", ""),
    "form_total_computed": ("Biểu không có dòng tổng: số liệu của {unit} là tổng {count} dòng lĩnh vực.", "",
                            "The form has no total row: {unit}'s figures are the sum of its {count} field rows.", ""),
    "form_no_total": ("Biểu không có dòng tổng: không ghi số liệu chung của {unit}, chỉ các dòng đơn vị.", "",
                      "The form has no total row: no figure is recorded for {unit} as a whole, only for its units.", ""),
    "form_year_to_date": ("{metric}: biểu {period} ghi vào năm {year}, tính đến {until}.", "",
                          "{metric_en}: the {period_en} form is recorded for {year}, as of {until}.", ""),
    "form_stock_quarter": ("{metric}: số liệu cuối kỳ {period} ghi vào {quarter}.", "",
                           "{metric_en}: the state at the end of {period_en} is recorded for {quarter_en}.", ""),
    "form_not_for_kind": ("{metric} không ghi cho {kind} ({count} dòng); các dòng đó vẫn được cộng khi kiểm tra dòng tổng.", "",
                          "{metric_en} is not kept for {kind_en} ({count} rows); those rows still count in the total's check.", ""),
    "form_zero_denominator": ("{metric}: {count} dòng có mẫu số bằng 0 ({rows}), không có tỷ lệ.", "",
                              "{metric_en}: {count} rows have a zero denominator ({rows}): no rate.", ""),
    # warnings: the form's own arithmetic (imported anyway, kept as quality flags)
    "form_mismatch_sum": ("Ô {cell} = {stated} nhưng {parts} = {computed} (quy tắc {rule}).", _CHECK_FIX[0],
                          "Cell {cell} = {stated} but {parts} = {computed} (rule {rule}).", _CHECK_FIX[1]),
    "form_mismatch_at_least": ("Ô {cell} = {stated} nhỏ hơn {parts} = {computed} ({rule}).", _CHECK_FIX[0],
                               "Cell {cell} = {stated} is less than {parts} = {computed} ({rule}).", _CHECK_FIX[1]),
    "form_mismatch_total": ("Ô {cell} (dòng “{label}”) = {stated} nhưng tổng các dòng đơn vị {parts} = {computed}.", _CHECK_FIX[0],
                            "Cell {cell} (row “{label}”) = {stated} but the unit rows {parts} add up to {computed}.", _CHECK_FIX[1]),
    "form_mismatch_group": ("Ô {cell} (nhóm “{label}”) = {stated} nhưng các dòng của nhóm {parts} cộng lại = {computed}.", _CHECK_FIX[0],
                            "Cell {cell} (group “{label}”) = {stated} but its rows {parts} add up to {computed}.", _CHECK_FIX[1]),
    "form_rule_unknown": ("Ô {cell}: quy tắc “{raw}” nhắc tới cột không có trong biểu; quy tắc này không được kiểm tra.", "",
                          "Cell {cell}: the rule “{raw}” names a column the form does not have; it is not checked.", ""),
    # errors: the form is refused
    "form_duplicate_measure": ("Cột {first} và cột {second} cùng là “{measure}”.", "Giữ một cột cho mỗi số liệu, hoặc sửa tiêu đề cột cho đúng.",
                               "Columns {first} and {second} both hold “{measure_en}”.", "Keep one column per figure, or correct the headings."),
    "form_no_period": ("Không thấy kỳ báo cáo ở phần đầu biểu (dòng 1–{last}).",
                       "Ghi “Kỳ báo cáo: Tháng 10/2025” (hoặc Quý III/2025, 6 tháng đầu năm 2025, Năm 2025, từ ngày 15/9/2025 đến ngày 14/10/2025) ở đầu biểu.",
                       "No reporting period in the title block (rows 1–{last}).",
                       "Write “Kỳ báo cáo: Tháng 10/2025” (or Quý III/2025, 6 tháng đầu năm 2025, Năm 2025, từ ngày 15/9/2025 đến ngày 14/10/2025) above the table."),
    "form_period_disagree": ("Kỳ “{named}” không khớp khoảng ngày {first}–{last} (là {span}).", "Sửa kỳ báo cáo hoặc khoảng ngày cho khớp nhau.",
                             "The period “{named}” does not match the dates {first}–{last} ({span}).", "Make the period and the dates agree."),
    "form_bad_range": ("Khoảng ngày {first}–{last} không phải một tháng, quý, 6 tháng, 9 tháng hay năm.",
                       "Ghi khoảng ngày của kỳ báo cáo (vd. từ ngày 15/9/2025 đến ngày 14/10/2025).",
                       "The dates {first}–{last} are not a month, quarter, half, nine months or year.",
                       "Give the reporting period's dates (e.g. từ ngày 15/9/2025 đến ngày 14/10/2025)."),
    "form_bad_date": ("Ngày “{raw}” không có thật.", "Sửa ngày, tháng, năm.", "“{raw}” is not a date.", "Correct the day, month and year."),
    "form_cumulative_period": ("Biểu {period}: số liệu cộng dồn {period} của “{metric}” không ghi được theo tháng, quý hay năm.",
                               "Nhập các biểu theo tháng hoặc theo quý của kỳ đó.",
                               "{period_en} form: the {period_en} total of “{metric_en}” cannot be stored by month, quarter or year.",
                               "Import the monthly or quarterly forms of that period."),
    "form_no_unit": ("Không nhận ra đơn vị báo cáo ở đầu biểu{seen}.",
                     "Ghi tên tỉnh, thành phố hoặc bộ, ngành ở góc trái đầu biểu (vd. “UBND TỈNH TUYÊN QUANG”, “BỘ TƯ PHÁP”).",
                     "The reporting unit in the title block is not recognised{seen}.",
                     "Name the province or ministry at the top left (e.g. “UBND TỈNH TUYÊN QUANG”, “BỘ TƯ PHÁP”)."),
    "form_unknown_unit": ("“{raw}” không phải xã, phường hay cơ quan nào của {where}.{hint}",
                          "Ghi tên xã, phường như danh sách (vd. “Xã Lũng Cú”), ghi cơ quan bằng tên đầy đủ (“Sở Tư pháp”), hoặc xóa dòng.",
                          "“{raw}” is no commune, ward or agency of {where}.{hint}",
                          "Write the commune's name as listed (e.g. “Xã Lũng Cú”), an agency by its full name (“Sở Tư pháp”), or delete the row."),
    "form_unknown_commune": ("Không có xã, phường “{raw}” trong {province}.{hint}", "Ghi đúng tên xã, phường sau sắp xếp (từ 01/07/2025).",
                             "There is no commune or ward “{raw}” in {province}.{hint}", "Use the commune's name after the 2025 reorganisation."),
    "form_commune_too_early": ("“{raw}”: kho số liệu có các xã, phường từ 01/07/2025; kỳ {period} ở trước đó.",
                               "Với kỳ trước 01/07/2025, xóa các dòng xã và nhập dòng tổng của tỉnh cùng các sở, ngành.",
                               "“{raw}”: the store holds communes from 01/07/2025; the period {period} is earlier.",
                               "For periods before 01/07/2025, delete the commune rows and import the province's total and its departments."),
    "form_district_gone": ("“{raw}”: cấp huyện không còn từ 01/07/2025.", "Ghi số liệu theo các xã, phường mới.",
                           "“{raw}”: districts no longer exist from 01/07/2025.", "Report by the new communes and wards."),
    "form_no_label": ("Dòng có số liệu nhưng ô {cell} không có tên đơn vị.", "Ghi tên đơn vị hoặc xóa dòng.",
                      "The row has figures but cell {cell} names no unit.", "Name the unit or delete the row."),
    "form_not_count": ("Ô {cell}: “{raw}” không phải số đếm.", "Ghi số nguyên không âm (vd. 1.818); để trống hoặc 0 nếu không có.",
                       "Cell {cell}: “{raw}” is not a count.", "Write a whole number of zero or more (e.g. 1.818); leave it empty or 0 if none."),
    "form_numerator_above": ("{metric}: {num_cells} = {num} lớn hơn {den_cells} = {den}.", "Kiểm tra lại các cột của dòng này.",
                             "{metric_en}: {num_cells} = {num} is more than {den_cells} = {den}.", "Check this row's columns."),
    "form_future": ("Kỳ {period} chưa kết thúc.", "Kiểm tra lại kỳ báo cáo ở đầu biểu.",
                    "The period {period} has not ended yet.", "Check the reporting period above the table."),
}

NOTICES = frozenset(code for code, (_, fix, _, _) in MESSAGES.items() if not fix)
WARNINGS = frozenset(c for c in MESSAGES if c.startswith("form_mismatch"))


def text(code: str, lang: str, params: dict) -> tuple[str, str]:
    """(problem, fix) in 'vi' or 'en'; a code of the template import is answered by its table."""
    if code not in MESSAGES:
        return template_messages.text(code, lang, params)
    vi, vi_fix, en, en_fix = MESSAGES[code]
    problem, fix = (en, en_fix) if lang == "en" else (vi, vi_fix)
    safe = _Blank(params)
    return problem.format_map(safe), fix.format_map(safe)


class _Blank(dict):
    def __missing__(self, key):
        return self.get(key.removesuffix("_en"), "") if key.endswith("_en") else ""


@dataclass(frozen=True)
class FormIssue(Issue):
    """An Issue whose texts come from this table (severity 'error', 'warning' or 'notice')."""

    def problem(self, lang: str = "vi") -> str:
        return text(self.code, lang, self.params)[0]

    def fix(self, lang: str = "vi") -> str:
        return text(self.code, lang, self.params)[1]


def notice(row, column, code: str, **params) -> FormIssue:
    return FormIssue(row, column, code, params, "notice")


def warning(row, column, code: str, **params) -> FormIssue:
    return FormIssue(row, column, code, params, "warning")


def error(row, column, code: str, **params) -> FormIssue:
    return FormIssue(row, column, code, params, "error")
