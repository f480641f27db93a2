"""Contact hijacking (issue 13, point 2): a delegation may not make another's address its own.

Each attack is played through the delegation page as a signed-in delegation would, then
checked where the harm would land: the intake's attribution of mail from the address, and the
recipients of the delegation's receipts.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from email.message import EmailMessage
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.test import Client

from opendebate.accounts.models import User
from opendebate.common.models import AuditEntry
from opendebate.entities.enums import ContactStatus
from opendebate.entities.models import Entity, EntityContact
from opendebate.entities.queries import confirmed_contacts
from opendebate.entities.services import CONFIRMATION_VALID_DAYS, approve_contact
from opendebate.intake.parsing import parse_message
from opendebate.intake.processing import find_entity
from opendebate.meetings.models import Meeting
from opendebate.statements.enums import Channel
from opendebate.statements.notifications import receipt_recipients
from tests.conftest import entity_of, submit_text
from tests.statements.conftest import ENGLISH

pytestmark = pytest.mark.django_db

CANADA_MISSION = "mission@canada.example"


def sender_entity(address: str) -> Entity | None:
    """The entity the intake attributes a message from `address` to."""
    message = EmailMessage()
    message["From"] = address
    message["To"] = "dppa-scsb3@un.org"
    message["Subject"] = "Statement"
    message.set_content(ENGLISH)
    return find_entity(parse_message(message.as_bytes()))


def receipt_addresses(user: User, meeting: Meeting) -> list[str]:
    """Who would receive the receipt of a statement `user` submits now."""
    version = submit_text(
        meeting, entity_of(user), ENGLISH, user=user, channel=Channel.WEB, language="en"
    )
    return receipt_recipients(version.receipt)


@pytest.fixture
def canada_mission(canada: User) -> EntityContact:
    return EntityContact.objects.create(entity=entity_of(canada), email=CANADA_MISSION)


@pytest.fixture
def held_request(as_france: Client, canada_mission: EntityContact) -> EntityContact:
    """France's request for Canada's address, waiting for the Secretariat."""
    as_france.post("/delegations/FRA/", {"email": CANADA_MISSION})
    return EntityContact.objects.get(entity__code="FRA", email=CANADA_MISSION)


def confirmation_path(address: str) -> str:
    message = next(m for m in mail.outbox if m.to == [address])
    match = re.search(
        r"http://127\.0\.0\.1:8000(/delegations/contacts/confirm/\S+/)", str(message.body)
    )
    assert match is not None, message.body
    return match.group(1)


@pytest.mark.parametrize("typed", [CANADA_MISSION, "Mission@Canada.Example"])
def test_address_of_another_delegation_is_not_diverted(
    as_france: Client,
    france: User,
    canada_mission: EntityContact,
    open_meeting: Meeting,
    typed: str,
) -> None:
    as_france.post("/delegations/FRA/", {"email": typed, "label": "Ours now"})
    assert sender_entity(CANADA_MISSION) == canada_mission.entity
    assert CANADA_MISSION not in receipt_addresses(france, open_meeting)


@pytest.mark.parametrize(
    "address",
    ["ambassador@canada.example", "stranger@gmail.com"],
    ids=["in another delegation's domain", "anyone's"],
)
def test_new_address_is_not_taken_before_confirmation(
    as_france: Client,
    france: User,
    canada_mission: EntityContact,
    open_meeting: Meeting,
    address: str,
) -> None:
    as_france.post("/delegations/FRA/", {"email": address})
    assert sender_entity(address) is None
    assert address not in receipt_addresses(france, open_meeting)


def test_confirmation_link_makes_the_address_speak_for_the_delegation(
    as_france: Client, france: User, open_meeting: Meeting
) -> None:
    EntityContact.objects.create(entity=entity_of(france), email="mission@france.example")
    response = as_france.post("/delegations/FRA/", {"email": "Cabinet@France.example"})
    assert response.status_code == 302
    contact = EntityContact.objects.get(email="cabinet@france.example")
    assert (contact.status, contact.requested_by) == (ContactStatus.PENDING, france)
    told = next(m for m in mail.outbox if m.to == ["mission@france.example"])
    assert "cabinet@france.example" in told.body
    path = confirmation_path("cabinet@france.example")
    # Opening the link (as a mail scanner would) confirms nothing; the button does.
    anonymous = Client()
    assert anonymous.get(path).status_code == 200
    assert sender_entity("cabinet@france.example") is None
    assert anonymous.post(path).status_code == 200
    assert sender_entity("cabinet@france.example") == france.entity
    assert "cabinet@france.example" in receipt_addresses(france, open_meeting)
    assert anonymous.post(path).status_code == 400
    assert list(
        AuditEntry.objects.filter(subject="cabinet@france.example")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["entity.contact_requested", "entity.contact_confirmed"]


def test_confirmation_mail_and_page_follow_the_interface_language(as_france: Client) -> None:
    as_france.post(
        "/delegations/FRA/", {"email": "zh@france.example"}, HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    sent = next(m for m in mail.outbox if m.to == ["zh@france.example"])
    assert sent.subject == "为法国确认此地址"
    page = Client().get(confirmation_path("zh@france.example"), HTTP_ACCEPT_LANGUAGE="ar")
    assert "أكِّد هذا العنوان" in page.content.decode()


@pytest.mark.parametrize(
    "mangle",
    [lambda token: token[:-2] + ("AA" if not token.endswith("AA") else "BB"), lambda _: "forged"],
)
def test_forged_confirmation_link_is_refused(
    as_france: Client, mangle: Callable[[str], str]
) -> None:
    as_france.post("/delegations/FRA/", {"email": "new@france.example"})
    token = confirmation_path("new@france.example").rstrip("/").rpartition("/")[2]
    response = Client().post(f"/delegations/contacts/confirm/{mangle(token)}/")
    assert response.status_code == 400
    assert "not valid" in response.content.decode()
    assert EntityContact.objects.get(email="new@france.example").status == ContactStatus.PENDING


def test_expired_confirmation_link_is_refused(as_france: Client) -> None:
    as_france.post("/delegations/FRA/", {"email": "late@france.example"})
    path = confirmation_path("late@france.example")
    later = time.time() + CONFIRMATION_VALID_DAYS * 86400 + 1
    with mock.patch("django.core.signing.time.time", return_value=later):
        response = Client().post(path)
    assert response.status_code == 400
    assert "expired" in response.content.decode()
    assert EntityContact.objects.get(email="late@france.example").status == ContactStatus.PENDING


def test_link_for_one_request_does_not_confirm_another(as_france: Client, canada: User) -> None:
    as_france.post("/delegations/FRA/", {"email": "one@gmail.com"})
    pk = EntityContact.objects.get(email="one@gmail.com").pk
    EntityContact.objects.filter(pk=pk).delete()
    # Another request reusing the row's id: the link names the address too.
    EntityContact.objects.create(
        pk=pk, entity=entity_of(canada), email="two@gmail.com", status=ContactStatus.PENDING
    )
    assert Client().post(confirmation_path("one@gmail.com")).status_code == 400
    assert EntityContact.objects.get(pk=pk).status == ContactStatus.PENDING


def test_wrong_delegation_cannot_confirm_with_a_made_up_token(
    as_canada: Client, as_france: Client
) -> None:
    as_france.post("/delegations/FRA/", {"email": "desk@france.example"})
    contact = EntityContact.objects.get(email="desk@france.example")
    response = as_canada.post(f"/delegations/contacts/confirm/{contact.pk}/")
    assert response.status_code == 400
    contact.refresh_from_db()
    assert contact.status == ContactStatus.PENDING


def test_held_address_goes_to_the_secretariat_and_its_holder_is_told(
    as_france: Client, canada_mission: EntityContact
) -> None:
    response = as_france.post("/delegations/FRA/", {"email": CANADA_MISSION}, follow=True)
    assert "the Secretariat has been asked to decide" in response.content.decode()
    request = EntityContact.objects.get(entity__code="FRA", email=CANADA_MISSION)
    assert request.status == ContactStatus.SECRETARIAT
    # No link goes to the address: only the Secretariat can let it move.
    assert [m.to for m in mail.outbox] == [[CANADA_MISSION]]
    assert "the Secretariat decides" in mail.outbox[0].body
    entry = AuditEntry.objects.get(action="entity.contact_requested")
    assert entry.data == {"status": "secretariat", "held_by": ["CAN"]}


def test_subdomain_of_another_delegations_domain_goes_to_the_secretariat(
    as_france: Client, canada_mission: EntityContact
) -> None:
    as_france.post("/delegations/FRA/", {"email": "desk@ottawa.canada.example"})
    contact = EntityContact.objects.get(email="desk@ottawa.canada.example")
    assert contact.status == ContactStatus.SECRETARIAT


def test_public_webmail_domain_is_nobodys(as_france: Client, canada: User) -> None:
    EntityContact.objects.create(entity=entity_of(canada), email="canada.mission@gmail.com")
    as_france.post("/delegations/FRA/", {"email": "france.mission@gmail.com"})
    contact = EntityContact.objects.get(email="france.mission@gmail.com")
    assert contact.status == ContactStatus.PENDING


def test_secretariat_approval_moves_the_address_once_confirmed(
    as_secretariat: Client,
    canada_mission: EntityContact,
    held_request: EntityContact,
) -> None:
    EntityContact.objects.create(entity=canada_mission.entity, email="desk@canada.example")
    listing = as_secretariat.get("/delegations/contact-requests/").content.decode()
    assert f'<span dir="ltr">{CANADA_MISSION}</span> (CAN)' in listing
    mail.outbox.clear()
    response = as_secretariat.post(f"/delegations/contact-requests/{held_request.pk}/approve/")
    assert response.status_code == 302
    held_request.refresh_from_db()
    assert held_request.status == ContactStatus.PENDING
    # Approved but not yet confirmed: the address still speaks for Canada.
    assert sender_entity(CANADA_MISSION) == canada_mission.entity
    assert Client().post(confirmation_path(CANADA_MISSION)).status_code == 200
    assert sender_entity(CANADA_MISSION) == held_request.entity
    assert not EntityContact.objects.filter(pk=canada_mission.pk).exists()
    told = next(m for m in mail.outbox if m.to == ["desk@canada.example"])
    assert "no longer a contact address of Canada" in told.body
    assert set(
        AuditEntry.objects.filter(subject=CANADA_MISSION).values_list("action", flat=True)
    ) == {
        "entity.contact_requested",
        "entity.contact_approved",
        "entity.contact_transferred",
        "entity.contact_confirmed",
    }


def test_secretariat_refusal_deletes_the_request(
    as_secretariat: Client, held_request: EntityContact
) -> None:
    as_secretariat.post(f"/delegations/contact-requests/{held_request.pk}/reject/")
    assert not EntityContact.objects.filter(pk=held_request.pk).exists()
    assert AuditEntry.objects.filter(action="entity.contact_rejected").count() == 1
    again = as_secretariat.post(f"/delegations/contact-requests/{held_request.pk}/reject/")
    assert again.status_code == 404


def test_decided_request_is_not_decided_twice(
    as_secretariat: Client, held_request: EntityContact
) -> None:
    as_secretariat.post(f"/delegations/contact-requests/{held_request.pk}/approve/")
    response = as_secretariat.post(
        f"/delegations/contact-requests/{held_request.pk}/reject/", follow=True
    )
    assert "decided already" in response.content.decode()
    assert EntityContact.objects.filter(pk=held_request.pk).exists()


def test_unknown_decision_is_not_found(as_secretariat: Client, held_request: EntityContact) -> None:
    response = as_secretariat.post(f"/delegations/contact-requests/{held_request.pk}/delete/")
    assert response.status_code == 404


@pytest.mark.parametrize("persona", ["as_france", "as_canada", "as_presidency"])
def test_delegations_are_refused_the_secretariats_decisions(
    request: pytest.FixtureRequest, held_request: EntityContact, persona: str
) -> None:
    client: Client = request.getfixturevalue(persona)
    assert client.get("/delegations/contact-requests/").status_code == 403
    response = client.post(f"/delegations/contact-requests/{held_request.pk}/approve/")
    assert response.status_code == 403
    held_request.refresh_from_db()
    assert held_request.status == ContactStatus.SECRETARIAT


def test_anonymous_is_refused_the_secretariats_decisions(
    client: Client, held_request: EntityContact
) -> None:
    listing = client.get("/delegations/contact-requests/")
    assert listing["Location"] == "/account/sign-in/?next=/delegations/contact-requests/"
    response = client.post(f"/delegations/contact-requests/{held_request.pk}/approve/")
    assert response.status_code == 302
    held_request.refresh_from_db()
    assert held_request.status == ContactStatus.SECRETARIAT


def test_service_refuses_a_delegation_deciding(france: User, held_request: EntityContact) -> None:
    with pytest.raises(PermissionDenied):
        approve_contact(actor=france, contact=held_request)


def test_address_taken_while_pending_goes_to_the_secretariat(
    as_france: Client, canada: User
) -> None:
    as_france.post("/delegations/FRA/", {"email": "shared@mission.example"})
    EntityContact.objects.create(entity=entity_of(canada), email="shared@mission.example")
    response = Client().post(confirmation_path("shared@mission.example"))
    assert "the Secretariat has been asked to decide" in response.content.decode()
    contact = EntityContact.objects.get(entity__code="FRA", email="shared@mission.example")
    assert contact.status == ContactStatus.SECRETARIAT
    assert sender_entity("shared@mission.example") == canada.entity


def test_removal_is_audited_and_told_to_the_other_contacts(as_france: Client, france: User) -> None:
    EntityContact.objects.create(entity=entity_of(france), email="mission@france.example")
    gone = EntityContact.objects.create(entity=entity_of(france), email="old@france.example")
    as_france.post(f"/delegations/FRA/contacts/{gone.pk}/remove/")
    assert [m.to for m in mail.outbox] == [["mission@france.example"]]
    assert "removed old@france.example" in mail.outbox[0].body
    entry = AuditEntry.objects.get(action="entity.contact_removed")
    assert (entry.actor, entry.subject) == (france, "old@france.example")


def test_one_address_is_confirmed_for_one_entity_only(france: User, canada: User) -> None:
    EntityContact.objects.create(entity=entity_of(france), email="mission@shared.example")
    with pytest.raises(IntegrityError), transaction.atomic():
        EntityContact.objects.create(entity=entity_of(canada), email="Mission@Shared.example")


def test_pending_request_does_not_block_the_holder(france: User, canada: User) -> None:
    EntityContact.objects.create(
        entity=entity_of(france), email="mission@shared.example", status=ContactStatus.PENDING
    )
    EntityContact.objects.create(entity=entity_of(canada), email="mission@shared.example")
    assert list(confirmed_contacts().values_list("entity__code", flat=True)) == ["CAN"]
