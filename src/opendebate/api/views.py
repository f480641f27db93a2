"""The HTTP API: the same services as the web, for delegations' and the Secretariat's tools."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.decorators import api_view
from rest_framework.request import Request
from rest_framework.response import Response

from opendebate.accounts.models import User
from opendebate.accounts.permissions import can_act_for, refuse
from opendebate.api.serializers import (
    MeetingSerializer,
    ReceiptSerializer,
    RefusalSerializer,
    StatementSerializer,
    SubmitSerializer,
    SubmittedSerializer,
)
from opendebate.entities.models import Entity
from opendebate.ingest import safe_filename
from opendebate.meetings.queries import meetings_visible_to
from opendebate.statements import pipeline, services
from opendebate.statements.content import Received, SubmissionRefused, SubmissionThrottled
from opendebate.statements.enums import Channel
from opendebate.statements.models import Receipt, Statement
from opendebate.statements.pipeline import PASTED_NAME
from opendebate.statements.queries import statements_for_meeting


class AuthenticatedRequest(Request):
    """A DRF request once IsAuthenticated (the default permission) has let it through."""

    user: User


_ERRORS = {
    400: OpenApiResponse(RefusalSerializer, description="Not valid: `fields` says why."),
    401: OpenApiResponse(RefusalSerializer, description="No valid token was given."),
    403: OpenApiResponse(RefusalSerializer, description="Not your delegation's."),
    404: OpenApiResponse(RefusalSerializer, description="No such record that you can see."),
    422: OpenApiResponse(RefusalSerializer, description="Refused: `message` says why."),
    429: OpenApiResponse(
        RefusalSerializer, description="Too many versions from this entity this minute."
    ),
}


def _responses(ok: dict[int, object], *errors: int) -> dict[int, object]:
    """The operation's success and the errors it may answer; every operation may answer 401."""
    return {**ok, **{code: _ERRORS[code] for code in (401, *errors)}}


def _refusal(
    refusal: SubmissionRefused, code: int = status.HTTP_422_UNPROCESSABLE_ENTITY
) -> Response:
    return Response({"code": refusal.code, "message": refusal.message}, status=code)


def _own_statements(user: User) -> list[Statement]:
    statements = Statement.objects.select_related("entity").prefetch_related("versions__receipt")
    if not user.is_secretariat:
        statements = statements.filter(entity=user.entity)
    return list(statements.order_by("meeting_id", "entity__sort_key"))


@extend_schema(responses=_responses({200: MeetingSerializer(many=True)}))
@api_view(["GET"])
def meetings(request: AuthenticatedRequest) -> Response:
    """Meetings you can see (confirmed ones; drafts too for the Secretariat)."""
    return Response(MeetingSerializer(meetings_visible_to(request.user), many=True).data)


@extend_schema(responses=_responses({200: StatementSerializer(many=True)}))
@api_view(["GET"])
def statements(request: AuthenticatedRequest) -> Response:
    """Your delegation's statements with every version and receipt (the Secretariat: all)."""
    return Response(StatementSerializer(_own_statements(request.user), many=True).data)


@extend_schema(
    request=SubmitSerializer,
    responses=_responses({201: SubmittedSerializer}, 400, 403, 404, 422, 429),
    parameters=[
        OpenApiParameter(
            "Retry-After",
            int,
            OpenApiParameter.HEADER,
            response=[429],
            description="Seconds until the entity may submit again.",
        )
    ],
)
@api_view(["POST"])
def submit(request: AuthenticatedRequest, pk: int) -> Response:
    """Submit or revise your delegation's statement; the response carries the receipt."""
    received_at = timezone.now()
    user = request.user
    meeting = get_object_or_404(meetings_visible_to(user), pk=pk)
    serializer = SubmitSerializer(data=request.data)
    serializer.is_valid(raise_exception=True)
    data = serializer.validated_data
    code = data.get("entity") or (user.entity.code if user.entity else "")
    entity = get_object_or_404(Entity, code=code)
    if not can_act_for(user, entity):
        refuse(request, entity=entity, reason="not this delegation")
        return Response(
            {"code": "forbidden", "message": "You may only submit for your own delegation."},
            status=status.HTTP_403_FORBIDDEN,
        )
    pasted = "file" not in data
    received = Received(
        data=data["text"].encode("utf-8") if pasted else data["file"],
        name=PASTED_NAME if pasted else safe_filename(data["filename"]),
        pasted=pasted,
        heading=data["heading"],
        signatory_name=data.get("signatory_name", ""),
        signatory_function=data.get("signatory_function", ""),
        language=data.get("language") or None,
    )
    arrival = pipeline.Arrival(meeting, entity, Channel.API, received_at, user=user)
    try:
        submitted = pipeline.submit(arrival, received)
    except SubmissionThrottled as refusal:
        response = _refusal(refusal, status.HTTP_429_TOO_MANY_REQUESTS)
        response["Retry-After"] = str(refusal.retry_after)
        return response
    except SubmissionRefused as refusal:
        return _refusal(refusal)
    except PermissionDenied as denied:
        return Response(
            {"code": "forbidden", "message": str(denied)}, status=status.HTTP_403_FORBIDDEN
        )
    body = SubmittedSerializer(submitted.version, context={"warnings": submitted.warnings}).data
    return Response(body, status=status.HTTP_201_CREATED)


@extend_schema(request=None, responses=_responses({200: StatementSerializer}, 403, 404, 422))
@api_view(["POST"])
def withdraw(request: AuthenticatedRequest, pk: int, code: str) -> Response:
    """Withdraw your delegation's statement before the deadline."""
    user = request.user
    meeting = get_object_or_404(meetings_visible_to(user), pk=pk)
    entity = get_object_or_404(Entity, code=code)
    if not can_act_for(user, entity):
        refuse(request, entity=entity, reason="not this delegation")
        return Response(
            {
                "code": "forbidden",
                "message": "You may only withdraw your own delegation's statement.",
            },
            status=status.HTTP_403_FORBIDDEN,
        )
    statement = get_object_or_404(statements_for_meeting(meeting), entity=entity)
    try:
        services.withdraw_statement(user=user, statement=statement, at=timezone.now())
    except SubmissionRefused as refusal:
        return _refusal(refusal)
    return Response(StatementSerializer(statement).data)


@extend_schema(responses=_responses({200: ReceiptSerializer}, 403, 404))
@api_view(["GET"])
def receipt(request: AuthenticatedRequest, reference: str) -> Response:
    """One receipt, by its reference."""
    found = get_object_or_404(
        Receipt.objects.select_related("version__statement__entity"), reference=reference
    )
    if not can_act_for(request.user, found.version.statement.entity):
        refuse(request, entity=found.version.statement.entity, reason="not this delegation")
        return Response(
            {"code": "forbidden", "message": "Not your delegation's receipt."}, status=403
        )
    return Response(ReceiptSerializer(found).data)
