"""Where the project's files live, and which store the app reads."""
from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
DEFAULT_STORE = DATA_DIR / "kpi.duckdb"


def store_path() -> Path:
    """The store the dashboard reads: $KPI_STORE if set (tests point it elsewhere), else data/kpi.duckdb."""
    return Path(os.environ.get("KPI_STORE", DEFAULT_STORE))
