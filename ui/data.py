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


@st.cache_resource(max_entries=256, show_spinner=False)
def _figure(builder: str, args: tuple, kwargs: tuple):
    module, name = builder.rsplit(".", 1)
    return getattr(importlib.import_module(module), name)(*args, **dict(kwargs))


def figure(builder, *args, **kwargs):
    """builder(*args, **kwargs) from charts/, made once per distinct input and shared by every
    session. Building a Plotly figure validates every property (tens to hundreds of ms); the
    pages and exports only read the figure, so one copy serves every rerun that draws the same
    data. The inputs (frames from `ask`, labels) are hashed, so new data makes a new figure."""
    kwargs = tuple(sorted(kwargs.items()))
    return _figure(f"{builder.__module__}.{builder.__name__}", args, kwargs)
