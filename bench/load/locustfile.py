"""Locust users for the dashboard: people in a meeting who opened the same link.

    .venv/bin/locust -f bench/load/locustfile.py --host http://127.0.0.1:8501 --headless -u 50 -r 50 -t 2m MeetingUser

(or `python -m bench.bench_load`, which starts the servers, runs both scenarios and prints the
figures). Each user opens the link as a browser does (the page's HTML, /_stcore/health and
/_stcore/host-config over HTTP, keeping the cookies they set, then a session on the websocket,
bench.load.protocol) and waits until the first page's script has finished. A MeetingUser then,
with a think time between actions (KPI_LOAD_THINK_S, 5 s on average), follows every sidebar
link in turn and changes that page's filter; an OpeningUser stays on the first page.

Every action is reported to Locust as a request (type "open", "page" or "change", named by the
page), its response time being the time until the script finished; a page that shows an
exception, or "page not found", is a failure; a websocket that closes or falls silent is a
dropped session (a SessionDropped failure), after which the user opens the link again, as the
browser reconnects. `RECORDS` keeps every action's two times (script finished, last message)
unrounded for bench.load.run.
"""
from __future__ import annotations

import os
import random
import time

import requests
from locust import User, between, task

from bench.load.links import LINK, PAGES, Action
from bench.load.protocol import Run, Session, SessionDropped

RECORDS: list[tuple[str, str, float, float, str]] = []  # (kind, page, script_s, last_s, error)
THINK_S = float(os.environ.get("KPI_LOAD_THINK_S", "5"))
TIMEOUT_S = float(os.environ.get("KPI_LOAD_TIMEOUT_S", "60"))
DROPPED = "dropped: "


class LinkUser(User):
    """Someone who opened the meeting's link in a fresh tab."""

    abstract = True

    def on_start(self) -> None:
        self.http = requests.Session()
        self.session: Session | None = None
        self.open_link()

    def on_stop(self) -> None:
        if self.session is not None:
            self.session.close()

    def open_link(self) -> None:
        """The page's HTML and the two endpoints the frontend asks first, keeping their cookies
        (the proxy's route, Streamlit's XSRF token), then the session's first run; timed from
        the first HTTP request."""
        if self.session is not None:
            self.session.close()
        self.session, started = None, time.perf_counter()
        try:
            for path in (LINK.path, "/_stcore/health", "/_stcore/host-config"):
                self.http.get(self.host + path, timeout=TIMEOUT_S).raise_for_status()
            session = Session(self.host, TIMEOUT_S, cookies=self.http.cookies.get_dict())
            run = session.open(LINK.page, LINK.query, since=started)
        except (requests.RequestException, SessionDropped) as error:
            self.report("open", LINK.page, None, started, DROPPED + str(error)[:300])
            return
        self.session = session
        self.report("open", LINK.page, run, started)

    def report(self, kind: str, page: str, run: Run | None, started: float, error: str = "") -> None:
        """One action, to RECORDS and to Locust's statistics."""
        page = page or "(default)"
        script_s = run.script_s if run else time.perf_counter() - started
        error = error or (run.error if run else "")
        RECORDS.append((kind, page, script_s, run.last_s if run else float("nan"), error))
        failure = None
        if error:
            failure = SessionDropped(error) if error.startswith(DROPPED) else RuntimeError(error)
        self.environment.events.request.fire(request_type=kind, name=page, response_time=script_s * 1000,
                                             response_length=run.bytes if run else 0, context={},
                                             exception=failure)


class MeetingUser(LinkUser):
    """Opens the link, then clicks through every page, changing each page's filter."""

    wait_time = between(THINK_S * 0.6, THINK_S * 1.4)

    def on_start(self) -> None:
        self.position = random.randrange(len(PAGES))  # people do not all click the same page
        self.step = 1
        super().on_start()

    def act(self, action: Action) -> None:
        if self.session is None:  # dropped: the browser reconnects and reopens the link
            self.open_link()
            return
        started = time.perf_counter()
        try:
            if action.widget:
                run = self.session.change(action.widget, self.step)
                self.step = -self.step  # back and forth between two values, as people compare
            else:
                run = self.session.goto(action.page, self.session.query)
        except KeyError:
            self.report(action.kind, action.page, None, started, f"no widget {action.widget} on the page")
            return
        except SessionDropped as error:
            self.session = None
            self.report(action.kind, action.page, None, started, DROPPED + str(error)[:300])
            return
        self.report(action.kind, action.page, run, started)

    @task
    def next_page(self) -> None:
        page = PAGES[self.position % len(PAGES)]
        self.position += 1
        self.act(Action("page", page.url))
        if page.widget:
            self.wait()
            self.act(Action("change", page.url, page.widget))


class OpeningUser(LinkUser):
    """Opens the link once and reads the page (the wave of a meeting's first minute)."""

    wait_time = between(3600, 3600)

    @task
    def read(self) -> None:
        pass
