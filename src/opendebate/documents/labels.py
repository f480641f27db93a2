"""The fixed wording of UN documents in the six languages: header block, dates, language marks.

This is document content, not user interface: it follows the UN's editorial practice for each
language version and never goes through gettext (a French reader of the English UI still needs
"[Original : français]" in a French document).
"""

from __future__ import annotations

import datetime

from opendebate.documents.model import HeaderBlock, Signature

ORGANIZATION = {
    "ar": "الأمم المتحدة",
    "zh": "联合国",
    "en": "United Nations",
    "fr": "Nations Unies",
    "ru": "Организация Объединенных Наций",
    "es": "Naciones Unidas",
}
SECURITY_COUNCIL = {
    "ar": "مجلس الأمن",
    "zh": "安全理事会",
    "en": "Security Council",
    "fr": "Conseil de sécurité",
    "ru": "Совет Безопасности",
    "es": "Consejo de Seguridad",
}
# The signature line of a letter, around the signatory's name.
SIGNED = {
    "en": "(Signed) {}",
    "fr": "(Signé) {}",
    "es": "(Firmado) {}",
    "ru": "(Подпись) {}",
    "zh": "（签名）{}",
    "ar": "(توقيع) {}",
}
# French and Chinese letters put the signatory's function above the signed name ("Le Président
# du Conseil de sécurité / (Signé) Christoph Heusgen", S/2020/638); the others put it below.
_FUNCTION_FIRST = {"fr", "zh"}

# Arabic, Chinese and Russian versions keep these header lines in English, as the UN prints them.
_HEADER_LANGUAGE = {"ar": "en", "zh": "en", "en": "en", "fr": "fr", "ru": "en", "es": "es"}
_DISTRIBUTION = {"en": "Distr.: General", "fr": "Distr. générale", "es": "Distr. general"}
_ORIGINAL = {"en": "Original: {}", "fr": "Original : {}", "es": "Original: {}"}

# Each language named in each language (rows: the language written in; keys: the language named).
LANGUAGE_NAMES = {
    "en": {"ar": "Arabic", "zh": "Chinese", "en": "English", "fr": "French", "ru": "Russian", "es": "Spanish"},
    "fr": {"ar": "arabe", "zh": "chinois", "en": "anglais", "fr": "français", "ru": "russe", "es": "espagnol"},
    "es": {"ar": "árabe", "zh": "chino", "en": "inglés", "fr": "francés", "ru": "ruso", "es": "español"},
    "ru": {"ar": "арабском", "zh": "китайском", "en": "английском", "fr": "французском", "ru": "русском", "es": "испанском"},
    "zh": {"ar": "阿拉伯文", "zh": "中文", "en": "英文", "fr": "法文", "ru": "俄文", "es": "西班牙文"},
    "ar": {"ar": "العربية", "zh": "الصينية", "en": "الإنكليزية", "fr": "الفرنسية", "ru": "الروسية", "es": "الإسبانية"},
}  # fmt: skip
# The name of a version's own language on its header block ("Français", "Español").
_VERSION_NAME = {"fr": "Français", "es": "Español"}

_MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
           "septembre", "octobre", "novembre", "décembre"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
           "septiembre", "octubre", "noviembre", "diciembre"],
    "ru": ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
           "сентября", "октября", "ноября", "декабря"],
    # UN Arabic pairs the Levantine and the Gregorian month names.
    "ar": ["كانون الثاني/يناير", "شباط/فبراير", "آذار/مارس", "نيسان/أبريل", "أيار/مايو",
           "حزيران/يونيه", "تموز/يوليه", "آب/أغسطس", "أيلول/سبتمبر", "تشرين الأول/أكتوبر",
           "تشرين الثاني/نوفمبر", "كانون الأول/ديسمبر"],
}  # fmt: skip
_WEEKDAYS = {
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "fr": ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
    "es": ["lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo"],
    "ru": ["понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье"],
    "zh": ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"],
    "ar": ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"],
}


def format_date(date: datetime.date, language: str) -> str:
    """A date as UN documents write it in running text: "1 September 2020", "1er septembre"."""
    if language == "zh":
        return f"{date.year}年{date.month}月{date.day}日"
    month = _MONTHS[language][date.month - 1]
    if language == "fr":
        day = "1er" if date.day == 1 else str(date.day)
        return f"{day} {month} {date.year}"
    if language == "es":
        return f"{date.day} de {month} de {date.year}"
    if language == "ru":
        return f"{date.day} {month} {date.year} года"
    return f"{date.day} {month} {date.year}"


def weekday(date: datetime.date, language: str) -> str:
    return _WEEKDAYS[language][date.weekday()]


def original_mark(language: str, original: str) -> str:
    """The "[Original: French]" line of an annex whose language differs from the document's."""
    name = LANGUAGE_NAMES[language][original]
    return {
        "en": f"[Original: {name}]",
        "fr": f"[Original : {name}]",
        "es": f"[Original: {name}]",
        "ru": f"[Подлинный текст на {name} языке]",
        "zh": f"[原件：{name}]",
        "ar": f"[الأصل: بال{name.removeprefix('ال')}]",
    }[language]


def letter_signature(
    *, language: str, name: str, function_lines: tuple[str, ...]
) -> Signature | None:
    """A letter's signature block, its lines in the order the language version prints them."""
    signed = (SIGNED[language].format(name),) if name else ()
    functions = tuple(line for line in function_lines if line)
    lines = (*functions, *signed) if language in _FUNCTION_FIRST else (*signed, *functions)
    return Signature(lines, language) if lines else None


def header_block(
    *, symbol: str, language: str, original_language: str, date: datetime.date
) -> HeaderBlock:
    label_language = _HEADER_LANGUAGE[language]
    names = LANGUAGE_NAMES[label_language]
    original = _ORIGINAL[label_language].format(names[original_language])
    if language == original_language:
        language_lines: tuple[str, ...] = (original,)
    else:
        version = _VERSION_NAME.get(language, LANGUAGE_NAMES["en"][language])
        language_lines = (version, original)
    return HeaderBlock(
        organization=ORGANIZATION[language],
        organ=SECURITY_COUNCIL[language],
        symbol=symbol,
        distribution=_DISTRIBUTION[label_language],
        date_line=format_date(date, label_language),
        language_lines=language_lines,
    )
