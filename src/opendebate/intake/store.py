"""Durable storage of raw messages: the rule is stored first, acknowledged after.

The bytes go to a temporary file in the store's folder, are flushed and fsynced, renamed to
their SHA-256 (atomic on POSIX), and the folder is fsynced so the new name survives a crash.
Only then is the row written and the sender answered 250 (SMTP) or the message flagged (IMAP).
"""

from __future__ import annotations

import datetime
import hashlib
import os
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from opendebate.intake.models import InboundMessage


class StoreError(Exception):
    """The message could not be stored durably; the sender must be told to retry."""


def raw_path(sha256: str) -> Path:
    return Path(settings.INTAKE_MAIL_DIR) / sha256[:2] / sha256


def _write_durably(path: Path, raw: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists() and path.stat().st_size == len(raw):
        return  # content-addressed: the same bytes are already there
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".incoming-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(raw)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    directory = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(directory)
    finally:
        os.close(directory)


def store_raw(
    raw: bytes,
    *,
    source: str,
    envelope_from: str = "",
    recipients: list[str] | None = None,
    received_at: datetime.datetime | None = None,
    peer: str | None = None,
) -> InboundMessage:
    """Store `raw` durably and record it; the same bytes twice give the same row. `peer` is
    the IP address of the SMTP client that delivered it (None for IMAP).

    Raises StoreError when the disk or the database cannot take it.
    """
    digest = hashlib.sha256(raw).hexdigest()
    try:
        _write_durably(raw_path(digest), raw)
        with transaction.atomic():
            message, _created = InboundMessage.objects.get_or_create(
                sha256=digest,
                defaults={
                    "received_at": received_at or timezone.now(),
                    "source": source,
                    "envelope_from": envelope_from,
                    "recipients": recipients or [],
                    "peer": peer,
                    "size": len(raw),
                },
            )
    except (OSError, IntegrityError) as error:
        raise StoreError(str(error)) from error
    except Exception as error:  # a database that is down raises its own errors
        if error.__class__.__module__.startswith(("django.db", "psycopg", "sqlite3")):
            raise StoreError(str(error)) from error
        raise
    return message


def read_raw(message: InboundMessage) -> bytes:
    return raw_path(message.sha256).read_bytes()
