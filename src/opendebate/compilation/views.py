"""The Secretariat's compilation pages: one page per meeting to check the order, record what was
said, include late statements, compile in the background, download, issue and revise.

Every write goes through `services`; each action posts to its own address and comes back to the
page, which says what happened and what to do next.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_htmx.middleware import HtmxDetails

from opendebate.accounts.models import User
from opendebate.accounts.permissions import ensure_secretariat
from opendebate.common.http import AuthenticatedHttpRequest
from opendebate.common.languages import Language
from opendebate.common.multilingual import any_text
from opendebate.compilation import services
from opendebate.compilation.build import Entry, entries, unconfirmed_members, written_candidates
from opendebate.compilation.dates import proposed_letter_date
from opendebate.compilation.enums import CompilationStatus, IssueKind, Section
from opendebate.compilation.facts import compilation_missing
from opendebate.compilation.forms import (
    DeliveredForm,
    IssueForm,
    LetterForm,
    MoveForm,
    SignatoryForm,
    SpeakerForm,
)
from opendebate.compilation.models import Compilation, DeliveredStatement
from opendebate.documents.render import FORMAT_BY_KEY
from opendebate.entities.models import Entity
from opendebate.ingest import MAX_UPLOAD_BYTES, safe_filename
from opendebate.meetings.models import Meeting
from opendebate.statements.content import SubmissionRefused
from opendebate.statements.enums import Timeliness
from opendebate.statements.models import StatementVersion
from opendebate.statements.pipeline import PASTED_NAME


class HtmxHttpRequest(AuthenticatedHttpRequest):
    htmx: HtmxDetails


@dataclass(frozen=True)
class AnnexRow:
    number: int
    entry: Entry
    # A Council member's written statement the Secretariat has not yet confirmed as such.
    unconfirmed_member: bool = False

    @property
    def key(self) -> str:
        return self.entry.item.key

    @property
    def part(self) -> str:
        return str(Section(self.entry.item.section).label)

    @property
    def language(self) -> str:
        return str(Language(self.entry.language).label)

    @property
    def name(self) -> str:
        entry = self.entry
        if entry.speaker is not None:
            return entry.speaker.shown
        if entry.entity is None:
            return ""
        return entry.entity.name(Language.of_reader())


def _meeting(request: HttpRequest, pk: int) -> Meeting:
    ensure_secretariat(request)
    return get_object_or_404(Meeting, pk=pk)


def _compilation(request: HttpRequest, pk: int, number: int) -> Compilation:
    meeting = _meeting(request, pk)
    return get_object_or_404(
        Compilation.objects.select_related("meeting"), pk=number, meeting=meeting
    )


def _current(user: User, meeting: Meeting) -> Compilation:
    """The compilation in preparation; else the last one issued; else a new one."""
    working = services.working_compilation(meeting)
    if working is not None:
        return working
    issued = meeting.compilations.filter(status=CompilationStatus.ISSUED)
    last = issued.order_by("-issued_at", "-pk").first()
    if last is not None:
        return last
    return services.start_compilation(user=user, meeting=meeting, language=meeting.letter_language)


def _rows(compilation: Compilation) -> list[AnnexRow]:
    """The annexes in order; an issued compilation shows exactly what it was issued with."""
    found = entries(compilation)
    if compilation.is_issued:
        by_key = {entry.item.key: entry for entry in found}
        found = [by_key[key] for key in compilation.contents if key in by_key]
    waiting = set(unconfirmed_members(compilation, found))
    return [
        AnnexRow(
            number,
            entry,
            unconfirmed_member=entry.item.section == Section.WRITTEN and entry.entity in waiting,
        )
        for number, entry in enumerate(found, start=1)
    ]


def _build_context(compilation: Compilation) -> dict[str, object]:
    """What the progress fragment shows: progress while building, then the files."""
    stage = compilation.stage
    if stage == "annexes":
        progress = _("Annex %(done)d of %(total)d") % {
            "done": compilation.progress_done,
            "total": compilation.progress_total,
        }
    else:
        progress = str(FORMAT_BY_KEY[stage].writing) if stage in FORMAT_BY_KEY else ""
    return {
        "compilation": compilation,
        "progress": progress,
        "downloads": [
            (key, FORMAT_BY_KEY[key].label) for key in compilation.files if key in FORMAT_BY_KEY
        ],
    }


def _page(
    request: HttpRequest,
    compilation: Compilation,
    *,
    move: MoveForm | None = None,
    delivered: DeliveredForm | None = None,
    issue: IssueForm | None = None,
    letter: LetterForm | None = None,
    signatory: SignatoryForm | None = None,
    speaker: tuple[int, SpeakerForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    meeting = compilation.meeting
    rows = _rows(compilation)
    recorded = DeliveredStatement.objects.filter(meeting=meeting).select_related("entity")
    posted_speaker = dict([speaker]) if speaker else {}
    labels = {row.key: f"{row.number}. {row.name}" for row in rows}
    candidates = written_candidates(meeting)
    included = set(compilation.late_versions.values_list("pk", flat=True))
    is_open = not (compilation.is_issued or compilation.issuing)
    pending = StatementVersion.objects.filter(
        statement__meeting=meeting, timeliness=Timeliness.LATE_PENDING
    ).select_related("statement__entity")
    context = {
        **_build_context(compilation),
        "meeting": meeting,
        "rows": rows,
        "is_open": is_open,
        "stale": compilation.status == CompilationStatus.READY
        and compilation.contents != [row.key for row in rows],
        "moves": [
            (move, labels.get(move.key, move.key))
            for move in compilation.moves.select_related("moved_by")
        ],
        "move_form": move or MoveForm(annexes=list(labels.items())),
        "late": [(version, version.pk in included) for version in candidates.late],
        "pending": pending,
        # Each recorded speaker with the form that corrects their name and title per language.
        "delivered": [
            (
                statement,
                posted_speaker.get(statement.pk)
                or SpeakerForm(
                    prefix=f"speaker-{statement.pk}",
                    initial={
                        "speaker_names": statement.speaker_names,
                        "speaker_functions": statement.speaker_functions,
                    },
                ),
            )
            for statement in recorded
        ],
        "missing": compilation_missing(compilation, [row.entry for row in rows]),
        "signatory_form": signatory
        or SignatoryForm(initial={"signatories": compilation.signatories}),
        "delivered_form": delivered or DeliveredForm(),
        # Undated, the form proposes the day after the meeting; nothing is set until confirmed.
        "letter_form": letter
        or LetterForm(
            initial={
                "letter_date": compilation.letter_date or proposed_letter_date(meeting),
                "original_language": compilation.original_language,
            }
        ),
        "unconfirmed_members": any(row.unconfirmed_member for row in rows),
        "issue_form": issue
        or IssueForm(
            kind=compilation.kind,
            initial={
                # Not before the letter: a letter dated ahead is issued on its date at the earliest.
                "issued_on": max(timezone.localdate(), compilation.letter_date or date.min),
                "letter_date": compilation.letter_date,
            },
        ),
        "issued": meeting.compilations.filter(status=CompilationStatus.ISSUED).order_by(
            "issued_at", "pk"
        ),
    }
    return render(request, "compilation/page.html", context, status=status)


def _form_action(
    request: HttpRequest,
    compilation: Compilation,
    form: forms.Form,
    write: Callable[[dict[str, Any]], str],
    failed: Callable[[], HttpResponse],
) -> HttpResponse:
    """A posted form's action: `write` calls the service with the form's data and returns what
    to tell the officer; back to the page then, or `failed()` shows the form with the refusal."""
    if form.is_valid():
        try:
            done = write(form.cleaned_data)
        except ValidationError as error:
            compilation.refresh_from_db()  # the service may have set a field before refusing
            form.add_error(None, error)
        else:
            messages.success(request, done)
            return redirect("compilation:page", pk=compilation.meeting_id)
    return failed()


@login_required
@require_GET
def page(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    return _page(request, _current(request.user, meeting))


@login_required
@require_GET
def progress(request: HtmxHttpRequest, pk: int, number: int) -> HttpResponse:
    """The build's part of the page, polled every second while a build runs."""
    compilation = _compilation(request, pk, number)
    response = render(request, "compilation/progress.html", _build_context(compilation))
    if request.htmx and not compilation.is_building:
        # Finished: the rest of the page (status, forms, issued record) changes too.
        response["HX-Refresh"] = "true"
    return response


@login_required
@require_GET
def download(request: AuthenticatedHttpRequest, pk: int, number: int, key: str) -> FileResponse:
    return services.stored_file(_compilation(request, pk, number), key)


@login_required
@require_POST
def compile_files(request: AuthenticatedHttpRequest, pk: int, number: int) -> HttpResponse:
    compilation = _compilation(request, pk, number)
    if compilation.is_building:
        messages.info(request, _("The compilation is already being compiled."))
    else:
        try:
            services.request_build(user=request.user, compilation=compilation)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Compilation started. The files are written in the background: follow the "
                  "progress below, then download them to check."),
            )  # fmt: skip
    return redirect("compilation:page", pk=pk)


@login_required
@require_POST
def letter(request: AuthenticatedHttpRequest, pk: int, number: int) -> HttpResponse:
    compilation = _compilation(request, pk, number)
    form = LetterForm(request.POST)

    def write(data: dict[str, Any]) -> str:
        services.set_letter(
            user=request.user,
            compilation=compilation,
            letter_date=data["letter_date"],
            original_language=data["original_language"],
        )
        return _("The date and original language of the letter are set.")

    return _form_action(
        request,
        compilation,
        form,
        write,
        lambda: _page(request, compilation, letter=form, status=422),
    )


@login_required
@require_POST
def member(request: AuthenticatedHttpRequest, pk: int, number: int, code: str) -> HttpResponse:
    """Confirm a Council member's written statement as a written submission."""
    compilation = _compilation(request, pk, number)
    entity = get_object_or_404(Entity, code=code)
    try:
        services.confirm_written_member(user=request.user, compilation=compilation, entity=entity)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The statement of %(entity)s is confirmed as a written submission.")
            % {"entity": entity},
        )
    return redirect("compilation:page", pk=pk)


@login_required
@require_POST
def move(request: AuthenticatedHttpRequest, pk: int, number: int) -> HttpResponse:
    compilation = _compilation(request, pk, number)
    annexes = [(row.key, f"{row.number}. {row.name}") for row in _rows(compilation)]
    form = MoveForm(request.POST, annexes=annexes)

    def write(data: dict[str, Any]) -> str:
        services.move_item(
            user=request.user,
            compilation=compilation,
            key=data["key"],
            position=data["position"],
            reason=data["reason"],
        )
        return _("Annex moved to position %(position)d. Compile again to update the files.") % {
            "position": data["position"]
        }

    return _form_action(
        request,
        compilation,
        form,
        write,
        lambda: _page(request, compilation, move=form, status=422),
    )


@login_required
@require_POST
def late(request: AuthenticatedHttpRequest, pk: int, number: int, version: int) -> HttpResponse:
    compilation = _compilation(request, pk, number)
    late_version = get_object_or_404(
        StatementVersion.objects.select_related("statement__entity"),
        pk=version,
        statement__meeting=compilation.meeting,
    )
    include = request.POST.get("include") == "1"
    try:
        services.include_late(
            user=request.user, compilation=compilation, version=late_version, include=include
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if include:
            done = _("The late statement of %(entity)s is included in place of its earlier "
                     "one. Compile again to update the files.")  # fmt: skip
        else:
            done = _("The late statement of %(entity)s is no longer included. Compile again to "
                     "update the files.")  # fmt: skip
        messages.success(request, done % {"entity": late_version.statement.entity})
    return redirect("compilation:page", pk=pk)


@login_required
@require_POST
def record(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Record a briefing or a delivered statement; a refused text or file is explained in the
    form and nothing is kept."""
    meeting = _meeting(request, pk)
    form = DeliveredForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        if upload is None:
            data, name = form.cleaned_data["text"].encode("utf-8"), PASTED_NAME
        else:
            # One byte past the limit is enough for the reader to refuse the file as too large.
            data, name = upload.read(MAX_UPLOAD_BYTES + 1), safe_filename(upload.name or "")
        try:
            delivered = services.record_delivered(
                user=request.user,
                meeting=meeting,
                section=Section(form.cleaned_data["section"]),
                speaking_order=form.cleaned_data["speaking_order"],
                entity=form.cleaned_data["entity"],
                speaker_names=form.cleaned_data["speaker_names"],
                speaker_functions=form.cleaned_data["speaker_functions"],
                heading=form.cleaned_data["heading"],
                data=data,
                name=name,
                pasted=upload is None,
                language=form.cleaned_data["language"] or None,
            )
        except SubmissionRefused as refusal:
            form.add_error(None, refusal.message)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Recorded: %(speaker)s (%(part)s). It is annexed in its part; compile again "
                  "to update the files.")
                % {"speaker": any_text(delivered.speaker_names), "part": delivered.get_section_display()},
            )  # fmt: skip
            return redirect("compilation:page", pk=pk)
    return _page(request, _current(request.user, meeting), delivered=form, status=422)


@login_required
@require_POST
def issue(request: AuthenticatedHttpRequest, pk: int, number: int) -> HttpResponse:
    compilation = _compilation(request, pk, number)
    form = IssueForm(request.POST, kind=compilation.kind)

    def write(data: dict[str, Any]) -> str:
        issuing = services.issue(
            user=request.user,
            compilation=compilation,
            symbol=data.get("symbol", ""),
            issued_on=data["issued_on"],
            letter_date=data["letter_date"],
        )
        done = _(
            "Issuing %(symbol)s: the final files are being written. When they are ready "
            "the compilation is issued and can no longer change."
        )
        return done % {"symbol": issuing.symbol}

    return _form_action(
        request,
        compilation,
        form,
        write,
        lambda: _page(request, compilation, issue=form, status=422),
    )


@login_required
@require_POST
def successor(request: AuthenticatedHttpRequest, pk: int, number: int) -> HttpResponse:
    compilation = _compilation(request, pk, number)
    kind = request.POST.get("kind", "")
    if kind not in IssueKind.values:
        return HttpResponseBadRequest()
    try:
        services.start_successor(user=request.user, issued=compilation, kind=IssueKind(kind))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if kind == IssueKind.REVISION:
            started = _("A revision of %(symbol)s is in preparation. Change what needs "
                        "changing, compile, then issue it.")  # fmt: skip
        else:
            started = _("A corrigendum to %(symbol)s is in preparation. Correct what needs "
                        "correcting, compile, then issue it.")  # fmt: skip
        messages.success(request, started % {"symbol": compilation.symbol})
    return redirect("compilation:page", pk=pk)


@login_required
@require_POST
def speaker(request: AuthenticatedHttpRequest, pk: int, delivered: int) -> HttpResponse:
    """Correct or complete a recorded speaker's name and title in each language."""
    meeting = _meeting(request, pk)
    statement = get_object_or_404(DeliveredStatement, pk=delivered, meeting=meeting)
    form = SpeakerForm(request.POST, prefix=f"speaker-{statement.pk}")
    if form.is_valid():
        try:
            services.update_speaker(
                user=request.user,
                delivered=statement,
                speaker_names=form.cleaned_data["speaker_names"],
                speaker_functions=form.cleaned_data["speaker_functions"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("The speaker's name and title are saved. Compile again to update the files."),
            )
            return redirect("compilation:page", pk=pk)
    compilation = _current(request.user, meeting)
    return _page(request, compilation, speaker=(statement.pk, form), status=422)


@login_required
@require_POST
def signatory(request: AuthenticatedHttpRequest, pk: int, number: int) -> HttpResponse:
    """The President's name in each language version of the letter."""
    compilation = _compilation(request, pk, number)
    form = SignatoryForm(request.POST)
    if form.is_valid():
        try:
            services.set_signatory(
                user=request.user, compilation=compilation, names=form.cleaned_data["signatories"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("The signatory is saved. Compile again to update the files.")
            )
            return redirect("compilation:page", pk=pk)
    return _page(request, compilation, signatory=form, status=422)
