"""Bytes as received, from any channel, to a Submission: the one entry point for extraction."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from opendebate.statements import services
from opendebate.statements.content import SubmissionRefused
from opendebate.statements.enums import Channel
from opendebate.statements.extract import extract_pasted, extract_upload
from opendebate.statements.services import Prepared, Submission

if TYPE_CHECKING:
    from opendebate.accounts.models import User
    from opendebate.entities.models import Entity
    from opendebate.meetings.models import Meeting

PASTED_NAME = "pasted.txt"


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
    if pasted:
        try:
            content = extract_pasted(data.decode("utf-8"))
        except UnicodeDecodeError:
            raise SubmissionRefused(
                "encoding", _("The pasted text could not be read. Paste it again.")
            ) from None
    else:
        content = extract_upload(data, name)
    return Submission(
        heading=heading,
        content=content,
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
