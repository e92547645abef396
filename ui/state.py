"""Selections that live in the URL, so a copied link reopens the same view.

Each selection is read from the query parameters on a session's first run (a malformed or
unknown value falls back to a default with a short notice, never a traceback), kept in a
widget, and written back to the URL on every run.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st

from l10n import t

NOTICES = "_url_notices"


def lang() -> str:
    return st.session_state.get("w_lang", "vi")


def _notice(key: str, value: str, fallback: str) -> None:
    st.session_state.setdefault(NOTICES, []).append(t("bad_param", lang(), key=key, value=value, fallback=fallback))


def show_notices() -> None:
    """Show (once) what the URL asked for that could not be honoured."""
    for text in st.session_state.pop(NOTICES, []):
        st.info(text, icon="🔗")


def _initial(key: str, options: Sequence[str], default: str, label_of: Callable[[str], str]) -> str:
    raw = st.query_params.get(key)
    if raw is None or raw in options:
        return raw if raw is not None else default
    _notice(key, raw, f"“{label_of(default)}”")
    return default


def choice(key: str, options: Sequence[str], default: str, label: str,
           format_func: Callable[[str], str] = str, container=None, widget: str = "selectbox",
           help: str | None = None) -> str:
    """One value from options, kept in ?key=value."""
    options = list(options)
    if not options:
        return default
    if default not in options:
        default = options[0]
    state = f"w_{key}"
    if state not in st.session_state:
        st.session_state[state] = _initial(key, options, default, format_func)
    elif st.session_state[state] not in options:  # the options changed under it (another metric)
        st.session_state[state] = default
    else:
        # A widget on another page held this key; re-assigning hands the value to this page's
        # widget, where Streamlit would otherwise drop it as stale when the page changes.
        st.session_state[state] = st.session_state[state]
    container = container or st
    if widget == "radio":
        value = container.radio(label, options, key=state, format_func=format_func, horizontal=True, help=help)
    elif widget == "segmented":
        value = container.segmented_control(label, options, key=state, format_func=format_func, help=help)
        if value is None:  # a segmented control can be cleared; keep a value
            value = default
    else:
        value = container.selectbox(label, options, key=state, format_func=format_func, help=help)
    st.query_params[key] = value
    return value


def places(key: str, options: Sequence[str], default: Sequence[str], label: str,
           names: dict[str, str], container=None, max_selections: int | None = 8) -> list[str]:
    """Several places (ids), kept in ?key=id1,id2. The URL holds ids: ui.pickers.places_picker
    reads what people type there (names, former units) and writes the ids back first."""
    options = list(options)
    state = f"w_{key}"
    if state not in st.session_state:
        raw = st.query_params.get(key)
        chosen = [p for p in (raw or "").split(",") if p in options] if raw is not None else []
        st.session_state[state] = list(dict.fromkeys(chosen or [d for d in default if d in options]))
    else:
        st.session_state[state] = [v for v in st.session_state[state] if v in options]
    container = container or st
    value = container.multiselect(label, options, key=state, format_func=lambda o: names.get(o, o),
                                  max_selections=max_selections)
    st.query_params[key] = ",".join(value)
    return value
