"""One Streamlit session spoken the way the browser speaks it: Streamlit's own protobuf messages
(BackMsg up, ForwardMsg down) over its websocket, /_stcore/stream, with no browser.

A run is what one BackMsg rerun_script sets off: the server runs the script and streams deltas;
it has finished when `script_finished` arrives, and the run is over when the
`session_status_changed` that follows it says the script is no longer running (the last message
of the run). `Session.open` starts a session on a page with a query string, `Session.change`
sets one widget as a click would, `Session.goto` follows a sidebar link; each returns a `Run`.

Like the browser, the session sends back the state of every widget it was shown (as the
frontend does when a widget mounts) and the hashes of the cacheable messages it already holds,
so the server may send a reference instead of the message again.
"""
from __future__ import annotations

import time
import urllib.parse
from dataclasses import dataclass, field

import websocket
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

STREAM_PATH = "/_stcore/stream"
WIDGET_KINDS = ("selectbox", "radio", "multiselect", "button_group")


class SessionDropped(RuntimeError):
    """The websocket closed, or no message came within the time-out, before the run was over."""


@dataclass
class Run:
    page: str
    script_s: float = float("nan")  # from sending the rerun to script_finished
    last_s: float = float("nan")    # from sending the rerun to the run's last message
    messages: int = 0
    bytes: int = 0
    error: str = ""                 # an exception box, page_not_found, a compile error
    charts: list[str] = field(default_factory=list)  # the Plotly figures' JSON, as sent


@dataclass
class Widget:
    id: str
    kind: str
    options: list[str]
    value: object  # str for one choice, list[str] for several


@dataclass
class Session:
    """One session of the app at `base_url` (http://host:port). `cookies` are sent with the
    websocket's upgrade request, as the browser sends the cookies the page set (the proxy's sticky
    route, Streamlit's XSRF cookie)."""

    base_url: str
    timeout_s: float = 60.0
    cookies: dict[str, str] = field(default_factory=dict)
    page: str = ""
    query: str = ""
    widgets: dict[str, Widget] = field(default_factory=dict)
    pages: dict[str, str] = field(default_factory=dict)  # url_pathname -> page_script_hash
    cached: set[str] = field(default_factory=set)
    _ws: websocket.WebSocket | None = None

    def connect(self) -> None:
        parts = urllib.parse.urlsplit(self.base_url)
        scheme = "wss" if parts.scheme == "https" else "ws"
        xsrf = self.cookies.get("_streamlit_xsrf", "")
        headers = [f"Cookie: {'; '.join(f'{k}={v}' for k, v in self.cookies.items())}"] if self.cookies else []
        self._ws = websocket.create_connection(
            f"{scheme}://{parts.netloc}{STREAM_PATH}", timeout=self.timeout_s, origin=self.base_url,
            subprotocols=["streamlit", xsrf or "PLACEHOLDER_AUTH_TOKEN"], header=headers)

    def close(self) -> None:
        if self._ws is not None:
            try:
                self._ws.close()
            except OSError:
                pass
            self._ws = None

    def open(self, page: str, query: str = "", since: float | None = None) -> Run:
        """The session's first run: `page` is the url path ('' for the default page). Times count
        from `since` (a perf_counter reading, e.g. when the page's HTML was asked for), else from
        the rerun message."""
        since = time.perf_counter() if since is None else since
        if self._ws is None:
            self.connect()
        self.page, self.query = page, query
        return self._run(self._client_state(page_hash=""), since)

    def goto(self, page: str, query: str = "") -> Run:
        """A click on the sidebar link of `page`; `query` is what that page's URL keeps."""
        self.page, self.query = page, query
        self.widgets = {}  # the frontend forgets the old page's widgets
        return self._run(self._client_state(page_hash=self.pages.get(page, "")))

    def change(self, key: str, step: int = 1) -> Run:
        """Move the widget `key` (its session-state key, e.g. "w_period") `step` options on, as a
        person choosing the option beside the current one; KeyError if the page has no such widget."""
        widget = self.widgets[key]
        if widget.kind in ("multiselect", "button_group"):
            current = widget.value[0] if widget.value else widget.options[0]
            widget.value = [widget.options[(widget.options.index(current) + step) % len(widget.options)]]
        else:
            widget.value = widget.options[(widget.options.index(widget.value) + step) % len(widget.options)]
        return self._run(self._client_state(page_hash=self.pages.get(self.page, "")))

    def _client_state(self, page_hash: str) -> BackMsg:
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query
        state.page_name = self.page
        state.page_script_hash = page_hash
        state.cached_message_hashes.extend(sorted(self.cached))
        state.context_info.timezone = "Asia/Ho_Chi_Minh"
        state.context_info.locale = "vi-VN"
        state.context_info.url = f"{self.base_url}/{self.page}" + (f"?{self.query}" if self.query else "")
        for widget in self.widgets.values():
            entry = state.widget_states.widgets.add()
            entry.id = widget.id
            if isinstance(widget.value, list):
                entry.string_array_value.data.extend(widget.value)
            else:
                entry.string_value = widget.value
        return msg

    def _run(self, msg: BackMsg, since: float | None = None) -> Run:
        run = Run(self.page)
        started = time.perf_counter() if since is None else since
        try:
            self._ws.send_binary(msg.SerializeToString())
            finished = False  # script_finished came, and not for a rerun that follows at once
            while True:
                data = self._ws.recv()
                if not data:
                    raise SessionDropped("the server closed the websocket")
                run.messages += 1
                run.bytes += len(data)
                forward = ForwardMsg()
                forward.ParseFromString(data)
                kind = forward.WhichOneof("type")
                if forward.metadata.cacheable and forward.hash:
                    self.cached.add(forward.hash)
                if kind == "script_finished":
                    finished = forward.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN
                    run.script_s = time.perf_counter() - started
                    if forward.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                        run.error = run.error or "the script did not compile"
                elif kind == "session_status_changed":
                    if finished and not forward.session_status_changed.script_is_running:
                        run.last_s = time.perf_counter() - started
                        return run
                else:
                    self._read(forward, kind, run)
        except (websocket.WebSocketException, OSError) as error:
            raise SessionDropped(f"{type(error).__name__}: {error}") from error

    def _read(self, forward: ForwardMsg, kind: str | None, run: Run) -> None:
        if kind == "navigation":
            self.pages = {p.url_pathname: p.page_script_hash for p in forward.navigation.app_pages}
        elif kind == "page_info_changed":
            self.query = forward.page_info_changed.query_string
        elif kind == "page_not_found":
            run.error = run.error or f"page not found: {forward.page_not_found.page_name or self.page!r}"
        elif kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
            element = forward.delta.new_element
            which = element.WhichOneof("type")
            if which == "plotly_chart":
                run.charts.append(element.plotly_chart.spec)
            elif which == "exception":
                run.error = run.error or f"exception on the page: {element.exception.type}: {element.exception.message}"[:300]
            elif which in WIDGET_KINDS:
                self._remember(which, getattr(element, which))

    def _remember(self, kind: str, proto) -> None:
        """The widget's current value as the frontend would report it on mount."""
        if not proto.id.startswith("$$ID-") or proto.id.count("-") < 2:
            return  # a widget without a key: nothing in the pages changes it
        key = proto.id.split("-", 2)[2]
        if kind == "button_group":
            options = [o.content for o in proto.options]
            value = list(proto.raw_values) if proto.set_value else [options[i] for i in proto.default]
        elif kind == "multiselect":
            options = list(proto.options)
            value = list(proto.raw_values) if proto.set_value else [options[i] for i in proto.default]
        else:
            options = list(proto.options)
            if not options:
                return
            value = proto.raw_value if proto.set_value else options[proto.default]
        self.widgets[key] = Widget(proto.id, kind, options, value)
