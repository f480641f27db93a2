"""Every write to compilations: recording what was said at the meeting, the working draft,
manual moves, late inclusions, building in the background, issuing, revisions and corrigenda.

Only the Secretariat writes here. An issued compilation never changes (the model refuses it);
a later change starts a successor that revises or corrects it, under its own symbol.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import re
import time
from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.http import FileResponse, Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from opendebate.common.languages import Language
from opendebate.common.multilingual import any_text, share_latin_name
from opendebate.common.services import record_audit
from opendebate.compilation.build import build_document, entries, unconfirmed_members
from opendebate.compilation.dates import check_letter_date
from opendebate.compilation.enums import CompilationStatus, IssueKind, Section
from opendebate.compilation.facts import compilation_missing
from opendebate.compilation.issued import index_issued
from opendebate.compilation.models import Compilation, DeliveredStatement, OrderMove
from opendebate.documents.render import FORMAT_BY_KEY, FORMATS, Format, render_all
from opendebate.meetings.termbase import complete_function
from opendebate.statements import pipeline
from opendebate.statements.annex import blocks_to_json
from opendebate.statements.content import Received
from opendebate.statements.enums import Timeliness
from opendebate.statements.models import StatementVersion

if TYPE_CHECKING:
    from opendebate.accounts.models import User
    from opendebate.entities.models import Entity
    from opendebate.meetings.models import Meeting

logger = logging.getLogger(__name__)

_SYMBOL = re.compile(r"^S/\d{4}/\d{1,5}$")
# "S/2020/DEMO-1": what `opendebate demo` issues under; no real document has that form.
_DEMO_SYMBOL = re.compile(r"^S/\d{4}/DEMO-\d{1,3}$")
_PROGRESS_EVERY = 0.25  # seconds between progress writes, so 193 annexes cost a few writes


def _ensure_secretariat(user: User) -> None:
    if not user.is_secretariat:
        raise PermissionDenied(_("Only the Secretariat can prepare the compilation."))


def _ensure_open(compilation: Compilation) -> None:
    if compilation.is_issued or compilation.issuing:
        raise ValidationError(
            _("This compilation is issued and cannot change. Start a revision or a corrigendum.")
        )


@transaction.atomic
def record_delivered(
    *,
    user: User,
    meeting: Meeting,
    section: Section,
    speaking_order: int,
    entity: Entity | None,
    speaker_names: Mapping[str, str],
    speaker_functions: Mapping[str, str],
    heading: str,
    data: bytes,
    name: str,
    pasted: bool,
    language: str | None = None,
) -> DeliveredStatement:
    """Record a briefing or a statement delivered at the meeting, from pasted text or a file
    read with the same defences as a delegation's upload. The speaker's name and function are
    per language: a Latin-script name is shared by English, French and Spanish, a function the
    termbase knows is filled in the six languages. Raises SubmissionRefused."""
    _ensure_secretariat(user)
    if section == Section.WRITTEN:
        raise ValidationError(_("Written statements come from the delegations themselves."))
    if section != Section.BRIEFING and entity is None:
        raise ValidationError(_("Choose the delegation this statement was delivered for."))
    names = share_latin_name(speaker_names)
    if not names:
        raise ValidationError(_("Give the speaker's name in at least one language."))
    received = Received(data=data, name=name, pasted=pasted, heading=heading, language=language)
    prepared = pipeline.read(meeting, received, written=False)
    delivered = DeliveredStatement(
        meeting=meeting,
        section=section,
        speaking_order=speaking_order,
        entity=entity,
        speaker_names=names,
        speaker_functions=complete_function(speaker_functions),
        heading=heading.strip(),
        language=prepared.language,
        blocks=blocks_to_json(prepared.blocks),
        text=prepared.submission.content.text,
        words=prepared.count.words,
        original_name=name,
        sha256=hashlib.sha256(data).hexdigest(),
        recorded_by=user,
    )
    delivered.original.save(name, ContentFile(data), save=False)
    delivered.save()
    record_audit(
        action="compilation.delivered_recorded",
        actor=user,
        entity=entity,
        subject=f"meeting {meeting.pk}",
        section=int(section),
        speaker=any_text(names),
    )
    return delivered


@transaction.atomic
def update_speaker(
    *,
    user: User,
    delivered: DeliveredStatement,
    speaker_names: Mapping[str, str],
    speaker_functions: Mapping[str, str],
) -> DeliveredStatement:
    """Correct or complete a delivered statement's speaker in the six languages, completed as
    `record_delivered` completes them. The issued compilations keep their own files."""
    _ensure_secretariat(user)
    names = share_latin_name(speaker_names)
    if not names:
        raise ValidationError(_("Give the speaker's name in at least one language."))
    delivered.speaker_names = names
    delivered.speaker_functions = complete_function(speaker_functions)
    delivered.save(update_fields=["speaker_names", "speaker_functions"])
    record_audit(
        action="compilation.speaker_updated",
        actor=user,
        entity=delivered.entity,
        subject=f"meeting {delivered.meeting_id}",
        delivered=delivered.pk,
    )
    return delivered


@transaction.atomic
def set_signatory(*, user: User, compilation: Compilation, names: Mapping[str, str]) -> Compilation:
    """The President's name as each language version of the letter signs it."""
    _ensure_secretariat(user)
    _ensure_open(compilation)
    compilation.signatories = share_latin_name(names)
    compilation.save(update_fields=["signatories"])
    record_audit(
        action="compilation.signatory_set",
        actor=user,
        subject=str(compilation),
        languages=sorted(compilation.signatories),
    )
    return compilation


def working_compilation(meeting: Meeting) -> Compilation | None:
    """The compilation being prepared: the newest one not yet issued."""
    return (
        Compilation.objects.filter(meeting=meeting)
        .exclude(status=CompilationStatus.ISSUED)
        .order_by("-created_at", "-pk")
        .first()
    )


def start_compilation(*, user: User, meeting: Meeting, language: str) -> Compilation:
    """The working compilation, created on first use in the letter's language."""
    _ensure_secretariat(user)
    existing = working_compilation(meeting)
    if existing is not None:
        return existing
    # Undated: the page proposes the day after the meeting for the Secretariat to confirm.
    compilation = Compilation.objects.create(
        meeting=meeting,
        language=language,
        original_language=meeting.letter_original_language,
        signatories=meeting.letter_signatory_names,
        created_by=user,
    )
    record_audit(action="compilation.started", actor=user, subject=f"meeting {meeting.pk}")
    return compilation


@transaction.atomic
def set_letter(
    *,
    user: User,
    compilation: Compilation,
    letter_date: datetime.date,
    original_language: str,
) -> Compilation:
    """Confirm the letter's date (checked against the meeting) and the one language the
    presidency drafted it in. Raises ValidationError."""
    _ensure_secretariat(user)
    _ensure_open(compilation)
    check_letter_date(compilation.meeting, letter_date)
    if original_language not in Language.values:
        raise ValidationError(_("Choose the original language among the six."))
    compilation.letter_date = letter_date
    compilation.original_language = original_language
    compilation.save()
    record_audit(
        action="compilation.letter_set",
        actor=user,
        subject=str(compilation),
        letter_date=letter_date.isoformat(),
        original_language=original_language,
    )
    return compilation


@transaction.atomic
def confirm_written_member(*, user: User, compilation: Compilation, entity: Entity) -> None:
    """Record that a Council member's written statement stays a written submission."""
    _ensure_secretariat(user)
    _ensure_open(compilation)
    if entity not in unconfirmed_members(compilation):
        raise ValidationError(
            _("%(entity)s has no written statement waiting for confirmation.") % {"entity": entity}
        )
    compilation.confirmed_members.add(entity)
    record_audit(
        action="compilation.member_written_confirmed",
        actor=user,
        entity=entity,
        subject=str(compilation),
    )


@transaction.atomic
def move_item(
    *, user: User, compilation: Compilation, key: str, position: int, reason: str
) -> OrderMove:
    """Put one annex at a position (1-based). The reason is required and kept."""
    _ensure_secretariat(user)
    _ensure_open(compilation)
    if not reason.strip():
        raise ValidationError(_("Say why the order changes: the reason is kept with the change."))
    if key not in {entry.item.key for entry in entries(compilation)}:
        raise ValidationError(_("That annex is not in this compilation."))
    move = OrderMove.objects.create(
        compilation=compilation, key=key, position=position, reason=reason.strip(), moved_by=user
    )
    record_audit(
        action="compilation.reordered",
        actor=user,
        subject=str(compilation),
        key=key,
        position=position,
        reason=reason.strip(),
    )
    return move


@transaction.atomic
def include_late(
    *, user: User, compilation: Compilation, version: StatementVersion, include: bool
) -> None:
    """Include a late, accepted version in place of the entity's on-time one, or take it out."""
    _ensure_secretariat(user)
    _ensure_open(compilation)
    if version.statement.meeting_id != compilation.meeting_id:
        raise ValidationError(_("That statement belongs to another meeting."))
    if version.timeliness != Timeliness.LATE_ACCEPTED:
        raise ValidationError(_("Accept the late statement first; then it can be included."))
    if include:
        compilation.late_versions.add(version)
    else:
        compilation.late_versions.remove(version)
    record_audit(
        action="compilation.late_included" if include else "compilation.late_excluded",
        actor=user,
        entity=version.statement.entity,
        subject=str(compilation),
        version=version.pk,
    )


def request_build(*, user: User, compilation: Compilation) -> Compilation:
    """Queue the build; the page shows its progress and never waits for it."""
    from opendebate.compilation.tasks import build_compilation

    _ensure_secretariat(user)
    if compilation.is_building:
        return compilation
    if compilation.is_issued:  # a failed issuing build may be retried; an issued one may not
        _ensure_open(compilation)
    if compilation.letter_date is None:
        raise ValidationError(_("Confirm the date of the letter first; then compile."))
    compilation.status = CompilationStatus.QUEUED
    compilation.stage = ""
    compilation.progress_done = compilation.progress_total = 0
    compilation.error = ""
    compilation.save()
    record_audit(action="compilation.requested", actor=user, subject=str(compilation))
    transaction.on_commit(lambda: build_compilation.enqueue(compilation.pk))
    return compilation


def successor_symbol(compilation: Compilation) -> str:
    """ "S/2020/900/Rev.1", "S/2020/900/Corr.2": the symbol a revision or corrigendum takes."""
    original = compilation
    while original.revises is not None:
        original = original.revises
    suffix = "Rev" if compilation.kind == IssueKind.REVISION else "Corr"
    earlier = Compilation.objects.filter(
        kind=compilation.kind,
        status=CompilationStatus.ISSUED,
        symbol__startswith=f"{original.symbol}/",
    ).count()
    return f"{original.symbol}/{suffix}.{earlier + 1}"


@transaction.atomic
def issue(
    *,
    user: User,
    compilation: Compilation,
    symbol: str,
    issued_on: datetime.date,
    letter_date: datetime.date,
) -> Compilation:
    """Assign the symbol and dates and build the final files; the build seals it as issued.

    A revision or corrigendum takes its predecessor's symbol with the next suffix, so `symbol`
    is only read for an original."""
    _ensure_secretariat(user)
    _ensure_open(compilation)
    if compilation.is_building:
        # The build in progress was started without the symbol; it must not seal the record.
        raise ValidationError(_("Wait for the compilation in progress to finish, then issue it."))
    missing = compilation_missing(compilation, entries(compilation))
    if missing:
        raise ValidationError(
            _("The %(language)s version lacks these facts in its language: %(missing)s. Enter "
              "them on this page, then issue it.")
            % {
                "language": Language(compilation.language).label,
                "missing": "; ".join(str(item) for item in missing),
            }
        )  # fmt: skip
    if compilation.kind == IssueKind.ORIGINAL:
        symbol = symbol.strip()
        if not (_SYMBOL.match(symbol) or (_DEMO_SYMBOL.match(symbol) and not settings.PRODUCTION)):
            raise ValidationError(_("Give the symbol as the UN writes it, for example S/2020/900."))
        if Compilation.objects.filter(symbol=symbol).exclude(pk=compilation.pk).exists():
            raise ValidationError(
                _("Another document already has the symbol %(symbol)s.") % {"symbol": symbol}
            )
        compilation.symbol = symbol
    else:
        compilation.symbol = successor_symbol(compilation)
    check_letter_date(compilation.meeting, letter_date)
    if issued_on < letter_date:
        raise ValidationError(_("The date of issue cannot be before the date of the letter."))
    waiting = unconfirmed_members(compilation)
    if waiting:
        raise ValidationError(
            _(
                "Council members normally speak: confirm the written statement of %(entities)s "
                "as a written submission before issuing."
            )
            % {"entities": ", ".join(str(entity) for entity in waiting)}
        )
    compilation.issued_on = issued_on
    compilation.letter_date = letter_date
    compilation.issuing = True
    compilation.issued_by = user
    compilation.save()
    record_audit(action="compilation.issue_requested", actor=user, subject=compilation.symbol)
    return request_build(user=user, compilation=compilation)


@transaction.atomic
def start_successor(*, user: User, issued: Compilation, kind: IssueKind) -> Compilation:
    """A revision or corrigendum of an issued compilation: a new draft with the same order,
    late inclusions and letter, to change and issue under the next suffix."""
    _ensure_secretariat(user)
    if not issued.is_issued or kind == IssueKind.ORIGINAL:
        raise ValidationError(_("Only an issued compilation can be revised or corrected."))
    if working_compilation(issued.meeting) is not None:
        raise ValidationError(_("Finish or issue the compilation already in preparation first."))
    successor = Compilation.objects.create(
        meeting=issued.meeting,
        language=issued.language,
        kind=kind,
        revises=issued,
        original_language=issued.original_language,
        signatories=issued.signatories,
        letter_date=issued.letter_date,
        created_by=user,
    )
    successor.late_versions.set(issued.late_versions.all())
    successor.confirmed_members.set(issued.confirmed_members.all())
    OrderMove.objects.bulk_create(
        OrderMove(
            compilation=successor,
            key=move.key,
            position=move.position,
            reason=move.reason,
            moved_by=move.moved_by,
        )
        for move in issued.moves.all()
    )
    record_audit(
        action=f"compilation.{kind}_started", actor=user, subject=issued.symbol, kind=str(kind)
    )
    return successor


class _Progress:
    """Writes progress at most every quarter second, and always the last step."""

    def __init__(self, compilation: Compilation) -> None:
        self.compilation = compilation
        self.written = 0.0

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self.written < _PROGRESS_EVERY:
            return
        self.written = now
        Compilation.objects.filter(pk=self.compilation.pk).update(
            stage=stage, progress_done=done, progress_total=total
        )


def file_name(format_: Format) -> str:
    return f"compilation.{format_.extension}"


def stored_file(compilation: Compilation, key: str) -> FileResponse:
    """A built file as stored, for download: named after the symbol ("S-2020-900.pdf"), or
    as a draft. Http404 for a format that does not exist or was not built."""
    format_ = FORMAT_BY_KEY.get(key)
    stored = compilation.files.get(key)
    if format_ is None or stored is None:
        raise Http404
    stem = compilation.symbol.replace("/", "-") if compilation.symbol else "compilation-draft"
    return FileResponse(
        default_storage.open(stored["name"], "rb"),
        as_attachment=True,
        filename=f"{stem}.{format_.extension}",
        content_type=format_.content_type,
    )


def build_requested(compilation_id: int) -> Compilation:
    """The background task's body: `build`, unless no build waits. A task runs again when its
    worker died (`tasks.requeue_abandoned`), possibly after the build had finished; it must
    not build, store and audit the same compilation twice, nor touch an issued one."""
    compilation = Compilation.objects.get(pk=compilation_id)
    if not compilation.is_building:
        return compilation
    return build(compilation_id)


def build(compilation_id: int) -> Compilation:
    """Build the compilation's four files and store them (the task's body). Issuing ends here:
    the files written now are the issued ones, and the record is sealed."""
    compilation = Compilation.objects.select_related("meeting__presidency").get(pk=compilation_id)
    Compilation.objects.filter(pk=compilation.pk).update(status=CompilationStatus.BUILDING)
    progress = _Progress(compilation)
    try:
        annexed = entries(compilation)
        document = build_document(
            compilation, annexed, lambda done, total: progress("annexes", done, total)
        )
        rendered = render_all(document, progress)
    except Exception as error:
        logger.exception("compilation %s failed", compilation.pk)
        Compilation.objects.filter(pk=compilation.pk).update(
            status=CompilationStatus.FAILED, error=f"{type(error).__name__}: {error}"
        )
        raise
    files = {}
    for format_ in FORMATS:
        content = rendered[format_.extension]
        digest = hashlib.sha256(content).hexdigest()
        folder = f"compilations/{compilation.meeting_id}/{compilation.pk}/{digest[:16]}"
        path = f"{folder}/{file_name(format_)}"
        # A file cut short by a worker killed while writing it has the right name, not the
        # right size: write it again.
        if not default_storage.exists(path) or default_storage.size(path) != len(content):
            default_storage.delete(path)
            path = default_storage.save(path, ContentFile(content))
        files[format_.key] = {"name": path, "sha256": digest, "bytes": len(content)}
    compilation.refresh_from_db()
    compilation.files = files
    compilation.contents = [entry.item.key for entry in annexed]
    compilation.built_at = timezone.now()
    compilation.stage = "done"
    compilation.progress_done = compilation.progress_total = len(FORMATS)
    if compilation.issuing:
        compilation.status = CompilationStatus.ISSUED
        compilation.issued_at = timezone.now()
    else:
        compilation.status = CompilationStatus.READY
    with transaction.atomic():
        compilation.save()
        if compilation.is_issued:
            index_issued(compilation, rendered["html"])
    record_audit(
        action="compilation.issued" if compilation.is_issued else "compilation.built",
        actor=compilation.issued_by if compilation.is_issued else None,
        subject=str(compilation),
        annexes=len(annexed),
        sha256={key: value["sha256"] for key, value in files.items()},
    )
    return compilation
