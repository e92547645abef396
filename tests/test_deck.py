"""The monthly meeting deck from the command line, built from the test store."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from pptx import Presentation
from pptx.enum.chart import XL_CHART_TYPE

ROOT = Path(__file__).resolve().parent.parent


def _texts(slide) -> str:
    return " ".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)


def test_the_cli_builds_the_monthly_deck_from_the_store(tmp_path, store_path):
    out = tmp_path / "deck.pptx"
    done = subprocess.run([sys.executable, "-m", "metrics.deck", "--period", "2025-10", "--out", str(out),
                           "--db", str(store_path)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    deck = Presentation(str(out))
    slides = list(deck.slides)
    assert "Tháng 10/2025" in _texts(slides[0])
    charts = [s.chart for slide in slides for s in slide.shapes if s.has_chart]
    bar = [c for c in charts if c.chart_type == XL_CHART_TYPE.BAR_CLUSTERED]
    line = [c for c in charts if c.chart_type in (XL_CHART_TYPE.LINE_MARKERS, XL_CHART_TYPE.LINE)]
    assert len(bar) >= 5 and len(line) == 1
    provinces = list(bar[0].plots[0].categories)
    assert len(provinces) == 34 and any("Hồ Chí Minh" in c for c in provinces)
    values = list(bar[0].plots[0].series[0].values)
    assert values == sorted(values, reverse=True)  # best first, real numbers
    assert len(line[0].plots[0].series) == 4 and len(list(line[0].plots[0].categories)) == 12
    for slide in slides[1:]:
        assert "Nguồn:" in _texts(slide), _texts(slide)[:80]
    assert any("766/QĐ-TTg" in _texts(s) for s in slides)
    assert any("Dữ liệu minh họa" in _texts(s) for s in slides)


def test_a_month_without_figures_is_refused_with_a_message(tmp_path, store_path):
    done = subprocess.run([sys.executable, "-m", "metrics.deck", "--period", "1999-01", "--out",
                           str(tmp_path / "x.pptx"), "--db", str(store_path)], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and "1999-01" in done.stderr and not (tmp_path / "x.pptx").exists()
