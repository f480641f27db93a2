"""From an imported letter (the importer's JSON) to the review form, and on to a meeting.

The importer is pure and knows nothing of the database; this module gives it the registry's
names and turns its result into what a Secretariat officer reviews before anything is saved.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from opendebate.common.languages import Language
from opendebate.entities.models import Entity
from opendebate.meetings.forms import sign_payload
from opendebate.meetings.importer import LetterImport, parse_letter
from opendebate.meetings.termbase import translate_function


def entity_names() -> dict[str, str]:
    """Every name form of every entity, in the six languages, mapped to its code."""
    names: dict[str, str] = {}
    for entity in Entity.objects.all():
        for language in Language:
            names[entity.name(language.value)] = entity.code
            names[entity.running_name(language.value)] = entity.code
    return names


def import_letter(text: str) -> LetterImport:
    return parse_letter(text, entities=entity_names())


# Which part of the importer's JSON each review field comes from.
FIELD_SOURCES = {
    "title": "meeting.title",
    "format": "meeting.format",
    "meeting_date": "meeting.date",
    "meeting_time": "meeting.time",
    "presidency": "letter.sender",
    "chair": "meeting.chair",
    "letter_signatory_function": "letter.sender_function",
    "letter_date": "letter.date",
    "letter_symbol": "letter.symbol",
    "letter_language": "letter.language",
    "letter_original_language": "letter.original_language",
    "intake_address": "submissions.address",
    "word_guidance": "submissions.word_guidance",
    "deadline": "submissions.deadline",
    "deadline_wording": "submissions.deadline_wording",
    "briefers": "meeting.briefers",
}


def _in_letter_language(function: str | None, language: str) -> str:
    """The sender's function, which the importer gives as an English label ("Permanent
    Representative"), in the letter's language when the termbase knows it."""
    if not function:
        return ""
    translated = translate_function(function, "en")
    return translated[language] if translated else function


def review_initial(result: dict[str, Any], sources: dict[str, str]) -> dict[str, Any]:
    """Initial values of the review form from the importer's JSON (nulls left empty)."""
    letter, meeting, submissions = result["letter"], result["meeting"], result["submissions"]
    deadline = submissions.get("deadline")
    briefers = "\n".join(
        f"{briefer.get('function') or ''} | {briefer.get('name') or ''}".rstrip(" |")
        for briefer in meeting.get("briefers") or []
    )
    language = letter.get("language") or "en"
    return {
        "title": meeting.get("title") or "",
        "format": meeting.get("format") or "open_debate",
        "meeting_date": meeting.get("date"),
        "meeting_time": meeting.get("time") or "10:00",
        "presidency": letter.get("sender"),
        "chair": meeting.get("chair") or "",
        "letter_signatory_function": _in_letter_language(letter.get("sender_function"), language),
        "letter_date": letter.get("date"),
        "letter_symbol": letter.get("symbol") or "",
        "letter_language": language,
        "letter_original_language": letter.get("original_language") or language,
        "intake_address": submissions.get("address") or "",
        "word_guidance": submissions.get("word_guidance"),
        "deadline": (
            timezone.localtime(datetime.datetime.fromisoformat(deadline)).strftime("%Y-%m-%dT%H:%M")
            if deadline
            else None
        ),
        "deadline_wording": submissions.get("deadline_wording") or "",
        "late_policy": "accept",
        "briefers": briefers,
        "payload": sign_payload(
            {
                "concept_note": {language: result["concept_note"]["sections"]},
                "sources": {field: sources.get(key, "") for field, key in FIELD_SOURCES.items()},
                "warnings": result["warnings"],
            }
        ),
    }
