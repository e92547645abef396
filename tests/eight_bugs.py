"""`python -m tests.eight_bugs [WORD ...]`: put each of the eight bugs of issue 12 back by hand in
a scratch copy of the project and run the tests that must catch it; prints, per bug, the tests
that failed ("NOT CAUGHT" if none did). WORDs pick bugs by name. Not a test itself: it proves the
tests can fail, the way they failed on 01/12/2026 (see docs/mutation-survivors.md)."""
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent
COPY = Path(tempfile.mkdtemp(prefix="eight-bugs-")) / "copy"
BUGS = {
    "arrows reversed": ("charts/ranking.py", 'return f"▲{change}" if change > 0 else f"▼{-change}" if change < 0 else "–"',
                        'return f"▼{change}" if change > 0 else f"▲{-change}" if change < 0 else "–"',
                        ["tests/test_seen_ranks.py"]),
    "region rank = national rank": ("metrics/rankings.py",
        'now["region_rank"] = now["value"].round(RANK_DECIMALS).groupby(now["region_id"], dropna=False).rank(\n        method="min", ascending=not metric.higher_is_better).astype("Int64") if kind == "province" else pd.NA',
        'now["region_rank"] = now["rank"] if kind == "province" else pd.NA',
        ["tests/test_seen_ranks.py"]),
    "gap ignores lower-is-better": ("metrics/rankings.py", "    sign = 1 if metric.higher_is_better else -1\n", "    sign = 1\n",
                                    ["tests/test_seen_ranks.py"]),
    "movers ignore lower-is-better": ("metrics/rankings.py",
        "sign = every.metric_id.map({m: 1 if catalogue.get(m).higher_is_better else -1 for m in at_of})",
        "sign = every.metric_id.map({m: 1 for m in at_of})", ["tests/test_seen_ranks.py"]),
    "exports lose sources and demo mark": ("ui/chart_frame.py",
        'ctx = ChartContext(title, subtitle, (*info["lines"], *extra_sources), info["demo"] > 0, lang)', "ctx = draft",
        ["tests/test_seen_exports.py"]),
    "undo leaves the roll-ups": ("ingest/write.py", "            rollups.refresh(con, touched)\n", "            pass\n",
                                 ["tests/test_seen_imports.py"]),
    "a new figure is not recorded in history": ("ingest/write.py",
        "(sql.HISTORY_CHANGED, sql.HISTORY_ADDED, sql.DELETE_REPLACED)", "(sql.HISTORY_CHANGED, sql.DELETE_REPLACED)",
        ["tests/test_seen_imports.py"]),
    "basket reordering does nothing": ("ui/slide_basket.py",
        "        items[index], items[other] = items[other], items[index]\n", "        pass\n",
        ["tests/test_seen_exports.py"]),
}
only = sys.argv[1:]
for name, (path, old, new, tests) in BUGS.items():
    if only and not any(o in name for o in only):
        continue
    if COPY.exists():
        shutil.rmtree(COPY)
    shutil.copytree(SRC, COPY, ignore=shutil.ignore_patterns(".venv", "mutants", "*.duckdb*", "__pycache__", ".git", "test-artifacts"), symlinks=True)
    (COPY / ".venv").symlink_to(SRC / ".venv")
    target = COPY / path
    text = target.read_text(encoding="utf-8")
    assert text.count(old) == 1, (name, "pattern not found once")
    target.write_text(text.replace(old, new), encoding="utf-8")
    done = subprocess.run([str(SRC / ".venv/bin/python"), "-m", "pytest", "-q", "-p", "no:randomly", *tests],
                          cwd=COPY, capture_output=True, text=True)
    failed = [line.split(" ")[1] for line in done.stdout.splitlines() if line.startswith("FAILED")]
    summary = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else done.stderr[-500:]
    print(f"## {name}: {path}\n   {summary}\n   " + "\n   ".join(failed or ["NOT CAUGHT"]), flush=True)
shutil.rmtree(COPY.parent, ignore_errors=True)
