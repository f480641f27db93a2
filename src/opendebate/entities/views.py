from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from opendebate.accounts.permissions import ensure_can_act_for, ensure_secretariat
from opendebate.common.http import AuthenticatedHttpRequest
from opendebate.common.languages import Language
from opendebate.entities import services
from opendebate.entities.enums import ContactStatus, EntityKind
from opendebate.entities.forms import ContactForm
from opendebate.entities.models import Entity, EntityContact
from opendebate.entities.queries import (
    contacts_awaiting_secretariat,
    council_seats,
    other_holders,
    presidencies_of,
)


def _content_language() -> str:
    return Language.of_reader().value


def registry(request: HttpRequest) -> HttpResponse:
    """Public list of everyone in the registry, and the Council of a year with its presidents."""
    kind = request.GET.get("kind", "")
    entities = Entity.objects.all()
    if kind:
        if kind not in EntityKind.values:
            raise Http404
        entities = entities.filter(kind=kind)
    year = _year(request.GET.get("year"))
    language = _content_language()
    # Each kind's label translated once, not once per row (a lazy label is looked up again
    # each time a row shows it).
    kind_labels = {value: str(label) for value, label in EntityKind.choices}
    context = {
        "entities": [
            (entity, entity.name(language), kind_labels[entity.kind]) for entity in entities
        ],
        "kinds": EntityKind.choices,
        "kind": kind,
        "year": year,
        "seats": [(seat, seat.entity.name(language)) for seat in council_seats(year)],
        "presidents": [
            (month, presidency.entity.name(language))
            for month, presidency in sorted(presidencies_of(year).items())
        ],
    }
    return render(request, "entities/registry.html", context)


def _year(raw: str | None) -> int:
    try:
        return int(raw) if raw else 2020
    except ValueError:
        return timezone.now().year


@login_required
@require_http_methods(["GET", "POST"])
def delegation(request: AuthenticatedHttpRequest, code: str) -> HttpResponse:
    """The delegation's own page: its names, the addresses that speak for it, its users."""
    entity = get_object_or_404(Entity, code=code)
    ensure_can_act_for(request, entity)
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            contact = services.request_contact(
                actor=request.user,
                entity=entity,
                email=form.cleaned_data["email"],
                label=form.cleaned_data["label"],
            )
        except ValidationError as error:
            form.add_error("email", error)
        else:
            messages.success(
                request, _REQUESTED[ContactStatus(contact.status)] % {"email": contact.email}
            )
            return redirect("entities:delegation", code=entity.code)
    context = {
        "entity": entity,
        "names": [(language, entity.name(language.value)) for language in Language],
        "contacts": entity.contacts.all(),
        "users": entity.users.filter(is_active=True).order_by("full_name"),
        "form": form,
    }
    return render(request, "entities/delegation.html", context)


_REQUESTED = {
    ContactStatus.PENDING: gettext_lazy(
        "A confirmation link has been sent to %(email)s. The address takes effect once someone "
        "who reads that mailbox follows it."
    ),
    ContactStatus.SECRETARIAT: gettext_lazy(
        "%(email)s, or its mail domain, belongs to another entity: the Secretariat has been "
        "asked to decide. Nothing changes until it does."
    ),
}


@login_required
@require_POST
def remove_contact(request: AuthenticatedHttpRequest, code: str, contact_id: int) -> HttpResponse:
    entity = get_object_or_404(Entity, code=code)
    ensure_can_act_for(request, entity)
    contact = get_object_or_404(EntityContact, pk=contact_id, entity=entity)
    services.remove_contact(actor=request.user, contact=contact)
    messages.success(request, _("Contact address removed."))
    return redirect("entities:delegation", code=entity.code)


@require_http_methods(["GET", "POST"])
def confirm_contact(request: HttpRequest, token: str) -> HttpResponse:
    """The link mailed to a requested address. Open to anyone: the signed token is the proof
    that its reader controls the mailbox, which a shared mission mailbox without an account
    can give too. GET only asks, so that a mail scanner opening links confirms nothing."""
    context: dict[str, object] = {}
    if request.method == "POST":
        try:
            context["contact"] = services.confirm_contact(token=token, request=request)
        except ValidationError as error:
            context["error"] = error.messages[0]
            return render(request, "entities/contact_confirm.html", context, status=400)
    return render(request, "entities/contact_confirm.html", context)


@login_required
def contact_requests(request: AuthenticatedHttpRequest) -> HttpResponse:
    """The Secretariat's list of addresses asked for that another entity holds."""
    ensure_secretariat(request)
    language = _content_language()
    # One holders query per request: only the few requests waiting for a decision are listed.
    rows = [
        (
            contact,
            contact.entity.name(language),
            other_holders(entity=contact.entity, email=contact.email),
        )
        for contact in contacts_awaiting_secretariat()
    ]
    return render(request, "entities/contact_requests.html", {"rows": rows})


@login_required
@require_POST
def decide_contact(
    request: AuthenticatedHttpRequest, contact_id: int, decision: str
) -> HttpResponse:
    ensure_secretariat(request)
    contact = get_object_or_404(EntityContact.objects.select_related("entity"), pk=contact_id)
    decide = {"approve": services.approve_contact, "reject": services.reject_contact}.get(decision)
    if decide is None:
        raise Http404
    try:
        decide(actor=request.user, contact=contact)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Decision recorded and the delegation's contacts told."))
    return redirect("entities:contact_requests")
