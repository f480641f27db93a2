"""Reading a received file once, whichever channel brought it (statements.pipeline reads
through here).

A file is read once: what reading it gave (its blocks, or why it was refused) is kept by its
SHA-256 and extension (KeptReading), so that the preview, the confirmation and a retried e-mail
take it from there. Reading itself runs in a separate process with a time budget
(opendebate.ingest.read_file), so that a crafted file cannot hold the request or the intake.
"""

from __future__ import annotations

import hashlib
from pathlib import PurePosixPath

from django.db import IntegrityError, transaction

from opendebate.ingest import READER_VERSION, Reading, Refused, read_file, safe_filename
from opendebate.statements.models import KeptReading

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
