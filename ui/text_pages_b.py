"""Interface words (Vietnamese, English) of the online services, Project 06, tasks and data pages.
Metric labels and descriptions come from the catalogue, not from here."""
from __future__ import annotations

from ui.i18n import TEXT as SHARED
from ui.i18n import t as shared_t

TEXT: dict[str, tuple[str, str]] = {
    # shared by the four pages
    "whole_country": ("Cả nước", "Whole country"),
    "whole_kind_province": ("Cả nước (các tỉnh, thành phố)", "All provinces"),
    "whole_kind_ministry": ("Các bộ, ngành", "All ministries"),
    "title_kind_province": ("các tỉnh, thành phố", "provinces"),
    "title_kind_ministry": ("các bộ, ngành", "ministries"),
    "year": ("Năm", "Year"),
    "data_table": ("Bảng số liệu", "Data table"),
    "published_badge": ("Số liệu công bố", "Published figure"),
    "demo_badge": ("Dữ liệu minh họa", "Demo data"),
    "export_missing": ("Chưa có nút xuất biểu đồ (ui/export_controls.py không dùng được): {error}",
                       "Chart export is unavailable (ui/export_controls.py could not be used): {error}"),
    "subtitle": ("{kind}; {boundary}", "{kind}; {boundary}"),
    "about_metrics": ("Các chỉ tiêu trên trang này", "The metrics on this page"),
    "estimated_mark": ("* ước tính (tỉnh mới ghép từ các tỉnh cũ, hoặc thiếu số liệu một tỉnh cũ)",
                       "* estimated (a new province put together from its former provinces, or one missing)"),
    # online services
    "online_title": ("Dịch vụ công trực tuyến", "Online public services"),
    "online_intro": ("Mức độ cung cấp dịch vụ công trực tuyến của các tỉnh, thành phố và bộ, ngành: bao nhiêu "
                     "thủ tục được cung cấp trực tuyến, bao nhiêu hồ sơ được nộp và xử lý trực tuyến, đồng bộ "
                     "lên Cổng Dịch vụ công quốc gia, và tiến độ so với mục tiêu của các kế hoạch.",
                     "How far provinces and ministries offer public services online: how many procedures are "
                     "online, how many dossiers are filed and handled online and synchronised with the National "
                     "Public Service Portal, and progress against the plans' targets."),
    "place_pick": ("Địa phương / bộ được chọn", "Chosen province / ministry"),
    "headline": ("{metric} — {place}, {period}", "{metric} — {place}, {period}"),
    "coverage": ("{counts} {word} — {rate}", "{counts} {word} — {rate}"),
    "flag_stated_rate": ("Lưu ý chất lượng số liệu: nguồn ghi {stated}, nhưng {counts} cho {computed}. "
                         "Bảng điều khiển hiển thị tỷ lệ tính từ số thủ tục; cả hai số đều được lưu.",
                         "Data quality note: the source states {stated}, but {counts} gives {computed}. "
                         "The dashboard shows the rate computed from the counts; both numbers are kept."),
    "flag_other": ("Lưu ý chất lượng số liệu: {message} (nguồn ghi {stated}; tính ra {computed})",
                   "Data quality note: {message} (stated {stated}; computed {computed})"),
    "figure_source": ("Nguồn của số liệu này: {sources}", "Source of this figure: {sources}"),
    "figure_demo": ("Số liệu này là dữ liệu minh họa.", "This figure is demo data."),
    "national_tiles": ("{who} — {period}", "{who} — {period}"),
    "ranking_title": ("{metric} — {kind}, {period}", "{metric} — {kind}, {period}"),
    "ranking_section": ("Xếp hạng", "Ranking"),
    "trend_section": ("Diễn biến theo thời gian", "Over time"),
    "trend_title": ("{metric} — {who}, {first}–{last}", "{metric} — {who}, {first}–{last}"),
    "targets_section": ("Tiến độ so với mục tiêu", "Progress against targets"),
    "targets_title": ("Thực hiện so với mục tiêu — {kind}, {period}", "Achieved against target — {kind}, {period}"),
    "targets_intro": ("Mỗi thanh là số liệu toàn quốc của kỳ đã chọn (xanh: đạt, đỏ: chưa đạt); vạch tím là mục "
                      "tiêu, ghi kèm văn bản đặt mục tiêu và năm áp dụng.",
                      "Each bar is the national figure for the chosen period (green: met, red: not yet); the purple "
                      "tick is the target, with the document that set it and its year."),
    "target_word": ("Mục tiêu", "Target"),
    "actual_word": ("Thực hiện", "Achieved"),
    "target_year": ("năm {year}", "by {year}"),
    "scope_all": ("cả nước", "whole country"),
    "scope_province": ("khối địa phương", "provinces"),
    "scope_ministry": ("khối bộ, ngành", "ministries"),
    "col_metric": ("Chỉ tiêu", "Metric"),
    "col_scope": ("Áp dụng cho", "Applies to"),
    "col_target": ("Mục tiêu", "Target"),
    "col_year": ("Năm", "Year"),
    "col_document": ("Văn bản", "Document"),
    "col_actual": ("Thực hiện", "Achieved"),
    "col_gap": ("Chênh lệch", "Gap"),
    "col_met": ("Đạt", "Met"),
    "col_note": ("Ghi chú", "Note"),
    "yes": ("Đạt", "Yes"),
    "no": ("Chưa đạt", "Not yet"),
    "no_targets": ("Chưa có mục tiêu nào cho các chỉ tiêu này.", "No targets are set for these metrics."),
    # Project 06
    "p06_title": ("Đề án 06", "Project 06"),
    "p06_intro": ("25 dịch vụ công thiết yếu của Đề án 06 (Kế hoạch 02-KH/BCĐTW): tỉnh, thành phố nào đã cung "
                  "cấp trực tuyến toàn trình dịch vụ nào, và tiến độ triển khai trên cả nước theo tháng.",
                  "The 25 essential public services of Project 06 (Plan 02-KH/BCĐTW): which province offers "
                  "which service fully online, and the national rollout month by month."),
    "p06_avg": ("Dịch vụ bình quân mỗi tỉnh", "Services per province, on average"),
    "p06_complete": ("Tỉnh đủ {total}/{total} dịch vụ", "Provinces offering all {total}"),
    "p06_pairs": ("Cặp tỉnh – dịch vụ đã trực tuyến", "Province–service pairs online"),
    "p06_target": ("Mục tiêu năm {year}", "Target for {year}"),
    "p06_matrix_title": ("Dịch vụ thiết yếu trực tuyến toàn trình theo tỉnh, {period}",
                         "Essential services fully online by province, {period}"),
    "p06_off": ("Chưa trực tuyến", "Not yet online"),
    "p06_partly": ("Một phần tỉnh cũ", "Some former units"),
    "p06_on": ("Đã toàn trình", "Fully online"),
    "p06_partial_hover": ("{share} đơn vị cũ đã cung cấp", "offered by {share} of the former units"),
    "p06_partial_note": ("Trước 01/07/2025, mỗi tỉnh mới (bản đồ 2025) được tính từ các tỉnh cũ hợp thành: ô màu "
                         "nhạt hơn cho biết chỉ một phần các tỉnh cũ đã cung cấp dịch vụ (0–100%); tổng theo hàng "
                         "có thể lẻ.",
                         "Before 1 July 2025, each 2025 province is put together from its former provinces: a paler "
                         "cell means only some of them offered the service (0–100%); row totals can be fractional."),
    "p06_read": ("Hàng: tỉnh, thành phố (nhiều dịch vụ nhất ở trên; tổng bên phải). Cột: 25 dịch vụ (số tỉnh đã "
                 "cung cấp ở trên). Di chuột vào ô để xem tên đầy đủ của dịch vụ.",
                 "Rows: provinces (most services first; totals at the right). Columns: the 25 services (how many "
                 "provinces offer each, above). Hover a cell for the service's full name."),
    "p06_services_table": ("25 dịch vụ công thiết yếu", "The 25 essential services"),
    "col_no": ("STT", "No."),
    "col_service": ("Dịch vụ", "Service"),
    "col_handled_by": ("Cơ quan giải quyết", "Handled by"),
    "col_places_online": ("Số tỉnh đã cung cấp", "Provinces offering it"),
    "col_share": ("Tỷ lệ", "Share"),
    "p06_rollout_title": ("Triển khai 25 dịch vụ thiết yếu trên cả nước theo tháng, {first}–{last}",
                          "National rollout of the 25 essential services by month, {first}–{last}"),
    "p06_pair_label": ("Cặp tỉnh – dịch vụ đã trực tuyến", "Province–service pairs online"),
    "p06_all_label": ("Tỉnh đủ 25 dịch vụ", "Provinces with all 25"),
    "p06_services_hover": ("Bình quân {avg}/25 dịch vụ mỗi tỉnh", "On average {avg}/25 services per province"),
    "p06_merger": ("Sáp nhập tỉnh 01/07/2025", "Provinces merged 1 July 2025"),
    "p06_target_line": ("Mục tiêu 100% ({source}, năm {year})", "Target 100% ({source}, by {year})"),
    "rollout_section": ("Tiến độ triển khai", "Rollout"),
    "matrix_section": ("Ma trận tỉnh × dịch vụ", "Province × service matrix"),
    # tasks
    "tasks_title": ("Nhiệm vụ cải cách hành chính", "Administrative reform tasks"),
    "tasks_intro": ("Nhiệm vụ trong kế hoạch CCHC của các bộ, ngành, địa phương: được giao, hoàn thành đúng hạn, "
                    "hoàn thành quá hạn, đang thực hiện và quá hạn chưa hoàn thành.",
                    "Tasks in the reform plans of ministries and provinces: assigned, completed on time, "
                    "completed late, in progress and overdue."),
    "tasks_national": ("Toàn quốc, năm {year}", "Nationally, {year}"),
    "tasks_sum_note": ("Số toàn quốc: số Ban Chỉ đạo công bố cho cả nước nếu có; nếu không, cộng từ các bộ, ngành "
                       "và địa phương.",
                       "National figures: the Steering Committee's figure for the whole country where published; "
                       "otherwise added up from ministries and provinces."),
    "tasks_bars_title": ("Tình hình thực hiện nhiệm vụ CCHC — {kind}, năm {year}",
                         "Reform task status — {kind}, {year}"),
    "tasks_sorted": ("Sắp xếp theo tỷ lệ hoàn thành đúng hạn (trên số nhiệm vụ đã đến hạn).",
                     "Sorted by the on-time rate (of the tasks already due)."),
    "on_time_word": ("đúng hạn", "on time"),
    "tasks_ranking": ("Xếp hạng theo mức độ hoàn thành", "Ranking by completion"),
    "col_rank": ("Hạng", "Rank"),
    "col_agency": ("Cơ quan", "Agency"),
    "col_assigned": ("Được giao", "Assigned"),
    "col_on_time_rate": ("Tỷ lệ đúng hạn", "On-time rate"),
    "col_completion_rate": ("Tỷ lệ hoàn thành", "Completion rate"),
    "col_status": ("Trạng thái", "Status"),
    "deadlines_section": ("Hạn chót đã lỡ và sắp đến — năm {year}", "Missed and upcoming deadlines — {year}"),
    "deadlines_title": ("Nhiệm vụ quá hạn chưa hoàn thành theo cơ quan — {kind}, năm {year}",
                        "Overdue reform tasks by agency — {kind}, {year}"),
    "deadlines_summary": ("{agencies}/{total} cơ quan có nhiệm vụ quá hạn ({overdue} nhiệm vụ); {in_progress} "
                          "nhiệm vụ đang thực hiện, chưa đến hạn.",
                          "{agencies} of {total} agencies have overdue tasks ({overdue} tasks); {in_progress} tasks "
                          "are in progress and not yet due."),
    "deadlines_none": ("Không có cơ quan nào có nhiệm vụ quá hạn trong năm {year}.", "No agency has overdue tasks in {year}."),
    "deadlines_note": ("Kho số liệu chỉ lưu số lượng nhiệm vụ theo cơ quan. Hạn của từng nhiệm vụ và tên nhiệm vụ "
                       "lấy từ báo cáo của các bộ, ngành, địa phương; trang này không liệt kê từng nhiệm vụ.",
                       "The store keeps task counts by agency only. Each task's deadline and title come from the "
                       "agencies' own reports; this page does not list individual tasks."),
    # data
    "data_title": ("Dữ liệu", "Data"),
    "data_intro": ("Nguồn số liệu, chất lượng, phần minh họa và phần công bố, lịch sử sắp xếp đơn vị hành chính, "
                   "và cách truy vấn kho số liệu.",
                   "Where the figures come from, their quality, what is demo and what is published, the 2025 "
                   "reorganisations, and how to query the store."),
    "store_section": ("Kho số liệu", "The store"),
    "built_at": ("Xây dựng lúc", "Built at"),
    "last_import": ("Lần nhập gần nhất", "Last import"),
    "demo_until": ("Dữ liệu minh họa đến", "Demo data up to"),
    "published_count": ("Số liệu công bố", "Published figures"),
    "demo_count": ("Số liệu minh họa", "Demo figures"),
    "never": ("chưa có", "none yet"),
    "status_section": ("Số liệu công bố và dữ liệu minh họa", "Published and demo figures"),
    "status_explain": ("Số liệu **công bố** lấy từ văn bản, báo cáo chính thức và báo chí, ghi rõ nguồn. Phần còn lại "
                       "là **dữ liệu minh họa**: được sinh ra một cách tất định (cùng đầu vào cho cùng kết quả) và được "
                       "hiệu chỉnh để tái tạo đúng mọi số liệu, thứ hạng và số trung bình đã công bố. Dữ liệu minh họa "
                       "không phải số liệu chính thức; mỗi biểu đồ ghi số lượng của từng loại.",
                       "**Published** figures come from official documents, reports and the press, each with its "
                       "source. Everything else is **demo data**: generated deterministically (the same inputs give "
                       "the same figures) and calibrated to reproduce every published figure, rank and average. Demo "
                       "data is not official; every chart says how many figures of each kind it shows."),
    "col_published": ("Công bố", "Published"),
    "col_demo": ("Minh họa", "Demo"),
    "col_sources": ("Nguồn công bố", "Published sources"),
    "col_from": ("Từ", "From"),
    "col_to": ("Đến", "To"),
    "sources_section": ("Nguồn và văn bản", "Sources and documents"),
    "col_number": ("Số hiệu", "Number"),
    "col_title": ("Tên văn bản, tài liệu", "Title"),
    "col_issuer": ("Cơ quan ban hành", "Issuer"),
    "col_date": ("Ngày", "Date"),
    "col_link": ("Liên kết", "Link"),
    "col_kind": ("Loại", "Kind"),
    "col_cited": ("Số liệu trích dẫn", "Figures citing it"),
    "source_kind_legal": ("Văn bản pháp quy", "Legal document"),
    "source_kind_report": ("Báo cáo", "Report"),
    "source_kind_press": ("Báo chí", "Press"),
    "source_kind_project": ("Dự án", "Project"),
    "flags_section": ("Cảnh báo chất lượng số liệu", "Data quality flags"),
    "flags_intro": ("Những chỗ các nguồn không khớp nhau. Cả hai số đều được giữ; bảng điều khiển dùng số ở cột "
                    "“Số dùng”.",
                    "Where the sources disagree. Both numbers are kept; the dashboard uses the one under "
                    "“Used”."),
    "col_place": ("Đơn vị", "Place"),
    "col_period": ("Kỳ", "Period"),
    "col_flag_kind": ("Loại cảnh báo", "Kind"),
    "col_stated": ("Số nguồn ghi", "Stated"),
    "col_computed": ("Số dùng", "Used"),
    "col_message": ("Nội dung", "Message"),
    "flag_kind_stated_rate_mismatch": ("Tỷ lệ ghi khác tỷ lệ tính", "Stated rate differs"),
    "flag_kind_source_conflict": ("Các nguồn khác nhau", "Sources disagree"),
    "flag_kind_aggregate_mismatch": ("Số tổng hợp không khớp", "Aggregate does not add up"),
    "flag_kind_form_arithmetic": ("Biểu báo cáo cộng không khớp", "Report form does not add up"),
    "flag_kind_rank_not_reproduced": ("Thứ hạng công bố chưa tái tạo", "Published rank not reproduced"),
    "flag_kind_count_not_reproduced": ("Số đếm công bố chưa tái tạo", "Published count not reproduced"),
    "no_flags": ("Không có cảnh báo nào.", "No flags."),
    "lineage_section": ("Sắp xếp đơn vị hành chính năm 2025", "The 2025 reorganisations"),
    "lineage_provinces": ("Tỉnh, thành phố: 63 → 34 từ 01/07/2025", "Provinces: 63 → 34 from 1 July 2025"),
    "lineage_ministries": ("Bộ, cơ quan ngang bộ: từ 01/03/2025", "Ministries: from 1 March 2025"),
    "lineage_explain": ("Ở “bản đồ 2025”, số liệu trước ngày sắp xếp của các đơn vị cũ được cộng dồn vào đơn vị mới "
                        "(tỷ lệ = tổng tử số / tổng mẫu số; điểm số = trung bình, đánh dấu ước tính). Các đơn vị không "
                        "thay đổi giữ nguyên mã.",
                        "In the “2025 map”, the former units' figures before the reorganisation are added up into the "
                        "new unit (rates = sum of numerators / sum of denominators; scores = mean, marked estimated). "
                        "Units that did not change keep their id."),
    "col_new_unit": ("Đơn vị mới", "New unit"),
    "col_formed_from": ("Hợp thành từ", "Formed from"),
    "col_effective": ("Hiệu lực", "Effective"),
    "col_basis": ("Căn cứ", "Basis"),
    "views_section": ("Truy vấn kho số liệu (cho chuyên viên phân tích)", "Querying the store (for analysts)"),
    "views_intro": ("Kho số liệu là một tệp DuckDB (`data/kpi.duckdb`). Các view dưới đây là giao diện ổn định để "
                    "truy vấn; mở tệp ở chế độ chỉ đọc, ví dụ `duckdb -readonly data/kpi.duckdb`.",
                    "The store is one DuckDB file (`data/kpi.duckdb`). The views below are the stable surface to "
                    "query; open the file read-only, e.g. `duckdb -readonly data/kpi.duckdb`."),
    "col_column": ("Cột", "Column"),
    "col_type": ("Kiểu", "Type"),
    "example_query": ("Ví dụ truy vấn", "Example query"),
    "batches_section": ("Lịch sử nhập số liệu", "Import history"),
    "batches_none": ("Chưa có lần nhập số liệu nào. Trang “Nhập số liệu” sẽ liệt kê và cho phép hoàn tác từng lần nhập.",
                     "No imports yet. The Import page will list them and allow undoing each one."),
    "col_batch": ("Mã lần nhập", "Batch"),
    "col_by": ("Người nhập", "By"),
    "col_at": ("Thời điểm", "At"),
    "col_file": ("Tệp", "File"),
    "col_added": ("Thêm mới", "Added"),
    "col_changed": ("Thay đổi", "Changed"),
    "col_undone": ("Đã hoàn tác", "Undone"),
}

VIEW_DESCRIPTIONS: dict[str, tuple[str, str]] = {
    "kpi_metrics": ("Danh mục chỉ tiêu: tên, đơn vị, chiều tốt, cách cộng dồn, nguồn định nghĩa.",
                    "The metric catalogue: labels, unit, better direction, how it aggregates, defining source."),
    "kpi_entities": ("Mọi đơn vị từng có (tỉnh, bộ, cả nước), thời gian hiệu lực, trở thành / hợp thành từ.",
                     "Every unit ever (provinces, ministries, nation), validity dates, what it became / came from."),
    "kpi_observations": ("Mọi số liệu theo đơn vị tại thời điểm đó (bản đồ của thời kỳ), kèm trạng thái và nguồn.",
                         "Every figure for places as they were at the time, with status and source."),
    "kpi_observations_2025": ("Cùng số liệu, quy về 34 tỉnh / 17 bộ năm 2025 (cộng dồn đơn vị cũ, đánh dấu ước tính).",
                              "The same figures in the 2025 boundaries (former units added up, estimates marked)."),
    "kpi_quality_flags": ("Cảnh báo chất lượng: số nguồn ghi và số tính ra, nội dung bằng hai thứ tiếng.",
                          "Quality flags: the stated and the computed number, messages in both languages."),
    "kpi_sources": ("Nguồn: số hiệu, tên, cơ quan ban hành, ngày, liên kết, số số liệu trích dẫn.",
                    "Sources: number, title, issuer, date, link, how many figures cite each."),
    "kpi_targets": ("Mục tiêu của các kế hoạch: chỉ tiêu, ngưỡng, năm, văn bản đặt mục tiêu.",
                    "Plan targets: metric, threshold, year, the document that set it."),
}

VIEW_EXAMPLES: dict[str, str] = {
    "kpi_metrics": "SELECT metric_id, label_vi, unit, grain\nFROM kpi_metrics\nORDER BY metric_group, metric_id;",
    "kpi_entities": ("SELECT entity_id, entity_name, came_from, valid_from\nFROM kpi_entities\n"
                     "WHERE entity_kind = 'province' AND came_from IS NOT NULL;"),
    "kpi_observations": ("SELECT entity_name, period, value, numerator, denominator, status, source_id\n"
                         "FROM kpi_observations\nWHERE metric_id = 'online_procedures' AND period = '2023'\n"
                         "ORDER BY value DESC;"),
    "kpi_observations_2025": ("SELECT entity_name, period, value, estimated\nFROM kpi_observations_2025\n"
                              "WHERE metric_id = 'par_index' AND period = '2024'\nORDER BY value DESC\nLIMIT 10;"),
    "kpi_quality_flags": "SELECT entity_name, metric_id, period, stated_value, computed_value, message_vi\nFROM kpi_quality_flags;",
    "kpi_sources": "SELECT number, title_vi, issued_on, observations\nFROM kpi_sources\nORDER BY observations DESC;",
    "kpi_targets": "SELECT metric_id, comparison, value, year, source_number, note_vi\nFROM kpi_targets\nORDER BY metric_id, year;",
}

# Short names of the 25 essential services for the heatmap's axis (full names on hover).
P06_SHORT: dict[int, tuple[str, str]] = {
    1: ("Xác nhận số CMND", "Old ID number"),
    2: ("Cấp, đổi thẻ CCCD", "ID card re-issue"),
    3: ("Đăng ký thường trú", "Permanent residence"),
    4: ("Đăng ký tạm trú", "Temporary residence"),
    5: ("Khai báo tạm vắng", "Temporary absence"),
    6: ("Thông báo lưu trú", "Notice of stay"),
    7: ("Biển số mô tô, xe máy", "Motorbike plates"),
    8: ("Nộp phạt nguội", "Camera fines"),
    9: ("Đăng ký khai sinh", "Birth registration"),
    10: ("Đăng ký khai tử", "Death registration"),
    11: ("Đăng ký kết hôn", "Marriage registration"),
    12: ("Hộ chiếu phổ thông", "Passport"),
    13: ("Con dấu mới", "New seal"),
    14: ("Con dấu thu nhỏ, nổi", "Miniature seals"),
    15: ("LT khai sinh – thường trú – BHYT", "Birth bundle"),
    16: ("LT khai tử – xóa thường trú", "Death bundle"),
    17: ("Gia hạn BHYT hộ gia đình", "Household health ins."),
    18: ("Đăng ký thuế cá nhân", "Personal tax registration"),
    19: ("Biến động đất đai", "Land right changes"),
    20: ("Cấp điện mới", "New electricity supply"),
    21: ("Đổi chủ hợp đồng điện", "Electricity contract"),
    22: ("Thi THPT, xét tuyển", "Exam and admission"),
    23: ("Trợ cấp thất nghiệp", "Unemployment benefit"),
    24: ("Lý lịch tư pháp", "Judicial record"),
    25: ("Giấy phép lái xe", "Driving licence"),
}

# What a ratio's counts are counted in: "1.818/1.876 TTHC".
COUNT_WORDS: dict[str, tuple[str, str]] = {
    "online_procedures": ("TTHC", "procedures"),
    "dossiers_online": ("hồ sơ", "dossiers"),
    "dossiers_full_online": ("hồ sơ", "dossiers"),
    "dossiers_synced": ("hồ sơ", "dossiers"),
}


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1] if lang == "en" else pair[0]


def tb(key: str, lang: str = "vi", **values) -> str:
    """The text for key in lang (this module's words first, then the shared ones)."""
    if key not in TEXT:
        return shared_t(key, lang, **values) if key in SHARED else key
    text = _pick(TEXT[key], lang)
    return text.format(**values) if values else text


def p06_short(service_id: int, lang: str) -> str:
    pair = P06_SHORT.get(int(service_id))
    return _pick(pair, lang) if pair else str(service_id)


def view_description(view: str, lang: str) -> str:
    return _pick(VIEW_DESCRIPTIONS.get(view, ("", "")), lang)


def count_word(metric_id: str, lang: str) -> str:
    return _pick(COUNT_WORDS.get(metric_id, ("", "")), lang)
