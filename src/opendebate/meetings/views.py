from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from opendebate.accounts.permissions import ensure_secretariat
from opendebate.common.http import AuthenticatedHttpRequest, signed_in
from opendebate.common.languages import Language
from opendebate.ingest import Refused, read_file
from opendebate.meetings import services
from opendebate.meetings.enums import MeetingStatus
from opendebate.meetings.forms import LetterUploadForm, MeetingFactsForm, MeetingReviewForm
from opendebate.meetings.ics import meeting_ics
from opendebate.meetings.importing import FIELD_SOURCES, review_initial
from opendebate.meetings.importing import import_letter as import_letter_text
from opendebate.meetings.letter import concept_note_language
from opendebate.meetings.models import Meeting
from opendebate.meetings.queries import letter_missing, meetings_visible_to


def _language() -> str:
    return Language.of_reader().value


def _visible_meeting(request: HttpRequest, pk: int) -> Meeting:
    return get_object_or_404(meetings_visible_to(request.user), pk=pk)


def meeting_list(request: HttpRequest) -> HttpResponse:
    language = _language()
    meetings = [(meeting, meeting.title(language)) for meeting in meetings_visible_to(request.user)]
    return render(request, "meetings/list.html", {"meetings": meetings})


def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The public meeting page: what, when (New York and the reader's zone), who, how to submit."""
    meeting = _visible_meeting(request, pk)
    language = _language()
    note_language = concept_note_language(meeting, language)
    context = {
        "meeting": meeting,
        "title": meeting.title(language),
        "title_language": meeting.title_language(language),
        "briefers": meeting.briefers.all(),
        "participants": meeting.participants.select_related("entity"),
        "note_language": Language(note_language),
        "sections": meeting.sections.filter(language=note_language).order_by("order"),
        "presidency_name": meeting.presidency.name(language),
        "deadline_passed": bool(meeting.deadline and meeting.deadline <= timezone.now()),
        "is_draft": meeting.status == MeetingStatus.DRAFT,
    }
    return render(request, "meetings/detail.html", context)


def meeting_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _visible_meeting(request, pk)
    url = request.build_absolute_uri(meeting_url(meeting))
    response = HttpResponse(
        meeting_ics(meeting, url=url, language=_language()),
        content_type="text/calendar; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="meeting-{meeting.pk}.ics"'
    return response


def meeting_url(meeting: Meeting) -> str:
    return reverse("meetings:detail", args=[meeting.pk])


@require_POST
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    if not signed_in(request):
        raise Http404
    ensure_secretariat(request)
    meeting = get_object_or_404(Meeting, pk=pk)
    services.confirm_meeting(actor=request.user, meeting=meeting)
    messages.success(request, _("The meeting is confirmed: its public page is now visible."))
    return redirect("meetings:detail", pk=meeting.pk)


@login_required
@require_http_methods(["GET", "POST"])
def import_letter(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Paste or upload a letter, review each extracted field beside its source, confirm.

    Nothing is saved until the officer confirms the review form.
    """
    ensure_secretariat(request)
    if request.method == "POST" and "confirm" in request.POST:
        review = MeetingReviewForm(request.POST)
        if review.is_valid():
            meeting = services.create_meeting(
                actor=request.user,
                data=review.meeting_data(),
                source="import",
            )
            messages.success(
                request, _("Draft meeting created. Check it, then confirm it to publish it.")
            )
            return redirect("meetings:detail", pk=meeting.pk)
        return _review(request, review)
    upload = LetterUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and upload.is_valid():
        text = upload.cleaned_data["text"]
        file = upload.cleaned_data["file"]
        try:
            if file is not None:
                text = read_file(file.read(), file.name).source
        except Refused as refusal:
            upload.add_error("file", refusal.message)
        else:
            result = import_letter_text(text)
            initial = review_initial(result.to_json_dict(), result.source_lines())
            return _review(request, MeetingReviewForm(initial=initial))
    return render(request, "meetings/import.html", {"form": upload})


def _review(request: HttpRequest, review: MeetingReviewForm) -> HttpResponse:
    payload = review.payload_data()
    rows = [
        (review[name], payload["sources"].get(name, ""))
        for name in FIELD_SOURCES
        if name in review.fields
    ]
    context = {
        "form": review,
        "rows": rows,
        "warnings": payload["warnings"],
        "concept_note": payload["concept_note"],
    }
    return render(request, "meetings/review.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def facts(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The names and functions the meeting's documents print, in each language; each fact
    shows the languages it lacks, and the concept-note letter's versions what stops them."""
    ensure_secretariat(request)
    meeting = get_object_or_404(Meeting, pk=pk)
    form = MeetingFactsForm(request.POST or None, meeting=meeting)
    if request.method == "POST" and form.is_valid():
        services.update_facts(
            actor=request.user,
            meeting=meeting,
            data=form.facts_data(),
        )
        messages.success(request, _("The facts are saved in each language you entered."))
        return redirect("meetings:facts", pk=meeting.pk)
    versions = [(language, letter_missing(meeting, language.value)) for language in Language]
    context = {"meeting": meeting, "form": form, "versions": versions}
    return render(request, "meetings/facts.html", context, status=422 if form.errors else 200)
