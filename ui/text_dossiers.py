"""Interface words of the "Hồ sơ" page (to move into l10n/strings.yaml as key: {vi, en})."""
from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    "title": ("Hồ sơ TTHC", "Dossiers"),
    "intro": ("Các chỉ số tính trực tiếp từ hồ sơ của hệ thống một cửa: đơn vị, xã, lĩnh vực, thủ tục nào kéo tỷ lệ xuống, "
              "và hồ sơ nào đang quá hạn.",
              "KPIs computed from the one-stop system's own dossier records: which unit, commune, sector or procedure "
              "pulls a rate down, and which dossiers are overdue now."),
    "no_records": ("Kho số liệu chưa có hồ sơ. Nhập tệp xuất từ hệ thống một cửa (python -m ingest.dossiers import TỆP) "
                   "hoặc đồng bộ từ cơ sở dữ liệu (python -m ingest.dossiers sync).",
                   "The store holds no dossier records yet. Import a one-stop system's export (python -m ingest.dossiers "
                   "import FILE) or sync its database (python -m ingest.dossiers sync)."),
    "kind": ("Đối tượng", "Scope"),
    "kind_province": ("Tỉnh, thành phố", "Province"),
    "kind_ministry": ("Bộ, ngành", "Ministry"),
    "kind_commune": ("Xã, phường", "Commune"),
    "place": ("Địa phương, đơn vị", "Place"),
    "grain": ("Chu kỳ", "Grain"),
    "grain_month": ("Tháng", "Month"),
    "grain_year": ("Năm", "Year"),
    "period": ("Kỳ", "Period"),
    "metric": ("Chỉ số", "Indicator"),
    "by": ("Theo", "By"),
    "by_unit": ("Đơn vị tiếp nhận", "Receiving unit"),
    "by_commune": ("Xã, phường", "Commune"),
    "by_sector": ("Lĩnh vực", "Sector"),
    "by_procedure": ("Thủ tục", "Procedure"),
    "breakdown_title": ("{metric} theo {by} — {period} (thấp nhất trước)", "{metric} by {by} — {period} (worst first)"),
    "times_title": ("Thời gian giải quyết — {period}", "Processing times — {period}"),
    "times_axis": ("Số ngày từ tiếp nhận đến có kết quả", "Days from receipt to result"),
    "times_count": ("Số hồ sơ", "Dossiers"),
    "on_time": ("Đúng hạn", "On time"),
    "late": ("Quá hạn", "Late"),
    "bucket_le": ("≤ {n} ngày", "≤ {n} days"),
    "bucket_gt": ("> {n} ngày", "> {n} days"),
    "overdue_title": ("Hồ sơ đang quá hạn", "Dossiers overdue now"),
    "overdue_caption": ("{total} hồ sơ chưa có kết quả đã quá hạn trả tại thời điểm cập nhật dữ liệu {now}.",
                        "{total} dossiers without a result are past their due time as of the last update, {now}."),
    "overdue_none": ("Không có hồ sơ quá hạn tại thời điểm cập nhật {now}.", "No dossier is overdue as of {now}."),
    "filter_unit": ("Đơn vị", "Unit"),
    "filter_sector": ("Lĩnh vực", "Sector"),
    "filter_procedure": ("Thủ tục", "Procedure"),
    "all": ("Tất cả", "All"),
    "page": ("Trang", "Page"),
    "page_of": ("Trang {page}/{pages}", "Page {page} of {pages}"),
    "download_overdue": ("Tải danh sách (CSV)", "Download the list (CSV)"),
    "download_overdue_xlsx": ("Tải danh sách (XLSX)", "Download the list (XLSX)"),
    "col_dossier": ("Mã hồ sơ", "Dossier"),
    "col_unit": ("Đơn vị tiếp nhận", "Receiving unit"),
    "col_commune": ("Xã, phường", "Commune"),
    "col_procedure": ("Thủ tục", "Procedure"),
    "col_sector": ("Lĩnh vực", "Sector"),
    "col_channel": ("Hình thức nộp", "Channel"),
    "col_received": ("Tiếp nhận", "Received"),
    "col_due": ("Hạn trả", "Due"),
    "col_days": ("Số ngày quá hạn", "Days overdue"),
    "col_group": ("Nhóm", "Group"),
    "col_value": ("Tỷ lệ", "Rate"),
    "col_numerator": ("Tử số", "Numerator"),
    "col_denominator": ("Mẫu số", "Denominator"),
    "definitions": ("Cách tính các chỉ số", "How the indicators are counted"),
    "definition_line": ("**{label}** (`{metric}`): tử số — {numerator}; mẫu số — {denominator}; kỳ theo “{period_by}”. "
                        "Nguồn định nghĩa: {source}.",
                        "**{label}** (`{metric}`): numerator — {numerator}; denominator — {denominator}; month by "
                        "“{period_by}”. Defined by {source}."),
    "definition_link": ("Cách tính", "Definition"),
    "numerator_extra": ("mẫu số và {conditions}", "the denominator's and {conditions}"),
    "provenance_records": ("Tính từ {n} hồ sơ của hệ thống một cửa (đợt {batch}), cập nhật {now}.",
                           "Computed from {n} dossier records of the one-stop system (batch {batch}), updated {now}."),
    "provenance_demo": ("Tính từ hồ sơ minh họa (dữ liệu minh họa, không phải hồ sơ thật), cập nhật {now}.",
                        "Computed from demo records (demo data, not real dossiers), updated {now}."),
    "channel_online": ("Trực tuyến", "Online"),
    "channel_in_person": ("Trực tiếp", "In person"),
    "channel_post": ("Bưu chính", "Post"),
    "of": ("{num}/{den} hồ sơ", "{num}/{den} dossiers"),
    # on the other pages: figures computed from records
    "tile_status_records": (":material/fact_check: **Tính từ hồ sơ**", ":material/fact_check: **Computed from records**"),
    "records_badge": ("Tính từ hồ sơ", "Computed from records"),
    "records_figures": ("{n} số liệu tính từ hồ sơ của hệ thống một cửa (đợt {batch}, {at}).",
                        "{n} figures computed from the one-stop systems' dossier records (batch {batch}, {at})."),
}


def tx(key: str, lang: str = "vi", /, **values) -> str:
    vi, en = TEXT[key]
    text = en if lang == "en" else vi
    return text.format(**values) if values else text
