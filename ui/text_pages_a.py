"""Interface words of the overview, rankings, trends and peers pages (vi, en). Words shared by
every page stay in ui/i18n.py; metric labels come from the catalogue."""
from __future__ import annotations

from ui.i18n import TEXT as SHARED

TEXT: dict[str, tuple[str, str]] = {
    # page titles
    "overview_title": ("Tổng quan cải cách hành chính", "Administrative reform at a glance"),
    "overview_intro": ("Chỉ số chính toàn quốc cho Ban Chỉ đạo: giá trị kỳ này, thay đổi so với kỳ trước "
                       "và khoảng cách tới mục tiêu.",
                       "Headline national figures for the Steering Committee: this period, the change since "
                       "the previous one, and the distance to the targets."),
    "rankings_title": ("Xếp hạng", "Rankings"),
    "trends_title": ("Xu hướng", "Trends"),
    "peers_title": ("Hồ sơ và so sánh", "Profile and peers"),
    # pickers
    "leader_metric": ("Chỉ tiêu xếp hạng", "Metric to rank on"),
    "highlight": ("Làm nổi bật", "Highlight"),
    "no_highlight": ("(không)", "(none)"),
    "mode": ("Hiển thị", "Show"),
    "mode_value": ("Giá trị", "Values"),
    "mode_change": ("Thay đổi từ một kỳ", "Change since a period"),
    "start": ("Tính thay đổi từ", "Change since"),
    "lines": ("Đường tham chiếu", "Reference lines"),
    "lines_all": ("Cả nước và vùng", "Nation and regions"),
    "lines_nation": ("Cả nước", "Nation"),
    "lines_none": ("Không", "None"),
    "place_province": ("Tỉnh, thành phố", "Province"),
    "place_ministry": ("Bộ, ngành", "Ministry"),
    "kinds_province": ("tỉnh, thành phố", "provinces"),
    "kinds_ministry": ("bộ, ngành", "ministries"),
    # overview
    "tiles_heading": ("Chỉ số chính toàn quốc — {period}", "Headline national figures — {period}"),
    "tiles_kind": ("khối {kind}", "{kind}"),
    "vs_previous": ("so với {period}", "vs {period}"),
    "tile_status_published": (":material/verified: **Số liệu công bố**", ":material/verified: **Published**"),
    "tile_status_demo": (":material/science: Dữ liệu minh họa", ":material/science: Demo data"),
    "tile_estimated": ("ước tính*", "estimated*"),
    "tile_no_figure": ("Chưa có số liệu kỳ này", "No figure for this period"),
    "leaders_heading": ("Dẫn đầu và cuối bảng", "Leading and lagging"),
    "leaders_title": ("{metric}: 5 dẫn đầu, 5 cuối bảng — {kind}, {period}",
                      "{metric}: top 5 and bottom 5 — {kind}, {period}"),
    "not_for_kind": ("Chỉ tiêu này không áp dụng cho {kind}.", "This metric does not apply to {kind}."),
    "national_heading": ("Xu hướng toàn quốc", "National trend"),
    "national_title": ("Các tỷ lệ chính toàn quốc ({kind}), {first}–{last}",
                       "Key national rates ({kind}), {first}–{last}"),
    "national_note": ("Điểm hình thoi: số liệu công bố; chấm tròn: dữ liệu minh họa.",
                      "Diamonds: published figures; dots: demo data."),
    "movers_heading": ("Thay đổi nhiều nhất so với kỳ trước", "What moved most since the previous period"),
    "movers_note": ("Mỗi chỉ tiêu ở kỳ gần nhất có số liệu, không vượt quá kỳ đã chọn; ▲/▼: thay đổi thứ hạng.",
                    "Each metric at its latest period up to the one chosen; ▲/▼: change in rank."),
    # rankings
    "ranking_title": ("{metric} — {kind}, {period}", "{metric} — {kind}, {period}"),
    "ranking_region_title": ("{metric} — {kind} vùng {region}, {period}", "{metric} — {kind} in {region}, {period}"),
    "ranking_table": ("Bảng xếp hạng", "Ranking table"),
    "ranking_note": ("Hạng “2=”: đồng hạng (bằng nhau khi làm tròn 2 chữ số thập phân). ▲/▼: lên/xuống so với {previous}; "
                     "–: giữ hạng.",
                     "Rank “2=”: tied (equal to 2 decimals). ▲/▼: up/down since {previous}; –: same rank."),
    "bands_note": ("Vùng tô nền: mức xếp loại theo {source}.", "Shaded areas: rating bands set by {source}."),
    "region_rank_note": ("Hạng là hạng toàn quốc; lọc vùng chỉ ẩn các tỉnh ngoài vùng.",
                         "Ranks are national ranks; the region filter only hides other provinces."),
    "region_ministry": ("Bộ, ngành không chia theo vùng; bộ lọc vùng bị bỏ qua.",
                        "Ministries have no region; the region filter is ignored."),
    "highlight_outside": ("{place} nằm ngoài vùng đã chọn (hạng toàn quốc: {rank}).",
                          "{place} is outside the region chosen (national rank: {rank})."),
    # trends
    "trend_title": ("{metric} — {places}, {first}–{last}", "{metric} — {places}, {first}–{last}"),
    "trend_change_title": ("{metric}: thay đổi từ {start} — {places}", "{metric}: change since {start} — {places}"),
    "estimated_points": ("Chấm rỗng: số liệu ước tính (tỉnh mới ghép từ các tỉnh cũ bằng trung bình điểm, hoặc thiếu số liệu một tỉnh cũ).",
                         "Hollow markers: estimated figures (a new province put together from its former provinces by averaging scores, or with one missing)."),
    "map_2025_note": ("Bản đồ 2025: số liệu trước {date} của đơn vị mới là tổng (tỷ lệ: tổng tử số/tổng mẫu số) hoặc trung bình (điểm số) của các đơn vị cũ hợp thành.",
                      "2025 map: a new unit's figures before {date} are the sums (rates: summed numerators over summed denominators) or averages (scores) of the units it was formed from."),
    "map_time_note": ("Bản đồ tại thời điểm số liệu: {ended} dừng lại khi sáp nhập ({date}); đơn vị mới bắt đầu từ ngày đó.",
                      "Map of the time: {ended} stop at the merger ({date}); the new units start from that day."),
    "map_time_note_plain": ("Bản đồ tại thời điểm số liệu: các đơn vị cũ dừng lại khi sáp nhập ({date}); đơn vị mới bắt đầu từ ngày đó.",
                            "Map of the time: former units stop at the merger ({date}); the new units start from that day."),
    "other_places": ("các địa phương còn lại", "the other places"),
    "no_places": ("Chọn ít nhất một địa phương hoặc bộ để vẽ.", "Pick at least one place to draw."),
    "nation_only": ("Chưa chọn địa phương: chỉ vẽ đường cả nước.", "No place picked: only the national line is drawn."),
    # peers
    "peer_value": ("Giá trị", "Value"),
    "peer_rank": ("Hạng toàn quốc", "National rank"),
    "peer_region_rank": ("Hạng trong vùng", "Rank in region"),
    "peer_region": ("Trung bình vùng {region}", "{region} average"),
    "peer_nation": ("Cả nước", "Nation"),
    "peer_best": ("Cao nhất: {best}", "Best: {best}"),
    "rank_of": ("{rank}/{places}", "{rank} of {places}"),
    "peer_heading": ("{place}: {metric}, {period}", "{place}: {metric}, {period}"),
    "components_title": ("{place}: {index} theo thành phần, {period} (tỷ lệ so với điểm tối đa)",
                         "{place}: {index} by component, {period} (share of each maximum)"),
    "profile_title": ("{place}: các tỷ lệ chính so với vùng, cả nước và đơn vị cao nhất, {period}",
                      "{place}: key rates against the region, the nation and the best, {period}"),
    "components_table": ("Số liệu theo thành phần và thay đổi so với {previous}",
                         "Figures by component and the change since {previous}"),
    "changed_heading": ("Thay đổi so với kỳ trước", "What changed since the previous period"),
    "merged_from": ("{place} (từ {date}) được hợp nhất từ: {parts}.", "{place} (since {date}) was formed from: {parts}."),
    "merged_note": ("Số liệu trước ngày hợp nhất là tổng (tỷ lệ: tổng tử số/tổng mẫu số) hoặc trung bình (điểm số) của các đơn vị này.",
                    "Figures before the merger are sums (rates: summed numerators over summed denominators) or averages (scores) of these units."),
    "no_components": ("Chỉ tiêu này không có thành phần: biểu đồ so sánh các tỷ lệ chính.",
                      "This metric has no components: the chart compares the key rates."),
    "place_no_figure": ("{place} không có số liệu {metric} trong {period}.", "{place} has no {metric} figure for {period}."),
    "boundary_short_2025": ("bản đồ 2025", "2025 map"),
    "boundary_short_time": ("bản đồ tại thời điểm", "map of the time"),
    "estimated_footnote": ("(*) ước tính: điểm của đơn vị mới tính bằng trung bình các đơn vị cũ, hoặc thiếu số liệu một đơn vị cũ.",
                           "(*) estimated: a new unit's score averaged from its former units, or with one of them missing."),
    "export": ("Xuất biểu đồ", "Export chart"),
    "difference": ("chênh lệch", "difference"),
    "difference_help": ("{place} trừ giá trị này", "{place} minus this value"),
    "leaders_chart_title": ("{kind}, {period}", "{kind}, {period}"),
    "export_missing": ("Chưa xuất được biểu đồ (ui.export_controls lỗi: {error}).",
                       "Chart export unavailable (ui.export_controls failed: {error})."),
}


def tx(key: str, lang: str = "vi", /, **values) -> str:
    """The text for key in lang (this module first, then ui/i18n.py), {placeholders} filled."""
    vi, en = TEXT[key] if key in TEXT else SHARED[key]
    text = en if lang == "en" else vi
    return text.format(**values) if values else text
