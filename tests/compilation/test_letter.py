"""The President's cover letter in each of the six languages, from facts (no rendering)."""

from __future__ import annotations

import datetime

import pytest

from opendebate.compilation.letter import (
    LetterFacts,
    Speaker,
    join,
    letter_title,
    paragraphs,
    signature_lines,
)
from opendebate.entities.models import Entity


def facts(language: str, **changes: object) -> LetterFacts:
    entity = {
        code: Entity.objects.get(code=code)
        for code in ("BEL", "VNM", "CAN", "NER", "IRN", "EU", "ARM", "EST")
    }
    base = {
        "language": language,
        "letter_date": datetime.date(2020, 9, 10),
        "meeting_date": datetime.date(2020, 9, 8),
        "meeting_format": "open_vtc",
        "theme": "THEME",
        "briefers": (Speaker("Louise Mushikiwabo", "SG-OIF"), Speaker("Bintou Keita", "ASG")),
        "presidency": Speaker("Abdou Abarry", "PR-NER", entity["NER"]),
        "members": (entity["BEL"], entity["EST"], entity["VNM"]),
        "non_members": (entity["CAN"],),
        "written": (entity["ARM"], entity["EU"], entity["IRN"], entity["NER"]),
        "late": (),
        "procedure_symbol": "S/2020/372",
        "signatory": "Abdou Abarry",
    }  # fmt: skip
    return LetterFacts(**{**base, **changes})  # type: ignore[arg-type]


# Per language: the title's opening, phrases each paragraph must have (entity forms included),
# and the signature's function line.
EXPECTED = {
    "en": ("Letter dated 10 September 2020 from the President of the Security Council", [
        "I have the honour to enclose herewith a copy of the briefings provided by Louise Mushikiwabo, SG-OIF; and Bintou Keita, ASG, as well as the statements delivered by Abdou Abarry, PR-NER, and by the representatives of Belgium, Estonia and Viet Nam, in connection with the open videoconference on the theme “THEME”, convened on Tuesday, 8 September 2020.",
        "A statement was also delivered by the representative of Canada.",
        "copies of which are also enclosed: Armenia, the European Union, the Islamic Republic of Iran and the Niger.",
        "In accordance with the procedure set out in S/2020/372, I should be grateful",
    ], "President of the Security Council"),
    "fr": ("Lettre datée du 10 septembre 2020, adressée au Secrétaire général", [
        "ainsi que des déclarations faites par Abdou Abarry, PR-NER, et par les représentants de la Belgique, de l'Estonie et du Viet Nam",
        "tenue le mardi 8 septembre 2020",
        "Une déclaration a également été faite par le représentant du Canada.",
        "l'Arménie, l'Union européenne, la République islamique d'Iran et le Niger.",
        "Conformément à la procédure énoncée dans le document S/2020/372",
    ], "Président du Conseil de sécurité"),
    "es": ("Carta de fecha 10 de septiembre de 2020 dirigida al Secretario General", [
        "y por los representantes de Bélgica, Estonia y Viet Nam",
        "celebrada el martes 8 de septiembre de 2020",
        "También formuló una declaración el representante del Canadá.",
        "Armenia, la Unión Europea, la República Islámica del Irán y el Níger.",
        "De conformidad con el procedimiento establecido en el documento S/2020/372",
    ], "Presidente del Consejo de Seguridad"),
    "ru": ("Письмо Председателя Совета Безопасности от 10 сентября 2020 года", [
        "и представителями Бельгии, Эстонии и Вьетнама",
        "8 сентября 2020 года (вторник)",
        "С заявлением выступил также представитель Канады.",
        "В соответствии с процедурой, изложенной в документе S/2020/372",
    ], "Председатель Совета Безопасности"),
    "zh": ("2020年9月10日安全理事会主席给秘书长和安全理事会成员国常驻代表的信", [
        "2020年9月8日（星期二）",
        "比利时、爱沙尼亚和越南代表所作发言",
        "加拿大代表也作了发言。",
        "根据S/2020/372号文件所述程序",
    ], "安全理事会主席"),
    "ar": ("رسالة مؤرخة 10 أيلول/سبتمبر 2020 موجهة إلى الأمين العام", [
        "وممثلو بلجيكا، وإستونيا، وفييت نام",
        "يوم الثلاثاء 8 أيلول/سبتمبر 2020",
        "وأدلى أيضا ممثل كندا ببيان.",
        "ووفقا للإجراء المبين في الوثيقة S/2020/372",
    ], "رئيس مجلس الأمن"),
}  # fmt: skip


@pytest.mark.parametrize("language", list(EXPECTED))
def test_cover_letter_in_each_language(registry: None, language: str) -> None:
    title, phrases, president = EXPECTED[language]
    letter = facts(language)
    assert letter_title(letter).startswith(title)
    text = "\n".join(paragraphs(letter))
    for phrase in phrases:
        assert phrase in text, f"{language}: {phrase!r} not in {text!r}"
    assert len(paragraphs(letter)) == 3
    assert signature_lines(letter)[-1] == president
    assert "Abdou Abarry" in signature_lines(letter)[0]


@pytest.mark.parametrize("language", list(EXPECTED))
def test_written_list_is_in_the_order_given_in_each_language(registry: None, language: str) -> None:
    letter = facts(language)
    written = paragraphs(letter)[1]
    names = [entity.name(language) if language in ("zh", "ar") else entity.running_name(language)
             for entity in letter.written]  # fmt: skip
    positions = [written.index(name) for name in names]
    assert positions == sorted(positions)


@pytest.mark.parametrize("language", list(EXPECTED))
def test_letter_says_which_late_statements_are_included(registry: None, language: str) -> None:
    late = (Entity.objects.get(code="NER"),)
    letter = facts(language, late=late)
    sentence = paragraphs(letter)[1]
    assert {"en": "received after the deadline", "fr": "reçues après la date limite",
            "es": "recibidas después del plazo", "ru": "полученные после установленного срока",
            "zh": "逾期收到", "ar": "بعد الموعد المحدد"}[language] in sentence  # fmt: skip
    assert paragraphs(facts(language))[1] != sentence


def test_letter_without_anything_delivered_has_no_first_paragraph(registry: None) -> None:
    letter = facts("en", briefers=(), presidency=None, members=(), non_members=())
    texts = paragraphs(letter)
    assert len(texts) == 2
    assert texts[0].startswith("In accordance with the understanding reached")


def test_letter_without_procedure_symbol_still_asks_for_issue(registry: None) -> None:
    closing = paragraphs(facts("fr", procedure_symbol=""))[-1]
    assert closing.startswith("Je vous serais reconnaissant")


def test_briefings_only_and_members_only(registry: None) -> None:
    only_briefings = paragraphs(facts("en", presidency=None, members=(), non_members=()))[0]
    assert only_briefings.endswith("ASG, in connection with the open videoconference on the "
                                   "theme “THEME”, convened on Tuesday, 8 September 2020.")  # fmt: skip
    only_members = paragraphs(facts("en", briefers=(), presidency=None))[0]
    assert only_members.startswith(
        "I have the honour to enclose herewith the statements delivered by the representatives "
        "of Belgium, Estonia and Viet Nam,"
    )


@pytest.mark.parametrize(
    ("items", "language", "expected"),
    [
        (["Estonia", "Indonesia"], "es", "Estonia e Indonesia"),
        (["Estonia", "Hierro"], "es", "Estonia y Hierro"),
        (["A", "B", "C"], "zh", "A、B和C"),
        (["A", "B"], "ar", "A، وB"),
        (["A"], "ru", "A"),
    ],
)
def test_join(items: list[str], language: str, expected: str) -> None:
    assert join(items, language) == expected
