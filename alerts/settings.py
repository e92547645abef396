"""How the alerts reach people: the SMTP server (host, port, TLS, user, password, sender), the
dashboard's address for links, the day the monthly report goes out, and the scheduler's pace —
from .streamlit/secrets.toml ([smtp], [alerts]) with environment variables taking precedence.

    [smtp]                          SMTP_HOST, SMTP_PORT, SMTP_TLS (starttls | ssl | none),
    host = "smtp.example.gov.vn"    SMTP_USER, SMTP_PASSWORD, SMTP_SENDER, SMTP_TIMEOUT,
    port = 587                      SMTP_CA_FILE (a CA bundle to trust, e.g. an internal CA)
    tls = "starttls"
    user = "cchc-alerts"            [alerts]
    password = "..."                ALERTS_BASE_URL, ALERTS_MONTHLY_DAY, ALERTS_INTERVAL,
    sender = "Bảng điều khiển CCHC <cchc-alerts@example.gov.vn>"
                                    ALERTS_SEND_PAUSE, ALERTS_MAX_ATTEMPTS, ALERTS_BACKOFF
KPI_SECRETS points at another secrets file (tests point it at none). The password is never printed.
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

from metrics.paths import ROOT

SECRETS = ROOT / ".streamlit" / "secrets.toml"
TLS_MODES = ("starttls", "ssl", "none")


@dataclass(frozen=True)
class Settings:
    smtp_host: str | None = None
    smtp_port: int = 587
    smtp_tls: str = "starttls"
    smtp_user: str | None = None
    smtp_password: str | None = None
    sender: str = "Bảng điều khiển CCHC <cchc-alerts@localhost>"
    smtp_timeout: float = 20.0
    ca_file: str | None = None
    base_url: str = "http://localhost:8501"
    monthly_day: int = 5          # the monthly report goes out from this day of the next month
    interval: float = 30.0        # seconds between the scheduler's passes
    send_pause: float = 0.0       # seconds between two messages (a gentle pace for the SMTP server)
    max_attempts: int = 8         # then the message is marked failed (kept, shown, retried on demand)
    backoff_seconds: float = 60.0  # the first retry's wait; doubled each time, at most 6 hours

    @property
    def can_send(self) -> bool:
        return bool(self.smtp_host)

    def described(self) -> str:
        """The settings for a log line, without the password."""
        if not self.can_send:
            return "SMTP: not configured (messages wait in the outbox)"
        who = f" as {self.smtp_user}" if self.smtp_user else ""
        return f"SMTP: {self.smtp_host}:{self.smtp_port} ({self.smtp_tls}){who}"


ENV = {  # environment variable -> (section, key, type)
    "SMTP_HOST": ("smtp", "host", str), "SMTP_PORT": ("smtp", "port", int), "SMTP_TLS": ("smtp", "tls", str),
    "SMTP_USER": ("smtp", "user", str), "SMTP_PASSWORD": ("smtp", "password", str),
    "SMTP_SENDER": ("smtp", "sender", str), "SMTP_TIMEOUT": ("smtp", "timeout", float),
    "SMTP_CA_FILE": ("smtp", "ca_file", str),
    "ALERTS_BASE_URL": ("alerts", "base_url", str), "ALERTS_MONTHLY_DAY": ("alerts", "monthly_day", int),
    "ALERTS_INTERVAL": ("alerts", "interval", float), "ALERTS_SEND_PAUSE": ("alerts", "send_pause", float),
    "ALERTS_MAX_ATTEMPTS": ("alerts", "max_attempts", int), "ALERTS_BACKOFF": ("alerts", "backoff_seconds", float),
}
FIELDS = {("smtp", "host"): "smtp_host", ("smtp", "port"): "smtp_port", ("smtp", "tls"): "smtp_tls",
          ("smtp", "user"): "smtp_user", ("smtp", "password"): "smtp_password", ("smtp", "sender"): "sender",
          ("smtp", "timeout"): "smtp_timeout", ("smtp", "ca_file"): "ca_file",
          ("alerts", "base_url"): "base_url", ("alerts", "monthly_day"): "monthly_day",
          ("alerts", "interval"): "interval", ("alerts", "send_pause"): "send_pause",
          ("alerts", "max_attempts"): "max_attempts", ("alerts", "backoff_seconds"): "backoff_seconds"}


def _secrets_file() -> Path:
    return Path(os.environ.get("KPI_SECRETS", SECRETS))


def load(environ: dict | None = None, secrets: Path | None = None) -> Settings:
    """The settings: secrets.toml first, then the environment over it. ValueError names a bad value."""
    environ = os.environ if environ is None else environ
    path = secrets or _secrets_file()
    raw = tomllib.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    values = {}
    for (section, key), name in FIELDS.items():
        if key in (raw.get(section) or {}):
            values[name] = raw[section][key]
    for variable, (section, key, kind) in ENV.items():
        if environ.get(variable, "") != "":
            try:
                values[FIELDS[(section, key)]] = kind(environ[variable])
            except ValueError:
                raise ValueError(f"{variable}={environ[variable]!r} is not a {kind.__name__}") from None
    settings = Settings(**values)
    if settings.smtp_tls not in TLS_MODES:
        raise ValueError(f"SMTP_TLS ([smtp] tls) must be one of {', '.join(TLS_MODES)}, not {settings.smtp_tls!r}")
    if not 1 <= int(settings.monthly_day) <= 28:
        raise ValueError(f"ALERTS_MONTHLY_DAY ([alerts] monthly_day) must be 1..28, not {settings.monthly_day}")
    return settings
