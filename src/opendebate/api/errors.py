"""Every error the API answers has one shape, {"code", "message"}, the shape of a refused
submission, so that a delegation's tool reads one kind of body whatever went wrong. Invalid
requests add "fields": each field's problems, as the serializer reported them."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views.defaults import page_not_found
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(*exc.args)
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(*exc.args)
    response = drf_exception_handler(exc, context)
    if response is None:  # not an API error: a server error, reported as such
        return None
    error: Any = exc  # an APIException: only those are answered
    if isinstance(error, exceptions.ValidationError):
        detail = error.detail
        fields = detail if isinstance(detail, dict) else {"non_field_errors": detail}
        response.data = {
            "code": "invalid",
            "message": _("The request is not valid: see fields."),
            "fields": fields,
        }
    else:
        response.data = {"code": str(error.get_codes()), "message": str(error.detail)}
    return response


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The site's 404 handler: an address under /api/ that matches no route (an identifier the
    route's pattern refuses, such as -1 or a code with a slash) gets the API's error body, not
    the HTML page a browser would."""
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"code": "not_found", "message": _("There is no such address in the API.")},
            status=404,
        )
    return page_not_found(request, exception)
