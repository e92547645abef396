"""The interface in two languages: every string the dashboard shows, from one catalogue
(l10n/strings.yaml), read by `t`; numbers and dates through Babel in l10n.formatting."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

LANGS = ("vi", "en")
CATALOGUE = Path(__file__).with_name("strings.yaml")


class StringsError(ValueError):
    """The string catalogue is malformed: every problem, one per line."""


class _UniqueKeys(yaml.SafeLoader):
    """YAML that refuses a key written twice (plain YAML keeps the last one without a word)."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise StringsError(f"l10n/strings.yaml line {key_node.start_mark.line + 1}: '{key}' is written twice")
            seen.add(key)
        return super().construct_mapping(node, deep)


@lru_cache(maxsize=1)
def strings() -> dict[str, dict[str, str]]:
    """key -> {'vi': text, 'en': text}, checked: every key a plain name with both languages, once."""
    raw = yaml.load(CATALOGUE.read_text(encoding="utf-8"), Loader=_UniqueKeys)
    problems = [f"{key!r}: {what}" for key, entry in raw.items()
                for what in _problems(key, entry)]
    if problems:
        raise StringsError("l10n/strings.yaml:\n  - " + "\n  - ".join(problems))
    return raw


def _problems(key, entry) -> list[str]:
    if not isinstance(key, str) or not key.isidentifier():
        return ["a key is a plain name (letters, digits, _); quote yes/no/on/off"]
    if not isinstance(entry, dict) or set(entry) != set(LANGS):
        return [f"needs exactly {', '.join(LANGS)}"]
    return [f"{lang} is empty" for lang in LANGS if not isinstance(entry[lang], str) or not entry[lang]]


def t(key: str, lang: str = "vi", /, **values) -> str:
    """The text for `key` in `lang` (English when lang is 'en', else Vietnamese), with its
    {placeholders} filled from `values`; without values the text comes back as written."""
    try:
        entry = strings()[key]
    except KeyError:
        raise KeyError(f"no interface string '{key}' in l10n/strings.yaml") from None
    text = entry["en" if lang == "en" else "vi"]
    return text.format(**values) if values else text


def has(key: str) -> bool:
    return key in strings()
