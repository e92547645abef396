"""The pages of the dashboard, in the order of the sidebar: the table dashboard.py routes by, and
the one the browser tests and the benchmark walk (importable without running the app)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    path: str
    title: str     # its key in l10n/strings.yaml
    icon: str
    url: str


PAGES = (
    Page("pages/overview.py", "page_overview", ":material/dashboard:", "tong-quan"),
    Page("pages/rankings.py", "page_rankings", ":material/leaderboard:", "xep-hang"),
    Page("pages/map.py", "page_map", ":material/map:", "ban-do"),
    Page("pages/trends.py", "page_trends", ":material/show_chart:", "xu-huong"),
    Page("pages/peers.py", "page_peers", ":material/compare_arrows:", "so-sanh"),
    Page("pages/online_services.py", "page_online_services", ":material/computer:", "dich-vu-cong"),
    Page("pages/project06.py", "page_project06", ":material/badge:", "de-an-06"),
    Page("pages/tasks.py", "page_tasks", ":material/task_alt:", "nhiem-vu"),
    Page("pages/dossiers.py", "page_dossiers", ":material/folder_open:", "ho-so"),
    Page("pages/data.py", "page_data", ":material/database:", "du-lieu"),
    Page("pages/data_import.py", "page_data_import", ":material/upload_file:", "nhap-du-lieu"),
    Page("pages/alerts.py", "page_alerts", ":material/notifications:", "canh-bao"),
)
