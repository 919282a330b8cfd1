"""Where a built message goes: a folder of .eml files (development) or an SMTP server."""
import hashlib
import os
import re
import smtplib
import ssl
import tempfile
from pathlib import Path


class PermanentFailure(Exception):
    """The server refused the message for good (5xx): retrying will not help."""


def eml_name(row):
    digest = hashlib.sha256(row.idempotency_key.encode("utf-8")).hexdigest()[:16]
    return f"{row.id}-{digest}.eml"


def outbox_folder(settings):
    return Path(settings.instance_path) / "outbox"


def deliver(message, row, settings, handing_over=None):
    """Send `message` for `row`; returns the .eml file name for the folder backend, else "".
    Over SMTP, `handing_over()` is called just before the server is given the end of the
    message (app.mail.sending); if it raises, the message is abandoned unsent. (Writing to the
    folder twice writes the same file, so there it is not needed.)"""
    if settings.mail_backend == "folder":
        return write_to_folder(message, row, settings)
    send_by_smtp(message, row, settings, handing_over)
    return ""


def write_to_folder(message, row, settings):
    """Write atomically: a temporary file in the same folder, then rename over the name."""
    folder = outbox_folder(settings)
    folder.mkdir(parents=True, exist_ok=True)
    name = eml_name(row)
    handle, temporary = tempfile.mkstemp(prefix=".tmp-", suffix=".eml", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(message.as_bytes())
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, folder / name)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return name


def send_by_smtp(message, row, settings, handing_over=None):
    connection = _connect(settings)
    connection.handing_over = handing_over
    try:
        if settings.smtp_username:
            connection.login(settings.smtp_username, settings.smtp_password)
        refused = connection.send_message(message, from_addr=settings.mail_from,
                                          to_addrs=[row.to_address])
        if refused:
            raise PermanentFailure(f"recipient refused: {_codes(refused)}")
    except smtplib.SMTPRecipientsRefused as error:
        raise _classify(error, _codes(error.recipients)) from None
    except (smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as error:
        raise _classify(error, f"{error.smtp_code}") from None
    finally:
        try:
            connection.quit()
        except (smtplib.SMTPException, OSError):
            connection.close()


class _HandOver:
    """smtplib's DATA command, with a call (`handing_over`) just before the final "." that
    makes the server take the message. If the call raises, the connection is dropped without
    that ".", and a server discards a message whose end never came."""

    handing_over = None

    def data(self, msg):
        self.putcmd("data")
        code, reply = self.getreply()
        if code != 354:
            raise smtplib.SMTPDataError(code, reply)
        body = re.sub(rb"(?m)^\.", b"..", msg if isinstance(msg, bytes) else msg.encode("ascii"))
        if not body.endswith(b"\r\n"):
            body += b"\r\n"
        self.send(body)
        if self.handing_over is not None:
            try:
                self.handing_over()
            except BaseException:
                self.close()
                raise
        self.send(b".\r\n")
        return self.getreply()


class _SMTP(_HandOver, smtplib.SMTP):
    pass


class _SMTPSSL(_HandOver, smtplib.SMTP_SSL):
    pass


def _connect(settings):
    context = ssl.create_default_context()
    if settings.smtp_security == "ssl":
        return _SMTPSSL(settings.smtp_host, settings.smtp_port, timeout=settings.smtp_timeout,
                        context=context)
    connection = _SMTP(settings.smtp_host, settings.smtp_port, timeout=settings.smtp_timeout)
    if settings.smtp_security == "starttls":
        connection.starttls(context=context)
    return connection


def _codes(recipients):
    return ", ".join(str(code) for code, _ in recipients.values())


def _classify(error, codes):
    """5xx answers are permanent; anything else is worth another try."""
    code = getattr(error, "smtp_code", None)
    if code is None and getattr(error, "recipients", None):
        code = min(c for c, _ in error.recipients.values())
    if code and 500 <= int(code) < 600:
        return PermanentFailure(f"SMTP server refused the message ({codes})")
    return error
