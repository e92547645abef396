"""The proxied set-up (`python -m serve`: two Streamlit workers behind nginx on 127.0.0.1) on the test
store: static files pre-compressed with long cache lifetimes, security headers, sessions sticky to
one worker, and a worker killed mid-session: the proxy sends new sessions (and the reconnecting
one) to the other worker while the supervisor restarts it; an import swapping the store is shown
by both workers. Sessions speak Streamlit's websocket protocol (bench.load.protocol), as the
browser does."""
from __future__ import annotations

import base64
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time

import numpy as np
import pytest
import requests
from ingest_cases.corpus import csv_bytes, row

from bench.load.protocol import Session, SessionDropped
from serve.launch import ROOT, Proxied, nginx_missing, start_proxied

pytestmark = pytest.mark.skipif(nginx_missing() is not None, reason=nginx_missing() or "")
RESTART_TIMEOUT_S = 90


@pytest.fixture(scope="module")
def proxied(store_path, tmp_path_factory):
    setup = start_proxied(store_path, tmp_path_factory.mktemp("serve"))
    yield setup
    setup.stop()


def open_session(proxied: Proxied, http: requests.Session | None = None, page: str = "xep-hang",
                 query: str = "metric=dossiers_online") -> tuple[Session, str]:
    """A browser's first visit: the HTML (which sets the route cookie), then the websocket; the
    session after its first run, and its route."""
    http = http or requests.Session()
    http.get(f"{proxied.url}/{page}?{query}", timeout=30).raise_for_status()
    http.get(f"{proxied.url}/_stcore/host-config", timeout=30).raise_for_status()
    session = Session(proxied.url, timeout_s=60, cookies=http.cookies.get_dict())
    run = session.open(page, query)
    assert not run.error and run.script_s == run.script_s, run
    return session, http.cookies["kpi_route"]


def test_static_files_are_compressed_and_cached_for_a_year(proxied):
    html = requests.get(f"{proxied.url}/xep-hang", headers={"Accept-Encoding": "br, gzip"}, timeout=10)
    assert html.headers["Cache-Control"] == "no-cache" and html.headers["Content-Encoding"] == "br"
    script = re.search(r'src="\./(static/js/index\.[^"]+\.js)"', html.text).group(1)
    for encoding in ("br", "gzip"):
        answer = requests.get(f"{proxied.url}/{script}", headers={"Accept-Encoding": encoding}, timeout=10, stream=True)
        assert answer.status_code == 200 and answer.headers["Content-Encoding"] == encoding
        assert answer.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        plain = requests.head(f"{proxied.url}/{script}", headers={"Accept-Encoding": "identity"}, timeout=10)
        assert int(answer.headers["Content-Length"]) < 0.4 * int(plain.headers["Content-Length"])
    font = requests.get(f"{proxied.url}/app/static/fonts/BeVietnamPro-Regular.woff2", timeout=10)
    assert font.status_code == 200 and font.content[:4] == b"wOF2" and "max-age" in font.headers["Cache-Control"]


def test_every_answer_has_the_security_headers(proxied):
    for path in ("/", "/xep-hang?metric=par_index", "/_stcore/health", "/favicon.png", "/no-such-page"):
        headers = requests.get(proxied.url + path, timeout=10).headers
        assert headers["X-Content-Type-Options"] == "nosniff", path
        assert headers["X-Frame-Options"] == "SAMEORIGIN", path
        assert "frame-ancestors 'self'" in headers["Content-Security-Policy"], path
        assert "default-src 'self'" in headers["Content-Security-Policy"], path
        assert headers["Referrer-Policy"] and headers["Permissions-Policy"], path
        assert headers["Server"] == "nginx", path  # no version


def test_the_server_is_found_at_the_root_only(proxied):
    # The frontend probes /<page>/_stcore/health for a base URL; it must not find the app's HTML there.
    assert requests.get(f"{proxied.url}/xep-hang/_stcore/health", timeout=10).status_code == 404
    assert requests.get(f"{proxied.url}/_stcore/health", timeout=10).text == "ok"


def test_a_session_stays_on_one_worker_and_new_browsers_spread(proxied):
    workers = set()
    for _ in range(10):  # 2^-9 that ten browsers all hash onto one worker
        session, route = open_session(proxied)
        workers.add(proxied.worker_of(route))
        run = session.change("w_period")
        assert not run.error, run
        session.close()
        served = {r["upstream"] for r in proxied.routes() if r["route"] == route and r["upstream"] != "-"}
        assert len(served) == 1, served  # host-config and the websocket of one browser: one worker
    assert len(workers) == 2, workers


def test_a_killed_worker_loses_only_its_sessions_and_comes_back(proxied):
    http = requests.Session()
    session, route = open_session(proxied, http)
    victim = proxied.worker_of(route)
    state = proxied.state()
    killed = next(w for w in state["workers"] if victim.endswith(f":{w['port']}"))
    os.kill(killed["pid"], signal.SIGKILL)
    with pytest.raises(SessionDropped):
        session.change("w_period")  # mid-session: its worker is gone
    for _ in range(6):  # new browsers while the worker is down: every one served, by the other worker
        other, new_route = open_session(proxied)
        assert proxied.worker_of(new_route) != victim
        other.close()
    again, _ = open_session(proxied, http)  # the same browser reconnecting
    assert proxied.worker_of(route) != victim
    again.close()  # (how long the failover takes is the benchmark's, not a test's)
    deadline = time.monotonic() + RESTART_TIMEOUT_S
    while True:
        now = next(w for w in proxied.state()["workers"] if w["port"] == killed["port"])
        if now["healthy"] and now["pid"] != killed["pid"]:
            break
        assert time.monotonic() < deadline, f"not restarted: {now}\n{proxied.log()}"
        time.sleep(0.5)
    assert now["restarts"] == killed["restarts"] + 1


def _numbers(value) -> list[float]:
    """Every number in a Plotly figure's JSON, typed arrays ({"dtype", "bdata"}) decoded."""
    if isinstance(value, bool):
        return []
    if isinstance(value, (int, float)):
        return [float(value)]
    if isinstance(value, dict) and "bdata" in value and "dtype" in value:
        return [float(v) for v in np.frombuffer(base64.b64decode(value["bdata"]), dtype=value["dtype"])]
    if isinstance(value, dict):
        return [n for v in value.values() for n in _numbers(v)]
    if isinstance(value, list):
        return [n for v in value for n in _numbers(v)]
    return []


def test_every_worker_follows_an_import(store_path, tmp_path):
    """An import swaps the store file; sessions on both workers show the new figure."""
    store = tmp_path / "kpi.duckdb"
    shutil.copyfile(store_path, store)
    setup = start_proxied(store, tmp_path / "serve", first_port=9160)
    link = ("xep-hang", "metric=dossiers_online&period=2025-09&kind=province&map=2025")
    imported = 100 * 1234 / 1300  # Hà Nội, 09/2025: 94,92%

    def shown_on_each_worker() -> dict[str, bool]:
        shown: dict[str, bool] = {}
        for _ in range(20):
            session, route = open_session(setup, page=link[0], query=link[1])
            run = session.open(*link)  # a rerun of the same view: the worker's caches have to follow too
            session.close()
            numbers = [n for spec in run.charts for n in _numbers(json.loads(spec)["data"])]
            shown[setup.worker_of(route)] = any(abs(n - imported) < 0.01 or abs(n - imported / 100) < 1e-4 for n in numbers)
            if len(shown) == 2:
                return shown
        raise AssertionError(f"twenty browsers reached one worker only: {shown}")

    try:
        before = shown_on_each_worker()
        assert not any(before.values()), before
        data = tmp_path / "thang-9.csv"
        data.write_bytes(csv_bytes([row(place="Hà Nội", period="09/2025", num="1.234", den="1.300")]))
        done = subprocess.run([sys.executable, "-m", "ingest", str(data), "--db", str(store)], cwd=ROOT,
                              capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr
        assert set(shown_on_each_worker().values()) == {True}
    finally:
        setup.stop()
