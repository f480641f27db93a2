from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from opendebate.compilation.views_public import issued_compilations
from opendebate.meetings.queries import meetings_visible_to, open_or_upcoming

# The home page lists a few; /documents/ has them all.
LATEST_COMPILATIONS = 5


def home(request: HttpRequest) -> HttpResponse:
    """What is open now and what was issued last: the meetings taking statements or coming up,
    with their deadlines, and the latest issued compilations."""
    now = timezone.now()
    context = {
        "meetings": open_or_upcoming(meetings_visible_to(request.user), now),
        "compilations": issued_compilations()[:LATEST_COMPILATIONS],
        "now": now,
    }
    return render(request, "common/home.html", context)
