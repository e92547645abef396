"""Every problem and notice an import can report, with its fix, in Vietnamese and English.

One row per code: (Vietnamese problem, Vietnamese fix, English problem, English fix). Params in
braces come from the check that found the problem. Kept as a table so that a test can check
that every code used has both languages and a fix.
"""
from __future__ import annotations

MESSAGES: dict[str, tuple[str, str, str, str]] = {
    # the file as a whole
    "empty_file": ("Tệp rỗng, không có dữ liệu.", "Tải mẫu nhập, điền số liệu rồi tải lên lại.",
                   "The file is empty.", "Download a template, fill it in and upload it again."),
    "too_big": ("Tệp {size} MB, vượt giới hạn {limit} MB.", "Tách tệp thành nhiều tệp nhỏ hơn (ví dụ mỗi tháng một tệp).",
                "The file is {size} MB, over the {limit} MB limit.", "Split it into smaller files (e.g. one per month)."),
    "legacy_xls": ("Tệp Excel định dạng cũ (.xls) không được hỗ trợ.", "Mở trong Excel, chọn Lưu thành → Sổ làm việc Excel (.xlsx).",
                   "Old-format Excel files (.xls) are not supported.", "Open it in Excel and Save As → Excel Workbook (.xlsx)."),
    "not_spreadsheet": ("Tệp không phải bảng tính (nội dung: {kind}).", "Tải lên tệp .xlsx hoặc .csv theo mẫu nhập.",
                        "The file is not a spreadsheet (content: {kind}).", "Upload an .xlsx or .csv file made from a template."),
    "bad_xlsx": ("Tệp .xlsx bị hỏng, không đọc được.", "Mở lại trong Excel, lưu lại thành .xlsx rồi tải lên.",
                 "The .xlsx file is damaged and cannot be read.", "Open it in Excel, save it again as .xlsx and upload it."),
    "no_header": ("Không tìm thấy dòng tiêu đề: cần các cột {expected}.",
                  "Dùng mẫu nhập (dạng dọc: Địa phương, Chỉ tiêu, Kỳ, Giá trị…; dạng ngang: Kỳ báo cáo ở đầu trang, mỗi chỉ tiêu một cột).",
                  "No header row found: expected the columns {expected}.",
                  "Use a template (long: Place, Metric, Period, Value…; wide: the period at the top, one column per metric)."),
    "no_rows": ("Tệp có tiêu đề nhưng không có dòng số liệu nào.", "Điền số liệu vào các dòng dưới tiêu đề.",
                "The file has a header but no figures.", "Fill in the rows under the header."),
    "missing_source": ("Chưa ghi văn bản nguồn của số liệu.",
                       "Ghi số, ngày văn bản (vd. “Báo cáo 125/BC-UBND ngày 05/10/2025”) vào ô Văn bản nguồn, cột Văn bản nguồn hoặc ô “Văn bản nguồn” khi nhập.",
                       "The source document of the figures is missing.",
                       "Name the document (e.g. “Report 125/BC-UBND of 05/10/2025”) in the Source cell or column, or with --source."),
    "extra_cells": ("Dòng có {count} ô ngoài bảng (sau cột cuối của tiêu đề).",
                    "Với CSV dùng dấu “;” để phân cách cột, hoặc đặt số thập phân có dấu phẩy trong ngoặc kép; xóa ô thừa.",
                    "The row has {count} cells beyond the last header column.",
                    "In a CSV, separate columns with “;” or quote numbers with a decimal comma; delete stray cells."),
    "unknown_column": ("Không nhận ra cột “{header}” là chỉ tiêu nào.{hint}",
                       "Đổi tiêu đề thành tên chỉ tiêu trong danh mục (trang “Chỉ tiêu” của mẫu) hoặc xóa cột.",
                       "Column “{header}” is not a known metric.{hint}",
                       "Rename it to a metric of the catalogue (the “Metrics” sheet of the template) or delete it."),
    "duplicate_column": ("Cột “{header}” trùng với cột {other}.", "Giữ một cột cho mỗi chỉ tiêu.",
                         "Column “{header}” repeats column {other}.", "Keep one column per metric."),
    # one cell
    "missing_place": ("Thiếu tên địa phương / bộ, ngành.", "Ghi tên tỉnh, thành phố hoặc bộ, ngành.",
                      "The place is missing.", "Name the province or ministry."),
    "unknown_place": ("Không nhận ra địa phương / bộ, ngành “{raw}”.{hint}",
                      "Ghi đúng tên trong danh sách (trang “Địa phương” của mẫu).",
                      "“{raw}” is not a known province or ministry.{hint}",
                      "Use a name from the list (the “Places” sheet of the template)."),
    "not_yet": ("“{name}” chỉ có từ {since}; kỳ {period} trước thời điểm đó.",
                "Với kỳ trước {since}, ghi tên các đơn vị cũ: {former}.",
                "“{name}” exists only from {since}; the period {period} is earlier.",
                "For periods before {since}, use the former units: {former}."),
    "missing_metric": ("Thiếu chỉ tiêu.", "Ghi mã hoặc tên chỉ tiêu (trang “Chỉ tiêu” của mẫu).",
                       "The metric is missing.", "Give a metric id or name (the “Metrics” sheet of the template)."),
    "unknown_metric": ("Không nhận ra chỉ tiêu “{raw}”.{hint}", "Ghi mã hoặc tên chỉ tiêu trong danh mục (trang “Chỉ tiêu” của mẫu).",
                       "“{raw}” is not a known metric.{hint}", "Use a metric id or name from the catalogue (the “Metrics” sheet)."),
    "not_for_kind": ("Chỉ tiêu “{metric}” không áp dụng cho {kind}.", "Xóa dòng hoặc chọn đúng chỉ tiêu.",
                     "Metric “{metric}” does not apply to {kind_en}.", "Delete the row or pick the right metric."),
    "missing_dimension": ("Chỉ tiêu “{metric}” cần số thứ tự dịch vụ (1–25) ở cột Dịch vụ.", "Ghi số dịch vụ Đề án 06 (1–25).",
                          "Metric “{metric}” needs a service number (1–25) in the Service column.", "Give the Project 06 service number (1–25)."),
    "bad_dimension": ("“{raw}” không phải dịch vụ Đề án 06 (1–25).", "Ghi số dịch vụ từ 1 đến 25, hoặc để trống nếu chỉ tiêu không chia theo dịch vụ.",
                      "“{raw}” is not a Project 06 service (1–25).", "Give a service number from 1 to 25, or leave it empty."),
    "missing_period": ("Thiếu kỳ số liệu.", "Ghi kỳ: 2024 (năm), Q1/2024 (quý), 03/2024 hoặc 2024-03 (tháng).",
                       "The period is missing.", "Give the period: 2024 (year), Q1/2024 (quarter), 03/2024 or 2024-03 (month)."),
    "bad_period": ("Không đọc được kỳ “{raw}”.", "Ghi kỳ: 2024 (năm), Q1/2024 (quý), 03/2024 hoặc 2024-03 (tháng).",
                   "“{raw}” is not a period.", "Write 2024 (year), Q1/2024 (quarter), 03/2024 or 2024-03 (month)."),
    "grain": ("Chỉ tiêu “{metric}” báo cáo theo {grain}; kỳ {period} chi tiết hơn.",
              "Ghi kỳ theo {grain} hoặc dài hơn (vd. {example}).",
              "Metric “{metric}” is reported by {grain_en}; the period {period} is finer.",
              "Give a {grain_en} (or longer) period, e.g. {example}."),
    "future_period": ("Kỳ {period} chưa bắt đầu.", "Kiểm tra lại năm, tháng của kỳ số liệu.",
                      "The period {period} has not started yet.", "Check the year and month of the period."),
    "not_a_number": ("“{raw}” không phải là số.", "Ghi số như 1.818 hoặc 96,81 (không kèm chữ).",
                     "“{raw}” is not a number.", "Write a number such as 1.818 or 96,81 (no words)."),
    "missing_value": ("Thiếu giá trị (cả giá trị, tử số và mẫu số đều trống).", "Ghi giá trị hoặc tử số và mẫu số; xóa dòng nếu chưa có số liệu.",
                      "No value (value, numerator and denominator are all empty).", "Give the value, or the numerator and denominator; delete the row if there is no figure."),
    "not_integer": ("Số đếm phải là số nguyên, đọc được {value}.",
                    "Ghi số nguyên; dấu chấm ngăn cách hàng nghìn (1.818), dấu phẩy là số thập phân.",
                    "A count must be a whole number; read {value}.",
                    "Write a whole number; in Vietnamese style a dot groups thousands (1.818) and a comma is decimal."),
    "negative": ("Số âm ({value}) không hợp lệ.", "Ghi số không âm.", "A negative number ({value}) is not allowed.", "Give a number of zero or more."),
    "half_ratio": ("Có {given} nhưng thiếu {missing}.", "Ghi đủ cả tử số và mẫu số, hoặc để trống cả hai và chỉ ghi tỷ lệ.",
                   "The {given_en} is given but the {missing_en} is not.", "Give both numerator and denominator, or neither and only the rate."),
    "zero_denominator": ("Mẫu số bằng 0: không tính được tỷ lệ.", "Kiểm tra mẫu số; để trống dòng nếu kỳ này không có hồ sơ.",
                         "The denominator is 0: the rate cannot be computed.", "Check the denominator; leave the row out if there were none."),
    "numerator_above": ("Tử số {numerator} lớn hơn mẫu số {denominator}.", "Kiểm tra lại: tử số là một phần của mẫu số.",
                        "The numerator {numerator} is larger than the denominator {denominator}.", "Check them: the numerator is part of the denominator."),
    "rate_range": ("Tỷ lệ {value}% nằm ngoài khoảng 0–100%.", "Ghi tỷ lệ phần trăm từ 0 đến 100 (vd. 96,81).",
                   "The rate {value}% is outside 0–100%.", "Give a percentage from 0 to 100 (e.g. 96.81)."),
    "score_range": ("Điểm {value} nằm ngoài khoảng 0–{max}.", "Ghi điểm từ 0 đến {max}.",
                    "The score {value} is outside 0–{max}.", "Give a score from 0 to {max}."),
    "counts_disagree": ("Tỷ lệ ghi {stated}% nhưng tử số/mẫu số cho {computed}%.",
                        "Sửa tỷ lệ, tử số hoặc mẫu số cho khớp; hoặc để trống ô tỷ lệ để tính từ tử số, mẫu số.",
                        "The rate says {stated}% but the numerator and denominator give {computed}%.",
                        "Correct the rate or the counts, or leave the rate empty to compute it from the counts."),
    "no_counts": ("Chỉ tiêu “{metric}” không có tử số, mẫu số.", "Chỉ ghi giá trị; để trống tử số và mẫu số.",
                  "Metric “{metric}” has no numerator or denominator.", "Give the value only; leave the counts empty."),
    "bad_status": ("Không hiểu trạng thái “{raw}”.", "Ghi “công bố” (mặc định) hoặc “minh họa” (nhập thử).",
                   "“{raw}” is not a status.", "Write “published” (the default) or “demo” (a test load)."),
    "duplicate": ("Trùng với dòng {other}: cùng {place}, {metric}, {period}{merger}.",
                  "Giữ một dòng cho mỗi đơn vị, chỉ tiêu và kỳ; số liệu của tỉnh mới sau sáp nhập chỉ ghi một dòng.",
                  "Same as row {other}: {place}, {metric}, {period}{merger_en}.",
                  "Keep one row per unit, metric and period; after a merger the new unit has one row."),
    # writing and undoing
    "busy": ("Một lần nhập khác đang ghi vào kho số liệu.", "Chờ một lát rồi thử lại.",
             "Another import is writing to the store.", "Wait a moment and try again."),
    "stale": ("Kho số liệu đã thay đổi từ lúc xem trước.", "Tải tệp lên lại để xem trước theo số liệu mới nhất rồi xác nhận.",
              "The store changed since the preview.", "Upload the file again to preview it against the latest figures."),
    "no_batch": ("Không có đợt nhập “{batch}”.", "Chọn một đợt trong danh sách đợt nhập.",
                 "There is no batch “{batch}”.", "Pick a batch from the list."),
    "already_undone": ("Đợt nhập “{batch}” đã được hoàn tác lúc {at}.", "Không cần làm gì thêm.",
                       "Batch “{batch}” was already undone at {at}.", "Nothing more to do."),
    "later_batch": ("Đợt nhập sau ({later}) đã ghi lại một số số liệu của đợt “{batch}”.",
                    "Hoàn tác các đợt sau trước (từ mới nhất), rồi hoàn tác đợt này.",
                    "A later batch ({later}) rewrote some figures of batch “{batch}”.",
                    "Undo the later batches first (newest first), then this one."),
    "store_missing": ("Không có kho số liệu {path}.", "Chạy `make data` (python -m store.build) hoặc chỉ đúng tệp bằng --db.",
                      "The store {path} does not exist.", "Run `make data` (python -m store.build) or point --db at it."),
    # notices: what was interpreted, what is kept
    "merged_into": ("“{raw}” đã sáp nhập vào {successor} từ {since}: số liệu kỳ {period} ghi cho {successor}.", "",
                    "“{raw}” merged into {successor} on {since}: the {period} figure goes to {successor}.", ""),
    "aggregate_row": ("Dòng tổng hợp “{raw}” được bỏ qua: số liệu cả nước, cả vùng do hệ thống tự tính.", "",
                      "The total row “{raw}” is skipped: national and regional figures are computed.", ""),
    "new_source": ("Văn bản nguồn mới sẽ được thêm: “{title}” (số {number}, ngày {date}).", "",
                   "A new source document will be added: “{title}” (number {number}, dated {date}).", ""),
    "source_matched": ("Văn bản nguồn “{raw}” là {number} trong danh mục nguồn.", "",
                       "Source “{raw}” is {number} in the sources list.", ""),
    "ignored_column": ("Cột “{header}” không dùng khi nhập và được bỏ qua.", "",
                       "Column “{header}” is not used and is skipped.", ""),
    "sheet_used": ("Đọc trang “{sheet}”, tiêu đề ở dòng {row} ({layout}).", "",
                   "Reading sheet “{sheet}”, header on row {row} ({layout_en}).", ""),
    "encoding": ("Tệp CSV mã {encoding}, phân cách cột bằng “{delimiter}”.", "",
                 "CSV file in {encoding}, columns separated by “{delimiter}”.", ""),
}

# The codes above that only say how the file was read (no fix needed).
NOTICES = frozenset({"merged_into", "aggregate_row", "new_source", "source_matched", "ignored_column", "sheet_used",
                     "encoding"})

# Reasons an existing figure is not overwritten (the plan's "keep" rows).
KEEP_REASONS: dict[str, tuple[str, str]] = {
    "demo_over_published": ("Số liệu công bố không bị thay bằng số liệu minh họa.",
                            "A published figure is not replaced by demo data."),
    "not_newer": ("Đã có số liệu công bố từ văn bản {old} ({old_date}); văn bản mới ({new_date}) không mới hơn.{undo_vi}",
                  "Already published by {old} ({old_date}); the new document ({new_date}) is not newer.{undo_en}"),
    "undated": ("Đã có số liệu công bố từ {old}; không so được ngày văn bản (thiếu ngày ban hành).{undo_vi}",
                "Already published by {old}; the documents' dates cannot be compared (a date is missing).{undo_en}"),
}

GRAIN_WORDS = {"month": ("tháng", "month", "03/2025"), "quarter": ("quý", "quarter", "Q1/2025"),
               "year": ("năm", "year", "2025")}
KIND_WORDS = {"province": ("tỉnh, thành phố", "provinces"), "ministry": ("bộ, ngành", "ministries"),
              "nation": ("cả nước", "the nation"), "commune": ("xã, phường, đặc khu", "communes")}


def text(code: str, lang: str, params: dict) -> tuple[str, str]:
    """(problem, fix) for a code in 'vi' or 'en', with params filled (missing ones left blank)."""
    vi, vi_fix, en, en_fix = MESSAGES[code]
    problem, fix = (en, en_fix) if lang == "en" else (vi, vi_fix)
    safe = _Blank(params)
    return problem.format_map(safe), fix.format_map(safe)


class _Blank(dict):
    def __missing__(self, key):
        return ""
