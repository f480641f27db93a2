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
    signature,
)
from opendebate.documents.typography import typeset
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
        "I have the honour to enclose herewith a copy of the briefings provided by Louise Mushikiwabo, SG-OIF; and Bintou Keita, ASG, as well as the statements delivered by Abdou Abarry, PR-NER, and by the representatives of Belgium, Estonia and Viet Nam, in connection with the open video-teleconference on the theme “THEME”, convened on Tuesday, 8 September 2020.",
        "A statement was also delivered by the representative of Canada.",
        "copies of which are also enclosed: Armenia, the European Union, the Islamic Republic of Iran and the Niger.",
    ], "President of the Security Council"),
    "fr": ("Lettre datée du 10 septembre 2020, adressée au Secrétaire général", [
        "ainsi que des déclarations faites par Abdou Abarry, PR-NER, et par les représentants de la Belgique, de l’Estonie et du Viet Nam",
        "tenue le mardi 8 septembre 2020",
        "Une déclaration a également été faite par le représentant du Canada.",
        "l’Arménie, l’Union européenne, la République islamique d’Iran et le Niger.",
    ], "Le Président du Conseil de sécurité"),
    "es": ("Carta de fecha 10 de septiembre de 2020 dirigida al Secretario General", [
        "y por los representantes de Bélgica, Estonia y Viet Nam",
        "celebrada el martes 8 de septiembre de 2020",
        "También formuló una declaración el representante del Canadá.",
        "Armenia, la Unión Europea, la República Islámica del Irán y el Níger.",
    ], "Presidente del Consejo de Seguridad"),
    "ru": ("Письмо Председателя Совета Безопасности от 10 сентября 2020 года", [
        "и представителями Бельгии, Эстонии и Вьетнама",
        "8 сентября 2020 года (вторник)",
        "С заявлением выступил также представитель Канады.",
    ], "Председатель Совета Безопасности"),
    "zh": ("2020年9月10日安全理事会主席给秘书长和安全理事会成员国常驻代表的信", [
        # The title before the name, with no mark between them, as Chinese running text has it.
        "SG-OIFLouise Mushikiwabo和ASGBintou Keita所作通报",
        "2020年9月8日（星期二）",
        "比利时、爱沙尼亚和越南代表所作发言",
        "加拿大代表也作了发言。",
    ], "安全理事会主席"),
    "ar": ("رسالة مؤرخة 10 أيلول/سبتمبر 2020 موجهة إلى الأمين العام", [
        "Louise Mushikiwabo، SG-OIF، وBintou Keita، ASG",
        "وممثلو بلجيكا، وإستونيا، وفييت نام",
        "يوم الثلاثاء 8 أيلول/سبتمبر 2020",
        "وأدلى أيضا ممثل كندا ببيان.",
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
    assert president in signature(letter).lines  # type: ignore[union-attr]


@pytest.mark.parametrize("language", list(EXPECTED))
def test_written_list_is_in_the_order_given_in_each_language(registry: None, language: str) -> None:
    letter = facts(language)
    written = paragraphs(letter)[1]
    names = [entity.name(language) if language in ("zh", "ar")
             else typeset(entity.running_name(language), language)
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


# The President's formula under S/2020/372 for a video-teleconference, in each language: the
# letter and its annexes "will be issued", never "I should be grateful if ... could be issued".
CLOSING_VTC = {
    "en": "In accordance with the procedure set out in document S/2020/372, which was agreed in the light of the extraordinary circumstances caused by the coronavirus disease (COVID-19) pandemic, the present letter and its annexes will be issued as a document of the Security Council.",
    "fr": "Conformément à la procédure énoncée dans le document S/2020/372, qui a été convenue compte tenu des circonstances exceptionnelles créées par la pandémie de maladie à coronavirus (COVID-19), la présente lettre et ses annexes seront publiées comme document du Conseil de sécurité.",
    "es": "De conformidad con el procedimiento establecido en el documento S/2020/372, que se acordó en vista de las circunstancias extraordinarias provocadas por la pandemia de enfermedad por coronavirus (COVID-19), la presente carta y sus anexos se publicarán como documento del Consejo de Seguridad.",
    "ru": "В соответствии с процедурой, изложенной в документе S/2020/372, которая была согласована с учетом чрезвычайных обстоятельств, вызванных пандемией коронавирусного заболевания (COVID-19), настоящее письмо и приложения к нему будут изданы в качестве документа Совета Безопасности.",
    "zh": "根据S/2020/372号文件所述程序（该程序是鉴于2019冠状病毒病（COVID-19）大流行造成的特殊情况而商定的），本函及其附件将作为安全理事会文件印发。",
    "ar": "ووفقا للإجراء المبين في الوثيقة S/2020/372، الذي اتُّفق عليه في ضوء الظروف الاستثنائية الناجمة عن جائحة مرض فيروس كورونا (كوفيد-19)، ستصدر هذه الرسالة ومرفقاتها بوصفها وثيقة من وثائق مجلس الأمن.",
}  # fmt: skip
# In a meeting held in person the pandemic clause goes; without a procedure letter, only the
# main clause stands.
CLOSING_IN_PERSON_START = {
    "en": "In accordance with the procedure set out in document S/2020/372, the present letter",
    "fr": "Conformément à la procédure énoncée dans le document S/2020/372, la présente lettre",
    "es": "De conformidad con el procedimiento establecido en el documento S/2020/372, la presente carta",
    "ru": "В соответствии с процедурой, изложенной в документе S/2020/372, настоящее письмо",
    "zh": "根据S/2020/372号文件所述程序，本函",
    "ar": "ووفقا للإجراء المبين في الوثيقة S/2020/372، ستصدر",
}  # fmt: skip
CLOSING_ALONE = {
    "en": "The present letter and its annexes will be issued as a document of the Security Council.",
    "fr": "La présente lettre et ses annexes seront publiées comme document du Conseil de sécurité.",
    "es": "La presente carta y sus anexos se publicarán como documento del Consejo de Seguridad.",
    "ru": "Настоящее письмо и приложения к нему будут изданы в качестве документа Совета Безопасности.",
    "zh": "本函及其附件将作为安全理事会文件印发。",
    "ar": "وستصدر هذه الرسالة ومرفقاتها بوصفها وثيقة من وثائق مجلس الأمن.",
}  # fmt: skip
# The written statements' paragraph opens with the understanding "for this video-teleconference".
UNDERSTANDING_VTC = {
    "en": "In accordance with the understanding reached among Council members for this video-teleconference, the following delegations and entities submitted written statements, copies of which are also enclosed: ",
    "fr": "Conformément à l’accord auquel sont parvenus les membres du Conseil pour cette visioconférence, les délégations et entités ci-après ont présenté des déclarations écrites, dont le texte est également joint : ",
    "es": "De conformidad con el entendimiento alcanzado entre los miembros del Consejo para esta videoconferencia, las siguientes delegaciones y entidades presentaron declaraciones por escrito, cuyas copias también se adjuntan: ",
    "ru": "В соответствии с договоренностью, достигнутой членами Совета в отношении этого заседания в формате видеоконференции, письменные заявления, тексты которых также прилагаются, представили следующие делегации и структуры: ",
    "zh": "根据安理会成员就此次视频会议达成的谅解，下列代表团和实体提交了书面发言，现一并附上：",
    "ar": "ووفقا للتفاهم الذي توصل إليه أعضاء المجلس بشأن هذا الاجتماع المعقود عن طريق التداول بالفيديو، قدمت الوفود والكيانات التالية بيانات كتابية، ترد نسخ منها مرفقة أيضا: ",
}  # fmt: skip
UNDERSTANDING_IN_PERSON = {
    "en": "In accordance with the understanding reached among Council members, the following",
    "fr": "Conformément à l’accord auquel sont parvenus les membres du Conseil, les délégations",
    "es": "De conformidad con el entendimiento alcanzado entre los miembros del Consejo, las siguientes",
    "ru": "В соответствии с договоренностью, достигнутой членами Совета, письменные заявления",
    "zh": "根据安理会成员达成的谅解，下列代表团",
    "ar": "ووفقا للتفاهم الذي توصل إليه أعضاء المجلس، قدمت الوفود",
}  # fmt: skip


@pytest.mark.parametrize("language", list(EXPECTED))
def test_closing_follows_the_presidents_formula_for_a_vtc(registry: None, language: str) -> None:
    assert paragraphs(facts(language))[-1] == CLOSING_VTC[language]


@pytest.mark.parametrize("language", list(EXPECTED))
def test_closing_in_person_has_no_pandemic_clause(registry: None, language: str) -> None:
    closing = paragraphs(facts(language, meeting_format="open_debate"))[-1]
    assert closing.startswith(CLOSING_IN_PERSON_START[language])
    assert closing.endswith(CLOSING_VTC[language][-12:])
    assert "COVID" not in closing


@pytest.mark.parametrize("language", list(EXPECTED))
def test_closing_without_procedure_letter_stands_alone(registry: None, language: str) -> None:
    assert paragraphs(facts(language, procedure_symbol=""))[-1] == CLOSING_ALONE[language]


@pytest.mark.parametrize("language", list(EXPECTED))
def test_written_paragraph_names_the_video_teleconference(registry: None, language: str) -> None:
    vtc = paragraphs(facts(language))[1]
    in_person = paragraphs(facts(language, meeting_format="open_debate"))[1]
    assert vtc.startswith(UNDERSTANDING_VTC[language])
    assert in_person.startswith(UNDERSTANDING_IN_PERSON[language])


# The President's signature block, in the order each language version prints it: French and
# Chinese put the title above the signed name (S/2020/638: "Le Président du Conseil de
# sécurité (Signé) Christoph Heusgen").
SIGNATURES = {
    "en": ("(Signed) Abdou Abarry", "President of the Security Council"),
    "fr": ("Le Président du Conseil de sécurité", "(Signé) Abdou Abarry"),
    "es": ("(Firmado) Abdou Abarry", "Presidente del Consejo de Seguridad"),
    "ru": ("(Подпись) Abdou Abarry", "Председатель Совета Безопасности"),
    "zh": ("安全理事会主席", "（签名）Abdou Abarry"),
    "ar": ("(توقيع) Abdou Abarry", "رئيس مجلس الأمن"),
}


@pytest.mark.parametrize("language", list(EXPECTED))
def test_signature_lines_in_the_languages_order(registry: None, language: str) -> None:
    signed = signature(facts(language))
    assert signed is not None
    assert (signed.lines, signed.language) == (SIGNATURES[language], language)


def test_signature_without_signatory_keeps_the_title(registry: None) -> None:
    signed = signature(facts("fr", signatory=""))
    assert signed is not None
    assert signed.lines == ("Le Président du Conseil de sécurité",)


# A theme typed with straight quotes and an apostrophe, as each version prints it.
THEME_QUOTED = {
    "en": "on the theme “Women’s “voice” in peace”,",
    "fr": "sur le thème «\u00a0Women’s «\u00a0voice\u00a0» in peace\u00a0»,",
    "es": "sobre el tema “Women’s “voice” in peace”,",
    "ru": "на тему «Women’s «voice» in peace»,",
    "zh": "主题为“Women’s “voice” in peace”的",
    "ar": "بشأن موضوع ”Women’s ”voice“ in peace“",
}


@pytest.mark.parametrize("language", list(EXPECTED))
def test_theme_is_quoted_the_languages_way(registry: None, language: str) -> None:
    first = paragraphs(facts(language, theme='Women\'s "voice" in peace'))[0]
    assert THEME_QUOTED[language] in first
    assert "'" not in first
    assert '"' not in first


def test_briefings_only_and_members_only(registry: None) -> None:
    only_briefings = paragraphs(facts("en", presidency=None, members=(), non_members=()))[0]
    assert only_briefings.endswith("ASG, in connection with the open video-teleconference on the "
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
