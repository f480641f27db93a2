"""The API against its own OpenAPI document, as served at /api/openapi.json: generated requests
for every operation, each sent as a delegation and as the Secretariat. No answer may be a server
error, and every status code, content type and body must be one the document declares.

Beside fully generated requests, each operation draws its path parameters from real records
(the open meeting, France's statement and receipt) and the submission sends real statements, so
that the answers that carry data (200, 201, 422) are checked too, not only the 400s and 404s of
made-up ones. Derandomized, so a run is repeatable.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Err, Ok
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from opendebate.accounts.models import User
from opendebate.meetings.models import Meeting
from opendebate.wsgi import application
from tests.conftest import submit_text
from tests.statements.conftest import ENGLISH

if TYPE_CHECKING:
    from schemathesis.specs.openapi.schemas import OpenApiCase

pytestmark = [pytest.mark.slow, pytest.mark.django_db]

OPERATIONS = [
    ("GET", "/api/meetings/"),
    ("POST", "/api/meetings/{id}/statements/"),
    ("POST", "/api/meetings/{id}/statements/{code}/withdraw/"),
    ("GET", "/api/statements/"),
    ("GET", "/api/receipts/{reference}/"),
]
# Whole requests that succeed or are refused on their merits, beside the generated ones (which
# rarely name a real entity or hold a statement in an official language).
REAL_BODIES = {
    ("POST", "/api/meetings/{id}/statements/"): [
        {"entity": "FRA", "heading": "Statement by France", "text": ENGLISH},
        {"entity": "FRA", "heading": "Statement by France", "text": "1234 5678"},
    ],
}
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@pytest.fixture
def api_schema(db: None) -> Iterator[schemathesis.BaseSchema]:
    # Requests go straight to the WSGI application, not through Django's test client, so the
    # start and end of each request would close the connection that holds the test's
    # transaction; the test client keeps it open the same way.
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/openapi.json", application)
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)


@pytest.fixture
def tokens(france: User, secretariat: User) -> list[str]:
    return [Token.objects.create(user=user).key for user in (france, secretariat)]


@pytest.fixture
def real_parameters(france: User, open_meeting: Meeting) -> dict[str, object]:
    assert france.entity is not None
    version = submit_text(open_meeting, france.entity, ENGLISH, user=france)
    return {"id": open_meeting.pk, "code": "FRA", "reference": version.receipt.reference}


def test_every_operation_is_exercised(api_schema: schemathesis.BaseSchema) -> None:
    results = list(api_schema.get_all_operations())
    assert [result.err() for result in results if isinstance(result, Err)] == []
    declared = [
        (result.ok().method.upper(), result.ok().path)
        for result in results
        if isinstance(result, Ok)
    ]
    assert sorted(declared) == sorted(OPERATIONS)


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_operation_conforms_to_the_schema(
    api_schema: schemathesis.BaseSchema,
    tokens: list[str],
    real_parameters: dict[str, object],
    method: str,
    path: str,
) -> None:
    operation = api_schema[path][method]
    names = {parameter.name for parameter in operation.path_parameters}
    real = {name: value for name, value in real_parameters.items() if name in names}
    strategies = [operation.as_strategy()]
    if real:
        strategies.append(operation.as_strategy(path_parameters=real))
    strategies += [
        operation.as_strategy(path_parameters=real, body=body, media_type="application/json")
        for body in REAL_BODIES.get((method, path), [])
    ]
    cases = st.one_of(strategies)

    @given(case=cases)
    @settings(
        max_examples=100,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    def conforms(case: OpenApiCase) -> None:
        for token in tokens:
            case.call_and_validate(headers={"Authorization": f"Token {token}"}, checks=CHECKS)

    conforms()
