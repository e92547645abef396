"""A real SMTP server for the tests (aiosmtpd, in a thread on 127.0.0.1, in the port range of this
suite), which keeps every message it accepts so that a test can read it back: subject, body,
headers, attachments. Optionally with a login, or STARTTLS with a certificate made for it."""
from __future__ import annotations

import email
import ssl
import subprocess
import threading
import time
from contextlib import contextmanager
from email import policy
from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from ui.serve import free_port

PORTS = 9500  # the alert tests' range: 9500-9599


class Inbox:
    """Every message the server accepted, parsed (email.message.EmailMessage), in order."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self._lock:
            self.messages.append(email.message_from_bytes(envelope.original_content, policy=policy.default))
            self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 Message accepted for delivery"

    def wait_for(self, n: int, timeout: float = 60) -> list:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if len(self.messages) >= n:
                    return list(self.messages)
            time.sleep(0.05)
        raise AssertionError(f"{len(self.messages)} messages arrived, {n} expected")

    def to(self, address: str) -> list:
        return [m for m in self.messages if m["To"] == address]


def _authenticator(user: str, password: str):
    def check(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user \
            and auth_data.password.decode() == password
        return AuthResult(success=ok, handled=False)
    return check


def certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (openssl), and its key."""
    cert, key = folder / "smtp-cert.pem", folder / "smtp-key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    return cert, key


@contextmanager
def smtp_server(user: str | None = None, password: str | None = None, tls: tuple[Path, Path] | None = None,
                port: int | None = None):
    """(port, inbox) while the server runs. user/password: AUTH required; tls: (cert, key) for
    STARTTLS, required before anything else."""
    inbox = Inbox()
    port = port or free_port(PORTS)
    options = {}
    if user:
        options.update(authenticator=_authenticator(user, password or ""), auth_required=True,
                       auth_require_tls=bool(tls))
    if tls:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(str(tls[0]), str(tls[1]))
        options.update(tls_context=context, require_starttls=True)
    controller = Controller(inbox, hostname="127.0.0.1", port=port, **options)
    controller.start()
    try:
        yield port, inbox
    finally:
        controller.stop()
