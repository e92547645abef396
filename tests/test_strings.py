"""The string catalogue (l10n/strings.yaml): every key in both languages, every key the code asks
for exists, and every key is asked for somewhere (a key nobody uses is dead text to translate)."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from l10n import LANGS, StringsError, strings, t

ROOT = Path(__file__).resolve().parent.parent
CODE_DIRS = ("dashboard.py", "pages", "ui", "charts", "exports", "metrics", "store", "ingest", "alerts", "l10n", "bench")


def _code_files() -> list[Path]:
    files = []
    for name in CODE_DIRS:
        path = ROOT / name
        files += [path] if path.is_file() else sorted(path.rglob("*.py"))
    return files


def _literals() -> tuple[set[str], set[str], set[str]]:
    """(every plain string literal, every f-string's text before its first field, the keys
    passed literally to t()/has()) in the project's code."""
    plain, prefixes, asked = set(), set(), set()
    for path in _code_files():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                plain.add(node.value)
            elif isinstance(node, ast.JoinedStr) and node.values and isinstance(node.values[0], ast.Constant):
                prefixes.add(node.values[0].value)
            if (isinstance(node, ast.Call) and getattr(node.func, "id", None) in ("t", "has") and node.args
                    and isinstance(node.args[0], ast.Constant)):
                asked.add(node.args[0].value)
    return plain, prefixes, asked


def test_every_key_has_both_languages_and_loads():
    catalogue = strings()
    assert len(catalogue) > 300
    for key, entry in catalogue.items():
        assert set(entry) == set(LANGS) and all(entry[lang].strip() for lang in LANGS), key


def test_placeholders_are_the_same_in_both_languages():
    fields = re.compile(r"\{(\w*)[^{}]*\}")

    def names(text: str) -> set[str]:  # {kind} in Vietnamese may stand where {kind_en} does in English
        return {re.sub(r"_(vi|en)$", "", name) for name in fields.findall(text)}

    # Vietnamese writes months as numbers (Tháng 3/2024), English by name (Mar 2024)
    by_language = {"period_month", "period_short_month"}
    for key, entry in strings().items():
        if key not in by_language:
            assert names(entry["vi"]) == names(entry["en"]), key


def test_every_key_the_code_asks_for_exists():
    _, _, asked = _literals()
    missing = sorted(asked - set(strings()))
    assert not missing, f"asked for but not in l10n/strings.yaml: {missing}"


def test_every_key_is_used_by_the_code():
    plain, prefixes, _ = _literals()
    # a dynamic key (t(f"grain_{g}", lang)) counts for every key it can make
    prefixes = {p for p in prefixes if len(p) >= 4 and re.fullmatch(r"[a-z0-9_]+_", p)}
    unused = sorted(k for k in strings() if k not in plain and not any(k.startswith(p) for p in prefixes))
    assert not unused, f"keys no code uses (remove them or use them): {unused}"


def test_a_malformed_catalogue_is_refused_with_every_problem(tmp_path, monkeypatch):
    import l10n

    bad = tmp_path / "strings.yaml"
    bad.write_text('one:\n  vi: "Một"\nyes:\n  vi: "Có"\n  en: "Yes"\ntwo:\n  vi: ""\n  en: "Two"\n', encoding="utf-8")
    monkeypatch.setattr(l10n, "CATALOGUE", bad)
    strings.cache_clear()
    try:
        with pytest.raises(StringsError) as raised:
            strings()
        text = str(raised.value)
        assert "'one': needs exactly vi, en" in text and "True" in text and "'two': vi is empty" in text
    finally:
        strings.cache_clear()


def test_a_key_written_twice_is_refused(tmp_path, monkeypatch):
    import l10n

    bad = tmp_path / "strings.yaml"
    bad.write_text('one:\n  vi: "Một"\n  en: "One"\n  en: "Uno"\n', encoding="utf-8")
    monkeypatch.setattr(l10n, "CATALOGUE", bad)
    strings.cache_clear()
    try:
        with pytest.raises(StringsError, match="line 4: 'en' is written twice"):
            strings()
    finally:
        strings.cache_clear()


def test_t_fills_placeholders_and_names_an_unknown_key():
    assert t("bad_param", "vi", key="kind", value="x", fallback="“Tỉnh”").startswith("Tham số “kind=x”")
    assert t("bad_param", "en", key="kind", value="x", fallback="“Provinces”").startswith("The link parameter")
    with pytest.raises(KeyError, match="no interface string 'no_such_key'"):
        t("no_such_key", "vi")
