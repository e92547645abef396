"""Failed editor sign-ins are limited per client and per account in a file shared by every session
and worker (ui/sign_in_limits.py): the limits, the window, a success clearing them, another process
seeing the same counts, and the import page refusing a new session from a locked client."""
from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ROOT

from ui import sign_in_limits as limits

NOW = 1_800_000_000.0


@pytest.fixture(autouse=True)
def attempts_file(tmp_path, monkeypatch):
    path = tmp_path / "sign-ins.sqlite3"
    monkeypatch.setenv("KPI_SIGN_INS", str(path))
    return path


def fail(client: str, account: str, times: int, at: float = NOW) -> None:
    for i in range(times):
        limits.failed(client, account, now=at + i)


def test_a_client_is_locked_after_its_limit_and_others_are_not():
    fail("203.0.113.7", "an", limits.PER_CLIENT - 1)
    assert limits.wait_s("203.0.113.7", now=NOW + 10) == 0
    fail("203.0.113.7", "bình", 1, at=NOW + 5)
    wait = limits.wait_s("203.0.113.7", now=NOW + 10)
    assert 0 < wait <= limits.WINDOW_S and wait == limits.WINDOW_S - 10
    assert limits.wait_s("198.51.100.2", "chi", now=NOW + 10) == 0


def test_an_account_is_locked_from_every_client():
    for i in range(limits.PER_ACCOUNT):
        limits.failed(f"198.51.100.{i}", "Nguyễn Văn An", now=NOW + i)
    assert limits.wait_s("192.0.2.99", "  nguyễn văn an ", now=NOW + 20) > 0  # same account, any spelling of case
    assert limits.wait_s("192.0.2.99", "Trần Thị Bình", now=NOW + 20) == 0


def test_failures_leave_the_window_and_a_success_clears_them():
    fail("203.0.113.7", "an", limits.PER_CLIENT)
    assert limits.wait_s("203.0.113.7", now=NOW + limits.WINDOW_S + limits.PER_CLIENT) == 0
    fail("203.0.113.8", "an", limits.PER_CLIENT)
    assert limits.wait_s("203.0.113.8", now=NOW + 10) > 0
    limits.succeeded("203.0.113.8", "an")
    assert limits.wait_s("203.0.113.8", now=NOW + 10) == 0


def test_another_process_sees_the_same_failures(attempts_file):
    code = ("from ui import sign_in_limits as l\n"
            f"for i in range(l.PER_CLIENT): l.failed('203.0.113.9', 'an', now={NOW} + i)\n")
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True,
                   env={"KPI_SIGN_INS": str(attempts_file), "PATH": "/usr/bin:/bin"})
    assert limits.wait_s("203.0.113.9", now=NOW + 30) > 0


def test_nothing_readable_is_kept(attempts_file):
    fail("203.0.113.7", "Nguyễn Văn An", 1)
    raw = b"".join(p.read_bytes() for p in attempts_file.parent.glob(attempts_file.name + "*"))
    assert b"203.0.113.7" not in raw and "Nguyễn".encode() not in raw


@pytest.mark.parametrize(("peer", "headers", "client"), [
    ("127.0.0.1", {"X-Real-Ip": "203.0.113.7"}, "203.0.113.7"),   # behind the project's nginx
    ("127.0.0.1", {"x-real-ip": "203.0.113.7"}, "203.0.113.7"),
    ("198.51.100.4", {"X-Real-Ip": "203.0.113.7"}, "198.51.100.4"),  # a browser cannot choose its address
    ("127.0.0.1", {}, "127.0.0.1"),
    (None, {}, "unknown"),
    (object(), {}, "unknown"),  # not an address (AppTest's stand-in client)
])
def test_the_client_is_the_browser_behind_the_proxy(peer, headers, client):
    assert limits.client_of(peer, headers) == client


def test_the_import_page_refuses_a_new_session_from_a_locked_client(store_path, monkeypatch):
    import bcrypt
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("KPI_STORE", str(store_path))
    secrets = {"editors": {"password_hash": bcrypt.hashpw(b"dung-roi-2025", bcrypt.gensalt(rounds=4)).decode()}}

    def session() -> AppTest:
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=90)
        at.secrets["editors"] = secrets["editors"]
        at.run()
        return at.switch_page("pages/data_import.py").run()

    for _ in range(limits.PER_CLIENT):  # each in a fresh session, as new tabs would be
        at = session()
        at.text_input(key="auth_name").input("Kẻ lạ")
        at.text_input(key="auth_password").input("sai mật khẩu")
        next(b for b in at.button if b.label == "Đăng nhập").click().run()
        assert any("Sai mật khẩu" in e.value for e in at.error)
    at = session()
    assert not at.exception
    assert any("thử lại sau" in e.value for e in at.error)
    assert "auth_password" not in {w.key for w in at.text_input}
