"""The cache edge (ui/data.py): an answer or a figure is made once per key and store version even
when many sessions ask at once, the memo stays bounded and forgets a swapped-out store, and no
page changes what it was given (every session shares the same objects)."""
from __future__ import annotations

import hashlib
import os
import pickle
import threading
import time

import pandas as pd
import pytest

from tests.apptest import assert_clean, open_page
from ui import data
from ui.data import Memo
from ui.navigation import PAGES


def test_a_value_asked_for_by_many_sessions_at_once_is_made_once():
    memo, made = Memo(8), []
    started = threading.Barrier(12)

    def make():
        made.append(1)
        time.sleep(0.2)  # long enough that every other thread asks while it is being made
        return object()

    answers = []

    def session():
        started.wait()
        answers.append(memo.get("v1", ("ranking", "2026-10"), make))

    threads = [threading.Thread(target=session) for _ in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(made) == 1 and len(answers) == 12 and all(a is answers[0] for a in answers)


def test_the_memo_is_bounded_and_forgets_an_older_store():
    memo = Memo(3)
    for n in range(5):
        memo.get("v1", n, lambda n=n: n * 10)
    assert sorted(memo.values()) == [20, 30, 40]  # the two least recently used went
    assert memo.get("v1", 4, lambda: "again") == 40  # still kept: not made again
    memo.get("v2", 0, lambda: "new")
    assert memo.values() == ["new"]  # a new store version: the old answers are of no use


def test_a_failure_reaches_everyone_waiting_and_is_not_kept():
    memo = Memo(4)
    gate = threading.Event()

    def failing():
        gate.wait(2)
        raise ValueError("no such period")

    errors = []

    def session():
        try:
            memo.get("v1", "k", failing)
        except ValueError as error:
            errors.append(error)

    threads = [threading.Thread(target=session) for _ in range(3)]
    for thread in threads:
        thread.start()
    time.sleep(0.1)
    gate.set()
    for thread in threads:
        thread.join()
    assert len(errors) == 3
    assert memo.get("v1", "k", lambda: "made after all") == "made after all"


def _content(value):
    """What a value holds, as plain data: a frame by its columns, types, index and cells (its
    pickle would also change when pandas merely consolidates its blocks), a tuple or list item by
    item, anything else as it pickles (a Plotly figure pickles as its dict)."""
    if isinstance(value, pd.DataFrame):
        return ("frame", list(value.columns), [str(t) for t in value.dtypes], value.index.tolist(),
                [value[c].tolist() for c in value.columns])
    if isinstance(value, (tuple, list)):
        return (type(value).__name__, [_content(v) for v in value])
    return value


def _digest(value) -> str:
    return hashlib.sha256(pickle.dumps(_content(value))).hexdigest()


@pytest.fixture
def made(monkeypatch):
    """Every answer and figure the app makes, with its digest when it was made."""
    made: list[tuple[object, str]] = []
    for memo in (data.ANSWERS, data.BUILT):
        def get(version, key, make, _get=memo.get):
            def recorded():
                value = make()
                made.append((value, _digest(value)))
                return value
            return _get(version, key, recorded)
        monkeypatch.setattr(memo, "get", get)
    return made


CHANGES = {  # a filter each page is rerun with, then set back
    "tong-quan": ("w_period", "2026-09"), "xep-hang": ("w_metric", "par_index"),
    "xu-huong": ("w_metric", "dossiers_online"), "so-sanh": ("w_metric", "par_index"),
    "dich-vu-cong": ("w_period", "2025"), "de-an-06": ("w_period", "2026-09"), "nhiem-vu": ("w_year", "2024"),
}


@pytest.mark.parametrize("page", [p.url for p in PAGES if p.url != "nhap-du-lieu"])
def test_no_page_changes_the_answers_and_figures_it_shares(page, made):
    data.clear()
    at = open_page(page, timeout=90)
    assert_clean(at)
    assert made, "the page asked for nothing through ui.data"
    widget, value = CHANGES.get(page, (None, None))
    if widget:
        original = at.selectbox(key=widget).value
        at.selectbox(key=widget).select(value).run()
        at.selectbox(key=widget).select(original).run()
    else:
        at.run()
    assert_clean(at)
    changed = [type(v).__name__ for v, digest in made if _digest(v) != digest]
    assert not changed, f"{page} changed shared answers or figures in place: {changed}"


def test_a_forked_child_does_not_inherit_a_held_lock_a_pending_answer_or_a_connection():
    # mutmut runs each mutant's tests in a fork of a process whose page threads may be inside
    # store() or waiting on an answer at that moment, and whose store is open: the child must
    # neither wait for them forever nor close the parent's connection (a hang or a SIGSEGV)
    parents = data.store()
    data._stores_lock.acquire()
    data.ANSWERS._pending[("v", "k")] = data._Pending()
    try:
        pid = os.fork()
        if pid == 0:
            fresh = data._stores_lock.acquire(timeout=2) and not data.ANSWERS._pending
            data._stores_lock.release()
            mine = data.store()
            data.store.clear()  # what the page tests' fixtures do
            os._exit(0 if fresh and mine is not parents and len(data.store().query("SELECT 1 AS x")) == 1 else 1)
        for _ in range(200):  # up to 20 s: a hung child fails the test instead of hanging it
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            time.sleep(0.1)
        else:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
            pytest.fail("the forked child hung")
        assert os.waitstatus_to_exitcode(status) == 0
    finally:
        data.ANSWERS._pending.pop(("v", "k"), None)
        data._stores_lock.release()
