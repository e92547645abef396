"""Sending what waits in the outbox over SMTP (STARTTLS, SSL or plain; with a login if set): each
message once, marked sent in the ledger right after the server accepts it; a refused or
unreachable server is retried with back-off (1 min, 2, 4 … at most 6 h), and after the last
attempt the message is marked failed — kept, listed on the data page, and sent again on demand
(`python -m alerts retry`)."""
from __future__ import annotations

import logging
import smtplib
import ssl
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.header import Header
from email.message import Message
from email.mime.application import MIMEApplication
from email.mime.base import MIMEBase
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import format_datetime, formataddr, parseaddr

from alerts.ledger import Ledger
from alerts.settings import Settings

log = logging.getLogger("alerts")
MAX_WAIT = timedelta(hours=6)


@dataclass
class Delivery:
    """What one pass over the outbox did."""
    sent: list[int] = field(default_factory=list)
    retried: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def email_of(row: dict, settings: Settings) -> Message:
    """The e-mail for an outbox row: plain UTF-8 text, its Message-ID kept from the ledger (the
    same on every attempt), the attachment if it has one. Built with the classic (compat32)
    classes: the modern policy's header folding drops the space between two encoded words
    ('Hồ sơ' arrives as 'Hồsơ'), Header folds Vietnamese subjects correctly."""
    text = MIMEText(row["body"], "plain", "utf-8")
    if row.get("content") is not None:
        message = MIMEMultipart()
        message.attach(text)
        maintype, subtype = row["mime"].split("/", 1)
        part = MIMEApplication(bytes(row["content"]), _subtype=subtype) if maintype == "application" \
            else MIMEBase(maintype, subtype)
        part.add_header("Content-Disposition", "attachment", filename=row["file_name"])
        message.attach(part)
    else:
        message = text
    message["Subject"] = Header(row["subject"], "utf-8", header_name="Subject")
    name, address = parseaddr(settings.sender)
    message["From"] = formataddr((name, address), charset="utf-8") if address else settings.sender
    message["To"] = row["recipient"]
    message["Date"] = format_datetime(datetime.now().astimezone())
    message["Message-ID"] = row["header_id"]
    message["Content-Language"] = row["lang"]
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation replies to a robot
    return message


def connect(settings: Settings) -> smtplib.SMTP:
    """An open, logged-in SMTP session (OSError or smtplib.SMTPException when it cannot be)."""
    context = ssl.create_default_context(cafile=settings.ca_file) if settings.smtp_tls != "none" else None
    if settings.smtp_tls == "ssl":
        server = smtplib.SMTP_SSL(settings.smtp_host, settings.smtp_port, timeout=settings.smtp_timeout,
                                  context=context)
    else:
        server = smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=settings.smtp_timeout)
    try:
        server.ehlo()
        if settings.smtp_tls == "starttls":
            server.starttls(context=context)
            server.ehlo()
        if settings.smtp_user:
            try:
                server.login(settings.smtp_user, settings.smtp_password or "")
            except UnicodeError:  # smtplib sends AUTH as ASCII
                raise smtplib.SMTPAuthenticationError(535, b"the SMTP user and password must be ASCII") from None
    except BaseException:
        server.close()
        raise
    return server


def wait_after(attempts: int, settings: Settings) -> timedelta:
    """How long to wait after the n-th failed attempt: backoff, doubled each time, at most 6 h."""
    return min(timedelta(seconds=settings.backoff_seconds * 2 ** max(attempts - 1, 0)), MAX_WAIT)


def _failed(ledger: Ledger, row: dict, error: Exception, settings: Settings, now: datetime, done: Delivery) -> None:
    attempts = int(row["attempts"]) + 1
    text = f"{type(error).__name__}: {error}"
    last = attempts >= settings.max_attempts
    ledger.mark_retry(row["message_id"], attempts, now + wait_after(attempts, settings), text, failed=last)
    (done.failed if last else done.retried).append(row["message_id"])
    done.errors.append(f"message {row['message_id']} to {row['recipient']}: {text}")
    log.warning("alerts: message %s to %s not sent (attempt %s of %s): %s", row["message_id"], row["recipient"],
                attempts, settings.max_attempts, text)


def deliver_due(ledger: Ledger, settings: Settings, now: datetime | None = None, sleep=time.sleep,
                limit: int | None = None) -> Delivery:
    """Send every pending message whose next attempt is due; one SMTP session for all of them,
    opened again after a message breaks it. Without an SMTP host nothing is sent or counted."""
    done = Delivery()
    if not settings.can_send or not ledger.exists():
        return done
    due = ledger.due(now or datetime.now())[:limit]
    server = None
    for n, row in enumerate(due):
        if n and settings.send_pause:
            sleep(settings.send_pause)
        if server is None:
            try:
                server = connect(settings)
            except (OSError, smtplib.SMTPException) as error:  # unreachable or refused: every message waits
                for waiting in due[n:]:
                    _failed(ledger, waiting, error, settings, now or datetime.now(), done)
                break
        try:
            server.send_message(email_of(row, settings), to_addrs=[row["recipient"]])
        except (OSError, smtplib.SMTPException) as error:
            _failed(ledger, row, error, settings, now or datetime.now(), done)
            server = _drop(server)
            continue
        ledger.mark_sent(row["message_id"], now or datetime.now())
        done.sent.append(row["message_id"])
        log.info("alerts: sent message %s to %s: %s", row["message_id"], row["recipient"], row["subject"])
    _drop(server)
    return done


def _drop(server):
    if server is not None:
        try:
            server.quit()
        except (OSError, smtplib.SMTPException):
            server.close()
    return None
