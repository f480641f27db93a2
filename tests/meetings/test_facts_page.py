"""The Secretariat's page of a meeting's facts in six languages: what is missing, filling it."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from opendebate.common.languages import Language
from opendebate.common.models import AuditEntry
from opendebate.meetings.demo import create_seed_meeting
from opendebate.meetings.models import Meeting
from tests.conftest import signed_in

pytestmark = pytest.mark.django_db

FIELDS = (
    "titles",
    "agenda_items",
    "chair_names",
    "chair_functions",
    "letter_signatory_names",
    "letter_signatory_functions",
)


@pytest.fixture
def seed() -> Meeting:
    return create_seed_meeting()


def posted(meeting: Meeting, **changes: dict[str, str]) -> dict[str, str]:
    """The form as the page sends it: every fact of `meeting`, with `changes` replacing some."""
    facts: dict[str, dict[str, str]] = {name: getattr(meeting, name) for name in FIELDS}
    for briefer in meeting.briefers.all():
        facts[f"briefer_{briefer.pk}_names"] = briefer.names
        facts[f"briefer_{briefer.pk}_functions"] = briefer.functions
    facts.update(changes)
    return {
        f"{name}_{language}": texts.get(language, "")
        for name, texts in facts.items()
        for language in Language.values
    }


def test_page_flags_the_languages_a_fact_lacks(as_secretariat: Client, seed: Meeting) -> None:
    seed.chair_names = {"en": "Abdou Abarry", "fr": "Abdou Abarry", "es": "Abdou Abarry"}
    seed.save()
    response = as_secretariat.get(f"/meetings/{seed.pk}/facts/")
    assert response.status_code == 200
    chair = str(response.context["form"]["chair_names"])
    rows = chair.split('<div class="language-text')[1:]
    flagged = [
        re.findall(r"<label[^>]*>([^<]+)</label>", row)[0] for row in rows if "--missing" in row
    ]
    assert flagged == ["العربية", "中文", "Русский"]
    assert chair.count("status--no") == 3
    assert 'lang="ar" dir="rtl"' in chair
    # The letter's six versions: this fact is not in the letter, so all can be issued.
    assert [missing for _language, missing in response.context["versions"]] == [[]] * 6


def test_page_lists_what_stops_the_chinese_letter(as_secretariat: Client, seed: Meeting) -> None:
    seed.letter_signatory_names.pop("zh")
    seed.save()
    response = as_secretariat.get(f"/meetings/{seed.pk}/facts/")
    versions = dict(response.context["versions"])
    assert [str(item) for item in versions[Language.CHINESE]] == ["Signatory's name: Chinese"]
    assert "Signatory&#x27;s name: Chinese" in response.content.decode()


def test_saving_fills_from_the_termbase_and_shares_latin_names(
    as_secretariat: Client, seed: Meeting
) -> None:
    data = posted(
        seed,
        chair_names={"en": "Sven Jürgenson", "zh": "斯文·于尔根松", "ar": "سفين يورغنسون"},
        chair_functions={"ar": "الممثل الدائم لإستونيا لدى الأمم المتحدة"},
    )
    response = as_secretariat.post(f"/meetings/{seed.pk}/facts/", data)
    assert response.status_code == 302
    seed.refresh_from_db()
    assert seed.chair_names == {
        "ar": "سفين يورغنسون",
        "zh": "斯文·于尔根松",
        "en": "Sven Jürgenson",
        "fr": "Sven Jürgenson",
        "es": "Sven Jürgenson",
    }
    assert seed.chair_functions["zh"] == "爱沙尼亚常驻联合国代表"
    assert seed.chair_functions["en"] == "Permanent Representative of Estonia to the United Nations"
    assert AuditEntry.objects.filter(action="meeting.facts_updated").count() == 1


def test_briefer_facts_are_saved_per_language(as_secretariat: Client, seed: Meeting) -> None:
    third = seed.briefers.all()[2]
    data = posted(
        seed, **{f"briefer_{third.pk}_names": {"en": "Hajer Sharief", "zh": "哈杰尔·谢里夫"}}
    )
    assert as_secretariat.post(f"/meetings/{seed.pk}/facts/", data).status_code == 302
    third.refresh_from_db()
    assert third.names == {
        "zh": "哈杰尔·谢里夫",
        "en": "Hajer Sharief",
        "fr": "Hajer Sharief",
        "es": "Hajer Sharief",
    }


def test_a_title_in_no_language_is_refused_and_nothing_changes(
    as_secretariat: Client, seed: Meeting
) -> None:
    before = dict(seed.titles)
    response = as_secretariat.post(f"/meetings/{seed.pk}/facts/", posted(seed, titles={}))
    assert response.status_code == 422
    assert "Enter it in at least one language." in response.content.decode()
    seed.refresh_from_db()
    assert seed.titles == before


def test_an_oversized_name_is_refused(as_secretariat: Client, seed: Meeting) -> None:
    data = posted(seed, chair_names={"zh": "阿" * 201})
    response = as_secretariat.post(f"/meetings/{seed.pk}/facts/", data)
    assert response.status_code == 422
    assert response.context["form"].errors["chair_names"] == [
        "Ensure this value has at most 200 characters (it has 201)."
    ]
    # What was typed is shown back to correct, not lost.
    assert "阿" * 201 in response.content.decode()


@pytest.mark.parametrize("persona", ["as_france", "as_presidency"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_wrong_delegation_is_refused(
    request: pytest.FixtureRequest, persona: str, method: str, seed: Meeting
) -> None:
    client: Client = request.getfixturevalue(persona)
    before = dict(seed.chair_names)
    data: dict[str, Any] = posted(seed, chair_names={"en": "Someone Else"})
    response = getattr(client, method)(f"/meetings/{seed.pk}/facts/", data)
    assert response.status_code == 403
    seed.refresh_from_db()
    assert seed.chair_names == before
    assert AuditEntry.objects.filter(action="access.refused").count() == 1


def test_anonymous_is_sent_to_sign_in(client: Client, seed: Meeting) -> None:
    response = client.post(f"/meetings/{seed.pk}/facts/", posted(seed))
    assert response.status_code == 302
    assert "login" in response["Location"] or "sign" in response["Location"]


def test_page_in_arabic_flags_missing_in_arabic(secretariat: Any, seed: Meeting) -> None:
    seed.chair_names = {"en": "Abdou Abarry"}
    seed.save()
    client = signed_in(secretariat)
    html = client.get(f"/meetings/{seed.pk}/facts/", headers={"accept-language": "ar"})
    text = html.content.decode()
    assert '<html lang="ar" dir="rtl">' in text
    assert "البيانات باللغات الست" in text
    assert '<span class="status status--no">ناقص</span>' in text


def test_public_page_shows_the_chair_and_briefers_in_the_readers_language(seed: Meeting) -> None:
    html = Client(headers={"accept-language": "zh-hans"}).get(f"/meetings/{seed.pk}/")
    text = html.content.decode()
    assert '<span lang="zh-hans" dir="ltr">阿卜杜·阿巴里</span>' in text
    assert '<span lang="zh-hans" dir="ltr">主管和平行动助理秘书长</span>' in text
