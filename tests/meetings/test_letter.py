from __future__ import annotations

import datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from pypdf import PdfReader

from opendebate.documents.model import BlockStyle
from opendebate.meetings.demo import create_seed_meeting
from opendebate.meetings.letter import build_concept_note_letter
from opendebate.meetings.models import ConceptNoteSection, Meeting
from tests.documents.samples import FRENCH_ORIGINAL_MASTHEADS

pytestmark = pytest.mark.django_db
SIX = ("ar", "zh", "en", "fr", "ru", "es")
LETTER_DAY = datetime.date(2020, 9, 1)


@pytest.fixture
def seed() -> Meeting:
    return create_seed_meeting()


def test_letter_in_chinese_shows_original_french(seed: Meeting) -> None:
    document = build_concept_note_letter(seed, "zh", LETTER_DAY)
    assert document.title == "2020年9月1日尼日尔常驻联合国代表给秘书长的信"
    assert document.header.organization == "联合国"
    assert document.header.organ == "安全理事会"
    assert document.header.symbol == "S/2020/866"
    assert document.header.distribution == "Distr.: General"
    assert document.header.date_line == "1 September 2020"
    assert document.header.language_lines == ("Chinese", "Original: French")
    annex = document.annexes[0]
    assert annex.heading == "2020年9月1日尼日尔常驻联合国代表给秘书长的信的附件"
    assert annex.original_mark == ""  # translated with the letter from its French original
    assert annex.language == "zh"
    assert [block.text for block in annex.body if block.style == BlockStyle.HEADING] == [
        "1. 背景",
        "2. 法语国家国际组织与联合国",
        "3. 会议目标",
        "4. 会议形式",
        "5. 通报人",
    ]
    assert document.body[0].text.startswith("作为安全理事会2020年9月份主席，尼日尔将于2020年9月8日")
    assert document.signature is not None
    # Every fact in Chinese (the UN's rendering of the name, the Chinese functions), the
    # functions above the signed name as Chinese letters print them.
    assert document.signature.lines == ("大使", "常驻代表", "（签名）阿卜杜·阿巴里")


def test_letter_in_english_and_french(seed: Meeting) -> None:
    english = build_concept_note_letter(seed, "en", LETTER_DAY)
    assert english.title == (
        "Letter dated 1 September 2020 from the Permanent Representative of the Niger to the "
        "United Nations addressed to the Secretary-General"
    )
    assert english.header.language_lines == ("English", "Original: French")
    assert english.annexes[0].original_mark == ""
    assert english.body[0].text.startswith(
        "The Niger, which holds the presidency of the Security Council for the month of "
        "September 2020, will convene an open videoconference on Tuesday 8 September 2020, "
        "at 10 a.m.,"
    )
    french = build_concept_note_letter(seed, "fr", LETTER_DAY)
    assert french.title == (
        "Lettre datée du 1er septembre 2020, adressée au Secrétaire général par le Représentant "
        "permanent du Niger auprès de l’Organisation des Nations Unies"
    )
    assert french.header.language_lines == ("Original : français",)
    assert french.header.distribution == "Distr. générale"
    assert french.header.date_line == "1er septembre 2020"
    assert french.annexes[0].original_mark == ""
    assert "organisera une visioconférence publique le mardi 8 septembre 2020, à 10 heures" in (
        french.body[0].text
    )


def test_letter_without_a_version_of_the_note_annexes_the_original(seed: Meeting) -> None:
    russian = build_concept_note_letter(seed, "ru", LETTER_DAY)
    assert russian.title.startswith("Письмо Постоянного представителя Нигера при Организации")
    annex = russian.annexes[0]
    assert annex.language == "fr"
    assert annex.original_mark == ""  # the note's original is the letter's
    arabic = build_concept_note_letter(seed, "ar", LETTER_DAY)
    assert "الممثل الدائم للنيجر لدى الأمم المتحدة" in arabic.title
    assert arabic.annexes[0].original_mark == ""
    assert arabic.header.date_line == "1 September 2020"


def test_seed_meeting_is_created_once() -> None:
    first = create_seed_meeting()
    assert create_seed_meeting() == first
    assert Meeting.objects.count() == 1
    assert [b.functions["en"] for b in first.briefers.all()][2] == (
        "A representative of civil society"
    )
    assert first.briefers.all()[2].names == {}
    assert first.deadline is not None
    assert first.deadline == datetime.datetime(2020, 9, 9, 4, tzinfo=datetime.UTC)


def test_issue_letter_writes_the_four_formats(seed: Meeting, tmp_path: Path) -> None:
    out = StringIO()
    call_command(
        "issue_letter", "S/2020/866", "--out", str(tmp_path), "--language", "zh", stdout=out
    )
    names = sorted(path.name for path in tmp_path.iterdir())
    assert names == ["letter.akn.xml", "letter.docx", "letter.html", "letter.pdf"]
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "letter.pdf").pages)
    assert "尼日尔常驻联合国代表给秘书长的信" in text
    assert "Original: French" in text
    first = (tmp_path / "letter.docx").read_bytes()
    call_command(
        "issue_letter", str(seed.pk), "--out", str(tmp_path), "--language", "zh", stdout=out
    )
    assert (tmp_path / "letter.docx").read_bytes() == first


def test_issue_letter_names_an_unknown_meeting(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="No meeting 'S/1999/1'"):
        call_command("issue_letter", "S/1999/1", "--out", str(tmp_path))


MASTHEADS = FRENCH_ORIGINAL_MASTHEADS
# A note drafted in English under a French letter: marked in every version, in its words.
ENGLISH_NOTE_MARKS = {
    "ar": "[الأصل: بالإنكليزية]",
    "zh": "[原件：英文]",
    "en": "[Original: English]",
    "fr": "[Original : anglais]",
    "ru": "[Подлинный текст на английском языке]",
    "es": "[Original: inglés]",
}


@pytest.mark.parametrize("language", SIX)
def test_every_version_names_the_one_original(seed: Meeting, language: str) -> None:
    document = build_concept_note_letter(seed, language, LETTER_DAY)
    assert document.header.language_lines == MASTHEADS[language]
    assert document.original_language == "fr"
    assert document.annexes[0].original_mark == ""


@pytest.mark.parametrize("language", SIX)
def test_note_in_another_language_is_marked_alike_in_every_version(
    seed: Meeting, language: str
) -> None:
    ConceptNoteSection.objects.filter(meeting=seed).exclude(language="en").delete()
    annex = build_concept_note_letter(seed, language, LETTER_DAY).annexes[0]
    assert (annex.language, annex.original_mark) == ("en", ENGLISH_NOTE_MARKS[language])


# The signature block in each language's order (French and Chinese put the function first),
# every line in the version's language: the seed's renderings of the name and its functions.
SIGNATURES = {
    "ar": ("(توقيع) عبده أباري", "السفير", "الممثل الدائم"),
    "zh": ("大使", "常驻代表", "（签名）阿卜杜·阿巴里"),
    "en": ("(Signed) Abdou Abarry", "Ambassador", "Permanent Representative"),
    "fr": ("Ambassadeur", "Représentant permanent", "(Signé) Abdou Abarry"),
    "ru": ("(Подпись) Абду Абарри", "Посол", "Постоянный представитель"),
    "es": ("(Firmado) Abdou Abarry", "Embajador", "Representante Permanente"),
}
# The theme as each version quotes it in the announcement (typed with straight quotes).
THEMES = {
    "ar": "بشأن موضوع ”A ”new“ partner’s role“.",
    "zh": "主题为“A “new” partner’s role”的",
    "en": "on the theme “A “new” partner’s role”.",
    "fr": "sur le thème «\u00a0A «\u00a0new\u00a0» partner’s role\u00a0».",
    "ru": "на тему «A «new» partner’s role».",
    "es": "sobre el tema “A “new” partner’s role”.",
}


@pytest.mark.parametrize("language", SIX)
def test_signature_and_quotes_follow_the_language(seed: Meeting, language: str) -> None:
    seed.titles = dict.fromkeys(SIX, 'A "new" partner\'s role')
    seed.save()
    document = build_concept_note_letter(seed, language, LETTER_DAY)
    assert document.signature is not None
    assert document.signature.lines == SIGNATURES[language]
    assert THEMES[language] in document.body[0].text
    letter_text = " ".join(
        [document.title, document.annexes[0].heading] + [b.text for b in document.body]
    )
    assert "'" not in letter_text
    assert '"' not in letter_text


def test_issue_letter_takes_the_date_given(seed: Meeting, tmp_path: Path) -> None:
    call_command(
        "issue_letter", "S/2020/866", "--out", str(tmp_path), "--language", "en",
        "--date", "2020-09-02", stdout=StringIO(),
    )  # fmt: skip
    html = (tmp_path / "letter.html").read_text(encoding="utf-8")
    assert "Letter dated 2 September 2020 from the Permanent Representative" in html


def test_issue_letter_refuses_without_a_date(seed: Meeting, tmp_path: Path) -> None:
    seed.letter_date = None
    seed.save()
    with pytest.raises(CommandError, match="The meeting has no letter date: give the date"):
        call_command("issue_letter", "S/2020/866", "--out", str(tmp_path), stdout=StringIO())
    assert list(tmp_path.iterdir()) == []


def test_issue_letter_refuses_a_malformed_date(seed: Meeting, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="--date"):
        call_command(
            "issue_letter", "S/2020/866", "--out", str(tmp_path), "--date", "1/9/2020",
            stdout=StringIO(),
        )  # fmt: skip
