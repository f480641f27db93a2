"""Every API error has the refusal's shape, {"code", "message"}, with "fields" when the request
was not valid; an address under /api/ that matches no route answers the same way."""

from __future__ import annotations

import pytest
from django.test import Client

from opendebate.accounts.models import User
from opendebate.meetings.models import Meeting
from tests.statements.test_api import api

pytestmark = pytest.mark.django_db


def test_missing_token_is_a_refusal() -> None:
    response = api().get("/api/statements/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json() == {
        "code": "not_authenticated",
        "message": "Authentication credentials were not provided.",
    }


def test_invalid_request_names_its_fields(france: User, open_meeting: Meeting) -> None:
    client = api(france)
    url = f"/api/meetings/{open_meeting.pk}/statements/"
    response = client.post(url, {"text": "x"}, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "code": "invalid",
        "message": "The request is not valid: see fields.",
        "fields": {"heading": ["This field is required."]},
    }
    both = client.post(url, {"heading": "x", "text": "y", "file_base64": "eQ=="}, format="json")
    assert both.json()["fields"] == {
        "non_field_errors": ["Send either text or file_base64, not both."]
    }


def test_unknown_record_and_unknown_address_are_json(france: User) -> None:
    client = api(france)
    assert client.get("/api/receipts/no-such-reference/").json() == {
        "code": "not_found",
        "message": "No Receipt matches the given query.",
    }
    # -1 does not match the route's <int:pk>; the site's own 404 page would be HTML.
    unrouted = client.post("/api/meetings/-1/statements/", {}, format="json")
    assert (unrouted.status_code, unrouted["Content-Type"]) == (404, "application/json")
    assert unrouted.json() == {
        "code": "not_found",
        "message": "There is no such address in the API.",
    }


def test_pages_outside_the_api_keep_the_html_404(client: Client) -> None:
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"] == "text/html; charset=utf-8"
