"""`python -m ui.serve [streamlit options]`: `streamlit run dashboard.py`, with the modules every
page needs imported in a background thread while the server starts.

Why: a fresh server spends about 3.5 s of its first page on imports (pandas, DuckDB, Plotly,
the metrics layer, the exporters) if they wait for the first browser to connect; imported while
Tornado boots and the browser fetches the app's scripts, they are ready when the first script
runs. `make run` and the benchmark start the dashboard this way.
"""
from __future__ import annotations

import importlib
import socket
import sys
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WARM_MODULES = ("pandas", "duckdb", "plotly.graph_objects", "metrics.values", "metrics.rankings", "metrics.trends",
                "metrics.targets", "metrics.profiles", "metrics.tasks", "metrics.services", "charts.ranking", "charts.trend", "charts.peers", "charts.coverage",
                "charts.matrix", "charts.maps", "ui.pickers", "ui.chart_frame", "ui.monthly_deck", "ui.slide_basket", "ui.export_controls")


def free_port(start: int, tries: int = 100) -> int:
    """The first port from `start` that nothing listens on (for the browser tests and the bench,
    which start servers of their own)."""
    for port in range(start, start + tries):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {start}..{start + tries - 1}")


def _warm() -> None:
    for name in WARM_MODULES:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - the page will import it again and show the error there
            pass


def declare_navigation_app() -> None:
    """Tell Streamlit that the app's pages are the ones dashboard.py gives st.navigation.

    Why: a folder named pages/ beside the entry script makes Streamlit treat the app as an old
    pages-folder app (PagesManager.uses_pages_directory) until the first st.navigation call of
    the process turns that off. So the first script run after a start resolves the URL against
    the folder's file names ("data_import", not "nhap-du-lieu"), finds no page, sends
    page_not_found (the browser's "Page not found" modal over an inert page) and runs the
    default page. Set before the first session, every run resolves against st.navigation."""
    from streamlit.runtime.pages_manager import PagesManager

    PagesManager.uses_pages_directory = False


def main() -> int:
    from streamlit.web import cli

    sys.path.insert(0, str(ROOT))
    declare_navigation_app()
    threading.Thread(target=_warm, name="warm-imports", daemon=True).start()
    sys.argv = ["streamlit", "run", str(ROOT / "dashboard.py"), *sys.argv[1:]]
    return cli.main()


if __name__ == "__main__":
    sys.exit(main())
