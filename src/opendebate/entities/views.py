from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from opendebate.accounts.permissions import ensure_can_act_for
from opendebate.common.languages import Language
from opendebate.entities import services
from opendebate.entities.enums import EntityKind
from opendebate.entities.forms import ContactForm
from opendebate.entities.models import Entity, EntityContact
from opendebate.entities.queries import council_seats, presidencies_of


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
def delegation(request: HttpRequest, code: str) -> HttpResponse:
    """The delegation's own page: its names, the addresses that speak for it, its users."""
    entity = get_object_or_404(Entity, code=code)
    ensure_can_act_for(request, entity)
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_contact(
                actor=request.user,  # type: ignore[arg-type]
                entity=entity,
                email=form.cleaned_data["email"],
                label=form.cleaned_data["label"],
            )
        except ValidationError as error:
            form.add_error("email", error)
        else:
            messages.success(request, _("Contact address added."))
            return redirect("entities:delegation", code=entity.code)
    context = {
        "entity": entity,
        "names": [(language, entity.name(language.value)) for language in Language],
        "contacts": entity.contacts.all(),
        "users": entity.users.filter(is_active=True).order_by("full_name"),
        "form": form,
    }
    return render(request, "entities/delegation.html", context)


@login_required
@require_POST
def remove_contact(request: HttpRequest, code: str, contact_id: int) -> HttpResponse:
    entity = get_object_or_404(Entity, code=code)
    ensure_can_act_for(request, entity)
    contact = get_object_or_404(EntityContact, pk=contact_id, entity=entity)
    services.remove_contact(actor=request.user, contact=contact)  # type: ignore[arg-type]
    messages.success(request, _("Contact address removed."))
    return redirect("entities:delegation", code=entity.code)
