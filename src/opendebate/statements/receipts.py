"""The append-only receipts log: a hash chain over every accepted version.

Each entry's hash covers its own fields and the hash of the entry before it. Altering, inserting
or deleting any entry therefore changes every hash after it, which `verify_chain` detects and
names. The genesis entry chains to a fixed value.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection

from opendebate.statements.models import Receipt, StatementVersion

GENESIS = "0" * 64


def entry_hash(
    *, sequence: int, reference: str, issued_at: str, content_sha256: str, previous_hash: str
) -> str:
    payload = json.dumps(
        {
            "sequence": sequence,
            "reference": reference,
            "issued_at": issued_at,
            "content_sha256": content_sha256,
            "previous_hash": previous_hash,
        },
        sort_keys=True,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def _stamp(moment: datetime.datetime) -> str:
    # Always UTC, so the hash does not depend on the zone a datetime happens to be read in.
    return moment.astimezone(datetime.UTC).isoformat()


def append_receipt(version: StatementVersion, reference: str) -> Receipt:
    """Append the receipt of `version`. Call inside the submission's transaction: appends wait
    for each other (a table lock in PostgreSQL, the database's write lock in SQLite's immediate
    transactions), so two submissions never chain to the same predecessor.

    A lock on the last row would not do: a transaction that waited for it reads that same row
    again once it is free, not the entry appended meanwhile, and takes an existing sequence.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # readers are not blocked; held until commit
            table = connection.ops.quote_name(Receipt._meta.db_table)
            cursor.execute(f"LOCK TABLE {table} IN EXCLUSIVE MODE")
    last = Receipt.objects.order_by("-sequence").first()
    sequence = (last.sequence + 1) if last else 1
    previous = last.entry_hash if last else GENESIS
    issued_at = _stamp(version.received_at)
    return Receipt.objects.create(
        sequence=sequence,
        version=version,
        reference=reference,
        issued_at=version.received_at,
        content_sha256=version.sha256,
        previous_hash=previous,
        entry_hash=entry_hash(
            sequence=sequence,
            reference=reference,
            issued_at=issued_at,
            content_sha256=version.sha256,
            previous_hash=previous,
        ),
    )


@dataclass(frozen=True)
class BrokenLink:
    sequence: int
    reference: str
    problem: str


def verify_chain(receipts: Iterable[Receipt]) -> BrokenLink | None:
    """The first entry whose hash, predecessor or position does not check out, or None."""
    previous = GENESIS
    expected_sequence = 1
    for receipt in receipts:
        if receipt.sequence != expected_sequence:
            return BrokenLink(
                receipt.sequence, receipt.reference, f"expected entry {expected_sequence}"
            )
        if receipt.previous_hash != previous:
            return BrokenLink(
                receipt.sequence, receipt.reference, "does not chain to the entry before it"
            )
        recomputed = entry_hash(
            sequence=receipt.sequence,
            reference=receipt.reference,
            issued_at=_stamp(receipt.issued_at),
            content_sha256=receipt.content_sha256,
            previous_hash=receipt.previous_hash,
        )
        if recomputed != receipt.entry_hash:
            return BrokenLink(receipt.sequence, receipt.reference, "its content was altered")
        if receipt.content_sha256 != receipt.version.sha256:
            return BrokenLink(receipt.sequence, receipt.reference, "the version's hash differs")
        previous = receipt.entry_hash
        expected_sequence += 1
    return None
