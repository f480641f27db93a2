"""Each fact of the compilation letter in the letter's language: the list of what is missing,
the placeholder in a draft, the refusal to issue, and the Secretariat's forms that fill them."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from opendebate.accounts.models import User
from opendebate.common.models import AuditEntry
from opendebate.compilation import services
from opendebate.compilation.build import build_document, entries
from opendebate.compilation.dates import proposed_letter_date
from opendebate.compilation.enums import CompilationStatus
from opendebate.compilation.facts import compilation_missing
from opendebate.compilation.models import Compilation, DeliveredStatement
from opendebate.meetings.models import Meeting

pytestmark = pytest.mark.django_db


def letter_text(compilation: Compilation) -> str:
    document = build_document(compilation, entries(compilation))
    assert document.signature is not None
    return " ".join([*(block.text for block in document.body), *document.signature.lines])


def missing(compilation: Compilation) -> list[str]:
    return [str(item) for item in compilation_missing(compilation, entries(compilation))]


def dated(debate: Meeting, secretariat: User, language: str) -> Compilation:
    """The debate's compilation in `language`, its letter dated."""
    compilation = services.start_compilation(user=secretariat, meeting=debate, language=language)
    return services.set_letter(
        user=secretariat,
        compilation=compilation,
        letter_date=proposed_letter_date(debate),
        original_language=compilation.original_language,
    )


def chinese(debate: Meeting, secretariat: User) -> Compilation:
    return dated(debate, secretariat, "zh")


def test_english_compilation_lacks_nothing(debate: Meeting, secretariat: User) -> None:
    compilation = services.start_compilation(user=secretariat, meeting=debate, language="en")
    assert missing(compilation) == []


def test_chinese_compilation_lists_each_name_it_lacks(debate: Meeting, secretariat: User) -> None:
    # The speakers were recorded in Latin script only; their functions the termbase knows.
    assert missing(chinese(debate, secretariat)) == [
        "Name of Bintou Keita: Chinese",
        "Name of Louise Mushikiwabo: Chinese",
        "Name of Abdou Abarry: Chinese",
    ]


def test_chinese_draft_shows_placeholders_never_latin_names(
    debate: Meeting, secretariat: User
) -> None:
    text = letter_text(chinese(debate, secretariat))
    assert text.count("[缺少中文姓名]") == 3
    assert "Bintou" not in text
    assert "Abarry" not in text
    assert "主管非洲事务助理秘书长" in text  # the functions, from the termbase
    # The President signs with the seed meeting's Chinese rendering.
    assert "（签名）阿卜杜·阿巴里" in text


def test_arabic_draft_marks_a_missing_function_in_arabic(
    debate: Meeting, secretariat: User
) -> None:
    keita = DeliveredStatement.objects.get(meeting=debate, speaker_names__en="Bintou Keita")
    keita.speaker_functions = {"en": "Special Envoy for Lake Chad"}
    keita.save()
    compilation = dated(debate, secretariat, "ar")
    assert "Title of Bintou Keita: Arabic" in missing(compilation)
    text = letter_text(compilation)
    assert "[المنصب غير متوفر بالعربية]" in text
    assert "Lake Chad" not in text


def test_issue_is_refused_while_a_fact_is_missing(debate: Meeting, secretariat: User) -> None:
    compilation = chinese(debate, secretariat)
    with pytest.raises(ValidationError) as refused:
        services.issue(
            user=secretariat, compilation=compilation, symbol="S/2020/900",
            issued_on=proposed_letter_date(debate), letter_date=proposed_letter_date(debate),
        )  # fmt: skip
    assert refused.value.messages == [
        "The Chinese version lacks these facts in its language: Name of Bintou Keita: Chinese; "
        "Name of Louise Mushikiwabo: Chinese; Name of Abdou Abarry: Chinese. Enter them on "
        "this page, then issue it."
    ]
    compilation.refresh_from_db()
    assert (compilation.symbol, compilation.issuing) == ("", False)


def test_page_lists_the_missing_facts_and_issue_is_refused(
    as_secretariat: Client, debate: Meeting, secretariat: User
) -> None:
    compilation = chinese(debate, secretariat)
    html = as_secretariat.get(f"/meetings/{debate.pk}/compilation/").content.decode()
    assert "The Chinese version cannot be issued" in html
    assert "<li>Name of Louise Mushikiwabo: Chinese</li>" in html
    response = as_secretariat.post(
        f"/meetings/{debate.pk}/compilation/{compilation.pk}/issue/",
        {"symbol": "S/2020/900", "issued_on": "2020-09-10", "letter_date": "2020-09-10"},
    )
    assert response.status_code == 422
    assert "The Chinese version lacks these facts in its language" in response.content.decode()
    compilation.refresh_from_db()
    assert (compilation.status, compilation.issuing) == (CompilationStatus.DRAFT, False)


def test_filling_the_chinese_names_lets_the_version_be_issued(
    as_secretariat: Client, debate: Meeting, secretariat: User
) -> None:
    compilation = chinese(debate, secretariat)
    renderings = {
        "Bintou Keita": "班图·凯塔",
        "Louise Mushikiwabo": "路易丝·穆希基瓦博",
        "Abdou Abarry": "阿卜杜·阿巴里",
    }
    for latin, rendering in renderings.items():
        statement = DeliveredStatement.objects.get(meeting=debate, speaker_names__en=latin)
        prefix = f"speaker-{statement.pk}"
        functions = {
            f"{prefix}-speaker_functions_{language}": text
            for language, text in statement.speaker_functions.items()
        }
        response = as_secretariat.post(
            f"/meetings/{debate.pk}/compilation/delivered/{statement.pk}/",
            {
                f"{prefix}-speaker_names_en": latin,
                f"{prefix}-speaker_names_zh": rendering,
                **functions,
            },
        )
        assert response.status_code == 302
    assert missing(compilation) == []
    assert "班图·凯塔" in letter_text(compilation)
    issuing = services.issue(
        user=secretariat, compilation=compilation, symbol="S/2020/900",
        issued_on=proposed_letter_date(debate), letter_date=proposed_letter_date(debate),
    )  # fmt: skip
    assert issuing.issuing
    assert AuditEntry.objects.filter(action="compilation.speaker_updated").count() == 3


def test_speaker_form_fills_the_title_from_the_termbase_in_arabic(
    as_secretariat: Client, debate: Meeting
) -> None:
    statement = DeliveredStatement.objects.get(meeting=debate, speaker_names__en="Dang Dinh Quy")
    prefix = f"speaker-{statement.pk}"
    response = as_secretariat.post(
        f"/meetings/{debate.pk}/compilation/delivered/{statement.pk}/",
        {
            f"{prefix}-speaker_names_en": "Dang Dinh Quy",
            f"{prefix}-speaker_names_ar": "دانغ دينه كوي",
            f"{prefix}-speaker_functions_en": "Permanent Representative of Viet Nam to the United Nations",
        },
    )
    assert response.status_code == 302
    statement.refresh_from_db()
    assert statement.speaker_names["ar"] == "دانغ دينه كوي"
    assert statement.speaker_functions["ar"] == "الممثل الدائم لفييت نام لدى الأمم المتحدة"
    assert statement.speaker_functions["zh"] == "越南常驻联合国代表"


def test_speaker_without_any_name_is_refused_and_kept(
    as_secretariat: Client, debate: Meeting
) -> None:
    statement = DeliveredStatement.objects.get(meeting=debate, speaker_names__en="Bob Rae")
    response = as_secretariat.post(
        f"/meetings/{debate.pk}/compilation/delivered/{statement.pk}/",
        {f"speaker-{statement.pk}-speaker_functions_en": "Ambassador"},
    )
    assert response.status_code == 422
    assert "Enter it in at least one language." in response.content.decode()
    statement.refresh_from_db()
    assert statement.speaker_names == {"en": "Bob Rae", "fr": "Bob Rae", "es": "Bob Rae"}


def test_speaker_of_another_meeting_is_not_found(
    as_secretariat: Client, debate: Meeting, secretariat: User
) -> None:
    other = Meeting.objects.create(
        format=debate.format, titles={"en": "Another"}, starts_at=debate.starts_at,
        presidency=debate.presidency,
    )  # fmt: skip
    statement = DeliveredStatement.objects.filter(meeting=debate).first()
    assert statement is not None
    response = as_secretariat.post(
        f"/meetings/{other.pk}/compilation/delivered/{statement.pk}/",
        {f"speaker-{statement.pk}-speaker_names_en": "Someone Else"},
    )
    assert response.status_code == 404


def test_signatory_is_set_per_language(
    as_secretariat: Client, debate: Meeting, secretariat: User
) -> None:
    compilation = chinese(debate, secretariat)
    response = as_secretariat.post(
        f"/meetings/{debate.pk}/compilation/{compilation.pk}/signatory/",
        {"signatories_fr": "Abdou Abarry", "signatories_ar": "عبده أباري"},
    )
    assert response.status_code == 302
    compilation.refresh_from_db()
    assert compilation.signatories == {
        "ar": "عبده أباري",
        "en": "Abdou Abarry",
        "fr": "Abdou Abarry",
        "es": "Abdou Abarry",
    }
    assert "President of the Council (signatory): Chinese" in missing(compilation)
    assert "（签名）[缺少中文姓名]" in letter_text(compilation)


def test_signatory_of_an_issued_compilation_cannot_change(
    as_secretariat: Client, debate: Meeting, secretariat: User
) -> None:
    compilation = services.start_compilation(user=secretariat, meeting=debate, language="en")
    Compilation.objects.filter(pk=compilation.pk).update(status=CompilationStatus.ISSUED)
    response = as_secretariat.post(
        f"/meetings/{debate.pk}/compilation/{compilation.pk}/signatory/",
        {"signatories_en": "Someone Else"},
    )
    assert response.status_code == 422
    compilation.refresh_from_db()
    assert compilation.signatories["en"] == "Abdou Abarry"


@pytest.mark.parametrize("persona", ["as_france", "as_presidency"])
def test_wrong_delegation_cannot_change_a_speaker_or_the_signatory(
    request: pytest.FixtureRequest, persona: str, debate: Meeting, secretariat: User
) -> None:
    client: Client = request.getfixturevalue(persona)
    compilation = chinese(debate, secretariat)
    statement = DeliveredStatement.objects.get(meeting=debate, speaker_names__en="Abdou Abarry")
    names = dict(statement.speaker_names)
    prefix = f"speaker-{statement.pk}"
    speaker = client.post(
        f"/meetings/{debate.pk}/compilation/delivered/{statement.pk}/",
        {f"{prefix}-speaker_names_zh": "冒名者"},
    )
    signatory = client.post(
        f"/meetings/{debate.pk}/compilation/{compilation.pk}/signatory/",
        {"signatories_zh": "冒名者"},
    )
    assert (speaker.status_code, signatory.status_code) == (403, 403)
    statement.refresh_from_db()
    compilation.refresh_from_db()
    assert statement.speaker_names == names
    assert compilation.signatories["zh"] == "阿卜杜·阿巴里"
    assert AuditEntry.objects.filter(action="access.refused").count() == 2
