"""parse_letter on whole letters: the seed (Chinese), and letters in the other five languages."""

from __future__ import annotations

import datetime
import re

import pytest

from opendebate.meetings.importer import Briefer, LetterImport, SourceSpan, parse_letter
from tests.meetings.letter_files import letter_text

NOT_A_LETTER = (
    "The text does not look like a letter (no 'Letter dated' / '信' / 'Lettre datée' / "
    "'Carta de fecha' / 'Письмо' / 'رسالة' title)"
)


def parse(name: str, entities: dict[str, str]) -> LetterImport:
    return parse_letter(letter_text(name), entities=entities)


@pytest.fixture(scope="module")
def seed(entities: dict[str, str]) -> LetterImport:
    return parse("seed", entities)


def test_seed_letter_fields(seed: LetterImport) -> None:
    assert seed.letter.date == datetime.date(2020, 9, 1)
    assert seed.letter.sender == "NER"
    assert seed.letter.sender_function == "Permanent Representative"
    assert seed.letter.addressee == "Secretary-General"
    assert seed.letter.language == "zh"
    assert seed.letter.original_language == "fr"
    assert seed.letter.symbol is None


def test_seed_meeting_fields(seed: LetterImport) -> None:
    assert seed.meeting.title == "联合国与区域和次区域组织的合作：法语国家国际组织的作用"
    assert seed.meeting.date == datetime.date(2020, 9, 8)
    assert seed.meeting.time == datetime.time(10, 0)
    assert seed.meeting.format == "open_vtc"
    assert seed.meeting.chair == "尼日尔常驻联合国代表"
    assert seed.meeting.briefers == (
        Briefer("主管维持和平行动助理秘书长"),
        Briefer("法语国家国际组织秘书长"),
        Briefer("一名民间社会代表", None),
    )


def test_seed_submission_fields(seed: LetterImport) -> None:
    submissions = seed.to_json_dict()["submissions"]
    assert submissions == {
        "address": "dppa-scsb3@un.org",
        "word_guidance": 500,
        "deadline": "2020-09-09T00:00:00-04:00",
        "deadline_wording": "在 2020 年 9 月 9 日之前",
    }


def test_seed_concept_note_sections(seed: LetterImport) -> None:
    sections = [(s.heading, len(s.paragraphs)) for s in seed.sections]
    assert sections == [
        ("背景", 13),
        ("法语国家国际组织与联合国的合作", 7),
        ("会议目的", 3),
        ("会议形式", 2),
        ("主题发言人", 3),
    ]
    background = seed.sections[0].paragraphs
    # Re-flowed across three PDF lines with no space between CJK characters; bullets unmarked.
    assert background[0].startswith("50 年前，法语国家国际组织在尼亚美成立，当时的名称是“文化")
    assert background[0].endswith("而且值得指出的是，其中有一些是非法语国家。")
    assert background[2] == "促进法语、多语制和文化多样性"
    assert seed.sections[2].paragraphs[2] == (
        "确定两个机构在预防冲突、维持和平和建设和平领域加强合作的进一步空间"
    )


def test_seed_warns_of_the_missing_symbol_and_the_two_formats(seed: LetterImport) -> None:
    assert seed.warnings == (
        "letter.symbol not found",
        "meeting.format is ambiguous: the letter says '公开视频会议' (open_vtc), the concept "
        "note '公开辩论' (open_debate); the letter's is used",
    )


def test_seed_json_shape(seed: LetterImport) -> None:
    result = seed.to_json_dict()
    assert list(result) == ["letter", "meeting", "submissions", "concept_note", "warnings"]
    assert result["letter"] == {
        "date": "2020-09-01",
        "sender": "NER",
        "sender_function": "Permanent Representative",
        "addressee": "Secretary-General",
        "language": "zh",
        "original_language": "fr",
        "symbol": None,
    }
    assert result["meeting"]["date"] == "2020-09-08"
    assert result["meeting"]["time"] == "10:00"
    assert result["meeting"]["timezone"] == "America/New_York"
    assert result["meeting"]["briefers"][2] == {"function": "一名民间社会代表", "name": None}
    assert result["concept_note"]["sections"][3] == {
        "heading": "会议形式",
        "paragraphs": [
            "公开辩论将由尼日尔常驻联合国代表主持。",
            "请有意愿的会员国和观察员向安全理事会事务司(dppa-scsb3@un.org)提交约500 字的书面"
            "声明。在 2020 年 9 月 9 日之前提交的声明将收录在一份汇编文件中。",
        ],
    }


def test_seed_sources_point_at_the_lines_read(seed: LetterImport) -> None:
    text_lines = letter_text("seed").splitlines()
    assert seed.sources["letter.date"] == SourceSpan((1,), (text_lines[0],))
    # The title runs over two printed lines (5 and 7; line 6 is blank).
    assert seed.sources["meeting.title"] == SourceSpan((5, 7), (text_lines[4], text_lines[6]))
    assert seed.sources["meeting.time"].lines == (3, 5)  # "上午 10" / "时"
    assert seed.sources["letter.original_language"].text == ("[原件：法文] ",)
    assert seed.sources["submissions.deadline"].lines == (129,)
    assert seed.sources["meeting.briefers.2"].text == ("• 一名民间社会代表(待定) ",)
    assert seed.source_lines()["meeting.chair"] == " 公开辩论将由尼日尔常驻联合国代表主持。 "


def test_seed_with_the_page_furniture_of_its_pdf(
    seed: LetterImport, entities: dict[str, str]
) -> None:
    # The seed as the official PDF's text layer would also carry it: the masthead with the
    # symbol, the first page's job number, barcode and recycling caption, and a page break in
    # the middle of a bullet ("...人员培训" / "以及提供法语版...").
    lines = letter_text("seed").splitlines()
    masthead = [
        "联 合 国" + " " * 50 + "S/2020/866",
        "安全理事会" + " " * 45 + "Distr.: General",
        " " * 55 + "2020 年 9 月 3 日",
        " " * 55 + "原件：法文",
    ]
    first_page_foot = ["20-11568 (C)    030920    040920", "*2011568*", "请回收"]
    page_break = ["2/3" + " " * 60 + "20-11568", "S/2020/866"]
    pdf = [*masthead, *lines[:19], *first_page_foot, *lines[19:99], *page_break, *lines[99:]]
    result = parse_letter("\n\n".join(pdf), entities=entities)
    assert result.letter.symbol == "S/2020/866"
    assert result.warnings == seed.warnings[1:]
    assert result.to_json_dict()["concept_note"] == seed.to_json_dict()["concept_note"]
    assert result.meeting == seed.meeting
    assert result.submissions == seed.submissions


def test_english_letter_from_pdf_text(entities: dict[str, str]) -> None:
    result = parse("en_estonia_2020-05-15.txt", entities)
    json = result.to_json_dict()
    assert json["letter"] == {
        "date": "2020-05-15",
        "sender": "EST",
        "sender_function": "Permanent Representative",
        "addressee": "Secretary-General",
        "language": "en",
        "original_language": "en",
        "symbol": "S/2020/431",
    }
    assert json["meeting"] == {
        "title": "Protection of civilians in armed conflict: safeguarding civilians and "
        "essential services in urban warfare",
        "date": "2020-05-27",
        "time": "10:00",
        "timezone": "America/New_York",
        "starts_at": "2020-05-27T14:00:00+00:00",
        "format": "open_vtc",
        "chair": "H.E. Mr. Taavi Kivi, Minister for Foreign Affairs of Estonia",
        "briefers": [
            {
                "function": "Under-Secretary-General for Humanitarian Affairs and Emergency "
                "Relief Coordinator",
                "name": "Ms. Amina Rahal",
            },
            {
                "function": "President of the International Committee of the Red Cross",
                "name": "Mr. Pierre Lindqvist",
            },
            {"function": "A representative of civil society", "name": None},
        ],
    }
    assert json["submissions"] == {
        "address": "dppa-scsb1@un.org",
        "word_guidance": 600,
        "deadline": "2020-05-29T23:59:59-04:00",
        "deadline_wording": "no later than 29 May 2020",
    }
    assert [(s.heading, len(s.paragraphs)) for s in result.sections] == [
        ("Background", 2),
        ("Objectives", 3),
        ("Format", 2),
        ("Briefers", 3),
    ]
    assert result.warnings == ()


def test_english_letter_paragraphs_survive_page_breaks_and_hyphenation(
    entities: dict[str, str],
) -> None:
    background = parse("en_estonia_2020-05-15.txt", entities).sections[0].paragraphs
    assert (
        "most civilians are killed or injured in armed conflict. When explosive weapons with "
        "wide-area effects are used"
    ) in background[0]
    assert "sustained and practical cooperation of parties to conflict" in background[1]


def test_french_letter(entities: dict[str, str]) -> None:
    result = parse("fr_tunisie_2021-01-04.txt", entities)
    json = result.to_json_dict()
    assert json["letter"] == {
        "date": "2021-01-04",
        "sender": "TUN",
        "sender_function": "Permanent Representative",
        "addressee": "Secretary-General",
        "language": "fr",
        "original_language": "fr",
        "symbol": "S/2021/19",
    }
    assert result.meeting.title == (
        "Maintien de la paix et de la sécurité internationales\u00a0: le rôle des médiatrices "
        "dans les processus de paix régionaux"
    )
    assert (result.meeting.date, result.meeting.time) == (
        datetime.date(2021, 1, 12),
        datetime.time(10, 0),
    )
    assert result.meeting.format == "open_vtc"
    assert result.meeting.chair == (
        "le Ministre des affaires étrangères de la Tunisie, M. Karim Ben Salah"
    )
    assert result.meeting.briefers == (
        Briefer(
            "Secrétaire générale adjointe aux affaires politiques et à la consolidation de la paix",
            "Mme Leïla Haddad",
        ),
        Briefer("Un représentant ou une représentante de la société civile"),
    )
    # A January deadline is in standard time.
    assert json["submissions"] == {
        "address": "dppa-scsb3@un.org",
        "word_guidance": 500,
        "deadline": "2021-01-15T23:59:59-05:00",
        "deadline_wording": "au plus tard le 15 janvier 2021",
    }
    assert [s.heading for s in result.sections] == [
        "Contexte",
        "Objectifs",
        "Déroulement",
        "Intervenants",
    ]
    assert result.warnings == ()


def test_spanish_letter(entities: dict[str, str]) -> None:
    result = parse("es_republica_dominicana_2020-04-02.txt", entities)
    json = result.to_json_dict()
    # The header block's "Original: español" is the letter's; the annex's "[Original: inglés]"
    # is only the concept note's.
    assert json["letter"] == {
        "date": "2020-04-02",
        "sender": "DOM",
        "sender_function": "Permanent Representative",
        "addressee": "Secretary-General",
        "language": "es",
        "original_language": "es",
        "symbol": "S/2020/277",
    }
    assert result.meeting.title == (
        "Las consecuencias humanitarias del cambio climático en los pequeños Estados insulares "
        "en desarrollo"
    )
    assert json["meeting"]["date"] == "2020-04-21"
    assert json["meeting"]["time"] == "10:00"
    assert json["meeting"]["format"] == "open_vtc"
    assert result.meeting.chair == (
        "el Ministro de Relaciones Exteriores de la República Dominicana, Sr. Rafael Peña Soto"
    )
    # The name may follow the function.
    assert result.meeting.briefers == (
        Briefer(
            "Secretaria General Adjunta de Asuntos Políticos y de Consolidación de la Paz",
            "Sra. Lucía Ferrer Ibarra",
        ),
        Briefer("Un representante de la sociedad civil"),
    )
    assert json["submissions"] == {
        "address": "dppa-scsb2@un.org",
        "word_guidance": 500,
        "deadline": "2020-04-24T23:59:59-04:00",
        "deadline_wording": "a más tardar el 24 de abril de 2020",
    }
    assert [(s.heading, len(s.paragraphs)) for s in result.sections] == [
        ("Antecedentes", 1),
        ("Objetivos", 2),
        ("Formato", 2),
        ("Exposiciones informativas (ponentes)", 2),
    ]
    assert result.warnings == ()


def test_russian_letter(entities: dict[str, str]) -> None:
    result = parse("ru_russian_federation_2020-10-02.txt", entities)
    json = result.to_json_dict()
    assert json["letter"] == {
        "date": "2020-10-02",
        "sender": "RUS",
        "sender_function": "Permanent Representative",
        "addressee": "Secretary-General",
        "language": "ru",
        "original_language": "en",
        "symbol": None,
    }
    assert json["meeting"]["date"] == "2020-10-20"
    assert json["meeting"]["time"] == "10:00"
    assert json["meeting"]["format"] == "open_vtc"
    assert result.meeting.chair == "Министра иностранных дел Российской Федерации"
    assert result.meeting.briefers[1] == Briefer("представитель гражданского общества")
    assert json["submissions"] == {
        "address": "dppa-scsb3@un.org",
        "word_guidance": 500,
        "deadline": "2020-10-22T23:59:59-04:00",
        "deadline_wording": "не позднее 22 октября 2020 года",
    }
    assert result.warnings == ("letter.symbol not found",)


def test_arabic_letter(entities: dict[str, str]) -> None:
    result = parse("ar_tunisie_2021-01-05.txt", entities)
    json = result.to_json_dict()
    assert json["letter"] == {
        "date": "2021-01-05",
        "sender": "TUN",
        "sender_function": "Permanent Representative",
        "addressee": "Secretary-General",
        "language": "ar",
        "original_language": "fr",
        "symbol": None,
    }
    assert result.meeting.title == "دور المرأة في الوساطة الإقليمية"
    # Written with Arabic-Indic digits: ١٤ كانون الثاني/يناير ٢٠٢١
    assert json["meeting"]["date"] == "2021-01-14"
    assert json["meeting"]["format"] == "open_vtc"
    assert result.meeting.chair == "وزير الشؤون الخارجية التونسي"
    assert result.meeting.briefers == (
        Briefer("وكيلة الأمين العام للشؤون السياسية وبناء السلام"),
        Briefer("ممثل عن المجتمع المدني"),
    )
    assert json["submissions"] == {
        "address": "dppa-scsb3@un.org",
        "word_guidance": 500,
        "deadline": "2021-01-18T23:59:59-05:00",
        "deadline_wording": "في موعد أقصاه 18 كانون الثاني/يناير 2021",
    }
    assert [s.heading for s in result.sections] == ["الخلفية", "شكل الاجتماع", "مقدمو الإحاطات"]


def test_letter_without_deadline_names_the_missing_fields(entities: dict[str, str]) -> None:
    result = parse("en_germany_no_deadline_2020-07-01.txt", entities)
    assert result.submissions.deadline is None
    assert result.submissions.deadline_wording is None
    assert result.submissions.address == "dppa-scsb2@un.org"
    assert result.letter.sender == "DEU"
    assert result.letter.sender_function == "Chargé d'affaires a.i."
    assert result.letter.addressee == "President of the Security Council"
    assert result.meeting.format == "briefing"
    assert result.meeting.time == datetime.time(15, 0)
    assert result.warnings == (
        "letter.original_language not found (no '[Original: ...]' mark)",
        "letter.symbol not found",
        "meeting.chair not found",
        "submissions.deadline not found",
        "submissions.word_guidance not found",
    )


def test_text_that_is_not_a_letter_gives_warnings_and_nulls(entities: dict[str, str]) -> None:
    result = parse("not_a_letter_press_note.txt", entities)
    json = result.to_json_dict()
    assert json["letter"] == {
        "date": None,
        "sender": None,
        "sender_function": None,
        "addressee": None,
        "language": "en",
        "original_language": None,
        "symbol": None,
    }
    assert json["meeting"]["title"] is None
    assert json["meeting"]["date"] is None
    assert json["meeting"]["briefers"] == []
    assert json["submissions"]["deadline"] is None
    assert json["concept_note"]["sections"] == []
    assert result.warnings[0] == NOT_A_LETTER
    assert "letter.date not found" in result.warnings
    assert "submissions.deadline not found" in result.warnings


@pytest.mark.parametrize("text", ["", "\n\n   \n", "%PDF-1.4 \x00\x01", "12345"])
def test_empty_or_garbage_text_never_raises(text: str, entities: dict[str, str]) -> None:
    result = parse_letter(text, entities=entities)
    assert result.warnings[0] == NOT_A_LETTER
    assert result.letter.date is None


def test_impossible_date_and_unknown_sender_are_warnings(entities: dict[str, str]) -> None:
    result = parse("en_atlantis_invalid_date.txt", entities)
    assert result.letter.date is None
    assert result.letter.sender is None
    assert result.submissions.deadline is None
    assert result.submissions.deadline_wording == "before 31 September 2020"
    assert result.meeting.date == datetime.date(2020, 9, 30)
    assert "letter.date '31 September 2020' is not a valid date" in result.warnings
    assert "letter.sender 'Atlantis' is not a known State or organization" in result.warnings
    assert "submissions.deadline '31 September 2020' is not a valid date" in result.warnings
    assert result.sources["letter.sender"].lines == (1,)


def test_sender_longest_name_wins(entities: dict[str, str]) -> None:
    title = (
        "Letter dated 2 March 2020 from the Permanent Representative of the Democratic "
        "Republic of the Congo to the United Nations addressed to the Secretary-General"
    )
    assert parse_letter(title, entities=entities).letter.sender == "COD"
    congo = title.replace("the Democratic Republic of the Congo", "the Congo")
    assert parse_letter(congo, entities=entities).letter.sender == "COG"


def test_sender_is_matched_without_case_or_accents(entities: dict[str, str]) -> None:
    title = (
        "Carta de fecha 2 de marzo de 2020 dirigida al Secretario General por el Representante "
        "Permanente del NIGER ante las Naciones Unidas"
    )
    assert parse_letter(title, entities=entities).letter.sender == "NER"


def test_arabic_title_names_the_addressee_before_the_sender(entities: dict[str, str]) -> None:
    title = (
        "رسالة مؤرخة 3 آب/أغسطس 2020 موجهة إلى رئيس مجلس الأمن من الممثل الدائم للنيجر لدى "
        "الأمم المتحدة"
    )
    letter = parse_letter(title, entities=entities).letter
    assert (letter.date, letter.sender) == (datetime.date(2020, 8, 3), "NER")
    assert letter.addressee == "President of the Security Council"
    assert letter.sender_function == "Permanent Representative"


@pytest.mark.parametrize(
    ("announcement", "expected"),
    [
        ("Estonia will hold an open debate on 5 May 2020.", "open_debate"),
        ("Estonia will hold an open debate by videoconference.", "open_vtc"),
        ("Estonia will hold a briefing on 5 May 2020.", "briefing"),
        ("Estonia will hold a high-level open debate, by videoconference.", "open_vtc"),
        ("Estonia will hold a briefing by videoconference.", "briefing"),
        ("un débat public de haut niveau par visioconférence", "open_vtc"),
        ("un debate abierto de alto nivel por videoconferencia", "open_vtc"),
        ("公开辩论", "open_debate"),
        ("公开视频会议", "open_vtc"),
        ("通报会", "briefing"),
        ("un débat public", "open_debate"),
        ("une visioconférence publique", "open_vtc"),
        ("une séance d'information", "briefing"),
        ("un debate abierto", "open_debate"),
        ("una videoconferencia abierta", "open_vtc"),
        ("una sesión informativa", "briefing"),
        ("открытые прения", "open_debate"),
        ("открытое заседание в формате видеоконференции", "open_vtc"),
        ("брифинг", "briefing"),
        ("مناقشة مفتوحة", "open_debate"),
        ("مناقشة مفتوحة عن طريق التداول بالفيديو", "open_vtc"),
        ("جلسة إحاطة", "briefing"),
    ],
)
def test_meeting_format_in_six_languages(
    announcement: str, expected: str, entities: dict[str, str]
) -> None:
    text = (
        "Letter dated 1 May 2020 from the Permanent Representative of Estonia to the United "
        f"Nations addressed to the Secretary-General\n\n{announcement}\n"
    )
    assert parse_letter(text, entities=entities).meeting.format == expected


@pytest.mark.parametrize(
    ("sentence", "deadline", "wording"),
    [
        (
            "Statements received before 9 September 2020 will be compiled.",
            "2020-09-09T00:00:00-04:00",
            "before 9 September 2020",
        ),
        (
            "Statements must be sent no later than 11 September 2020.",
            "2020-09-11T23:59:59-04:00",
            "no later than 11 September 2020",
        ),
        (
            "Les déclarations reçues avant le 9 septembre 2020 seront publiées.",
            "2020-09-09T00:00:00-04:00",
            "avant le 9 septembre 2020",
        ),
        (
            "Les déclarations seront reçues au plus tard le 11 septembre 2020.",
            "2020-09-11T23:59:59-04:00",
            "au plus tard le 11 septembre 2020",
        ),
        (
            "Las declaraciones recibidas antes del 9 de septiembre de 2020 se publicarán.",
            "2020-09-09T00:00:00-04:00",
            "antes del 9 de septiembre de 2020",
        ),
        (
            "Envíen sus declaraciones a más tardar el 11 de septiembre de 2020.",
            "2020-09-11T23:59:59-04:00",
            "a más tardar el 11 de septiembre de 2020",
        ),
        (
            "Заявления, полученные до 9 сентября 2020 года, будут опубликованы.",
            "2020-09-09T00:00:00-04:00",
            "до 9 сентября 2020 года",
        ),
        (
            "Заявления направляются не позднее 11 сентября 2020 года.",
            "2020-09-11T23:59:59-04:00",
            "не позднее 11 сентября 2020 года",
        ),
        (
            "在2020年9月9日之前提交的声明将收录在汇编文件中。",
            "2020-09-09T00:00:00-04:00",
            "在2020年9月9日之前",
        ),
        (
            "声明应不迟于2020年9月11日提交。",
            "2020-09-11T23:59:59-04:00",
            "不迟于2020年9月11日",
        ),
        (
            "ستُجمع البيانات الواردة قبل 9 أيلول/سبتمبر 2020.",
            "2020-09-09T00:00:00-04:00",
            "قبل 9 أيلول/سبتمبر 2020",
        ),
        (
            "تُرسل البيانات في موعد أقصاه 11 أيلول/سبتمبر 2020.",
            "2020-09-11T23:59:59-04:00",
            "في موعد أقصاه 11 أيلول/سبتمبر 2020",
        ),
        (
            "Statements are due no later than 15 January 2021.",
            "2021-01-15T23:59:59-05:00",
            "no later than 15 January 2021",
        ),
        (
            "Statements (500-word maximum) are due by close of business on 10 September 2020.",
            "2020-09-10T23:59:59-04:00",
            "by close of business on 10 September 2020",
        ),
        (
            "Заявления направляются к 10 сентября 2020 года.",
            "2020-09-10T23:59:59-04:00",
            "к 10 сентября 2020 года",
        ),
        (
            "تُرسل البيانات بحلول 10 أيلول/سبتمبر 2020.",
            "2020-09-10T23:59:59-04:00",
            "بحلول 10 أيلول/سبتمبر 2020",
        ),
        # A clock time, before or after the date, names the instant whatever the wording.
        (
            "Statements should be sent no later than 6 p.m. (New York time) on 10 September 2020.",
            "2020-09-10T18:00:00-04:00",
            "no later than 6 p.m. (New York time) on 10 September 2020",
        ),
        (
            "Statements should be sent by 10 September 2020 at 12 noon (New York time).",
            "2020-09-10T12:00:00-04:00",
            "by 10 September 2020 at 12 noon",
        ),
        (
            "Statements received before Thursday, 10 September 2020, will be compiled.",
            "2020-09-10T00:00:00-04:00",
            "before Thursday, 10 September 2020",
        ),
        (
            "Les déclarations parviendront au plus tard le 10 septembre 2020 à 18 heures.",
            "2020-09-10T18:00:00-04:00",
            "au plus tard le 10 septembre 2020 à 18 heures",
        ),
        (
            "Las declaraciones llegarán a más tardar el 10 de septiembre de 2020 a las 18.00 horas.",
            "2020-09-10T18:00:00-04:00",
            "a más tardar el 10 de septiembre de 2020 a las 18.00 horas",
        ),
        (
            "Заявления направляются не позднее 18 ч 00 мин. (по нью-йоркскому времени) "
            "10 сентября 2020 года.",
            "2020-09-10T18:00:00-04:00",
            "не позднее 18 ч 00 мин. (по нью-йоркскому времени) 10 сентября 2020 года",
        ),
        (
            "声明应在纽约时间2020年9月10日下午6时前提交。",
            "2020-09-10T18:00:00-04:00",
            "在纽约时间2020年9月10日下午6时前",
        ),
        (
            "声明请于2020年9月10日(星期四)前提交。",
            "2020-09-10T00:00:00-04:00",
            "2020年9月10日(星期四)前",
        ),
        (
            "تُرسل البيانات في موعد أقصاه الساعة 18:00 (بتوقيت نيويورك) من يوم 10 أيلول/سبتمبر "
            "2020.",
            "2020-09-10T18:00:00-04:00",
            "في موعد أقصاه الساعة 18:00 (بتوقيت نيويورك) من يوم 10 أيلول/سبتمبر 2020",
        ),
    ],
)
def test_deadline_wordings(
    sentence: str, deadline: str, wording: str, entities: dict[str, str]
) -> None:
    submissions = parse_letter(sentence, entities=entities).to_json_dict()["submissions"]
    assert (submissions["deadline"], submissions["deadline_wording"]) == (deadline, wording)


def test_a_date_in_the_statement_paragraph_without_deadline_words_is_not_a_deadline(
    entities: dict[str, str],
) -> None:
    result = parse_letter("Statements delivered on 8 September 2020.", entities=entities)
    assert result.submissions.deadline is None
    assert "submissions.deadline not found" in result.warnings


@pytest.mark.parametrize(
    "sentence",
    [
        "Please send a statement of about 500 words.",
        "Please send a 500-word statement.",
        "请提交约500字的书面声明。",
        "Une déclaration d’environ 500 mots.",
        "Una declaración de unos 500 palabras.",
        "Заявление объемом около 500 слов.",
        "بيان مكتوب من نحو 500 كلمة.",
    ],
)
def test_word_guidance(sentence: str, entities: dict[str, str]) -> None:
    assert parse_letter(sentence, entities=entities).submissions.word_guidance == 500


def _letter_with(title: str, note: str) -> str:
    """A letter as a PDF's text layer gives it: a masthead, a title of short centred lines,
    an indented body wrapped at the margin, and `note` as the concept note's format section."""
    return (
        "United Nations                                                 S/2020/870\n"
        "  Security Council                                               Distr.: General\n"
        "                                                                 4 September 2020\n"
        "\n"
        "                                                                 Original: English\n"
        "\n"
        f"{title}\n"
        "\n"
        "      The Niger, which holds the presidency of the Security Council for the month\n"
        "of September 2020, intends to convene, on 8 September 2020 at 10 a.m., an open\n"
        "video-teleconference on the theme “Cooperation between the United Nations and\n"
        "regional organizations”. A concept note is enclosed (see annex).\n"
        "      I should be grateful if the present letter and its annex could be\n"
        "circulated as a document of the Security Council.\n"
        "\n"
        "Annex\n"
        "\n"
        "                       Concept note\n"
        "      1. Format\n"
        "      Member States and observers wishing to contribute are invited to submit a\n"
        "written statement of about 600 words to the Security Council Affairs Division\n"
        "(dppa-scsb1@un.org) no later than 10 September 2020. The statements will be\n"
        "compiled and issued as a document of the Security Council.\n"
        f"{note}\n"
    )


@pytest.mark.parametrize(
    "title",
    [
        "           Letter dated 3 September 2020 from the Permanent Representative\n"
        "           of the Niger to the United Nations addressed to the\n"
        "           Secretary-General",
        "Letter dated 3 September 2020 from the Permanent Representative\n"
        "of the Niger to the United Nations addressed to the\n"
        "Secretary-General",
        "      Carta de fecha 3 de septiembre de 2020 dirigida al Secretario\n"
        "      General por el Representante Permanente del Níger\n"
        "      ante las Naciones Unidas",
        "Lettre datée du 3 septembre 2020, adressée au Secrétaire général\n"
        "par le Représentant permanent du Niger auprès de l’Organisation\n"
        "des Nations Unies",
    ],
)
def test_sender_of_a_title_wrapped_across_lines(title: str, entities: dict[str, str]) -> None:
    letter = parse_letter(_letter_with(title, ""), entities=entities).letter
    assert (letter.date, letter.sender, letter.addressee) == (
        datetime.date(2020, 9, 3),
        "NER",
        "Secretary-General",
    )
    assert letter.sender_function == "Permanent Representative"


# Each case: the list's heading, its two items, and the (function, name) read from each.
_BRIEFER_LISTS = [
    ("Briefers:", "Ms. Ana Pérez, Director of Peace Operations", "Mr. Li Wei, Professor"),
    ("Ponentes:", "Sra. Ana Pérez, Directora de Operaciones", "Sr. Li Wei, Profesor"),
    ("Intervenants :", "Mme Ana Pérez, Directrice des opérations", "M. Li Wei, Professeur"),
    ("通报人：", "安娜·佩雷斯女士，维持和平行动司司长", "李伟先生，教授"),
    ("المقدمون للإحاطات:", "السيدة آنا بيريز، مديرة العمليات", "السيد لي وي، أستاذ"),
    ("Брифинг проведут:", "г-жа Ана Перес, директор операций", "г-н Ли Вэй, профессор"),
]


@pytest.mark.parametrize(("heading", "first", "second"), _BRIEFER_LISTS)
def test_briefers_listed_under_a_heading(
    heading: str, first: str, second: str, entities: dict[str, str]
) -> None:
    title = (
        "Letter dated 3 September 2020 from the Permanent Representative of the Niger to the\n"
        "United Nations addressed to the Secretary-General"
    )
    note = f"      {heading}\n      - {first}\n      - {second}"
    briefers = parse_letter(_letter_with(title, note), entities=entities).meeting.briefers
    expected = [re.split(r"[,，،]\s*", item) for item in (first, second)]
    assert briefers == tuple(Briefer(function, name) for name, function in expected)


_TITLE = (
    "Letter dated 3 September 2020 from the Permanent Representative of the Niger to the United "
    "Nations addressed to the Secretary-General\n\n"
)


@pytest.mark.parametrize(
    ("sentence", "chair"),
    [
        (
            "H.E. Mr. Ali Kone, Minister for Foreign Affairs of the Niger, will preside over the "
            "meeting.",
            "H.E. Mr. Ali Kone, Minister for Foreign Affairs of the Niger",
        ),
        (
            "The meeting will be held under the chairmanship of H.E. Ms. Aïcha Sow, Minister.",
            "H.E. Ms. Aïcha Sow, Minister",
        ),
        (
            "La séance sera présidée par S. E. M. J. Dupont, Ministre.",
            "S. E. M. J. Dupont, Ministre",
        ),
        ("Председательствовать на заседании будет г-н А. Б. Петров.", "г-н А. Б. Петров"),
        (
            "Заседание пройдет под председательством Премьер-министра Мальты г-на Дж. Борга.",
            "Премьер-министра Мальты г-на Дж. Борга",
        ),
        (
            "سيترأس الاجتماع سعادة السيد علي كوني، وزير الخارجية.",
            "سعادة السيد علي كوني، وزير الخارجية",
        ),
        ("尼日尔外交部长阿里·科内先生将主持会议。", "尼日尔外交部长阿里·科内先生"),
    ],
)
def test_chair_wordings(sentence: str, chair: str, entities: dict[str, str]) -> None:
    assert parse_letter(_TITLE + sentence, entities=entities).meeting.chair == chair


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A semicolon list: each item holds its own commas.
        (
            "Briefers: the Secretary-General; the Executive Director of UNICEF; and a "
            "representative of civil society.",
            [
                ("the Secretary-General", None),
                ("the Executive Director of UNICEF", None),
                ("a representative of civil society", None),
            ],
        ),
        # Functions first, each followed by its holder's name.
        (
            "The Council will be briefed by the Under-Secretary-General for Political Affairs, "
            "Ms. Rosa Díaz, and the Executive Director of UN-Women, Ms. Sima Bahous.",
            [
                ("the Under-Secretary-General for Political Affairs", "Ms. Rosa Díaz"),
                ("the Executive Director of UN-Women", "Ms. Sima Bahous"),
            ],
        ),
        # Names first; a function holding a comma stays whole.
        (
            "The Council will be briefed by Ms. Ana Pérez, Director, Division of Peace "
            "Operations, and Mr. Li Wei, Professor.",
            [
                ("Director, Division of Peace Operations", "Ms. Ana Pérez"),
                ("Professor", "Mr. Li Wei"),
            ],
        ),
        # A conjunction inside a function separates nothing.
        (
            "The Council will be briefed by Ms. Ana Pérez, Assistant Secretary-General for "
            "Political and Peacebuilding Affairs, and a representative of civil society.",
            [
                (
                    "Assistant Secretary-General for Political and Peacebuilding Affairs",
                    "Ms. Ana Pérez",
                ),
                ("a representative of civil society", None),
            ],
        ),
        (
            "С брифингами выступят заместитель Генерального секретаря по политическим вопросам "
            "и вопросам миростроительства, г-жа Ана Перес, и представитель гражданского общества.",
            [
                (
                    "заместитель Генерального секретаря по политическим вопросам и вопросам "
                    "миростроительства",
                    "г-жа Ана Перес",
                ),
                ("представитель гражданского общества", None),
            ],
        ),
        (
            "Ponentes: Sra. Ana Pérez, Directora de Operaciones, y Sr. Li Wei, Profesor.",
            [("Directora de Operaciones", "Sra. Ana Pérez"), ("Profesor", "Sr. Li Wei")],
        ),
        (
            "Le Conseil entendra les exposés de Mme Ana Pérez, Directrice, et de M. Li Wei, "
            "Professeur.",
            [("Directrice", "Mme Ana Pérez"), ("Professeur", "M. Li Wei")],
        ),
        (
            "С брифингами выступят г-жа Ана Перес, директор, и представитель гражданского "
            "общества.",
            [("директор", "г-жа Ана Перес"), ("представитель гражданского общества", None)],
        ),
        (
            "سيقدم إحاطات كل من السيدة آنا بيريز، مديرة العمليات، والسيد لي وي، أستاذ.",
            [("مديرة العمليات", "السيدة آنا بيريز"), ("أستاذ", "السيد لي وي")],
        ),
        (
            "المقدمون للإحاطات:\n1 - السيدة سيما بحوث، المديرة التنفيذية؛\n2 - ممثلة عن المجتمع المدني.",
            [("المديرة التنفيذية", "السيدة سيما بحوث"), ("ممثلة عن المجتمع المدني", None)],
        ),
        (
            "会议将听取主管政治事务副秘书长和一名民间社会代表的通报。",
            [("主管政治事务副秘书长", None), ("一名民间社会代表", None)],
        ),
        (
            "会议将听取陈丽华女士和一名民间社会代表的通报。",
            [("陈丽华女士", None), ("一名民间社会代表", None)],
        ),
        # A word may precede the label or follow it; "Ambassador" and "Professor" are a
        # name's honorific before a name, and a function otherwise.
        (
            "Expected briefers:\n- Ambassador Ana Pérez, Chair of the Peacebuilding "
            "Commission\n- Mr. Li Wei, Professor of Law",
            [
                ("Chair of the Peacebuilding Commission", "Ambassador Ana Pérez"),
                ("Professor of Law", "Mr. Li Wei"),
            ],
        ),
        (
            "Intervenants prévus :\n- S. E. M. Jean Dupont, Ministre\n- Professeure Awa Ba",
            [("Ministre", "S. E. M. Jean Dupont"), ("Professeure Awa Ba", None)],
        ),
        (
            "Briefers:\ni. Ms. Ana Pérez, Director\nii. Mr. Li Wei, Professor\niv. Outcome",
            [("Director", "Ms. Ana Pérez"), ("Professor", "Mr. Li Wei")],
        ),
        (
            "The following will brief the Council:\n- Ms. Ana Pérez, Director\n"
            "(b) Mr. Li Wei, Professor",
            [("Director", "Ms. Ana Pérez"), ("Professor", "Mr. Li Wei")],
        ),
    ],
)
def test_briefers_inline_and_in_prose(
    text: str, expected: list[tuple[str, str | None]], entities: dict[str, str]
) -> None:
    briefers = parse_letter(_TITLE + text, entities=entities).meeting.briefers
    assert [(briefer.function, briefer.name) for briefer in briefers] == expected


def test_a_long_prose_list_of_briefers_is_read_whole(entities: dict[str, str]) -> None:
    listed = ", ".join(f"Ms. Ana Pérez {n}, Director of Division {n}" for n in range(2000))
    text = f"{_TITLE}The Council will be briefed by {listed}."
    briefers = parse_letter(text, entities=entities).meeting.briefers
    assert len(briefers) == 2000
    assert briefers[1999] == Briefer("Director of Division 1999", "Ms. Ana Pérez 1999")


def test_a_title_that_never_completes_does_not_swallow_the_letter(
    entities: dict[str, str],
) -> None:
    # No known sender function: the title is rejoined up to the letter's first sentence.
    short_lines = "Short line\n" * 20
    text = (
        "Letter dated 3 September 2020 from the Minister for Foreign Affairs\n"
        "of the Niger addressed to the\n"
        "Secretary-General\n"
        "\n"
        "The Niger intends to convene an open debate on “Peace” on 8 September 2020.\n"
        f"{short_lines}"
    )
    result = parse_letter(text, entities=entities)
    assert (result.letter.sender, result.letter.addressee) == ("NER", "Secretary-General")
    assert result.letter.sender_function is None
    assert result.meeting.title == "Peace"
    assert result.sources["letter.sender"].lines == (2,)


@pytest.mark.parametrize(
    "title",
    [
        "Identical letters dated 3 September 2020 from the Permanent Representative of the\n"
        "Niger to the United Nations addressed to the Secretary-General and the President\n"
        "of the Security Council",
        "Lettres identiques datées du 3 septembre 2020, adressées au Secrétaire général et au\n"
        "Président du Conseil de sécurité par le Représentant permanent du Niger auprès de\n"
        "l’Organisation des Nations Unies",
        "2020 年 9 月 3 日尼日尔常驻联合国代表给秘书长和安全理事会主席的同文信",
    ],
)
def test_identical_letters_are_letters(title: str, entities: dict[str, str]) -> None:
    letter = parse_letter(title + "\n\nThe text.", entities=entities).letter
    assert (letter.date, letter.sender, letter.addressee) == (
        datetime.date(2020, 9, 3),
        "NER",
        "Secretary-General",
    )


def test_sender_named_only_in_the_letter_is_read_from_it_with_a_warning(
    entities: dict[str, str],
) -> None:
    text = (
        "Letter dated 2 September 2021 from the President of the Security Council addressed "
        "to the Secretary-General\n\n"
        "Ireland, which holds the presidency of the Security Council for the month of "
        "September 2021, intends to convene an open debate on 23 September 2021.\n"
    )
    result = parse_letter(text, entities=entities)
    assert result.letter.sender == "IRL"
    assert result.letter.sender_function == "President of the Security Council"
    assert result.sources["letter.sender"].lines == (3,)
    assert (
        "letter.sender 'Ireland' is read from the letter's text: its title names no State or "
        "organization"
    ) in result.warnings
