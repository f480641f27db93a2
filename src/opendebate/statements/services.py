"""Every write to statements: drafts, submissions and revisions, withdrawal, late acceptance.

Statements come in through statements.pipeline, which every channel calls; this module
holds its steps. A submission is judged against the deadline at the moment the server finished
receiving it (`received_at`), and every accepted version gets a receipt in the hash chain.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from opendebate.accounts.permissions import can_act_for
from opendebate.common.ratelimit import hit
from opendebate.common.services import record_audit
from opendebate.documents.model import Block
from opendebate.documents.text import clean_blocks, clean_text, unprintable
from opendebate.meetings.enums import LatePolicy, MeetingStatus
from opendebate.statements.annex import blocks_to_json, with_language
from opendebate.statements.content import (
    ExtractedText,
    Received,
    SubmissionRefused,
    SubmissionThrottled,
    WordCount,
)
from opendebate.statements.enums import Channel, StatementStatus, Timeliness
from opendebate.statements.language import detect_language
from opendebate.statements.models import (
    RefusedSubmission,
    Statement,
    StatementDraft,
    StatementVersion,
)
from opendebate.statements.notifications import queue_receipt
from opendebate.statements.queries import confirmed_version
from opendebate.statements.receipts import append_receipt
from opendebate.statements.wordcount import count_words

if TYPE_CHECKING:
    from opendebate.accounts.models import User
    from opendebate.entities.models import Entity
    from opendebate.meetings.models import Meeting

# "About 500 words" is guidance: only more than 10% over it earns a warning.
WORD_GUIDANCE_TOLERANCE = 1.10
# Channels a person or a script drives at will. Mail is limited where it arrives
# (INTAKE_RATE_LIMIT_PER_HOUR), and a processor draining a backlog after an outage submits many
# messages received long ago: counting them now would refuse mail for having waited.
RATE_LIMITED_CHANNELS = frozenset({Channel.WEB, Channel.UPLOAD, Channel.API})


@dataclass(frozen=True)
class Submission:
    """A received statement and the text read from it, before anything is judged."""

    received: Received
    content: ExtractedText


@dataclass(frozen=True)
class Prepared:
    """A submission read, measured and checked: what the preview shows."""

    submission: Submission
    language: str
    detected_language: str | None
    count: WordCount
    warnings: tuple[str, ...] = field(default=())

    @property
    def blocks(self) -> tuple[Block, ...]:
        return with_language(self.submission.content.blocks, self.language)


def prepare_statement(
    *, meeting: Meeting, submission: Submission, written: bool = True
) -> Prepared:
    """Detect the language, count the words and check the meeting's rules. Writes nothing.

    Characters no document may hold (controls, non-characters) are removed here, once for every
    channel; characters the PDF has no face for are kept and named in a warning.
    Raises SubmissionRefused for empty text, a language that is not one of the meeting's, or a
    written statement over a hard word limit (`written` False: one delivered at the meeting,
    which may be in any official language and is not bound by the written word guidance).
    """
    submission = _cleaned(submission)
    text = submission.content.text
    if not text.strip():
        raise SubmissionRefused(
            "empty", _("The statement has no text. Paste the text or upload a file that has it.")
        )
    detected = detect_language(text)
    declared = submission.received.language
    language = declared or detected
    if language is None or (written and language not in meeting.accepted_languages):
        raise SubmissionRefused(
            "language",
            _(
                "The statement does not appear to be in one of the official languages accepted "
                "for this meeting (Arabic, Chinese, English, French, Russian, Spanish). Send it "
                "in one of them, or choose its language if it was not recognized."
            ),
        )
    count = count_words(text, language)
    warnings: list[str] = []
    guidance = meeting.word_guidance if written else None
    if guidance and count.words > guidance * WORD_GUIDANCE_TOLERANCE:
        if meeting.word_limit_is_hard:
            raise SubmissionRefused(
                "too_long",
                _(
                    "The statement has %(words)d words; this meeting accepts at most %(limit)d. "
                    "Shorten it and send it again."
                )
                % {"words": count.words, "limit": guidance},
            )
        warnings.append(
            _(
                "The statement has %(words)d words, more than 10%% over the guidance of about "
                "%(limit)d words. It will still be accepted."
            )
            % {"words": count.words, "limit": guidance}
        )
    if declared and detected and detected != declared:
        warnings.append(
            _("You chose %(chosen)s, but the text looks like %(detected)s. Check the language.")
            % {"chosen": declared, "detected": detected}
        )
    warnings.extend(_unprintable_warnings(submission))
    return Prepared(submission, language, detected, count, tuple(warnings))


def _cleaned(submission: Submission) -> Submission:
    received = submission.received
    cleaned = dataclasses.replace(
        received,
        heading=clean_text(received.heading),
        signatory_name=clean_text(received.signatory_name),
        signatory_function=clean_text(received.signatory_function),
    )
    return Submission(cleaned, ExtractedText(clean_blocks(submission.content.blocks)))


def _unprintable_warnings(submission: Submission) -> list[str]:
    """The characters the compilation's PDF will show as a code in a box, and where they are,
    so that the delegation can replace them before confirming (the preview shows warnings)."""
    received = submission.received
    signature = f"{received.signatory_name}\n{received.signatory_function}"
    texts = [
        (_("the heading"), received.heading),
        *(
            (_("paragraph %(number)d") % {"number": number}, block.marker + block.text)
            for number, block in enumerate(submission.content.blocks, start=1)
        ),
        (_("the signature"), signature),
    ]
    return [
        _(
            "The character %(code)s (%(character)s) in %(places)s cannot be printed in the PDF: "
            "it will show as its code in a box. Replace it if you can."
        )
        % {
            "code": missing.code_point,
            "character": missing.character,
            "places": ", ".join(missing.places),
        }
        for missing in unprintable(texts)
    ]


def timeliness_at(meeting: Meeting, received_at: datetime.datetime) -> Timeliness:
    if meeting.deadline is None or received_at < meeting.deadline:
        return Timeliness.ON_TIME
    return Timeliness.LATE_PENDING


def receipt_reference(meeting: Meeting, entity: Entity, number: int) -> str:
    """Readable and unique: the meeting's date and number, the entity, the version."""
    return f"{meeting.starts_at:%Y%m%d}-{meeting.pk}/{entity.code}/v{number}"


def refuse_submission(
    *,
    user: User | None,
    meeting: Meeting,
    entity: Entity | None,
    channel: str,
    original: bytes,
    original_name: str,
    refusal: SubmissionRefused,
) -> RefusedSubmission:
    """Keep what was received, with the reason it was refused, then let the caller report it."""
    digest = hashlib.sha256(original).hexdigest()
    refused = RefusedSubmission(
        meeting=meeting,
        entity=entity,
        submitted_by=user,
        channel=channel,
        original_name=original_name,
        sha256=digest,
        code=refusal.code,
        reason=refusal.message,
    )
    refused.original.save(f"{digest}", ContentFile(original), save=False)
    refused.save()
    record_audit(
        action="statement.refused",
        actor=user,
        entity=entity,
        subject=f"meeting {meeting.pk}",
        code=refusal.code,
        sha256=digest,
    )
    return refused


def submit_statement(
    *,
    user: User | None,
    meeting: Meeting,
    entity: Entity,
    channel: Channel,
    prepared: Prepared,
    received_at: datetime.datetime,
    receipt_language: str | None = None,
    draft: StatementDraft | None = None,
) -> StatementVersion:
    """Record a new version of `entity`'s statement and its receipt, and queue the receipt's
    e-mail in the same transaction (in `receipt_language` when given: a mailed statement is
    answered in its own language; `opendebate receipts send` mails the queue).
    `draft` is the previewed draft being confirmed (see `pipeline.confirm`): raises
    AlreadyConfirmed, recording nothing, when it already became a version.

    `user` is None only for mail attributed through the entity's registered contacts.
    Raises PermissionDenied when `user` may not act for `entity`, and SubmissionRefused (after
    keeping the bytes, in their own transaction) when the meeting is not open or refuses late
    statements, or SubmissionThrottled when the entity has sent more than
    SUBMISSION_RATE_LIMIT_PER_MINUTE versions through the web or the API in this minute. The
    limit is checked here rather than in the views so that the web form, an upload and the API
    share one count per entity, whichever process serves them; mail is exempt (see
    RATE_LIMITED_CHANNELS).
    """
    if user is not None and not can_act_for(user, entity):
        raise PermissionDenied(_("You may only submit for your own delegation."))
    received = prepared.submission.received
    timeliness = timeliness_at(meeting, received_at)
    problem: SubmissionRefused | None = None
    if meeting.status != MeetingStatus.CONFIRMED or not entity.can_submit:
        problem = SubmissionRefused(
            "not_open", _("This meeting is not open for written statements.")
        )
    elif timeliness != Timeliness.ON_TIME and meeting.late_policy == LatePolicy.REFUSE:
        problem = SubmissionRefused(
            "deadline_passed",
            _(
                "The deadline for written statements has passed and this meeting does not "
                "accept late statements. Contact the Secretariat if you believe this is wrong."
            ),
        )
    elif channel in RATE_LIMITED_CHANNELS:
        problem = _throttled(entity)
    if problem is not None:
        refuse_submission(
            user=user,
            meeting=meeting,
            entity=entity,
            channel=channel,
            original=received.data,
            original_name=received.name,
            refusal=problem,
        )
        raise problem
    return _record_version(
        user=user,
        meeting=meeting,
        entity=entity,
        channel=channel,
        prepared=prepared,
        received_at=received_at,
        timeliness=timeliness,
        receipt_language=receipt_language,
        draft=draft,
    )


class AlreadyConfirmed(Exception):
    """The draft being confirmed already became `version`."""

    def __init__(self, version: StatementVersion) -> None:
        super().__init__(f"draft {version.draft_id} is version {version.pk}")
        self.version = version


def _throttled(entity: Entity) -> SubmissionThrottled | None:
    limit = settings.SUBMISSION_RATE_LIMIT_PER_MINUTE
    wait = hit(f"submissions:{entity.pk}", limit=limit, window=60)
    if wait is None:
        return None
    return SubmissionThrottled(
        ngettext(
            "Too many statements from your delegation in the last minute. Wait %(seconds)d "
            "second and send it again.",
            "Too many statements from your delegation in the last minute. Wait %(seconds)d "
            "seconds and send it again.",
            wait,
        )
        % {"seconds": wait},
        retry_after=wait,
    )


@transaction.atomic
def _record_version(
    *,
    user: User | None,
    meeting: Meeting,
    entity: Entity,
    channel: Channel,
    prepared: Prepared,
    received_at: datetime.datetime,
    timeliness: Timeliness,
    receipt_language: str | None,
    draft: StatementDraft | None,
) -> StatementVersion:
    submission = prepared.submission
    statement, _created = Statement.objects.select_for_update().get_or_create(
        meeting=meeting, entity=entity
    )
    # Under the statement's lock: a confirmation that waited for another sees its version.
    if draft is not None and (earlier := confirmed_version(draft)) is not None:
        raise AlreadyConfirmed(earlier)
    if statement.status == StatementStatus.WITHDRAWN:
        statement.status = StatementStatus.SUBMITTED
        statement.withdrawn_at = None
        statement.save(update_fields=["status", "withdrawn_at"])
    number = (statement.versions.aggregate(last=Max("number"))["last"] or 0) + 1
    received = submission.received
    digest = hashlib.sha256(received.data).hexdigest()
    version = StatementVersion(
        statement=statement,
        number=number,
        channel=channel,
        submitted_by=user,
        received_at=received_at,
        heading=received.heading.strip(),
        signatory_name=received.signatory_name.strip(),
        signatory_function=received.signatory_function.strip(),
        language=prepared.language,
        detected_language=prepared.detected_language or "",
        blocks=blocks_to_json(prepared.blocks),
        text=submission.content.text,
        words=prepared.count.words,
        characters=prepared.count.characters,
        characters_no_spaces=prepared.count.characters_no_spaces,
        original_name=received.name,
        sha256=digest,
        timeliness=timeliness,
        draft=draft,
    )
    version.original.save(digest, ContentFile(received.data), save=False)
    version.save()
    reference = receipt_reference(meeting, entity, number)
    record_audit(
        action="statement.submitted" if number == 1 else "statement.revised",
        actor=user,
        entity=entity,
        subject=reference,
        channel=channel,
        timeliness=timeliness,
        sha256=digest,
    )
    # Appending to the chain locks the receipts until commit and every submission waits for
    # it (see append_receipt): it comes last, so that the lock is held for as little as can be.
    receipt = append_receipt(version, reference)
    queue_receipt(receipt, receipt_language)
    return version


@transaction.atomic
def withdraw_statement(*, user: User, statement: Statement, at: datetime.datetime) -> Statement:
    """Withdraw before the deadline. Its versions and receipts stay; it is no longer compiled."""
    if not can_act_for(user, statement.entity):
        raise PermissionDenied(_("You may only withdraw your own delegation's statement."))
    deadline = statement.meeting.deadline
    if deadline is not None and at >= deadline and not user.is_secretariat:
        raise SubmissionRefused(
            "deadline_passed",
            _("The deadline has passed: only the Secretariat can change statements now."),
        )
    statement.status = StatementStatus.WITHDRAWN
    statement.withdrawn_at = at
    statement.save(update_fields=["status", "withdrawn_at"])
    record_audit(
        action="statement.withdrawn",
        actor=user,
        entity=statement.entity,
        subject=f"meeting {statement.meeting_id}",
    )
    return statement


@transaction.atomic
def accept_late_version(
    *, user: User, version: StatementVersion, reason: str, at: datetime.datetime
) -> StatementVersion:
    """A Secretariat officer accepts a late version; who, when and why are kept with it."""
    if not user.is_secretariat:
        raise PermissionDenied(_("Only the Secretariat can accept a late statement."))
    if version.timeliness != Timeliness.LATE_PENDING:
        raise SubmissionRefused("not_late", _("This version is not awaiting a late acceptance."))
    version.timeliness = Timeliness.LATE_ACCEPTED
    version.late_accepted_by = user
    version.late_accepted_at = at
    version.late_reason = reason.strip()
    version.save(
        update_fields=["timeliness", "late_accepted_by", "late_accepted_at", "late_reason"]
    )
    record_audit(
        action="statement.late_accepted",
        actor=user,
        entity=version.statement.entity,
        subject=version.receipt.reference,
        reason=reason.strip(),
    )
    return version
