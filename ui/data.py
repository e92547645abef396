"""The one cache edge between the pages and the metrics layer: answers (`ask`) and what is built
from them (`built`), each made once per store version and shared by every session.

`ask(fn, *args)` runs a metrics query function on the store and keeps the answer keyed on the
store file's version, so an import that swaps the store in shows on the next rerun without a
restart, and an unchanged store answers from memory. What comes back is shared by every session
of the process, not copied: pages, ui/ and charts/ only read it (tests/test_data_edge.py holds
them to that). Streamlit's st.cache_data would hash the arguments and unpickle a copy of the
answer on every call, 0,3-5 ms each, twenty to thirty times a rerun.
"""
from __future__ import annotations

import importlib
import os
import threading
from collections import OrderedDict
from pathlib import Path

import streamlit as st

from metrics.db import Store
from metrics.paths import store_path

MAX_ANSWERS = 512
MAX_BUILT = 512


class _Pending:
    """A value some thread is making; the others asking for it wait for it."""

    def __init__(self):
        self.done = threading.Event()
        self.value = None
        self.error: BaseException | None = None


class Memo:
    """A bounded, thread-safe memo of values keyed by (store version, key).

    Each key is made once: sessions asking for it while it is being made (fifty people opening
    the same link) wait for that one computation instead of repeating it. Past `max_entries`
    the least recently used goes; a newer store version drops every older one's values."""

    def __init__(self, max_entries: int):
        self.max_entries = max_entries
        self._values: OrderedDict = OrderedDict()
        self._pending: dict = {}
        self._version: str | None = None
        self._lock = threading.Lock()

    def get(self, version: str, key, make):
        full = (version, key)
        with self._lock:
            if full in self._values:
                self._values.move_to_end(full)
                return self._values[full]
            if version != self._version:
                self._values = OrderedDict((k, v) for k, v in self._values.items() if k[0] == version)
                self._version = version
            pending = self._pending.get(full)
            owner = pending is None
            if owner:
                pending = self._pending[full] = _Pending()
        if not owner:
            pending.done.wait()
            if pending.error is not None:
                raise pending.error
            return pending.value
        try:
            pending.value = make()
        except BaseException as error:
            pending.error = error
            raise
        else:
            with self._lock:
                if version == self._version:  # not a value of a store swapped out meanwhile
                    self._values[full] = pending.value
                while len(self._values) > self.max_entries:
                    self._values.popitem(last=False)
            return pending.value
        finally:
            with self._lock:
                self._pending.pop(full, None)
            pending.done.set()

    def clear(self) -> None:
        with self._lock:
            self._values.clear()

    def values(self) -> list:
        with self._lock:
            return list(self._values.values())


ANSWERS = Memo(MAX_ANSWERS)
BUILT = Memo(MAX_BUILT)
_stores: dict[Path, Store] = {}
_stores_lock = threading.Lock()


def store() -> Store:
    """The process's read-only gateway to the store $KPI_STORE names (data/kpi.duckdb)."""
    path = store_path()
    with _stores_lock:
        if path not in _stores:
            _stores[path] = Store(path)
        return _stores[path]


def _forget_stores() -> None:
    """Forget the gateways (and so every answer): `store.clear()`, as on the st.cache_resource
    function this replaced, which tests call after pointing $KPI_STORE elsewhere."""
    with _stores_lock:
        _stores.clear()
    clear()


store.clear = _forget_stores


_inherited: list[Store] = []  # a forked child's copies of its parent's gateways: never used, never closed


def _reset_in_forked_child() -> None:
    """A forked child (mutmut runs each mutant's tests in one) starts with fresh locks, no pending
    answers and no gateway: a lock or a pending value another thread held at the fork would stay
    held there forever, and the parent's DuckDB connections are not the child's to use. They are
    set aside, not closed: closing one in the child hangs it or kills it (SIGSEGV)."""
    global _stores_lock
    _stores_lock = threading.Lock()
    _inherited.extend(_stores.values())
    _stores.clear()
    for memo in (ANSWERS, BUILT):
        memo._lock = threading.Lock()
        memo._pending.clear()


os.register_at_fork(after_in_child=_reset_in_forked_child)


def version() -> str:
    return store().version()


def clear() -> None:
    """Forget every answer and built figure, as a new store version would (tests, bench)."""
    ANSWERS.clear()
    BUILT.clear()


def _frozen(value):
    return tuple(value) if isinstance(value, list) else value


def _call(function: str, *args, **kwargs):
    module, name = function.rsplit(".", 1)
    return getattr(importlib.import_module(module), name)(*args, **kwargs)


def ask(fn, *args, **kwargs):
    """fn(store, *args, **kwargs) from the metrics layer, kept per store version. Read it, do
    not change it: every session gets the same object."""
    args = tuple(_frozen(a) for a in args)
    kwargs = tuple(sorted((k, _frozen(v)) for k, v in kwargs.items()))
    gateway = store()
    name = f"{fn.__module__}.{fn.__name__}"
    return ANSWERS.get(gateway.version(), (name, args, kwargs),
                       lambda: _call(name, gateway, *args, **dict(kwargs)))


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
    name = f"{builder.__module__}.{builder.__name__}"
    view = (name, tuple(sorted(st.query_params.to_dict().items())), _token(args), _token(kwargs))
    return BUILT.get(version(), view, lambda: _call(name, *args, **kwargs))
