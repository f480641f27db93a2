"""The presidency's concept-note letter as a UN document, in any of the six languages.

The letter's sentences are the standard formula of such letters, worded here once per language
and filled from the meeting's data; the concept note itself is annexed in the requested language
when the meeting has that version, and otherwise in its original language. The
"[Original: ...]" mark is the same in every version: it appears when the note was drafted in
another language than the letter's original.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from opendebate.documents.grammar import capitalize_first, french_de, spanish_de
from opendebate.documents.labels import (
    format_date,
    header_block,
    letter_signature,
    original_mark,
    weekday,
)
from opendebate.documents.model import Annex, Block, BlockStyle, Run, UNDocument
from opendebate.documents.typography import quoted, typeset
from opendebate.entities.models import Entity
from opendebate.meetings.facts import Fact, fact_in
from opendebate.meetings.models import ConceptNoteSection, Meeting

FORMAT_NAMES = {
    "en": {"open_debate": "open debate", "open_vtc": "open videoconference", "briefing": "briefing"},
    "fr": {"open_debate": "débat public", "open_vtc": "visioconférence publique", "briefing": "séance d’information"},
    "es": {"open_debate": "debate abierto", "open_vtc": "videoconferencia abierta", "briefing": "sesión informativa"},
    "ru": {"open_debate": "открытые прения", "open_vtc": "открытое заседание в формате видеоконференции", "briefing": "брифинг"},
    "zh": {"open_debate": "公开辩论", "open_vtc": "公开视频会议", "briefing": "通报会"},
    "ar": {"open_debate": "مناقشة مفتوحة", "open_vtc": "مناقشة مفتوحة عن طريق التداول بالفيديو", "briefing": "جلسة إحاطة"},
}  # fmt: skip
# With the indefinite article, for the announcement sentence ("will convene an open debate").
_A_FORMAT = {
    "en": {"open_debate": "an open debate", "open_vtc": "an open videoconference", "briefing": "a briefing"},
    "fr": {"open_debate": "un débat public", "open_vtc": "une visioconférence publique", "briefing": "une séance d’information"},
    "es": {"open_debate": "un debate abierto", "open_vtc": "una videoconferencia abierta", "briefing": "una sesión informativa"},
}  # fmt: skip
_MONTHS_IN = {  # "in September 2020" for Russian needs the prepositional case
    "ru": ["январе", "феврале", "марте", "апреле", "мае", "июне", "июле", "августе",
           "сентябре", "октябре", "ноябре", "декабре"],
}  # fmt: skip
_CIRCULATE = {
    "en": "I should be grateful if the present letter and its annex could be circulated as a "
    "document of the Security Council.",
    "fr": "Je vous serais reconnaissant de bien vouloir faire distribuer la présente lettre et "
    "son annexe comme document du Conseil de sécurité.",
    "es": "Le agradecería que tuviera a bien hacer distribuir la presente carta y su anexo como "
    "documento del Consejo de Seguridad.",
    "ru": "Буду признателен Вам за распространение настоящего письма и приложения к нему в "
    "качестве документа Совета Безопасности.",
    "zh": "请将本函及其附件作为安全理事会的文件分发为荷。",
    "ar": "وأرجو ممتنا تعميم هذه الرسالة ومرفقها بوصفهما وثيقة من وثائق مجلس الأمن.",
}


def _time(moment: datetime.datetime, language: str) -> str:
    hour, minute = moment.hour, moment.minute
    if language == "en":
        suffix = "a.m." if hour < 12 else "p.m."
        twelve = hour % 12 or 12
        return f"{twelve}{f'.{minute:02d}' if minute else ''} {suffix}"
    if language == "fr":
        return f"{hour} heures" + (f" {minute:02d}" if minute else "")
    if language == "es":
        return f"las {hour}.{minute:02d} horas"
    if language == "ru":
        return f"{hour} ч {minute:02d} мин."
    if language == "zh":
        half = "上午" if hour < 12 else "下午"
        return f"{half}{hour % 12 or 12}时" + (f"{minute}分" if minute else "")
    return f"الساعة {hour}:{minute:02d}"


def _month(date: datetime.date, language: str) -> str:
    if language == "zh":
        return f"{date.year}年{date.month}月"
    if language == "ru":
        return f"{_MONTHS_IN['ru'][date.month - 1]} {date.year} года"
    return format_date(date, language).split(" ", 1)[1].removeprefix("de ")


def letter_title(entity: Entity, date: datetime.date, language: str) -> str:
    when = format_date(date, language)
    return {
        "en": f"Letter dated {when} from the Permanent Representative of "
        f"{entity.running_name('en')} to the United Nations addressed to the Secretary-General",
        "fr": f"Lettre datée du {when}, adressée au Secrétaire général par le Représentant "
        f"permanent {french_de(entity.running_name('fr'))} auprès de l’Organisation des "
        "Nations Unies",
        "es": f"Carta de fecha {when} dirigida al Secretario General por el Representante "
        f"Permanente {spanish_de(entity.running_name('es'))} ante las Naciones Unidas",
        "ru": f"Письмо Постоянного представителя {entity.inflection('ru_gen')} при Организации "
        f"Объединенных Наций от {when} на имя Генерального секретаря",
        "zh": f"{when}{entity.name('zh')}常驻联合国代表给秘书长的信",
        "ar": f"رسالة مؤرخة {when} موجهة إلى الأمين العام من الممثل الدائم "
        f"{entity.inflection('ar_li')} لدى الأمم المتحدة",
    }[language]


def annex_heading(entity: Entity, date: datetime.date, language: str) -> str:
    title = letter_title(entity, date, language)
    return {
        "en": lambda: "Annex to the l" + title[1:],
        "fr": lambda: "Annexe à la l" + title[1:],
        "es": lambda: "Anexo de la c" + title[1:],
        "ru": lambda: "Приложение к письму" + title.removeprefix("Письмо"),
        "zh": lambda: title + "的附件",
        "ar": lambda: (
            "مرفق ال"
            + title.replace("رسالة مؤرخة", "رسالة المؤرخة", 1).replace("موجهة", "الموجهة", 1)
        ),
    }[language]()


def _announcement(meeting: Meeting, language: str) -> str:
    entity = meeting.presidency
    start = meeting.local_start
    date = start.date()
    title = quoted(fact_in(meeting.titles, language, Fact.THEME), language)
    what = _A_FORMAT.get(language, FORMAT_NAMES[language])[meeting.format]
    when = f"{weekday(date, language)} {format_date(date, language)}"
    at = _time(start, language)
    sentences: dict[str, Callable[[], str]] = {
        "en": lambda: (
            f"{capitalize_first(entity.running_name('en'))}, which holds the presidency "
            f"of the Security Council for the month of {_month(date, 'en')}, will convene "
            f"{what} on {when}, at {at}, on the theme {title}."
        ),
        "fr": lambda: (
            f"{capitalize_first(entity.running_name('fr'))}, qui assure la présidence "
            f"du Conseil de sécurité pour le mois de {_month(date, 'fr')}, organisera {what} le "
            f"{weekday(date, 'fr')} {format_date(date, 'fr')}, à {at}, sur le thème {title}."
        ),
        "es": lambda: (
            f"{capitalize_first(entity.running_name('es'))}, que ocupa la Presidencia "
            f"del Consejo de Seguridad durante el mes de {_month(date, 'es')}, celebrará {what} "
            f"el {when}, a {at}, sobre el tema {title}."
        ),
        "ru": lambda: (
            f"{entity.name('ru')}, председательствуя в Совете Безопасности в "
            f"{_month(date, 'ru')}, проведет {format_date(date, 'ru')} ({weekday(date, 'ru')}) в "
            f"{at} {what} на тему {title}."
        ),
        "zh": lambda: (
            f"作为安全理事会{_month(date, 'zh')}份主席，{entity.name('zh')}将于"
            f"{format_date(date, 'zh')}（{weekday(date, 'zh')}）{at}举行一次主题为{title}的{what}。"
        ),
        "ar": lambda: (
            f"تعتزم {entity.name('ar')}، بصفتها رئيسة مجلس الأمن لشهر "
            f"{_month(date, 'ar')}، عقد {what} يوم {when}، {at}، بشأن موضوع {title}."
        ),
    }
    return sentences[language]()


_CONCEPT_NOTE_SENT = {
    "en": "To guide the discussion, {} has prepared the concept note annexed to the present letter.",
    "fr": "Afin d’orienter le débat, {} a établi la note de cadrage jointe à la présente lettre.",
    "es": "Para orientar el debate, {} ha preparado la nota conceptual que figura en el anexo de "
    "la presente carta.",
    # Russian: a passive sentence, so that no verb has to agree with the State's gender.
    "ru": "Для содействия обсуждению подготовлена концептуальная записка, прилагаемая к "
    "настоящему письму.",
    "zh": "为指导讨论，{}编写了一份概念说明（见附件）。",
    "ar": "وللاسترشاد بها في المناقشة، أُعدت مذكرة مفاهيمية ترد في مرفق هذه الرسالة.",
}
CONCEPT_NOTE = {
    "en": "Concept note",
    "fr": "Note de cadrage",
    "es": "Nota conceptual",
    "ru": "Концептуальная записка",
    "zh": "概念说明",
    "ar": "مذكرة مفاهيمية",
}
ANNEX = {
    "en": "Annex",
    "fr": "Annexe",
    "es": "Anexo",
    "ru": "Приложение",
    "zh": "附件",
    "ar": "مرفق",
}


def _concept_note_sentence(meeting: Meeting, language: str) -> str:
    entity = meeting.presidency
    name = (
        entity.name(language) if language in ("zh", "ar", "ru") else entity.running_name(language)
    )
    return capitalize_first(_CONCEPT_NOTE_SENT[language].format(name))


def _paragraph(text: str, language: str, style: BlockStyle = BlockStyle.BODY) -> Block:
    return Block(runs=(Run(text),), language=language, style=style)


def concept_note_language(meeting: Meeting, language: str) -> str:
    languages = set(meeting.sections.values_list("language", flat=True))
    if language in languages:
        return language
    if meeting.letter_original_language in languages:
        return meeting.letter_original_language
    return min(languages) if languages else language


def _concept_note(meeting: Meeting, language: str) -> tuple[Block, ...]:
    blocks: list[Block] = []
    sections = ConceptNoteSection.objects.filter(meeting=meeting, language=language)
    for section in sections.order_by("order"):
        if section.heading:
            heading = f"{section.order}. {section.heading}"
            blocks.append(_paragraph(heading, language, BlockStyle.HEADING))
        blocks.extend(_paragraph(text, language) for text in section.paragraphs)
    return tuple(blocks)


def build_concept_note_letter(
    meeting: Meeting, language: str, letter_date: datetime.date
) -> UNDocument:
    """The letter in `language`, dated `letter_date` (never today by default: the date is the
    presidency's), with the concept note annexed. No database writes."""
    entity = meeting.presidency
    note_language = concept_note_language(meeting, language)
    original = meeting.letter_original_language
    # The note's own original is the language it was drafted in: the letter's, when the
    # meeting has it there. Like every annex, it is marked against the letter's original
    # language, so all six versions mark it alike.
    note_original = concept_note_language(meeting, original)
    kind = FORMAT_NAMES[note_language][meeting.format]
    kind_line = {
        "en": f"Security Council {kind}",
        "fr": f"{capitalize_first(kind)} du Conseil de sécurité",
        "es": f"{capitalize_first(kind)} del Consejo de Seguridad",
        "ru": f"{capitalize_first(kind)} в Совете Безопасности",
        "zh": f"安全理事会{kind}",
        "ar": f"{kind} لمجلس الأمن",
    }[note_language]
    title_blocks = tuple(
        _paragraph(text, note_language, style)
        for text, style in (
            (CONCEPT_NOTE[note_language], BlockStyle.TITLE),
            (kind_line, BlockStyle.SUBTITLE),
            (fact_in(meeting.titles, note_language, Fact.THEME), BlockStyle.TITLE),
            (format_date(meeting.local_start.date(), note_language), BlockStyle.SUBTITLE),
        )
    )
    annex = Annex(
        anchor="annex",
        label=ANNEX[language],
        heading=typeset(annex_heading(entity, letter_date, language), language),
        original_mark=original_mark(language, note_original) if note_original != original else "",
        language=note_language,
        title=title_blocks,
        body=_concept_note(meeting, note_language),
    )
    body = tuple(
        _paragraph(typeset(text, language), language)
        for text in (
            _announcement(meeting, language),
            _concept_note_sentence(meeting, language),
            _CIRCULATE[language],
        )
    )
    symbol = meeting.letter_symbol or "S/____/___"
    return UNDocument(
        header=header_block(
            symbol=symbol, language=language, original_language=original, date=letter_date
        ),
        language=language,
        original_language=original,
        date_of_issue=letter_date,
        job_number="",
        title=typeset(letter_title(entity, letter_date, language), language),
        body=body,
        signature=letter_signature(
            language=language,
            name=fact_in(meeting.letter_signatory_names, language, Fact.NAME),
            function_lines=tuple(
                fact_in(meeting.letter_signatory_functions, language, Fact.FUNCTION).splitlines()
            ),
        ),
        annexes=(annex,),
        akn_work=("un", "unsc", "letter", letter_date.isoformat()),
    )
