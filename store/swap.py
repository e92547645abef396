"""The one way any writer changes the store: under the store's lock, on a copy beside it, in a
transaction, swapped in with os.replace.

Copy-on-write: under an exclusive lock file beside the store, the store is copied to a temporary
file in the same directory, the change is applied to the copy in one transaction, the copy is
checkpointed and closed, and os.replace swaps it in. Readers (metrics.db.Store) see the old file
or the new one. Any error rolls back, deletes the copy and leaves the store file untouched, byte
for byte. The build (a new file, then the swap) and every import and undo go through here.
"""
from __future__ import annotations

import fcntl
import os
import shutil
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

from metrics.db import connect_writable

LOCK_TIMEOUT = 30.0  # seconds to wait for another writer to finish


class StoreBusy(RuntimeError):
    """Another writer held the store's lock for longer than the timeout."""


def lock_path(store: Path) -> Path:
    return store.with_name(store.name + ".import.lock")


@contextmanager
def locked(store: Path, timeout: float | None = None):
    """Hold the store's import lock (one writer at a time); StoreBusy after timeout."""
    with open(lock_path(store), "a+") as handle:
        deadline = time.monotonic() + (LOCK_TIMEOUT if timeout is None else timeout)
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise StoreBusy(str(store)) from None
                time.sleep(0.1)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextmanager
def copy_of(store: Path):
    """A writable copy of the store beside it; swapped in by swap(), deleted on any error."""
    tmp = store.with_name(f".{store.name}.import-{os.getpid()}-{uuid.uuid4().hex[:8]}.tmp")
    shutil.copyfile(store, tmp)
    con = None
    try:
        con = connect_writable(tmp)
        yield con, tmp
    finally:
        if con is not None:
            try:
                con.close()
            except Exception:  # already closed by swap()
                pass
        for leftover in (tmp, Path(str(tmp) + ".wal")):
            leftover.unlink(missing_ok=True)


def swap(con, tmp: Path, store: Path) -> None:
    con.execute("CHECKPOINT")
    con.close()
    os.replace(tmp, store)


@contextmanager
def transaction(con):
    con.execute("BEGIN TRANSACTION")
    try:
        yield
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")
