from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.utils import timezone

from opendebate.accounts.models import User
from opendebate.common.models import AuditEntry
from opendebate.entities.models import Entity, EntityContact
from opendebate.meetings.enums import LatePolicy
from opendebate.meetings.models import Meeting
from opendebate.statements import pipeline, services
from opendebate.statements.content import Received, SubmissionRefused
from opendebate.statements.enums import Channel, StatementStatus, Timeliness
from opendebate.statements.models import Receipt, RefusedSubmission, StatementVersion
from opendebate.statements.notifications import send_pending_receipts
from opendebate.statements.pipeline import PASTED_NAME
from opendebate.statements.receipts import verify_chain
from tests.conftest import entity_of, submit_text
from tests.statements.conftest import ARABIC, CHINESE, ENGLISH, FRENCH

pytestmark = pytest.mark.django_db


def prepared(meeting: Meeting, text: str, language: str | None = None) -> services.Prepared:
    received = Received(
        data=text.encode(), name=PASTED_NAME, pasted=True, heading="Statement", language=language
    )
    return pipeline.read(meeting, received)


def submit(
    user: User, meeting: Meeting, text: str = ENGLISH, at: datetime.datetime | None = None
) -> StatementVersion:
    return submit_text(meeting, entity_of(user), text, user=user, channel=Channel.WEB, at=at)


@pytest.mark.parametrize(
    ("text", "language"), [(ENGLISH, "en"), (FRENCH, "fr"), (ARABIC, "ar"), (CHINESE, "zh")]
)
def test_submission_detects_language_and_counts(
    france: User, open_meeting: Meeting, text: str, language: str
) -> None:
    version = submit(france, open_meeting, text)
    assert version.language == language
    assert version.words > 0
    assert version.timeliness == Timeliness.ON_TIME
    assert version.receipt.reference == f"{open_meeting.starts_at:%Y%m%d}-{open_meeting.pk}/FRA/v1"


def test_chinese_counts_each_character_as_a_word(france: User, open_meeting: Meeting) -> None:
    version = submit(france, open_meeting, CHINESE)
    # As LibreOffice counts: every ideograph and every full-width punctuation mark is a word.
    assert version.words == len(CHINESE) == 50


def test_revisions_are_kept_and_the_latest_counts(france: User, open_meeting: Meeting) -> None:
    first = submit(france, open_meeting, ENGLISH)
    second = submit(france, open_meeting, FRENCH)
    assert (first.number, second.number) == (1, 2)
    assert first.statement_id == second.statement_id
    assert StatementVersion.objects.count() == 2
    assert list(
        AuditEntry.objects.filter(action__startswith="statement.").values_list("action", flat=True)
    ) == [
        "statement.revised",
        "statement.submitted",
    ]


def test_receipt_carries_the_hash_of_the_original_bytes(
    france: User, open_meeting: Meeting
) -> None:
    import hashlib

    version = submit(france, open_meeting, ENGLISH)
    assert version.sha256 == hashlib.sha256(ENGLISH.encode()).hexdigest()
    assert version.receipt.content_sha256 == version.sha256
    with version.original.open("rb") as handle:
        assert handle.read() == ENGLISH.encode()


def test_receipt_is_emailed_to_the_contacts(france: User, open_meeting: Meeting) -> None:
    EntityContact.objects.create(entity=entity_of(france), email="mission@france.example")
    version = submit(france, open_meeting, ENGLISH)
    assert send_pending_receipts() == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == ["delegate@france.example", "mission@france.example"]
    assert version.receipt.reference in message.subject
    assert version.sha256 in message.body


def test_wrong_delegation_cannot_submit(france: User, open_meeting: Meeting) -> None:
    with pytest.raises(PermissionDenied):
        submit_text(open_meeting, Entity.objects.get(code="CAN"), ENGLISH, user=france)
    assert StatementVersion.objects.count() == 0


def test_late_statement_is_flagged_and_needs_the_secretariat(
    france: User, secretariat: User, closed_meeting: Meeting
) -> None:
    version = submit(france, closed_meeting, ENGLISH)
    assert version.timeliness == Timeliness.LATE_PENDING
    assert not version.counts
    with pytest.raises(PermissionDenied):
        services.accept_late_version(user=france, version=version, reason="x", at=timezone.now())
    services.accept_late_version(
        user=secretariat, version=version, reason="Mission outage", at=timezone.now()
    )
    version.refresh_from_db()
    assert version.timeliness == Timeliness.LATE_ACCEPTED
    assert (version.late_accepted_by, version.late_reason) == (secretariat, "Mission outage")
    assert AuditEntry.objects.filter(action="statement.late_accepted").count() == 1


def test_refuse_late_policy_refuses_and_keeps_the_bytes(
    france: User, closed_meeting: Meeting
) -> None:
    closed_meeting.late_policy = LatePolicy.REFUSE
    closed_meeting.save()
    with pytest.raises(SubmissionRefused) as refused:
        submit(france, closed_meeting, ENGLISH)
    assert refused.value.code == "deadline_passed"
    kept = RefusedSubmission.objects.get()
    assert kept.code == "deadline_passed"
    with kept.original.open("rb") as handle:
        assert handle.read() == ENGLISH.encode()
    assert StatementVersion.objects.count() == 0


def test_deadline_is_judged_at_the_receipt_instant(france: User, open_meeting: Meeting) -> None:
    deadline = open_meeting.deadline
    assert deadline is not None
    just_before = submit(
        france, open_meeting, ENGLISH, at=deadline - datetime.timedelta(microseconds=1)
    )
    at_deadline = submit(france, open_meeting, FRENCH, at=deadline)
    assert just_before.timeliness == Timeliness.ON_TIME
    assert at_deadline.timeliness == Timeliness.LATE_PENDING


def test_withdraw_before_the_deadline_only(france: User, open_meeting: Meeting) -> None:
    version = submit(france, open_meeting, ENGLISH)
    statement = version.statement
    deadline = open_meeting.deadline
    assert deadline is not None
    with pytest.raises(SubmissionRefused):
        services.withdraw_statement(user=france, statement=statement, at=deadline)
    services.withdraw_statement(user=france, statement=statement, at=timezone.now())
    statement.refresh_from_db()
    assert statement.status == StatementStatus.WITHDRAWN
    assert statement.versions.count() == 1
    again = submit(france, open_meeting, FRENCH)
    again.statement.refresh_from_db()
    assert again.statement.status == StatementStatus.SUBMITTED


def test_wrong_delegation_cannot_withdraw(
    france: User, canada: User, open_meeting: Meeting
) -> None:
    statement = submit(france, open_meeting, ENGLISH).statement
    with pytest.raises(PermissionDenied):
        services.withdraw_statement(user=canada, statement=statement, at=timezone.now())


def test_word_guidance_warns_and_a_hard_limit_refuses(open_meeting: Meeting) -> None:
    open_meeting.word_guidance = 20
    long_text = ENGLISH  # about 40 words: more than 10% over 20
    assert "more than 10% over" in prepared(open_meeting, long_text).warnings[0]
    open_meeting.word_limit_is_hard = True
    with pytest.raises(SubmissionRefused) as refused:
        prepared(open_meeting, long_text)
    assert refused.value.code == "too_long"


def test_empty_text_is_refused(open_meeting: Meeting) -> None:
    with pytest.raises(SubmissionRefused) as refused:
        prepared(open_meeting, "   \n  ")
    assert refused.value.code == "empty"


def test_language_outside_the_six_is_refused(open_meeting: Meeting) -> None:
    german = (
        "Der Sicherheitsrat und die Internationale Organisation der Frankophonie teilen das Ziel "
        "der Konfliktverhütung. Unsere Delegation begrüßt die Zusammenarbeit in der Sahelzone."
    )
    with pytest.raises(SubmissionRefused) as refused:
        prepared(open_meeting, german)
    assert refused.value.code == "language"


def test_receipts_chain_verifies_and_detects_tampering(
    france: User, canada: User, open_meeting: Meeting
) -> None:
    submit(france, open_meeting, ENGLISH)
    submit(canada, open_meeting, FRENCH)
    submit(france, open_meeting, ARABIC)
    receipts = Receipt.objects.select_related("version").order_by("sequence")
    assert verify_chain(receipts) is None
    out = StringIO()
    call_command("receipts", "verify", stdout=out)
    assert out.getvalue().strip() == "Receipts log intact: 3 entries verified."
    second = receipts[1]
    Receipt.objects.filter(pk=second.pk).update(content_sha256="0" * 64)
    with pytest.raises(CommandError, match="Broken link at entry 2"):
        call_command("receipts", "verify", stdout=StringIO())


def test_receipts_chain_detects_a_deleted_entry(
    france: User, canada: User, open_meeting: Meeting
) -> None:
    submit(france, open_meeting, ENGLISH)
    submit(canada, open_meeting, FRENCH)
    submit(france, open_meeting, ARABIC)
    Receipt.objects.filter(sequence=2).delete()
    broken = verify_chain(Receipt.objects.select_related("version").order_by("sequence"))
    assert broken is not None
    assert (broken.sequence, broken.problem) == (3, "expected entry 2")


def test_submission_drops_non_characters_and_controls_but_keeps_the_original(
    france: User, open_meeting: Meeting
) -> None:
    text = f"{ENGLISH}\ufffe\U0001ffff\ufdd0\x00\x1b and more."
    version = submit(france, open_meeting, text)
    assert version.text == f"{ENGLISH} and more."
    assert version.blocks[0]["runs"][0]["text"].endswith(". and more.")
    with version.original.open("rb") as handle:
        assert handle.read() == text.encode()


def test_prepared_warns_of_characters_the_pdf_cannot_print_and_where(
    open_meeting: Meeting,
) -> None:
    text = f"{ENGLISH}\n\nThe name 𠀀 and Tibetan ཀ.\n\nAgain 𠀀 ✔ 😀 שלום."
    warnings = prepared(open_meeting, text).warnings
    assert warnings == (
        "The character U+20000 (𠀀) in paragraph 2, paragraph 3 cannot be printed in the PDF: "
        "it will show as its code in a box. Replace it if you can.",
        "The character U+0F40 (ཀ) in paragraph 2 cannot be printed in the PDF: it will show as "
        "its code in a box. Replace it if you can.",
    )


def test_prepared_has_no_print_warning_for_any_script_a_face_covers(
    open_meeting: Meeting,
) -> None:
    text = f"{ENGLISH} ✔ 😀 👍🏽 שלום नमस्ते สวัสดี Բարեւ ሰላም 한국어 カタカナ"
    assert prepared(open_meeting, text).warnings == ()
