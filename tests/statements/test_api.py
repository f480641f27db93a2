from __future__ import annotations

import base64
import hashlib
import random

import docx
import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from opendebate.accounts.models import User
from opendebate.common.models import AuditEntry
from opendebate.meetings.models import Meeting
from opendebate.statements.models import RefusedSubmission, StatementVersion
from tests.statements.conftest import CHINESE, ENGLISH
from tests.statements.fixtures import docx_bytes, with_members

pytestmark = pytest.mark.django_db


def api(user: User | None = None) -> APIClient:
    client = APIClient()
    if user is not None:
        token, _created = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def test_openapi_document_is_served() -> None:
    schema = api().get("/api/openapi.json", HTTP_ACCEPT="application/json")
    assert schema.status_code == 200
    body = schema.json() if schema["Content-Type"].startswith("application/json") else None
    assert body is not None
    assert body["openapi"].startswith("3.")
    assert sorted(body["paths"]) == [
        "/api/meetings/",
        "/api/meetings/{id}/statements/",
        "/api/meetings/{id}/statements/{code}/withdraw/",
        "/api/receipts/{reference}/",
        "/api/statements/",
    ]


def test_anonymous_is_refused() -> None:
    assert api().get("/api/statements/").status_code == 401


def test_delegation_submits_text_and_gets_a_receipt(france: User, open_meeting: Meeting) -> None:
    response = api(france).post(
        f"/api/meetings/{open_meeting.pk}/statements/",
        {"heading": "Statement by France", "text": ENGLISH},
        format="json",
    )
    assert response.status_code == 201
    body = response.json()
    assert body["language"] == "en"
    assert body["receipt"]["reference"].endswith("/FRA/v1")
    assert StatementVersion.objects.get().channel == "api"
    listed = api(france).get("/api/statements/").json()
    assert [statement["entity"] for statement in listed] == ["FRA"]


def test_delegation_submits_a_file(france: User, open_meeting: Meeting) -> None:
    response = api(france).post(
        f"/api/meetings/{open_meeting.pk}/statements/",
        {
            "heading": "声明",
            "file_base64": base64.b64encode(CHINESE.encode()).decode(),
            "filename": "声明.txt",
        },
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["language"] == "zh"
    assert StatementVersion.objects.get().original_name == "声明.txt"


def test_a_file_near_the_upload_limit_is_accepted(france: User, open_meeting: Meeting) -> None:
    # A statement with 9.5 MiB of pictures (random bytes: they do not compress): base64 makes a
    # JSON body of nearly 13 MiB, over Django's default limit.
    document = docx.Document()
    document.add_paragraph(ENGLISH)
    picture = random.Random(7).randbytes(int(9.5 * 1024 * 1024))  # noqa: S311
    data = with_members(docx_bytes(document), **{"word/media/photo.png": picture})
    response = api(france).post(
        f"/api/meetings/{open_meeting.pk}/statements/",
        {
            "heading": "Statement by France",
            "file_base64": base64.b64encode(data).decode(),
            "filename": "statement.docx",
        },
        format="json",
    )
    assert response.status_code == 201, response.content[:200]
    assert StatementVersion.objects.get().sha256 == hashlib.sha256(data).hexdigest()


def test_wrong_delegation_is_refused_by_the_api(
    france: User, canada: User, open_meeting: Meeting
) -> None:
    response = api(france).post(
        f"/api/meetings/{open_meeting.pk}/statements/",
        {"entity": "CAN", "heading": "x", "text": ENGLISH},
        format="json",
    )
    assert response.status_code == 403
    assert AuditEntry.objects.filter(action="access.refused", actor=france).exists()
    api(canada).post(
        f"/api/meetings/{open_meeting.pk}/statements/",
        {"heading": "x", "text": ENGLISH},
        format="json",
    )
    assert api(france).get("/api/statements/").json() == []
    reference = StatementVersion.objects.get().receipt.reference
    assert api(france).get(f"/api/receipts/{reference}/").status_code == 403
    assert api(canada).get(f"/api/receipts/{reference}/").status_code == 200
    assert (
        api(france).post(f"/api/meetings/{open_meeting.pk}/statements/CAN/withdraw/").status_code
        == 403
    )


def test_refusal_is_explained_and_kept(france: User, open_meeting: Meeting) -> None:
    response = api(france).post(
        f"/api/meetings/{open_meeting.pk}/statements/",
        {
            "heading": "x",
            "file_base64": base64.b64encode(b"%PDF-1.4 broken").decode(),
            "filename": "s.pdf",
        },
        format="json",
    )
    assert response.status_code == 422
    assert response.json()["code"] in {"corrupt", "no_text_layer"}
    assert RefusedSubmission.objects.get().original_name == "s.pdf"


def test_secretariat_lists_everything(
    secretariat: User, france: User, canada: User, open_meeting: Meeting
) -> None:
    for user in (france, canada):
        api(user).post(
            f"/api/meetings/{open_meeting.pk}/statements/",
            {"heading": "x", "text": ENGLISH},
            format="json",
        )
    listed = api(secretariat).get("/api/statements/").json()
    assert sorted(statement["entity"] for statement in listed) == ["CAN", "FRA"]


def test_withdraw_through_the_api(france: User, open_meeting: Meeting) -> None:
    client = api(france)
    client.post(
        f"/api/meetings/{open_meeting.pk}/statements/",
        {"heading": "x", "text": ENGLISH},
        format="json",
    )
    response = client.post(f"/api/meetings/{open_meeting.pk}/statements/FRA/withdraw/")
    assert response.status_code == 200
    assert response.json()["status"] == "withdrawn"
