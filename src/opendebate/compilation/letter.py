"""The President's cover letter of a compilation, worded in each of the six languages.

Pure: it takes the annexes' speakers and entities already in order and returns the letter's
title, paragraphs and signature. The sentences follow the 2020 compilation letters (S/2020/736
is the model): briefings and delivered statements in the first paragraph, the written
statements in one alphabetical list in the second, the procedure letter in the last. Running
text uses the UN article forms ("the Niger", "le Niger") and, where a language needs it, the
registry's grammatical forms (Russian genitive).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from opendebate.documents.grammar import french_de, spanish_de
from opendebate.documents.labels import format_date, letter_signature, weekday
from opendebate.documents.model import Signature
from opendebate.documents.typography import quoted, typeset
from opendebate.entities.models import Entity
from opendebate.meetings.enums import MeetingFormat


@dataclass(frozen=True)
class Speaker:
    """Someone whose briefing or statement at the meeting is annexed."""

    name: str
    function: str = ""
    entity: Entity | None = None

    def described(self, language: str) -> str:
        """The name with the title, as the language's running text joins them: "Bintou Keita,
        Assistant Secretary-General for Africa", "بينتو كيتا، الأمينة العامة المساعدة…", and in
        Chinese the title before the name without a mark, "主管非洲事务助理秘书长班图·凯塔"."""
        if not self.function:
            return self.name
        return _DESCRIBED.get(language, "{name}, {function}").format(
            name=self.name, function=self.function
        )


_DESCRIBED = {"zh": "{function}{name}", "ar": "{name}، {function}"}


@dataclass(frozen=True)
class LetterFacts:
    language: str
    letter_date: datetime.date
    meeting_date: datetime.date
    meeting_format: str  # MeetingFormat value
    theme: str  # the meeting's title in the letter's language
    briefers: tuple[Speaker, ...]
    presidency: Speaker | None  # the presiding State's speaker, when a statement is annexed
    members: tuple[Entity, ...]  # other Council members who spoke, alphabetical
    non_members: tuple[Entity, ...]  # in speaking order
    written: tuple[Entity, ...]  # alphabetical by short name
    late: tuple[Entity, ...]  # written statements received late and included
    procedure_symbol: str
    signatory: str


TITLE = {
    "en": "Letter dated {} from the President of the Security Council addressed to the "
    "Secretary-General and the Permanent Representatives of the members of the Security Council",
    "fr": "Lettre datée du {}, adressée au Secrétaire général et aux représentants permanents "
    "des membres du Conseil de sécurité par le Président du Conseil de sécurité",
    "es": "Carta de fecha {} dirigida al Secretario General y a los Representantes Permanentes "
    "de los miembros del Consejo de Seguridad por el Presidente del Consejo de Seguridad",
    "ru": "Письмо Председателя Совета Безопасности от {} на имя Генерального секретаря и "
    "постоянных представителей членов Совета Безопасности",
    "zh": "{}安全理事会主席给秘书长和安全理事会成员国常驻代表的信",
    "ar": "رسالة مؤرخة {} موجهة إلى الأمين العام وإلى الممثلين الدائمين لأعضاء مجلس الأمن من "
    "رئيس مجلس الأمن",
}
PRESIDENT = {
    "en": "President of the Security Council",
    "fr": "Le Président du Conseil de sécurité",
    "es": "Presidente del Consejo de Seguridad",
    "ru": "Председатель Совета Безопасности",
    "zh": "安全理事会主席",
    "ar": "رئيس مجلس الأمن",
}
# "in connection with the open debate", with the article or case each language needs.
_IN_CONNECTION = {
    "en": {"open_debate": "in connection with the open debate", "open_vtc": "in connection with the open video-teleconference", "briefing": "in connection with the briefing"},
    "fr": {"open_debate": "à l’occasion du débat public", "open_vtc": "à l’occasion de la visioconférence publique", "briefing": "à l’occasion de la séance d’information"},
    "es": {"open_debate": "en relación con el debate abierto", "open_vtc": "en relación con la videoconferencia abierta", "briefing": "en relación con la sesión informativa"},
    "ru": {"open_debate": "в связи с открытыми прениями", "open_vtc": "в связи с открытым заседанием в формате видеоконференции", "briefing": "в связи с брифингом"},
    "zh": {"open_debate": "公开辩论", "open_vtc": "公开视频会议", "briefing": "通报会"},
    "ar": {"open_debate": "فيما يتصل بالمناقشة المفتوحة", "open_vtc": "فيما يتصل بالمناقشة المفتوحة التي عقدت عن طريق التداول بالفيديو", "briefing": "فيما يتصل بجلسة الإحاطة"},
}  # fmt: skip


# The enclosing sentence: the briefings clause, what joins it to the delivered statements, and
# the sentence around both ({theme} arrives already between the language's quotation marks).
_ENCLOSE = {
    "en": ("a copy of the briefings provided by {}", ", as well as ", "I have the honour to enclose herewith {what}, {connection} on the theme {theme}, {when}."),
    "fr": ("des exposés présentés par {}", ", ainsi que ", "J’ai l’honneur de vous faire tenir ci-joint le texte {what}, {connection} sur le thème {theme}, {when}."),
    "es": ("de las exposiciones informativas realizadas por {}", ", así como ", "Tengo el honor de adjuntar una copia {what}, {connection} sobre el tema {theme}, {when}."),
    "ru": ("брифингов, проведенных {}", ", а также ", "Имею честь настоящим препроводить текст {what} {connection} на тему {theme}, {when}."),
    "zh": ("{}所作通报", "以及", "谨随函附上在{when}举行的主题为{theme}的{connection}上{what}的副本。"),
    "ar": ("الإحاطات التي قدمها {}", "، وكذلك ", "أتشرف بأن أحيل طيه نسخة من {what}، {connection} بشأن موضوع {theme} {when}."),
}  # fmt: skip

# The written statements' paragraph, opened by the understanding among Council members; where
# the meeting is a video-teleconference the understanding is "for this video-teleconference"
# (S/2020/736). {scope} takes the second element, or nothing.
_UNDERSTANDING = {
    "en": ("In accordance with the understanding reached among Council members{scope}, the following delegations and entities submitted written statements, copies of which are also enclosed: {names}.", " for this video-teleconference"),
    "fr": ("Conformément à l’accord auquel sont parvenus les membres du Conseil{scope}, les délégations et entités ci-après ont présenté des déclarations écrites, dont le texte est également joint : {names}.", " pour cette visioconférence"),
    "es": ("De conformidad con el entendimiento alcanzado entre los miembros del Consejo{scope}, las siguientes delegaciones y entidades presentaron declaraciones por escrito, cuyas copias también se adjuntan: {names}.", " para esta videoconferencia"),
    "ru": ("В соответствии с договоренностью, достигнутой членами Совета{scope}, письменные заявления, тексты которых также прилагаются, представили следующие делегации и структуры: {names}.", " в отношении этого заседания в формате видеоконференции"),
    "zh": ("根据安理会成员{scope}达成的谅解，下列代表团和实体提交了书面发言，现一并附上：{names}。", "就此次视频会议"),
    "ar": ("ووفقا للتفاهم الذي توصل إليه أعضاء المجلس{scope}، قدمت الوفود والكيانات التالية بيانات كتابية، ترد نسخ منها مرفقة أيضا: {names}.", " بشأن هذا الاجتماع المعقود عن طريق التداول بالفيديو"),
}  # fmt: skip

# The closing paragraph: the President's formula under the procedure letter (S/2020/372), not a
# Member State's request for circulation. Per language: the procedure clause, the clause saying
# the procedure was agreed because of the pandemic (video-teleconferences only), what joins them
# to the main clause, the main clause after them, and the main clause standing alone.
_CLOSING = {
    "en": ("In accordance with the procedure set out in document {symbol}", ", which was agreed in the light of the extraordinary circumstances caused by the coronavirus disease (COVID-19) pandemic", ", ", "the present letter and its annexes will be issued as a document of the Security Council.", "The present letter and its annexes will be issued as a document of the Security Council."),
    "fr": ("Conformément à la procédure énoncée dans le document {symbol}", ", qui a été convenue compte tenu des circonstances exceptionnelles créées par la pandémie de maladie à coronavirus (COVID-19)", ", ", "la présente lettre et ses annexes seront publiées comme document du Conseil de sécurité.", "La présente lettre et ses annexes seront publiées comme document du Conseil de sécurité."),
    "es": ("De conformidad con el procedimiento establecido en el documento {symbol}", ", que se acordó en vista de las circunstancias extraordinarias provocadas por la pandemia de enfermedad por coronavirus (COVID-19)", ", ", "la presente carta y sus anexos se publicarán como documento del Consejo de Seguridad.", "La presente carta y sus anexos se publicarán como documento del Consejo de Seguridad."),
    "ru": ("В соответствии с процедурой, изложенной в документе {symbol}", ", которая была согласована с учетом чрезвычайных обстоятельств, вызванных пандемией коронавирусного заболевания (COVID-19)", ", ", "настоящее письмо и приложения к нему будут изданы в качестве документа Совета Безопасности.", "Настоящее письмо и приложения к нему будут изданы в качестве документа Совета Безопасности."),
    "zh": ("根据{symbol}号文件所述程序", "（该程序是鉴于2019冠状病毒病（COVID-19）大流行造成的特殊情况而商定的）", "，", "本函及其附件将作为安全理事会文件印发。", "本函及其附件将作为安全理事会文件印发。"),
    "ar": ("ووفقا للإجراء المبين في الوثيقة {symbol}", "، الذي اتُّفق عليه في ضوء الظروف الاستثنائية الناجمة عن جائحة مرض فيروس كورونا (كوفيد-19)", "، ", "ستصدر هذه الرسالة ومرفقاتها بوصفها وثيقة من وثائق مجلس الأمن.", "وستصدر هذه الرسالة ومرفقاتها بوصفها وثيقة من وثائق مجلس الأمن."),
}  # fmt: skip


def join(items: list[str], language: str, *, separator: str = ", ") -> str:
    """A list in running text: "A, B and C", "A, B et C", "A、B和C", "A، وB، وC"."""
    if not items:
        return ""
    if language == "zh":
        return items[0] if len(items) == 1 else "、".join(items[:-1]) + "和" + items[-1]
    if language == "ar":
        return "، و".join(items)
    if len(items) == 1:
        return items[0]
    conjunction = {"en": "and", "fr": "et", "ru": "и", "es": "y"}[language]
    if language == "es" and _starts_with_i_sound(items[-1]):
        conjunction = "e"  # "Estonia e Indonesia"
    if language == "en" and separator == "; ":
        return separator.join(items[:-1]) + f"; {conjunction} " + items[-1]
    return separator.join(items[:-1]) + f" {conjunction} " + items[-1]


def _starts_with_i_sound(word: str) -> bool:
    lowered = word.lower()
    return lowered.startswith(("i", "í", "hi", "hí")) and not lowered.startswith(("hie", "hia"))


def _entities(entities: tuple[Entity, ...], language: str) -> str:
    """Entities as running text, in the form the sentence needs after "of"/"de"/genitive."""
    if language == "fr":
        return join([french_de(e.running_name("fr")) for e in entities], "fr")
    if language == "es":
        return spanish_de(join([e.running_name("es") for e in entities], "es"))
    if language == "ru":
        return join([e.inflection("ru_gen") for e in entities], "ru")
    if language in ("zh", "ar"):
        return join([e.name(language) for e in entities], language)
    return join([e.running_name("en") for e in entities], "en")


def _listed(entities: tuple[Entity, ...], language: str) -> str:
    """The written-statement list: running forms in the nominative, alphabetical."""
    if language in ("zh", "ar"):
        return join([e.name(language) for e in entities], language)
    return join([e.running_name(language) for e in entities], language)


def _briefers(facts: LetterFacts) -> str:
    separator = "；" if facts.language == "zh" else " ; " if facts.language == "fr" else "; "
    described = [speaker.described(facts.language) for speaker in facts.briefers]
    if facts.language in ("zh", "ar"):
        return join(described, facts.language)
    return join(described, facts.language, separator=separator)


def _delivered(facts: LetterFacts) -> str:
    """ "the statements delivered by X, Title, and by the representatives of A, B and C"."""
    language = facts.language
    by_president = facts.presidency.described(language) if facts.presidency else ""
    members = _entities(facts.members, language) if facts.members else ""
    # After "X, Title" the title needs closing off with a comma before "and by ...".
    comma = "," if facts.presidency and facts.presidency.function else ""
    if language == "en":
        parts = [by_president, f"the representatives of {members}" if members else ""]
        return "the statements delivered by " + f"{comma} and by ".join(p for p in parts if p)
    if language == "fr":
        parts = [by_president, f"les représentants {members}" if members else ""]
        return "des déclarations faites par " + f"{comma} et par ".join(p for p in parts if p)
    if language == "es":
        parts = [by_president, f"los representantes {members}" if members else ""]
        return "de las declaraciones formuladas por " + f"{comma} y por ".join(
            p for p in parts if p
        )
    if language == "ru":
        parts = [by_president, f"представителями {members}" if members else ""]
        return "заявлений, сделанных " + f"{comma} и ".join(p for p in parts if p)
    if language == "zh":
        parts = [by_president, f"{members}代表" if members else ""]
        return "、".join(p for p in parts if p) + "所作发言"
    parts = [by_president, f"ممثلو {members}" if members else ""]
    return "البيانات التي أدلى بها " + "، و".join(p for p in parts if p)


def _when(facts: LetterFacts) -> str:
    language, date = facts.language, facts.meeting_date
    day = weekday(date, language)
    if language == "en":
        return f"convened on {day}, {format_date(date, 'en')}"
    if language == "fr":
        return f"tenue le {day} {format_date(date, 'fr')}"
    if language == "es":
        return f"celebrada el {day} {format_date(date, 'es')}"
    if language == "ru":
        return f"состоявшимся {format_date(date, 'ru')} ({day})"
    if language == "zh":
        return f"{format_date(date, 'zh')}（{day}）"
    return f"المعقودة يوم {day} {format_date(date, 'ar')}"


def _first_paragraph(facts: LetterFacts) -> str:
    """Briefings and delivered statements; empty when none was recorded."""
    language = facts.language
    has_statements = facts.presidency is not None or bool(facts.members)
    if not facts.briefers and not has_statements:
        return ""
    connection = _IN_CONNECTION[language][facts.meeting_format]
    theme, when = facts.theme, _when(facts)
    briefers = _briefers(facts) if facts.briefers else ""
    delivered = _delivered(facts) if has_statements else ""
    briefings, joiner, template = _ENCLOSE[language]
    what = joiner.join(
        part for part in (briefings.format(briefers) if briefers else "", delivered) if part
    )
    sentence = template.format(
        what=what, connection=connection, theme=quoted(theme, language), when=when
    )
    non_members = facts.non_members
    if not non_members:
        return sentence
    names = _entities(non_members, language)
    several = len(non_members) > 1
    also = {
        "en": f"Statements were also delivered by the representatives of {names}."
        if several
        else f"A statement was also delivered by the representative of {names}.",
        "fr": f"Des déclarations ont également été faites par les représentants {names}."
        if several
        else f"Une déclaration a également été faite par le représentant {names}.",
        "es": f"También formularon declaraciones los representantes {names}."
        if several
        else f"También formuló una declaración el representante {names}.",
        "ru": f"С заявлениями выступили также представители {names}."
        if several
        else f"С заявлением выступил также представитель {names}.",
        "zh": f"{names}代表也作了发言。",
        "ar": f"وأدلى أيضا ممثلو {names} ببيانات."
        if several
        else f"وأدلى أيضا ممثل {names} ببيان.",
    }[language]
    return f"{sentence} {also}" if language != "zh" else sentence + also


def _written_paragraph(facts: LetterFacts) -> str:
    if not facts.written:
        return ""
    template, for_this_meeting = _UNDERSTANDING[facts.language]
    scope = for_this_meeting if facts.meeting_format == MeetingFormat.OPEN_VTC else ""
    return template.format(scope=scope, names=_listed(facts.written, facts.language))


def _late_paragraph(facts: LetterFacts) -> str:
    if not facts.late:
        return ""
    names = _entities(facts.late, facts.language)
    listed = _listed(facts.late, facts.language)
    return {
        "en": f"The written statements of {names}, received after the deadline, are also enclosed.",
        "fr": f"Les déclarations écrites {names}, reçues après la date limite, sont également jointes.",
        "es": f"También se adjuntan las declaraciones escritas {names}, recibidas después del plazo.",
        "ru": f"Прилагаются также письменные заявления {names}, полученные после установленного срока.",
        "zh": f"另附逾期收到的{listed}的书面发言。",
        "ar": f"وترد مرفقة أيضا البيانات الكتابية المقدمة من {listed}، التي وردت بعد الموعد المحدد.",
    }[facts.language]


def _closing_paragraph(facts: LetterFacts) -> str:
    procedure, pandemic, joiner, after, alone = _CLOSING[facts.language]
    if not facts.procedure_symbol:
        return alone
    agreed = pandemic if facts.meeting_format == MeetingFormat.OPEN_VTC else ""
    return procedure.format(symbol=facts.procedure_symbol) + agreed + joiner + after


def letter_title(facts: LetterFacts) -> str:
    title = TITLE[facts.language].format(format_date(facts.letter_date, facts.language))
    return typeset(title, facts.language)


def paragraphs(facts: LetterFacts) -> tuple[str, ...]:
    """The letter's paragraphs, typeset in its language (quotes, apostrophes)."""
    written = _written_paragraph(facts)
    late = _late_paragraph(facts)
    parts = (_first_paragraph(facts), f"{written} {late}".strip() if written else late)
    found = (*(part for part in parts if part), _closing_paragraph(facts))
    return tuple(typeset(part, facts.language) for part in found)


def signature(facts: LetterFacts) -> Signature | None:
    return letter_signature(
        language=facts.language, name=facts.signatory, function_lines=(PRESIDENT[facts.language],)
    )
