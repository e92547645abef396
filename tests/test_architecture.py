"""The layout is the architecture (docs/architecture.md): each package imports only the ones
below it, the answering layer never reaches Streamlit, Plotly or PowerPoint, and no page runs
SQL. Checked on the source, every import statement, those inside functions too."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROJECT = ("metrics", "store", "ingest", "alerts", "l10n", "ui", "charts", "exports", "pages", "serve", "bench",
           "dashboard")
# package -> the project packages and the libraries it may not import
FORBIDDEN = {
    "l10n": {"metrics", "store", "ingest", "alerts", "ui", "charts", "exports", "pages", "streamlit", "plotly", "pptx"},
    "metrics": {"store", "ingest", "alerts", "ui", "charts", "exports", "pages", "streamlit", "plotly", "pptx",
                "kaleido"},
    "store": {"ingest", "alerts", "ui", "charts", "exports", "pages", "streamlit", "plotly", "pptx"},
    "ingest": {"ui", "charts", "exports", "pages", "streamlit", "plotly", "pptx"},
    # the alerts read metrics, write rules through store.swap, attach the monthly deck (exports)
    "alerts": {"ingest", "ui", "charts", "pages", "streamlit", "plotly"},
    "charts": {"store", "ingest", "alerts", "ui", "exports", "pages", "streamlit", "pptx"},
    "exports": {"store", "ingest", "alerts", "ui", "pages", "streamlit"},
    "ui": {"pages", "store"},
    "pages": {"duckdb", "store"},
    "serve": {"pages", "charts", "exports", "store", "ingest"},  # it starts servers; it draws nothing
}
# The pages' table is data (no Streamlit): the alerts' links name their page from it.
ALLOWED = {"alerts": {"ui.navigation", "ui.navigation.PAGES"}}
# A page asks the metrics layer; it never holds a connection or SQL text of its own.
PAGE_FORBIDDEN_MODULES = {"metrics.db", "metrics.sql", "store.sql", "ingest.sql"}
# `python -m metrics.build` / `metrics.deck` / `metrics.ingest` are kept for their users: those
# aliases hand over with runpy and import nothing.
ALIASES = {"metrics/build.py", "metrics/deck.py", "metrics/communes.py", "metrics/ingest/__main__.py"}


def _modules() -> list[Path]:
    files = [ROOT / "dashboard.py"]
    for package in PROJECT[:-1]:
        files += sorted((ROOT / package).rglob("*.py"))
    return [f for f in files if "__pycache__" not in f.parts]


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return names


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_imports_go_one_way(path):
    package = path.relative_to(ROOT).parts[0].removesuffix(".py")
    forbidden = FORBIDDEN.get(package, set())
    bad = sorted(name for name in _imports(path)
                 if name.split(".")[0] in forbidden and name not in ALLOWED.get(package, set()))
    assert not bad, f"{path.relative_to(ROOT)} may not import {bad}"


@pytest.mark.parametrize("path", sorted((ROOT / "pages").glob("*.py")), ids=lambda p: p.name)
def test_pages_run_no_sql(path):
    source = path.read_text(encoding="utf-8")
    assert not (_imports(path) & PAGE_FORBIDDEN_MODULES), f"{path.name} imports a gateway or SQL module"
    calls = {node.func.attr for node in ast.walk(ast.parse(source))
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)}
    assert not calls & {"query", "execute", "sql", "groupby", "merge", "pivot", "pivot_table"}, path.name


def test_the_old_commands_are_thin_aliases():
    for alias in ALIASES:
        assert _imports(ROOT / alias) <= {"runpy"}, alias


def test_every_module_says_what_it_answers():
    for path in _modules():
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
        assert doc and doc.strip(), f"{path.relative_to(ROOT)} has no docstring"


def test_no_module_is_named_after_its_callers():
    for path in _modules():
        assert not any(word in path.stem for word in ("pages_a", "pages_b", "page_common", "text_pages")), path


def test_the_architecture_document_names_every_package_and_module():
    doc = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    for package in PROJECT[:-1]:
        assert f"{package}/" in doc, f"docs/architecture.md does not describe {package}/"
    for package in ("metrics", "store", "exports", "ui", "alerts"):
        for path in sorted((ROOT / package).glob("*.py")):
            if path.name != "__init__.py" and str(path.relative_to(ROOT)) not in ALIASES:
                assert path.stem in doc, f"docs/architecture.md does not mention {package}/{path.name}"
