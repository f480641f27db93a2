"""The Secretariat's triage decisions: assign a held message, reject it with a reason, or have
a failed one processed again."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils.translation import gettext as _

from opendebate.common.services import record_audit
from opendebate.intake.enums import MessageState
from opendebate.intake.models import InboundMessage
from opendebate.intake.parsing import parse_message, statement_candidates
from opendebate.intake.processing import Found, attached, find_statement, heading_from, record
from opendebate.intake.replies import send_rejection
from opendebate.intake.store import read_raw
from opendebate.statements.content import Received

if TYPE_CHECKING:
    from opendebate.accounts.models import User
    from opendebate.entities.models import Entity
    from opendebate.meetings.models import Meeting


class TriageError(ValueError):
    pass


HELD_STATES = (MessageState.TRIAGE, MessageState.FAILED)


def _held(message_id: int) -> InboundMessage:
    message = InboundMessage.objects.select_for_update().get(pk=message_id)
    if message.state not in HELD_STATES:
        raise TriageError(_("This message has already been dealt with."))
    return message


@transaction.atomic
def assign_message(
    *, user: User, message_id: int, entity: Entity, meeting: Meeting, attachment: int | None
) -> MessageState:
    """Submit a held message for `entity` and `meeting`; `attachment` picks one candidate
    (None: the only candidate, or the body)."""
    message = _held(message_id)
    parsed = parse_message(read_raw(message))
    heading = heading_from(parsed.subject, entity)
    if attachment is None:
        statement = find_statement(parsed, heading)
        if not isinstance(statement, Received):
            raise TriageError(_("Choose which attachment is the statement."))
    else:
        candidates = statement_candidates(parsed)
        if not 0 <= attachment < len(candidates):
            raise TriageError(_("That attachment does not exist."))
        statement = attached(candidates[attachment], heading)
    record_audit(
        action="intake.assigned", actor=user, entity=entity, subject=f"message {message.pk}"
    )
    return record(message, Found(meeting, entity, statement), user=user)


@transaction.atomic
def reject_message(*, user: User, message_id: int, reason: str) -> None:
    """Reject a held message; the reason is e-mailed to its sender."""
    message = _held(message_id)
    message.state = MessageState.REJECTED
    message.detail = reason.strip()
    message.save(update_fields=["state", "detail"])
    record_audit(
        action="intake.rejected", actor=user, subject=f"message {message.pk}", reason=reason
    )
    transaction.on_commit(lambda: send_rejection(message, code="triage", reason=reason.strip()))


@transaction.atomic
def retry_message(*, user: User, message_id: int) -> None:
    """Put a held message back in the queue with its attempts reset: after a fault that made
    it fail has been repaired, say. The processor takes it at its next round."""
    message = _held(message_id)
    message.state, message.triage_reason = MessageState.RECEIVED, ""
    message.attempts, message.next_attempt_at, message.processed_at = 0, None, None
    message.save(
        update_fields=["state", "triage_reason", "attempts", "next_attempt_at", "processed_at"]
    )
    record_audit(action="intake.retried", actor=user, subject=f"message {message.pk}")
