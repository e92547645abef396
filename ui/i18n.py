"""Interface words in Vietnamese and English. Metric labels come from the catalogue, not here."""
from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    "boundary": ("Bản đồ hành chính", "Boundaries"),
    "boundary_2025": ("Bản đồ 2025 (34 tỉnh, thành phố)", "2025 map (34 provinces)"),
    "boundary_time": ("Bản đồ tại thời điểm số liệu", "Map of the time"),
    "boundary_help": ("Bản đồ 2025 cộng dồn số liệu các tỉnh cũ vào tỉnh mới (sáp nhập 01/07/2025); "
                      "bộ, ngành theo cơ cấu từ 01/03/2025.",
                      "The 2025 map adds up the former provinces into the new ones (merged on 1 July 2025); "
                      "ministries as restructured on 1 March 2025."),
    "kind": ("Đối tượng", "Entities"),
    "kind_province": ("Tỉnh, thành phố", "Provinces"),
    "kind_ministry": ("Bộ, cơ quan ngang bộ", "Ministries"),
    "metric": ("Chỉ tiêu", "Metric"),
    "period": ("Kỳ", "Period"),
    "grain": ("Chu kỳ", "Grain"),
    "grain_month": ("Tháng", "Monthly"),
    "grain_quarter": ("Quý", "Quarterly"),
    "grain_year": ("Năm", "Yearly"),
    "region": ("Vùng", "Region"),
    "all_regions": ("Tất cả các vùng", "All regions"),
    "place": ("Địa phương / bộ", "Province / ministry"),
    "places": ("Địa phương / bộ so sánh", "Places to compare"),
    "bad_param": ("Tham số “{key}={value}” trong đường dẫn không hợp lệ; đang hiển thị {fallback}.",
                  "The link parameter “{key}={value}” is not valid; showing {fallback} instead."),
    "no_data": ("Chưa có số liệu cho lựa chọn này.", "No figures for this selection."),
    "source": ("Nguồn", "Source"),
    "published": ("số liệu công bố", "published figures"),
    "demo": ("dữ liệu minh họa", "demo data"),
    "demo_banner": ("Dữ liệu minh họa: phần lớn số liệu trên trang này do dự án sinh ra để minh họa, "
                    "không phải số liệu chính thức. Số liệu công bố được ghi rõ nguồn.",
                    "Demo data: most figures on this page are generated for illustration, not official "
                    "figures. Published figures name their source."),
    "provenance": ("{published} số liệu công bố, {demo} số liệu minh họa. Cập nhật: {updated}.",
                   "{published} published and {demo} demo figures. Updated: {updated}."),
    "store_missing": ("Chưa có kho số liệu. Chạy `make data` (python -m store.build) rồi tải lại trang.",
                      "The store is missing. Run `make data` (python -m store.build), then reload."),
    "rank": ("Hạng", "Rank"),
    "value": ("Giá trị", "Value"),
    "change": ("Thay đổi", "Change"),
    "target": ("Mục tiêu", "Target"),
    "status": ("Trạng thái", "Status"),
    "status_published": ("Công bố", "Published"),
    "status_demo": ("Minh họa", "Demo"),
}

LANGS = ("vi", "en")


def t(key: str, lang: str = "vi", /, **values) -> str:
    """The interface text for key in lang, with {placeholders} filled."""
    vi, en = TEXT[key]
    text = en if lang == "en" else vi
    return text.format(**values) if values else text
