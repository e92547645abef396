"""The interface strings of the maps, the drill-down and the annotations, key -> {vi, en}, shaped
as the string catalogue's entries (l10n/strings.yaml) so they can move into it as they are."""
from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    # on every map (charts)
    "map_missing": {"vi": "Không có số liệu", "en": "No figure"},
    "map_published": {"vi": "Số liệu công bố", "en": "Published figure"},
    "map_demo": {"vi": "Dữ liệu minh họa", "en": "Demo data"},
    "map_estimated": {"vi": "ước tính (gộp các tỉnh cũ)", "en": "estimated (former provinces combined)"},
    "map_rank": {"vi": "Hạng {rank}/{places}", "en": "Rank {rank} of {places}"},
    "map_hoang_sa": {"vi": "QĐ. Hoàng Sa<br>(Đà Nẵng)", "en": "Hoàng Sa<br>archipelago<br>(Đà Nẵng)"},
    "map_truong_sa": {"vi": "QĐ. Trường Sa<br>(Khánh Hòa)", "en": "Trường Sa<br>archipelago<br>(Khánh Hòa)"},
    "map_hoang_sa_short": {"vi": "QĐ. Hoàng Sa", "en": "Hoàng Sa"},
    "map_truong_sa_short": {"vi": "QĐ. Trường Sa", "en": "Trường Sa"},
    "map_east_sea": {"vi": "Biển Đông", "en": "East Sea"},
    "map_attribution": {
        "vi": "Ranh giới tỉnh: “Địa phận tỉnh”, Open Development Mekong,|dữ liệu Cục Đo đạc và Bản đồ Việt Nam,"
              " CC BY-SA 4.0|(đã đơn giản hóa; 34 đơn vị gộp từ 63)",
        "en": "Province boundaries: “Địa phận tỉnh”, Open Development Mekong,|data of the Department of Survey and"
              " Mapping of Viet Nam,|CC BY-SA 4.0 (simplified; the 34 dissolved from the 63)"},
    "map_attribution_source": {
        "vi": "Ranh giới tỉnh: “Địa phận tỉnh”, Open Development Mekong / Open Development Vietnam, dữ liệu Cục"
              " Đo đạc và Bản đồ Việt Nam, CC BY-SA 4.0, data.vietnam.opendevelopmentmekong.net/dataset/a-phn-tnh"
              " (đã chuyển sang GeoJSON, đơn giản hóa, sửa tên, thêm mã, gộp thành 34 đơn vị năm 2025)",
        "en": "Province boundaries: “Địa phận tỉnh”, Open Development Mekong / Open Development Vietnam, data from"
              " the Department of Survey and Mapping of Viet Nam, CC BY-SA 4.0,"
              " data.vietnam.opendevelopmentmekong.net/dataset/a-phn-tnh (modified: converted to GeoJSON,"
              " simplified, names corrected, codes added, dissolved to the 34 units of 2025)"},
    # the map page and the maps on other pages (ui, pages)
    "map_page_title": {"vi": "Bản đồ", "en": "Map"},
    "map_page_intro": {
        "vi": "Một chỉ tiêu, một kỳ, trên bản đồ tỉnh, thành phố: ranh giới thật, và một ô vuông cho mỗi tỉnh"
              " để tỉnh nhỏ như Bắc Ninh nặng bằng tỉnh lớn như Gia Lai.",
        "en": "One metric in one period on the map of the provinces: their real boundaries, and one equal"
              " square per province so that a small one such as Bắc Ninh weighs as much as Gia Lai."},
    "map_title": {"vi": "{metric}, {period}", "en": "{metric}, {period}"},
    "map_subtitle_34": {"vi": "34 tỉnh, thành phố (từ 01/07/2025)", "en": "34 provinces (from 01/07/2025)"},
    "map_subtitle_63": {"vi": "63 tỉnh, thành phố (đến 30/06/2025)", "en": "63 provinces (until 30/06/2025)"},
    "drill_profiles": {"vi": "Hồ sơ:", "en": "Profiles:"},
    "drill_hint": {"vi": "Bấm vào một đơn vị trên biểu đồ, bản đồ hoặc bảng để mở hồ sơ của đơn vị đó.",
                   "en": "Click a place on the chart, the map or the table to open its profile."},
    "drill_back_xep-hang": {"vi": "Về Xếp hạng", "en": "Back to Rankings"},
    "drill_back_ban-do": {"vi": "Về Bản đồ", "en": "Back to the map"},
    "drill_back_tong-quan": {"vi": "Về Tổng quan", "en": "Back to the Overview"},
    "drill_back_xu-huong": {"vi": "Về Xu hướng", "en": "Back to Trends"},
    "events_heading": {"vi": "Sự kiện:", "en": "Events:"},
    "annotation_heading": {"vi": "Ghi chú sự kiện", "en": "Annotations"},
    "annotation_list_help": {
        "vi": "Sự kiện giúp đọc số liệu: văn bản chỉ đạo, sáp nhập, thay đổi quy tắc, số liệu tạm tính. Ghi chú có sẵn"
              " lấy từ data/ (ngày sáp nhập, văn bản chỉ đạo trong sources.csv); biên tập viên thêm ghi chú ở trang Nhập"
              " số liệu. Chúng hiện thành mốc đánh số trên biểu đồ xu hướng.",
        "en": "Events to read the figures by: directing documents, mergers, changes of rules, provisional figures."
              " Built-in ones come from data/ (the merger dates, the directing documents of sources.csv); editors add"
              " theirs on the Import page. They show as numbered markers on the trend charts."},
    "annotation_help": {
        "vi": "Ghi chú hiện trên biểu đồ xu hướng của chỉ tiêu (hoặc mọi chỉ tiêu) và đơn vị (hoặc mọi đơn vị) đã chọn,"
              " ghi lại người sửa và thời điểm.",
        "en": "An annotation shows on the trends of its metric (or every metric) and place (or every place); who"
              " changed it and when is recorded."},
    "annotation_viewer": {"vi": "Chỉ biên tập viên đăng nhập mới thêm, sửa, xóa được ghi chú.",
                          "en": "Only a signed-in editor can add, edit or delete annotations."},
    "annotation_pick": {"vi": "Ghi chú", "en": "Annotation"},
    "annotation_new": {"vi": "➕ Thêm ghi chú mới", "en": "➕ Add an annotation"},
    "annotation_starts": {"vi": "Ngày (hoặc ngày bắt đầu)", "en": "Date (or first day)"},
    "annotation_ends": {"vi": "Ngày kết thúc (nếu là một khoảng)", "en": "Last day (for a period)"},
    "annotation_ends_help": {"vi": "Để trống nếu sự kiện diễn ra trong một ngày.", "en": "Leave empty for a single day."},
    "annotation_place": {"vi": "Đơn vị", "en": "Place"},
    "annotation_metric": {"vi": "Chỉ tiêu", "en": "Metric"},
    "annotation_text_vi": {"vi": "Nội dung (tiếng Việt)", "en": "Text (Vietnamese)"},
    "annotation_text_en": {"vi": "Nội dung (tiếng Anh)", "en": "Text (English)"},
    "annotation_source": {"vi": "Văn bản nguồn", "en": "Source document"},
    "annotation_save": {"vi": "Lưu ghi chú", "en": "Save"},
    "annotation_delete": {"vi": "Xóa ghi chú này", "en": "Delete this annotation"},
    "annotation_added": {"vi": "Đã thêm ghi chú.", "en": "Annotation added."},
    "annotation_edited": {"vi": "Đã lưu ghi chú.", "en": "Annotation saved."},
    "annotation_deleted": {"vi": "Đã xóa ghi chú.", "en": "Annotation deleted."},
    "annotation_all": {"vi": "(tất cả)", "en": "(all)"},
    "annotation_kind_province": {"vi": "Các tỉnh, thành phố", "en": "Provinces"},
    "annotation_kind_ministry": {"vi": "Các bộ, ngành", "en": "Ministries"},
    "annotation_kind_commune": {"vi": "Các xã, phường", "en": "Communes"},
    "annotation_origin_built-in": {"vi": "Có sẵn (data/)", "en": "Built-in (data/)"},
    "annotation_origin_editor": {"vi": "Biên tập viên", "en": "Editor"},
    "annotation_col_when": {"vi": "Thời điểm", "en": "When"},
    "annotation_col_text": {"vi": "Sự kiện", "en": "Event"},
    "annotation_col_place": {"vi": "Đơn vị", "en": "Place"},
    "annotation_col_metric": {"vi": "Chỉ tiêu", "en": "Metric"},
    "annotation_col_source": {"vi": "Văn bản", "en": "Document"},
    "annotation_col_origin": {"vi": "Nguồn ghi chú", "en": "Origin"},
    "annotation_col_by": {"vi": "Người sửa cuối (ngày)", "en": "Last changed by (date)"},
    "annotation_field_starts_on": {"vi": "Ngày", "en": "Date"},
    "annotation_field_ends_on": {"vi": "Ngày kết thúc", "en": "Last day"},
    "annotation_field_text_vi": {"vi": "Nội dung (tiếng Việt)", "en": "Text (Vietnamese)"},
    "annotation_field_text_en": {"vi": "Nội dung (tiếng Anh)", "en": "Text (English)"},
    "annotation_field_entity_id": {"vi": "Đơn vị", "en": "Place"},
    "annotation_field_metric_id": {"vi": "Chỉ tiêu", "en": "Metric"},
    "annotation_field_source_id": {"vi": "Văn bản nguồn", "en": "Source document"},
    "annotation_field_annotation_id": {"vi": "Ghi chú", "en": "Annotation"},
    "map_heading": {"vi": "Trên bản đồ", "en": "On the map"},
    "map_boundaries_heading": {"vi": "Theo ranh giới", "en": "By boundaries"},
    "map_tiles_heading": {"vi": "Mỗi tỉnh một ô", "en": "One square per province"},
    "map_view": {"vi": "Kiểu bản đồ", "en": "Map view"},
    "map_view_boundaries": {"vi": "Ranh giới", "en": "Boundaries"},
    "map_view_tiles": {"vi": "Ô vuông", "en": "Squares"},
    "map_missing_note": {"vi": "Không có số liệu kỳ này: {places}.", "en": "No figure this period: {places}."},
    "map_year_2025_note": {
        "vi": "Năm 2025 trên bản đồ tại thời điểm số liệu: bản đồ vẽ 34 đơn vị từ 01/07/2025; số liệu của 63 tỉnh"
              " cũ đến 30/06/2025 có trong bảng xếp hạng.",
        "en": "2025 on the map of the time: the map draws the 34 units from 01/07/2025; the 63 former provinces'"
              " figures until 30/06/2025 are in the ranking."},
    "map_ministries_note": {"vi": "Bộ, ngành không có trên bản đồ: xem bảng xếp hạng.",
                            "en": "Ministries are not on the map: see the ranking."},
    "map_not_for_provinces": {"vi": "Chỉ tiêu này không áp dụng cho tỉnh, thành phố.",
                              "en": "This metric does not apply to provinces."},
}


def text(key: str, lang: str, **values) -> str:
    """The string in lang (Vietnamese when lang is not 'en'), with {values} filled in."""
    entry = STRINGS[key]
    return entry["en" if lang == "en" else "vi"].format(**values)
