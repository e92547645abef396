"""The one cache edge between the pages and the metrics layer.

`ask(fn, *args)` runs a metrics query function on the store and caches the answer keyed on the
store file's version, so an import that swaps the store in shows on the next rerun without a
restart, and an unchanged store answers from memory.
"""
from __future__ import annotations

import importlib

import streamlit as st

from metrics.db import Store


@st.cache_resource(show_spinner=False)
def store() -> Store:
    return Store()


@st.cache_data(ttl=3600, max_entries=512, show_spinner=False)
def _answer(function: str, version: str, args: tuple, kwargs: tuple):
    module, name = function.rsplit(".", 1)
    return getattr(importlib.import_module(module), name)(store(), *args, **dict(kwargs))


def _frozen(value):
    return tuple(value) if isinstance(value, list) else value


def ask(fn, *args, **kwargs):
    """fn(store, *args, **kwargs) from the metrics layer, cached on the store's version."""
    args = tuple(_frozen(a) for a in args)
    kwargs = tuple(sorted((k, _frozen(v)) for k, v in kwargs.items()))
    return _answer(f"{fn.__module__}.{fn.__name__}", store().version(), args, kwargs)


def version() -> str:
    return store().version()


@st.cache_resource(max_entries=512, show_spinner=False)
def _built(builder: str, version: str, view: tuple, _args: tuple, _kwargs: dict):
    module, name = builder.rsplit(".", 1)
    return getattr(importlib.import_module(module), name)(*_args, **_kwargs)


def _token(value):
    """What of an argument goes into the cache key: small values as they are, a catalogue metric
    by its id, a frame by its shape (its content follows from the view and the store version)."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (list, tuple)):
        return tuple(_token(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((str(k), _token(v)) for k, v in value.items()))
    if hasattr(value, "shape"):
        return ("frame", tuple(value.shape))
    return getattr(value, "id", type(value).__name__)


def built(builder, *args, **kwargs):
    """builder(*args, **kwargs) from charts/ (a figure or a formatted table), made once per view
    and store version and shared by every session.

    Building a Plotly figure validates every property (tens to hundreds of ms), and hashing the
    frames it is drawn from would cost ten more. Every selection of a page is in its URL, so the
    URL's query parameters, the small arguments (title, language, highlight ...) and the store's
    version decide what the frames hold: they are the key, the frames are not hashed. The pages
    and exports only read what comes back."""
    view = (tuple(sorted(st.query_params.to_dict().items())), _token(args), _token(kwargs))
    return _built(f"{builder.__module__}.{builder.__name__}", version(), view, args, kwargs)
