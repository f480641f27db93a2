"""The one way a written statement comes in, whatever the channel: read, check, then keep the
refusal or record the version with its receipt.

A channel says what it received (`Received`: the bytes as they came, and what the sender
declared with them) and where, for whom and when it arrived (`Arrival`), then makes one call:

- the API, mail (and the Secretariat assigning held mail) and the demo: `submit`;
- the web form, which previews before it submits: `accept` when the text or file arrives,
  `read` to show the preview, `confirm` when the delegation confirms it;
- the Secretariat recording a statement delivered at the meeting: `read`, without the written
  statements' word guidance.

Refused content is kept with its reason (`services.refuse_submission`) before the refusal is
raised, so that nothing received is lost, whichever step refused it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError
from django.utils.translation import gettext as _

from opendebate.ingest import Refused, read_pasted
from opendebate.statements import services
from opendebate.statements.content import ExtractedText, Received, SubmissionRefused
from opendebate.statements.enums import Channel
from opendebate.statements.queries import confirmed_version
from opendebate.statements.reading import read_kept

if TYPE_CHECKING:
    from opendebate.accounts.models import User
    from opendebate.entities.models import Entity
    from opendebate.meetings.models import Meeting
    from opendebate.statements.models import StatementDraft, StatementVersion

PASTED_NAME = "pasted.txt"  # the name pasted text is kept under


@dataclass(frozen=True)
class Kept:
    """What is kept when a statement is refused, when it is not the statement's own bytes."""

    data: bytes
    name: str


@dataclass(frozen=True)
class Arrival:
    """Where, for whom, through which channel and when a statement arrived."""

    meeting: Meeting
    entity: Entity
    channel: Channel
    received_at: datetime.datetime
    user: User | None = None  # None only for mail from a verified contact of `entity`
    receipt_language: str | None = None  # mail is answered in the statement's own language
    kept: Kept | None = None  # mail keeps the whole message, not only the statement in it


def read(meeting: Meeting, received: Received, *, written: bool = True) -> services.Prepared:
    """Read what was received and check it against the meeting's rules: what the preview
    shows. `written` False leaves out the written statements' word guidance (a statement
    delivered at the meeting is not bound by it). Writes nothing but the file's kept reading.
    Raises SubmissionRefused."""
    try:
        if received.pasted:
            try:
                reading = read_pasted(received.data.decode("utf-8"))
            except UnicodeDecodeError:
                raise SubmissionRefused(
                    "encoding", _("The pasted text could not be read. Paste it again.")
                ) from None
        else:
            reading = read_kept(received.data, received.name)
    except Refused as refusal:
        raise SubmissionRefused(refusal.code, refusal.message) from None
    submission = services.Submission(received, ExtractedText(reading.blocks))
    return services.prepare_statement(meeting=meeting, submission=submission, written=written)


def keep_refused(arrival: Arrival, received: Received, refusal: SubmissionRefused) -> None:
    kept = arrival.kept or Kept(received.data, received.name)
    services.refuse_submission(
        user=arrival.user,
        meeting=arrival.meeting,
        entity=arrival.entity,
        channel=arrival.channel,
        original=kept.data,
        original_name=kept.name,
        refusal=refusal,
    )


def accept(arrival: Arrival, received: Received) -> services.Prepared:
    """`read`, keeping what was received when it is refused. Raises SubmissionRefused."""
    try:
        return read(arrival.meeting, received)
    except SubmissionRefused as refusal:
        keep_refused(arrival, received, refusal)
        raise


@dataclass(frozen=True)
class Submitted:
    version: StatementVersion
    warnings: tuple[str, ...]  # what the preview would have shown: the API returns them


def submit(
    arrival: Arrival,
    received: Received,
    *,
    prepared: services.Prepared | SubmissionRefused | None = None,
    draft: StatementDraft | None = None,
) -> Submitted:
    """Read, check and record a new version of the entity's statement with its receipt.

    `prepared` is what an earlier `read` of the same `received` gave, when the channel read it
    outside the transaction that records it (mail does, so that no lock is held while reading).
    Raises SubmissionRefused after keeping what was received, and PermissionDenied (see
    `services.submit_statement`).
    """
    if isinstance(prepared, SubmissionRefused):
        keep_refused(arrival, received, prepared)
        raise prepared
    prepared = prepared or accept(arrival, received)
    version = services.submit_statement(
        user=arrival.user,
        meeting=arrival.meeting,
        entity=arrival.entity,
        channel=arrival.channel,
        prepared=prepared,
        received_at=arrival.received_at,
        receipt_language=arrival.receipt_language,
        draft=draft,
    )
    return Submitted(version, prepared.warnings)


def received_from_draft(draft: StatementDraft) -> Received:
    """What the web form received and the preview showed, as it was kept with the draft."""
    with draft.original.open("rb") as handle:
        data = handle.read()
    return Received(
        data,
        draft.original_name,
        draft.channel == Channel.WEB,
        draft.heading,
        draft.signatory_name,
        draft.signatory_function,
        draft.language or None,
    )


@dataclass(frozen=True)
class Confirmation:
    version: StatementVersion
    new: bool  # False when the draft had already been confirmed: nothing was recorded now


def confirm(*, user: User, draft: StatementDraft, received_at: datetime.datetime) -> Confirmation:
    """Submit a previewed draft as its version, once (see `submit` for what that writes and
    raises).

    Confirming is idempotent: a draft that already became a version (a double click, a
    retried request, the same preview confirmed in several tabs at once) returns that version
    with `new` False and records nothing, whatever the deadline or the rate limit say now.
    Simultaneous confirmations queue on the statement's row lock (PostgreSQL) or the write
    lock (SQLite's immediate transactions), and the one that waited finds the version the
    first made; the unique `StatementVersion.draft` is what holds should they not queue.
    Raises PermissionDenied for a draft of another user.
    """
    if draft.user_id != user.pk:
        raise PermissionDenied(_("This draft was prepared by another user."))
    earlier = confirmed_version(draft)
    if earlier is not None:
        return Confirmation(earlier, new=False)
    arrival = Arrival(
        meeting=draft.meeting,
        entity=draft.entity,
        channel=Channel(draft.channel),
        received_at=received_at,
        user=user,
    )
    try:
        version = submit(arrival, received_from_draft(draft), draft=draft).version
    except services.AlreadyConfirmed as confirmed:
        return Confirmation(confirmed.version, new=False)
    except IntegrityError:
        earlier = confirmed_version(draft)
        if earlier is None:
            raise
        return Confirmation(earlier, new=False)
    return Confirmation(version, new=True)
