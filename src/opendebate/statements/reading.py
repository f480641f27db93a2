"""Bytes as received, from any channel, to a Submission: the one entry point for extraction.

A file is read once: what reading it gave (its blocks, or why it was refused) is kept by its
SHA-256 and extension (KeptReading), so that the preview, the confirmation and a retried e-mail
take it from there. Reading itself runs in a separate process with a time budget
(opendebate.ingest.read_file), so that a crafted file cannot hold the request or the intake.
"""

from __future__ import annotations

import hashlib
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from opendebate.ingest import (
    READER_VERSION,
    Reading,
    Refused,
    read_file,
    read_pasted,
    safe_filename,
)
from opendebate.statements import services
from opendebate.statements.content import ExtractedText, SubmissionRefused
from opendebate.statements.enums import Channel
from opendebate.statements.models import KeptReading
from opendebate.statements.services import Prepared, Submission

if TYPE_CHECKING:
    from opendebate.accounts.models import User
    from opendebate.entities.models import Entity
    from opendebate.meetings.models import Meeting

PASTED_NAME = "pasted.txt"
# Refusals that say something about the server at the time rather than about the file: a busy
# machine can make a normal file miss its budget, so the next attempt reads it again.
_NOT_KEPT = frozenset({"too_slow"})


def _keep(sha256: str, extension: str, reading: Reading | None, refusal: Refused | None) -> None:
    try:
        with transaction.atomic():
            KeptReading.objects.create(
                sha256=sha256,
                extension=extension,
                reader_version=READER_VERSION,
                reading=reading.to_json() if reading else {},
                refusal=[refusal.code, refusal.variant, refusal.params] if refusal else [],
            )
    except IntegrityError:
        pass  # read at the same time by another request: the same result is kept


def read_kept(data: bytes, name: str) -> Reading:
    """The reading of a received file, taken from what was kept or read now (and kept). Raises
    Refused."""
    sha256 = hashlib.sha256(data).hexdigest()
    extension = PurePosixPath(safe_filename(name)).suffix.lower()
    kept = KeptReading.objects.filter(
        sha256=sha256, extension=extension, reader_version=READER_VERSION
    ).first()
    if kept is not None:
        if kept.refusal:
            code, variant, params = kept.refusal
            raise Refused(code, variant, **params)
        return Reading.from_json(kept.reading)
    try:
        reading = read_file(data, name)
    except Refused as refusal:
        if refusal.code not in _NOT_KEPT:
            _keep(sha256, extension, None, refusal)
        raise
    _keep(sha256, extension, reading, None)
    return reading


def read_submission(
    *,
    data: bytes,
    name: str,
    pasted: bool,
    heading: str,
    signatory_name: str = "",
    signatory_function: str = "",
    language: str | None = None,
) -> Submission:
    """Extract the statement from what was received. Raises SubmissionRefused.

    Pasted text arrives as UTF-8 bytes so that the receipt's hash covers exactly what was sent.
    """
    try:
        if pasted:
            try:
                reading = read_pasted(data.decode("utf-8"))
            except UnicodeDecodeError:
                raise SubmissionRefused(
                    "encoding", _("The pasted text could not be read. Paste it again.")
                ) from None
        else:
            reading = read_kept(data, name)
    except Refused as refusal:
        raise SubmissionRefused(refusal.code, refusal.message) from None
    return Submission(
        heading=heading,
        content=ExtractedText(reading.blocks),
        original=data,
        original_name=name,
        signatory_name=signatory_name,
        signatory_function=signatory_function,
        language=language or None,
    )


def receive(
    *,
    user: User | None,
    meeting: Meeting,
    entity: Entity,
    channel: Channel,
    data: bytes,
    name: str,
    pasted: bool,
    heading: str,
    signatory_name: str = "",
    signatory_function: str = "",
    language: str | None = None,
) -> Prepared:
    """Read and check a statement as any channel received it. Writes nothing when it is
    acceptable; when it is not, keeps the bytes with the reason and raises SubmissionRefused."""
    try:
        submission = read_submission(
            data=data,
            name=name,
            pasted=pasted,
            heading=heading,
            signatory_name=signatory_name,
            signatory_function=signatory_function,
            language=language,
        )
        return services.prepare_statement(meeting=meeting, submission=submission)
    except SubmissionRefused as refusal:
        services.refuse_submission(
            user=user,
            meeting=meeting,
            entity=entity,
            channel=channel,
            original=data,
            original_name=name,
            refusal=refusal,
        )
        raise
