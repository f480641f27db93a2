"""A delegation acts only for its own entity: every page of one is refused to the others."""

from __future__ import annotations

import pytest
from django.test import Client

from opendebate.accounts.models import User
from opendebate.common.models import AuditEntry
from opendebate.entities.enums import ContactStatus
from opendebate.entities.models import Entity, EntityContact
from tests.conftest import entity_of

pytestmark = pytest.mark.django_db


def test_delegation_opens_its_own_page(as_france: Client) -> None:
    response = as_france.get("/delegations/FRA/")
    assert response.status_code == 200
    assert "Франция" in response.content.decode()


def test_wrong_delegation_is_refused_and_audited(as_france: Client, france: User) -> None:
    response = as_france.get("/delegations/CAN/")
    assert response.status_code == 403
    entry = AuditEntry.objects.get(action="access.refused")
    assert entry.entity is not None
    assert (entry.actor, entry.entity.code, entry.subject) == (france, "CAN", "/delegations/CAN/")


def test_wrong_delegation_cannot_add_a_contact(as_france: Client) -> None:
    response = as_france.post("/delegations/CAN/", {"email": "spoof@france.example"})
    assert response.status_code == 403
    assert not EntityContact.objects.filter(email="spoof@france.example").exists()


def test_wrong_delegation_cannot_remove_a_contact(as_france: Client, canada: User) -> None:
    contact = EntityContact.objects.create(entity=entity_of(canada), email="mission@canada.example")
    response = as_france.post(f"/delegations/CAN/contacts/{contact.pk}/remove/")
    assert response.status_code == 403
    assert EntityContact.objects.filter(pk=contact.pk).exists()


def test_contact_of_another_entity_is_not_found_through_own_page(
    as_france: Client, canada: User
) -> None:
    contact = EntityContact.objects.create(entity=entity_of(canada), email="mission@canada.example")
    response = as_france.post(f"/delegations/FRA/contacts/{contact.pk}/remove/")
    assert response.status_code == 404
    assert EntityContact.objects.filter(pk=contact.pk).exists()


def test_presidency_is_refused_another_delegation(as_presidency: Client) -> None:
    assert as_presidency.get("/delegations/FRA/").status_code == 403
    assert as_presidency.get("/delegations/NER/").status_code == 200


def test_secretariat_opens_every_delegation(as_secretariat: Client) -> None:
    assert as_secretariat.get("/delegations/FRA/").status_code == 200
    assert as_secretariat.get("/delegations/CAN/").status_code == 200


def test_anonymous_is_sent_to_sign_in(client: Client) -> None:
    response = client.get("/delegations/FRA/")
    assert response.status_code == 302
    assert response["Location"] == "/account/sign-in/?next=/delegations/FRA/"


def test_delegation_adds_and_removes_its_contact(as_france: Client, france: User) -> None:
    response = as_france.post(
        "/delegations/FRA/", {"email": "Mission@France.example", "label": "Shared mailbox"}
    )
    assert response.status_code == 302
    contact = EntityContact.objects.get(entity=france.entity)
    assert (contact.email, contact.label, contact.status) == (
        "mission@france.example",
        "Shared mailbox",
        ContactStatus.PENDING,
    )
    duplicate = as_france.post("/delegations/FRA/", {"email": "mission@france.example"})
    assert "already a contact" in duplicate.content.decode()
    as_france.post(f"/delegations/FRA/contacts/{contact.pk}/remove/")
    assert not EntityContact.objects.filter(pk=contact.pk).exists()
    assert list(
        AuditEntry.objects.filter(entity=france.entity).values_list("action", flat=True)
    ) == ["entity.contact_removed", "entity.contact_requested"]


def test_unknown_entity_is_not_found(as_secretariat: Client) -> None:
    assert as_secretariat.get("/delegations/XXX/").status_code == 404


def test_delegation_is_refused_the_admin_and_audited(as_france: Client, france: User) -> None:
    response = as_france.get("/admin/", follow=True)
    assert response.status_code == 403
    assert AuditEntry.objects.filter(action="access.refused", actor=france).exists()


def test_presidency_is_refused_the_admin(as_presidency: Client) -> None:
    assert as_presidency.get("/admin/", follow=True).status_code == 403


def test_anonymous_admin_goes_to_our_sign_in(client: Client) -> None:
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/account/sign-in/")


def test_verified_secretariat_uses_the_admin(as_secretariat: Client) -> None:
    assert as_secretariat.get("/admin/").status_code == 200
    assert as_secretariat.get("/admin/entities/entity/").status_code == 200


def test_audit_log_cannot_be_edited_from_the_admin(as_secretariat: Client, france: User) -> None:
    entry = AuditEntry.objects.create(action="test.entry", subject="x")
    assert as_secretariat.get("/admin/common/auditentry/add/").status_code == 403
    added = as_secretariat.post("/admin/common/auditentry/add/", {"action": "forged"})
    assert added.status_code == 403
    assert not AuditEntry.objects.filter(action="forged").exists()
    assert as_secretariat.get(f"/admin/common/auditentry/{entry.pk}/change/").status_code == 200
    response = as_secretariat.post(
        f"/admin/common/auditentry/{entry.pk}/change/", {"action": "forged", "subject": "y"}
    )
    assert response.status_code == 403
    assert (
        as_secretariat.post(
            f"/admin/common/auditentry/{entry.pk}/delete/", {"post": "yes"}
        ).status_code
        == 403
    )
    entry.refresh_from_db()
    assert (entry.action, entry.subject) == ("test.entry", "x")


def test_delegation_user_must_have_an_entity() -> None:
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        User.objects.create_user(
            "x@example.org", "a long enough password", full_name="X", role="delegation"
        )
    with pytest.raises(ValidationError):
        User.objects.create_user(
            "y@example.org", "a long enough password", full_name="Y", role="secretariat",
            entity=Entity.objects.get(code="FRA"),
        )  # fmt: skip
