"""From a stored message to a statement, a triage entry or an explained rejection.

`process_message` is idempotent: it locks the row and does nothing unless the message is still
RECEIVED, and the state change is committed together with the statement version it creates.
A processor killed half-way therefore leaves every message either untouched (processed again
on restart) or finished (never processed twice). A message whose processing raises is tried
again later, less and less often, and finally waits for the Secretariat (`record_failure`), so
that it never holds up the messages behind it.

A message becomes a statement, or gets an automatic reply, only when its sender is a verified
contact: its From address is an entity's contact and trust.check_sender believes it.
"""

from __future__ import annotations

import contextlib
import datetime
import logging
import re
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import InterfaceError, OperationalError, transaction
from django.db.models import Q
from django.utils import timezone

from opendebate.entities.models import Entity
from opendebate.entities.queries import confirmed_contacts
from opendebate.ingest import safe_filename
from opendebate.intake.enums import MessageState, TriageReason
from opendebate.intake.models import InboundMessage
from opendebate.intake.parsing import Attachment, ParsedMessage, parse_message, statement_candidates
from opendebate.intake.replies import rejection, send_rejection
from opendebate.intake.store import read_raw
from opendebate.intake.trust import check_sender
from opendebate.meetings.enums import MeetingStatus
from opendebate.meetings.models import Meeting
from opendebate.statements import pipeline
from opendebate.statements.content import Received, SubmissionRefused
from opendebate.statements.enums import Channel
from opendebate.statements.language import detect_language
from opendebate.statements.models import StatementVersion
from opendebate.statements.pipeline import PASTED_NAME, Arrival, Kept
from opendebate.statements.services import Prepared

if TYPE_CHECKING:
    from opendebate.accounts.models import User

_TAG = re.compile(r"\[(?:meeting\s*(?P<pk>\d+)|(?P<symbol>S/\d{4}/\d+))\]", re.IGNORECASE)
_REPLY_PREFIX = re.compile(r"^\s*((re|fw|fwd|tr|rv|ref)\s*:\s*)+", re.IGNORECASE)
logger = logging.getLogger(__name__)


def intake_addresses() -> set[str]:
    """Every address that accepts statements: each confirmed meeting's, and the configured ones."""
    addresses = {address.lower() for address in settings.INTAKE_ADDRESSES}
    addresses.update(
        address.lower()
        for address in Meeting.objects.filter(status=MeetingStatus.CONFIRMED)
        .exclude(intake_address="")
        .values_list("intake_address", flat=True)
    )
    return addresses


def sender_over_limit(sender: str, *, now: datetime.datetime | None = None) -> bool:
    """More messages from this sender within the last hour than the configured limit."""
    if not sender:
        return False
    since = (now or timezone.now()) - datetime.timedelta(hours=1)
    recent = InboundMessage.objects.filter(
        Q(envelope_from__iexact=sender) | Q(from_address__iexact=sender), received_at__gte=since
    )
    return recent.count() >= settings.INTAKE_RATE_LIMIT_PER_HOUR


def find_meeting(
    parsed: ParsedMessage, recipients: list[str]
) -> tuple[Meeting | None, TriageReason | None]:
    """The meeting a message is for: a subject tag, its recipient address, or the only open one.

    One query for the confirmed meetings, matched here: addresses compare case-insensitively,
    as mail systems treat them.
    """
    open_meetings = list(Meeting.objects.filter(status=MeetingStatus.CONFIRMED))
    tag = _TAG.search(parsed.subject)
    if tag:
        for meeting in open_meetings:
            if (tag["pk"] and meeting.pk == int(tag["pk"])) or (
                tag["symbol"] and meeting.letter_symbol.lower() == tag["symbol"].lower()
            ):
                return meeting, None
    addressed = {address.lower() for address in (*recipients, *parsed.to)}
    by_address = [
        meeting
        for meeting in open_meetings
        if meeting.intake_address and meeting.intake_address.lower() in addressed
    ]
    if len(by_address) == 1:
        return by_address[0], None
    candidates = by_address or [
        meeting for meeting in open_meetings if meeting.is_open_for_statements
    ]
    if len(candidates) == 1:
        return candidates[0], None
    return None, TriageReason.AMBIGUOUS_MEETING if candidates else TriageReason.NO_MEETING


def find_entity(parsed: ParsedMessage) -> Entity | None:
    entities = {
        contact.entity
        for contact in confirmed_contacts()
        .filter(email__iexact=parsed.from_address)
        .select_related("entity")
    }
    return entities.pop() if len(entities) == 1 else None


def find_statement(parsed: ParsedMessage, heading: str = "") -> Received | TriageReason:
    """The statement in a message: its only candidate attachment, else its text."""
    candidates: tuple[Attachment, ...] = statement_candidates(parsed)
    if not candidates:
        # A forwarded message's attachment counts when the outer message has none.
        candidates = tuple(att for inner in parsed.forwarded for att in statement_candidates(inner))
    if len(candidates) > 1:
        return TriageReason.SEVERAL_ATTACHMENTS
    if candidates:
        return attached(candidates[0], heading)
    body = parsed.text.strip() or next(
        (inner.text.strip() for inner in parsed.forwarded if inner.text.strip()), ""
    )
    return Received(data=body.encode("utf-8"), name=PASTED_NAME, pasted=True, heading=heading)


def attached(attachment: Attachment, heading: str) -> Received:
    name = safe_filename(attachment.filename) or PASTED_NAME
    return Received(data=attachment.data, name=name, pasted=False, heading=heading)


def heading_from(subject: str, entity: Entity) -> str:
    """The annex heading: the subject without reply prefixes and tags, else a plain default."""
    cleaned = _TAG.sub("", _REPLY_PREFIX.sub("", subject)).strip(" -–:")
    return cleaned or f"Statement by {entity.running_name('en')}"


def _record_headers(message: InboundMessage, parsed: ParsedMessage) -> None:
    message.message_id = parsed.message_id[:998]
    message.from_address = parsed.from_address[:320]
    message.subject = parsed.subject[:998]
    message.authentication_results = "\n".join(parsed.authentication_results)
    envelope = message.envelope_from.lower()
    message.envelope_mismatch = bool(
        envelope and parsed.from_address and envelope != parsed.from_address
    )
    # The reply's language; for an accepted statement `decide` uses the statement's own.
    message.language = detect_language(f"{parsed.subject}\n{parsed.text}"[:600]) or ""


@dataclass(frozen=True)
class Found:
    """A statement in a message from a verified contact, for a meeting."""

    meeting: Meeting
    entity: Entity
    statement: Received
    # What reading it gave, when it was read before the transaction that records it.
    prepared: Prepared | SubmissionRefused | None = None


@dataclass(frozen=True)
class Decision:
    """What processing concluded, before anything is written."""

    state: MessageState
    meeting: Meeting | None = None
    entity: Entity | None = None
    triage_reason: TriageReason | None = None
    detail: str = ""
    unsent_reply: str = ""  # the reply an unverified sender would have had
    duplicate_of: InboundMessage | None = None
    reply_code: str = ""  # the refusal mailed to a verified sender
    found: Found | None = None  # ACCEPTED: what `record` submits


def _finish(
    message: InboundMessage, decision: Decision, version: StatementVersion | None = None
) -> None:
    """Write what was decided (and the version it became) on the message."""
    message.state, message.processed_at = decision.state, timezone.now()
    message.meeting, message.entity = decision.meeting, decision.entity
    message.triage_reason = decision.triage_reason or ""
    message.detail, message.unsent_reply = decision.detail, decision.unsent_reply
    message.duplicate_of, message.version = decision.duplicate_of, version
    message.save()


def decide(message: InboundMessage) -> Decision:
    """Read the message and decide its fate. Writes nothing, so the slow part (parsing,
    extraction, language detection) holds no lock and never blocks the SMTP listener."""
    parsed = parse_message(read_raw(message))
    _record_headers(message, parsed)
    earlier = (
        InboundMessage.objects.filter(message_id=message.message_id)
        .exclude(pk=message.pk)
        .exclude(state=MessageState.RECEIVED)
        .order_by("received_at")
        .first()
        if message.message_id
        else None
    )
    if earlier is not None:
        return Decision(MessageState.DUPLICATE, duplicate_of=earlier)
    meeting, meeting_problem = find_meeting(parsed, list(message.recipients))
    entity = find_entity(parsed)
    message.sender_check = check_sender(
        parsed, envelope_from=message.envelope_from, peer=message.peer
    )
    unreadable = unreadable_code(parsed)
    if unreadable and entity is not None and message.sender_verified:
        return Decision(
            MessageState.REJECTED, meeting, entity, detail=unreadable, reply_code=unreadable
        )
    if unreadable:
        # Anyone can write any From address: a reply would go to whoever owns it. The
        # Secretariat sees what would have been said, and decides.
        _subject, text = rejection(message, code=unreadable)
        reason = TriageReason.UNKNOWN_SENDER if entity is None else TriageReason.UNVERIFIED_SENDER
        return Decision(
            MessageState.TRIAGE, meeting, entity, reason, detail=unreadable, unsent_reply=text
        )
    sender = message.envelope_from or parsed.from_address
    if message.source == "imap" and sender_over_limit(sender, now=message.received_at):
        return Decision(MessageState.TRIAGE, meeting, entity, TriageReason.RATE_LIMITED)
    if meeting is None:
        return Decision(MessageState.TRIAGE, meeting, entity, meeting_problem)
    if entity is None:
        return Decision(MessageState.TRIAGE, meeting, entity, TriageReason.UNKNOWN_SENDER)
    if not message.sender_verified:
        return Decision(MessageState.TRIAGE, meeting, entity, TriageReason.UNVERIFIED_SENDER)
    found = find_statement(parsed, heading_from(parsed.subject, entity))
    if isinstance(found, TriageReason):
        return Decision(MessageState.TRIAGE, meeting, entity, found)
    prepared = read(meeting, found)
    if isinstance(prepared, Prepared):
        message.language = prepared.language
    return Decision(
        MessageState.ACCEPTED, meeting, entity, found=Found(meeting, entity, found, prepared)
    )


def unreadable_code(parsed: ParsedMessage) -> str:
    """Why the statement cannot be in what was read: "tnef" (inside a winmail.dat), "too_deep"
    (nested past what is read, nothing found above it), "" when it may be."""
    if parsed.tnef:
        return "tnef"
    found = find_statement(parsed)
    if parsed.too_deep and isinstance(found, Received) and found.pasted:
        return "too_deep"
    return ""


def read(meeting: Meeting, statement: Received) -> Prepared | SubmissionRefused:
    """The statement read and checked, or why it is refused (kept by `record`)."""
    try:
        return pipeline.read(meeting, statement)
    except SubmissionRefused as refusal:
        return refusal


def process_message(message_id: int) -> MessageState:
    """Process one stored message once. Returns its state afterwards."""
    message = InboundMessage.objects.get(pk=message_id)
    if message.state != MessageState.RECEIVED:
        return MessageState(message.state)
    decision = decide(message)
    with transaction.atomic():
        current = InboundMessage.objects.select_for_update().get(pk=message_id)
        if current.state != MessageState.RECEIVED:
            return MessageState(current.state)  # another processor finished it meanwhile
        if decision.found is not None:
            return record(message, decision.found, user=None)
        _finish(message, decision)
        if decision.reply_code:
            transaction.on_commit(lambda: send_rejection(message, code=decision.reply_code))
        return decision.state


def record(message: InboundMessage, found: Found, *, user: User | None) -> MessageState:
    """Submit the statement found in a message through the pipeline every channel uses (a
    refused one is kept with the whole message), and reply with the receipt or the reason.
    `user` is the Secretariat officer when triage assigned the message. Call inside a
    transaction."""
    arrival = Arrival(
        found.meeting,
        found.entity,
        Channel.EMAIL,
        message.received_at,
        user=user,
        receipt_language=message.language or None,
        kept=Kept(read_raw(message), f"{message.sha256}.eml"),
    )
    try:
        submitted = pipeline.submit(arrival, found.statement, prepared=found.prepared)
    except SubmissionRefused as refusal:
        code, reason = refusal.code, refusal.message  # `refusal` is unbound after this block
        _finish(
            message, Decision(MessageState.REJECTED, found.meeting, found.entity, detail=reason)
        )
        transaction.on_commit(lambda: send_rejection(message, code=code, reason=reason))
        return MessageState.REJECTED
    accepted = Decision(MessageState.ACCEPTED, found.meeting, found.entity, found=found)
    _finish(message, accepted, submitted.version)
    return MessageState.ACCEPTED


def shard_of(sender: str, shards: int) -> int:
    """The processor that takes a sender's mail: always the same one (a stable hash, not
    Python's salted one), so that one delegation's messages become versions in the order
    they arrived, whatever the number of processors."""
    return zlib.crc32(sender.strip().lower().encode()) % shards


def record_failure(message_id: int, error: Exception) -> MessageState:
    """Count a failed attempt at processing a message: it is tried again after
    INTAKE_RETRY_SECONDS, doubled at each failure, and after INTAKE_MAX_ATTEMPTS it is FAILED,
    waiting for the Secretariat with the error. Returns its state afterwards."""
    now = timezone.now()
    with transaction.atomic():
        message = InboundMessage.objects.select_for_update().get(pk=message_id)
        if message.state != MessageState.RECEIVED:
            return MessageState(message.state)
        # The triage page lists a message by its sender and subject. If the raw file itself
        # cannot be read, the error recorded below says so.
        if not message.from_address:
            with contextlib.suppress(OSError):
                _record_headers(message, parse_message(read_raw(message)))
        message.attempts += 1
        message.detail = f"{type(error).__name__}: {error}"[:2000]
        if message.attempts >= settings.INTAKE_MAX_ATTEMPTS:
            message.state, message.processed_at = MessageState.FAILED, now
        else:
            delay = settings.INTAKE_RETRY_SECONDS * 2 ** (message.attempts - 1)
            message.next_attempt_at = now + datetime.timedelta(seconds=delay)
        message.save()
    return MessageState(message.state)


def process_pending(limit: int = 100, *, shard: int = 0, shards: int = 1) -> int:
    """Process up to `limit` waiting messages of this processor's senders, oldest first, leaving
    out those waiting to be tried again; returns how many were processed."""
    waiting = (
        InboundMessage.objects.filter(state=MessageState.RECEIVED)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=timezone.now()))
        .order_by("received_at", "pk")
    )
    pending = [
        pk
        for pk, sender in waiting.values_list("pk", "envelope_from")[: limit * shards]
        if shard_of(sender, shards) == shard
    ][:limit]
    for pk in pending:
        try:
            process_message(pk)
        except (OperationalError, InterfaceError):
            # The database is away or busy: no message's fault, and every other one would fail
            # the same way. The processor's loop tries again without counting an attempt.
            raise
        except Exception as error:
            logger.exception("processing message %s failed", pk)
            record_failure(pk, error)
    return len(pending)
