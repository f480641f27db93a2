from __future__ import annotations

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from opendebate.accounts.permissions import ensure_can_act_for, ensure_secretariat, refuse
from opendebate.common.http import AuthenticatedHttpRequest
from opendebate.common.languages import Language
from opendebate.documents.render_html import render_annex_html
from opendebate.entities.models import Entity
from opendebate.ingest import safe_filename
from opendebate.meetings.letter import ANNEX
from opendebate.meetings.models import Meeting
from opendebate.meetings.queries import meetings_visible_to
from opendebate.statements import pipeline, services
from opendebate.statements.annex import statement_annex
from opendebate.statements.content import Received, SubmissionRefused, SubmissionThrottled
from opendebate.statements.dashboard import GROUPS, Row, chart_svg, counts, rows, submission_times
from opendebate.statements.enums import Channel
from opendebate.statements.forms import LateAcceptanceForm, StatementForm
from opendebate.statements.models import Statement, StatementDraft, StatementVersion
from opendebate.statements.pipeline import PASTED_NAME
from opendebate.statements.queries import confirmed_version, statements_for_meeting


def _meeting_and_entity(request: HttpRequest, pk: int, code: str) -> tuple[Meeting, Entity]:
    meeting = get_object_or_404(meetings_visible_to(request.user), pk=pk)
    entity = get_object_or_404(Entity, code=code)
    ensure_can_act_for(request, entity)
    return meeting, entity


@login_required
def mine(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """A delegation's shortcut to its own statement page for a meeting."""
    user = request.user
    if user.entity is None:
        return redirect("statements:dashboard", pk=pk)
    return redirect("statements:entity", pk=pk, code=user.entity.code)


@login_required
@require_http_methods(["GET", "POST"])
def entity_statement(request: AuthenticatedHttpRequest, pk: int, code: str) -> HttpResponse:
    """The statement of one entity for one meeting: versions, receipts, and a form to send one."""
    meeting, entity = _meeting_and_entity(request, pk, code)
    form = StatementForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if not form.is_valid():
            return _page(request, meeting, entity, form)
        return _receive(request, meeting, entity, form)
    return _page(request, meeting, entity, form)


def _receive(
    request: AuthenticatedHttpRequest, meeting: Meeting, entity: Entity, form: StatementForm
) -> HttpResponse:
    """Read what was sent; refused content is kept with its reason, accepted content becomes a
    draft to preview."""
    upload = request.FILES.get("file")
    if upload is None:
        data, name, channel = form.data.get("text", "").encode("utf-8"), PASTED_NAME, Channel.WEB
    else:
        data, name, channel = upload.read(), safe_filename(upload.name or ""), Channel.UPLOAD
    received = Received(
        data=data,
        name=name,
        pasted=upload is None,
        heading=form.cleaned_data["heading"],
        signatory_name=form.cleaned_data["signatory_name"],
        signatory_function=form.cleaned_data["signatory_function"],
        language=form.cleaned_data.get("language") or None,
    )
    arrival = pipeline.Arrival(meeting, entity, channel, timezone.now(), user=request.user)
    try:
        pipeline.accept(arrival, received)
    except SubmissionRefused as refusal:
        form.add_error(None, refusal.message)
        return _page(request, meeting, entity, form, status=422)
    draft = StatementDraft(
        meeting=meeting,
        entity=entity,
        user=request.user,
        channel=channel,
        heading=form.cleaned_data["heading"],
        signatory_name=form.cleaned_data["signatory_name"],
        signatory_function=form.cleaned_data["signatory_function"],
        language=form.cleaned_data.get("language") or "",
        original_name=name,
    )
    draft.original.save(name, ContentFile(data), save=False)
    draft.save()
    return redirect("statements:preview", pk=meeting.pk, code=entity.code, draft=draft.pk)


def _page(
    request: HttpRequest,
    meeting: Meeting,
    entity: Entity,
    form: StatementForm,
    status: int = 200,
) -> HttpResponse:
    statement = statements_for_meeting(meeting).filter(entity=entity).first()
    language = Language.of_reader().value
    context = {
        "meeting": meeting,
        "title": meeting.title(language),
        "title_language": meeting.title_language(language),
        "entity": entity,
        "entity_name": entity.name(language),
        "statement": statement,
        "versions": list(statement.versions.all()) if statement else [],
        "form": form,
        "deadline_passed": bool(meeting.deadline and meeting.deadline <= timezone.now()),
    }
    return render(request, "statements/entity.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def preview(request: AuthenticatedHttpRequest, pk: int, code: str, draft: int) -> HttpResponse:
    """Exactly how the annex will look; confirming it is the moment the statement is received.
    A draft already confirmed leads to its receipt, whether it is shown or confirmed again."""
    meeting, entity = _meeting_and_entity(request, pk, code)
    pending = get_object_or_404(StatementDraft, pk=draft, meeting=meeting, entity=entity)
    if pending.user_id != request.user.pk:
        raise refuse(request, entity=entity, reason="another user's draft")
    confirmed = confirmed_version(pending)
    if confirmed is not None:
        return _received(request, meeting, entity, pipeline.Confirmation(confirmed, new=False))
    if request.method == "POST":
        try:
            confirmation = pipeline.confirm(
                user=request.user, draft=pending, received_at=timezone.now()
            )
        except SubmissionThrottled as refusal:
            # The draft stays: the same preview is confirmed again once the minute is over.
            messages.error(request, refusal.message)
            return redirect("statements:preview", pk=meeting.pk, code=entity.code, draft=draft)
        except SubmissionRefused as refusal:
            messages.error(request, refusal.message)
            return redirect("statements:entity", pk=meeting.pk, code=entity.code)
        except PermissionDenied:
            raise refuse(request, entity=entity, reason="not this delegation") from None
        return _received(request, meeting, entity, confirmation)
    try:
        prepared = pipeline.read(meeting, pipeline.received_from_draft(pending))
    except SubmissionRefused as refusal:  # the meeting's rules changed since the draft was made
        messages.error(request, refusal.message)
        return redirect("statements:entity", pk=meeting.pk, code=entity.code)
    annex = statement_annex(
        number=None,
        heading=pending.heading,
        language=prepared.language,
        letter_language=meeting.letter_language,
        original_language=meeting.letter_original_language,
        blocks=prepared.blocks,
        signatory_name=pending.signatory_name,
        signatory_function=pending.signatory_function,
        label_word=ANNEX[meeting.letter_language],
    )
    context = {
        "meeting": meeting,
        "entity": entity,
        "prepared": prepared,
        "language": Language(prepared.language),
        "annex_html": mark_safe(render_annex_html(annex)),  # noqa: S308  (escaped by the renderer)
        "draft": pending,
    }
    return render(request, "statements/preview.html", context)


def _received(
    request: HttpRequest, meeting: Meeting, entity: Entity, confirmation: pipeline.Confirmation
) -> HttpResponse:
    """To the statement's page, which lists the version and its receipt."""
    version = confirmation.version
    # Isolated left-to-right, or an Arabic sentence reorders "20261204-3/FRA/v1".
    reference = {"reference": f"\u2066{version.receipt.reference}\u2069"}
    if confirmation.new:
        messages.success(
            request,
            _("Statement received. Receipt %(reference)s has been sent to your contacts.")
            % reference,
        )
    else:
        messages.info(
            request, _("This statement was already received: receipt %(reference)s.") % reference
        )
    return redirect("statements:entity", pk=meeting.pk, code=entity.code)


@login_required
@require_POST
def withdraw(request: AuthenticatedHttpRequest, pk: int, code: str) -> HttpResponse:
    meeting, entity = _meeting_and_entity(request, pk, code)
    statement = get_object_or_404(Statement, meeting=meeting, entity=entity)
    try:
        services.withdraw_statement(user=request.user, statement=statement, at=timezone.now())
    except SubmissionRefused as refusal:
        messages.error(request, refusal.message)
    else:
        messages.success(
            request,
            _(
                "The statement is withdrawn and will not be compiled. Its versions and receipts "
                "are kept. To take part after all, send it again below before the deadline."
            ),
        )
    return redirect("statements:entity", pk=meeting.pk, code=entity.code)


@login_required
@require_POST
def accept_late(request: AuthenticatedHttpRequest, pk: int, code: str, number: int) -> HttpResponse:
    ensure_secretariat(request)
    meeting, entity = _meeting_and_entity(request, pk, code)
    version = get_object_or_404(
        StatementVersion, statement__meeting=meeting, statement__entity=entity, number=number
    )
    form = LateAcceptanceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a reason for accepting the late version."))
    else:
        try:
            services.accept_late_version(
                user=request.user,
                version=version,
                reason=form.cleaned_data["reason"],
                at=timezone.now(),
            )
        except SubmissionRefused as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, _("The late version is accepted and will be compiled."))
    return redirect("statements:entity", pk=meeting.pk, code=entity.code)


@login_required
def dashboard(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Every entity that could submit, its status, counts, a chart, and a CSV export."""
    ensure_secretariat(request)
    meeting = get_object_or_404(Meeting, pk=pk)
    group = request.GET.get("group", "all")
    if group not in GROUPS:
        group = "all"
    table = rows(meeting, group)
    if request.GET.get("format") == "csv":
        return _csv(meeting, table)
    chart = chart_svg(
        submission_times(meeting),
        meeting.deadline,
        title=_("Statements received over time"),
        deadline_label=_("Deadline"),
        language=get_language(),
    )
    context = {
        "meeting": meeting,
        "rows": table,
        "counts": counts(table),
        "group": group,
        "groups": [(name, GROUP_LABELS[name]) for name in GROUPS],
        "chart": mark_safe(chart),  # noqa: S308  (every text in it is escaped)
    }
    return render(request, "statements/dashboard.html", context)


GROUP_LABELS = {
    "all": gettext_lazy("All"),
    "council": gettext_lazy("Council members"),
    "oif": gettext_lazy("OIF members"),
    "observers": gettext_lazy("Observer States"),
    "organizations": gettext_lazy("Organizations"),
}


def _csv(meeting: Meeting, table: list[Row]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}-statements.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 (Arabic, Chinese names) only with a BOM
    writer = csv.writer(response)
    writer.writerow(
        ["code", "name", "kind", "status", "version", "received_at", "receipt", "language", "words"]
    )
    for row in table:
        version = row.version
        writer.writerow(
            [
                row.entity.code,
                row.entity.name_en,
                row.entity.kind,
                row.status.value,
                version.number if version else "",
                version.received_at.isoformat() if version else "",
                version.receipt.reference if version else "",
                version.language if version else "",
                version.words if version else "",
            ]
        )
    return response
