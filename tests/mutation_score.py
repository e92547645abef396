"""`python -m tests.mutation_score [PATTERN ...]`: the mutation score of the last `make mutate`,
per module and in all, from mutmut's results in mutants/ (its .meta files).

killed: a test failed (or the mutant timed out); survived: every test passed; no tests: no test
reached the function. The score is killed / (killed + survived + no tests), so a function no test
reaches counts against it. Mutants listed in docs/mutation-survivors.md as equivalent (a change
of the code that no user and no caller can observe, each with its reason) are shown apart and
left out of the second score. PATTERNs (fnmatch, e.g. "metrics.rankings.*") restrict the count
to the mutants a run was asked for.
"""
from __future__ import annotations

import fnmatch
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KILLED = {1, 3, 36, 37, -24, 24, 152, 255}
SURVIVED = {0}
NO_TESTS = {5, 33}
EQUIVALENT_LIST = ROOT / "docs" / "mutation-survivors.md"


def equivalents() -> set[str]:
    """Mutant names listed in the survivors' document, in a line of its table: `| name | ... |`."""
    if not EQUIVALENT_LIST.exists():
        return set()
    return set(re.findall(r"^\|\s*`([\w.]+__mutmut_\d+)`", EQUIVALENT_LIST.read_text(encoding="utf-8"), re.M))


def results(patterns: list[str]) -> dict[str, int | None]:
    out: dict[str, int | None] = {}
    for meta in sorted((ROOT / "mutants").rglob("*.py.meta")):
        for name, code in json.loads(meta.read_text(encoding="utf-8")).get("exit_code_by_key", {}).items():
            if not patterns or any(fnmatch.fnmatch(name, p) for p in patterns):
                out[name] = code
    return out


def module_of(name: str) -> str:
    return name.split(".x_")[0].split(".xǁ")[0]


def main(argv: list[str]) -> int:
    found, equivalent = results(argv), equivalents()
    if not found:
        print("No mutation results: run `make mutate` first.")
        return 1
    rows: dict[str, Counter] = {}
    for name, code in found.items():
        kind = ("equivalent" if name in equivalent and code in SURVIVED | NO_TESTS else
                "killed" if code in KILLED else "survived" if code in SURVIVED else
                "no tests" if code in NO_TESTS else "not run" if code is None else "other")
        rows.setdefault(module_of(name), Counter())[kind] += 1
    total = sum(rows.values(), Counter())
    print(f"{'module':32} {'killed':>7} {'survived':>9} {'no tests':>9} {'equivalent':>11} {'not run':>8} {'score':>7}")
    for module, c in sorted(rows.items()) + [("all", total)]:
        judged = c["killed"] + c["survived"] + c["no tests"]
        score = f"{100 * c['killed'] / judged:.1f}%" if judged else "–"
        print(f"{module:32} {c['killed']:7} {c['survived']:9} {c['no tests']:9} {c['equivalent']:11} "
              f"{c['not run']:8} {score:>7}")
    judged = total["killed"] + total["survived"] + total["no tests"]
    with_equivalent = judged + total["equivalent"]
    if judged:
        print(f"\nscore {100 * total['killed'] / judged:.1f}% of {judged} mutants judged "
              f"({100 * total['killed'] / with_equivalent:.1f}% counting the {total['equivalent']} equivalent ones "
              f"as survivors); {total['not run']} not run yet")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
