from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from opendebate.accounts.permissions import ensure_secretariat
from opendebate.common.http import AuthenticatedHttpRequest
from opendebate.entities.queries import submitting_entities
from opendebate.intake import services
from opendebate.intake.enums import MessageState
from opendebate.intake.models import InboundMessage
from opendebate.intake.parsing import parse_message, statement_candidates
from opendebate.intake.parsing.authentication import summarize
from opendebate.intake.store import read_raw
from opendebate.intake.trust import reported_results
from opendebate.meetings.enums import MeetingStatus
from opendebate.meetings.models import Meeting


class AssignForm(forms.Form):
    entity = forms.ModelChoiceField(
        label=gettext_lazy("Entity"), queryset=submitting_entities(), to_field_name="code"
    )
    meeting = forms.ModelChoiceField(
        label=gettext_lazy("Meeting"),
        queryset=Meeting.objects.filter(status=MeetingStatus.CONFIRMED),
    )
    attachment = forms.TypedChoiceField(
        label=gettext_lazy("Statement"), coerce=int, required=False, empty_value=None
    )


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason, sent to the sender"), widget=forms.Textarea(attrs={"rows": 3})
    )


@login_required
def inbox(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every message with its state; the held ones first."""
    ensure_secretariat(request)
    state = request.GET.get("state", MessageState.TRIAGE)
    mail = InboundMessage.objects.select_related("entity", "meeting")
    if state == MessageState.TRIAGE:  # what waits for the Secretariat, whatever the cause
        mail = mail.filter(state__in=services.HELD_STATES)
    elif state in MessageState.values:
        mail = mail.filter(state=state)
    context = {"mail": mail[:500], "state": state, "states": MessageState.choices}
    return render(request, "intake/inbox.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def message_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    ensure_secretariat(request)
    message = get_object_or_404(InboundMessage, pk=pk)
    parsed = parse_message(read_raw(message))
    candidates = statement_candidates(parsed)
    assign = AssignForm(
        request.POST if "assign" in request.POST else None,
        initial={
            "entity": message.entity.code if message.entity else None,
            "meeting": message.meeting_id,
        },
    )
    attachment_field: forms.TypedChoiceField = assign.fields["attachment"]  # type: ignore[assignment]
    attachment_field.choices = [("", _("The only attachment, or the body"))] + [
        (index, attachment.filename) for index, attachment in enumerate(candidates)
    ]
    reject = RejectForm(request.POST if "reject" in request.POST else None)
    if request.method == "POST":
        try:
            if "assign" in request.POST and assign.is_valid():
                state = services.assign_message(
                    user=request.user,
                    message_id=message.pk,
                    entity=assign.cleaned_data["entity"],
                    meeting=assign.cleaned_data["meeting"],
                    attachment=assign.cleaned_data["attachment"],
                )
                messages.success(
                    request,
                    _("Message processed: %(state)s.") % {"state": MessageState(state).label},
                )
                return redirect("intake:inbox")
            if "reject" in request.POST and reject.is_valid():
                services.reject_message(
                    user=request.user,
                    message_id=message.pk,
                    reason=reject.cleaned_data["reason"],
                )
                messages.success(request, _("Message rejected; the sender has been told why."))
                return redirect("intake:inbox")
            if "retry" in request.POST:
                services.retry_message(user=request.user, message_id=message.pk)
                messages.success(request, _("The message will be processed again."))
                return redirect("intake:inbox")
        except services.TriageError as error:
            messages.error(request, str(error))
    context = {
        "message": message,
        "parsed": parsed,
        "held": message.state in services.HELD_STATES,
        # Only what the trusted servers reported: any other header may be the sender's own.
        "authentication": summarize(reported_results(parsed)),
        "candidates": candidates,
        "assign": assign,
        "reject": reject,
    }
    return render(request, "intake/message.html", context)
