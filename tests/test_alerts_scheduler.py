"""The scheduler as it runs beside the server (`python -m alerts scheduler`, a process of its own):
killed between two sends and started again — twice at once, as two servers might — it sends
each message exactly once."""
from __future__ import annotations

import os
import signal
import time
from datetime import datetime

from alert_cases.smtp import smtp_server
from ingest_cases.helpers import writable_store  # noqa: F401 (fixture)

from alerts.ledger import Ledger, Outgoing
from alerts.schedule import start_beside


def _until(condition, timeout: float = 120, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


def _sent(ledger: Ledger) -> int:
    return ledger.counts().get("sent", 0)


def test_the_scheduler_killed_between_two_sends_sends_each_message_exactly_once(writable_store):  # noqa: F811
    ledger = Ledger.beside(writable_store)
    ledger.add_messages([Outgoing("alert", f"kill-test:{i}", f"nguoi{i}@example.gov.vn", "vi", f"[CCHC] Thư {i}",
                                  f"Nội dung {i}\n") for i in range(3)], datetime.now())
    with smtp_server() as (port, inbox):
        env = {"KPI_SECRETS": "/nonexistent", "SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(port), "SMTP_TLS": "none",
               "ALERTS_INTERVAL": "0.5", "ALERTS_SEND_PAUSE": "8"}
        first = start_beside(writable_store, env)
        try:
            _until(lambda: _sent(ledger) == 1, what="the first message")
            os.kill(first.pid, signal.SIGKILL)  # between two sends: the first is marked sent, the second waits
        finally:
            first.kill()
            first.wait(timeout=30)
        assert len(inbox.messages) == 1 and ledger.counts() == {"sent": 1, "pending": 2}

        again = [start_beside(writable_store, {**env, "ALERTS_SEND_PAUSE": "0"}) for _ in range(2)]
        try:
            _until(lambda: _sent(ledger) == 3, what="the other two messages")
            time.sleep(2)  # a second sender, if there were one, would have sent by now
        finally:
            for process in again:
                process.terminate()
                process.wait(timeout=30)
    ids = [m["Message-ID"] for m in inbox.messages]
    assert len(ids) == 3 and len(set(ids)) == 3
    assert sorted(m["To"] for m in inbox.messages) == [f"nguoi{i}@example.gov.vn" for i in range(3)]
    assert list(ledger.messages().attempts) == [1, 1, 1]
