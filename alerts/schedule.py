"""The scheduler: one pass does what is due — evaluations an import left unfinished, the scheduled
check of every rule (once a day, and whenever the store file changed), the monthly report from its
day, and the outbox — and the scheduler runs a pass every `interval` seconds beside the server.

One pass at a time per store (a lock file beside the ledger), one scheduler per store (another
lock): `make run`, a multi-worker server calling start_beside() and a cron job can all be set up
without two of them sending the same message. Killed at any point, the next pass resumes: every
state is in the ledger.
"""
from __future__ import annotations

import fcntl
import logging
import os
import subprocess
import sys
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from alerts import evaluate, monthly, settings
from alerts.delivery import Delivery, deliver_due
from alerts.ledger import Ledger, ledger_path
from metrics.db import file_version
from metrics.paths import ROOT, store_path

log = logging.getLogger("alerts")


@dataclass
class Pass:
    """What one pass did (skipped: another pass held the lock)."""
    skipped: bool = False
    resumed: int = 0
    scheduled: evaluate.Evaluated | None = None
    monthly: list[int] = field(default_factory=list)
    delivery: Delivery = field(default_factory=Delivery)

    def summary(self) -> str:
        if self.skipped:
            return "another pass is running: skipped"
        fired = self.scheduled.new_firings if self.scheduled else []
        return (f"resumed {self.resumed} evaluations; scheduled check: {len(fired)} new firings; "
                f"monthly report: {len(self.monthly)} queued; sent {len(self.delivery.sent)}, "
                f"to retry {len(self.delivery.retried)}, failed {len(self.delivery.failed)}")


@contextmanager
def _flock(path: Path):
    """An exclusive lock on `path`, or None at once when another process holds it."""
    with open(path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def run_due(store: Path | None = None, config: settings.Settings | None = None, now: datetime | None = None,
            today: date | None = None) -> Pass:
    """One pass (`python -m alerts run-due`): everything due at `now`."""
    store = Path(store or store_path())
    config = config or settings.load()
    now = now or datetime.now()
    today = today or now.date()
    ledger = Ledger.beside(store)
    with _flock(ledger_path(store).with_suffix(".lock")) as mine:
        if not mine:
            return Pass(skipped=True)
        done = Pass()
        done.resumed = len(evaluate.resume_pending(store, now, config))
        # the rules see new figures after every import at once (ingest.write); this catches the
        # rest: a rebuilt store, a new rule, a new day for "no figures by day D"
        key = f"{file_version(store)}|{today.isoformat()}"
        if ledger.get("scheduled_check") != key:
            done.scheduled = evaluate.evaluate_scheduled(store, today, now, config)
            ledger.put("scheduled_check", key)
        done.monthly = monthly.queue_monthly(store, config, today, now)
        done.delivery = deliver_due(ledger, config, now)
        return done


def scheduler(store: Path | None = None, config: settings.Settings | None = None,
              stop: threading.Event | None = None) -> int:
    """Run a pass every config.interval seconds until stopped (`python -m alerts scheduler`).
    A pass that fails is logged and the next one runs; a second scheduler on the same store
    waits until the first one ends."""
    store = Path(store or store_path())
    config = config or settings.load()
    stop = stop or threading.Event()
    log.info("alerts: scheduler for %s, a pass every %s s; %s; monthly report from day %s",
             store, config.interval, config.described(), config.monthly_day)
    with _flock(ledger_path(store).with_suffix(".scheduler.lock")) as mine:
        if not mine:
            log.info("alerts: another scheduler runs for %s; this one stays idle", store)
            stop.wait()
            return 0
        while not stop.is_set():
            try:
                if store.exists():
                    done = run_due(store, config)
                    if done.scheduled or done.monthly or done.delivery.sent or done.delivery.errors or done.resumed:
                        log.info("alerts: %s", done.summary())
            except Exception:  # noqa: BLE001 - a scheduler keeps going; the ledger keeps what is due
                log.exception("alerts: a pass failed; the next one runs in %s s", config.interval)
            stop.wait(config.interval)
    return 0


def start_beside(store: Path | None = None, env: dict | None = None) -> subprocess.Popen:
    """Start the scheduler as a child process (for a server start-up, e.g. `make serve`): the
    caller terminates it when the server stops. Settings come from the environment and
    .streamlit/secrets.toml as for the server."""
    command = [sys.executable, "-m", "alerts", "scheduler"] + (["--db", str(store)] if store else [])
    return subprocess.Popen(command, cwd=ROOT, env={**os.environ, **(env or {})})
