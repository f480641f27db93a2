"""The words the importer looks for, in the six languages, as UN documents word them.

One table per concept; each lists the phrases of every language (folded before use, so accents
and case do not matter). A phrase ending in "*" is a stem. Dates, times and month names are in
`dates.py`; numbers, layout and page furniture (the recycling caption) in opendebate.ingest.reflow.
"""

from __future__ import annotations

from collections.abc import Mapping

Phrases = Mapping[str, tuple[str, ...]]

# How a letter's title begins ("Letter dated ..."); the Chinese title instead ends in "的信".
LETTER_TITLE: tuple[str, ...] = (
    "letter dated",
    "identical letters dated",
    "lettre datée",
    "lettres identiques datées",
    "carta de fecha",
    "cartas idénticas de fecha",
    "письмо",
    "идентичные письма",
    "رسالة",
    "رسالتان متطابقتان",
)
# A title ends with the addressee (English, Russian) or with the sender's "to the United Nations"
# (French, Spanish, Arabic; English with the addressee first); a Chinese one with "的信". A title
# wrapped over short lines is rejoined until it ends so (see `document.split`).
TITLE_END: tuple[str, ...] = (
    "united nations", "nations unies", "naciones unidas", "организации объединенных наций",
    "الأمم المتحدة", "的信", "的信的附件", "的同文信",
)  # fmt: skip
# The heading of the annex: "Annex to the letter dated ..." or the bare word.
ANNEX_HEADING: tuple[str, ...] = (
    "annex to the letter",
    "annexe à la lettre",
    "anexo de la carta",
    "приложение к письму",
    "مرفق الرسالة",
)
ANNEX_WORD: tuple[str, ...] = ("annex", "annexe", "anexo", "приложение", "المرفق", "مرفق", "附件")

# "[Original: French]" and the header block's "Original: French".
ORIGINAL_MARK: tuple[str, ...] = ("original", "原件", "подлинный текст", "الأصل")
# Language names as the marks write them: Chinese with 文, Russian as "на французском языке",
# Arabic as "بالفرنسية"; stems cover the inflections.
LANGUAGE_NAMES: Phrases = {
    "ar": ("arabic", "arabe", "árabe", "арабск*", "阿拉伯文", "العربية*"),
    "zh": ("chinese", "chinois", "chino", "китайск*", "中文", "الصينية*"),
    "en": ("english", "anglais", "inglés", "английск*", "英文", "الإنكليزية*", "الإنجليزية*"),
    "fr": ("french", "français", "francés", "французск*", "法文", "الفرنسية*"),
    "ru": ("russian", "russe", "ruso", "русск*", "俄文", "الروسية*"),
    "es": ("spanish", "espagnol", "español", "испанск*", "西班牙文", "الإسبانية*"),
}

# Who signs: canonical English labels, as the meeting records them.
SENDER_FUNCTIONS: Phrases = {
    "Permanent Representative": (
        "permanent representative", "représentant permanent", "représentante permanente",
        "representante permanente", "постоянного представителя", "постоянный представитель",
        "الممثل الدائم", "الممثلة الدائمة", "常驻联合国代表", "常驻代表",
    ),
    "Deputy Permanent Representative": (
        "deputy permanent representative", "représentant permanent adjoint",
        "représentante permanente adjointe", "representante permanente adjunto",
        "representante permanente adjunta", "заместителя постоянного представителя",
        "نائب الممثل الدائم", "نائبة الممثل الدائم", "常驻联合国副代表",
        "副常驻代表",
    ),
    "Chargé d'affaires a.i.": (
        "chargé d'affaires", "chargée d'affaires", "encargado de negocios",
        "encargada de negocios", "временного поверенного в делах",
        "временный поверенный в делах", "القائم بالأعمال", "القائمة بالأعمال", "临时代办",
        # The mission's (代表团) chargé, which the Permanent Representative's title contains.
        "常驻联合国代表团临时代办",
    ),
    "President of the Security Council": (
        "president of the security council", "président du conseil de sécurité",
        "présidente du conseil de sécurité", "presidente del consejo de seguridad",
        "presidenta del consejo de seguridad", "председателя совета безопасности",
        "председатель совета безопасности", "رئيس مجلس الأمن", "رئيسة مجلس الأمن",
        "安全理事会主席",
    ),
}  # fmt: skip
ADDRESSEES: Phrases = {
    "Secretary-General": (
        "secretary-general", "secrétaire général", "secretario general", "secretaria general",
        "генерального секретаря", "генеральный секретарь", "الأمين العام", "秘书长",
    ),
    "President of the Security Council": SENDER_FUNCTIONS["President of the Security Council"],
}  # fmt: skip
# What precedes the addressee in a title ("addressed to the Secretary-General").
ADDRESSED_TO: tuple[str, ...] = (
    "addressed to", "adressée au", "adressée à", "adressées au", "adressées à", "dirigida al",
    "dirigida a", "dirigidas al", "dirigidas a", "на имя", "موجهة إلى", "الموجهة إلى",
    "موجهتان إلى", "给",
)  # fmt: skip

# Meeting formats; the video-teleconference forms contain the open-debate ones in some
# languages ("مناقشة مفتوحة عن طريق التداول بالفيديو"), so the longest phrase must win.
FORMATS: Phrases = {
    "open_vtc": (
        "open video-teleconference", "open videoteleconference", "open videoconference",
        "open vtc", "open debate by videoconference", "open debate by video-teleconference",
        "open debate via videoconference", "open debate via video-teleconference",
        "open debate in the format of a video-teleconference", "open vtc debate",
        "visioconférence publique", "débat public par visioconférence",
        "débat public en visioconférence",
        "videoconferencia abierta", "debate abierto por videoconferencia",
        "в формате видеоконференции", "открытой видеоконференции", "открытая видеоконференция",
        "عن طريق التداول بالفيديو", "公开视频会议", "公开视频电话会议", "视频会议形式的公开辩论",
    ),
    "open_debate": (
        "open debate", "débat public", "debate abierto", "открытые прения", "открытых прений",
        "открытых прениях", "مناقشة مفتوحة", "公开辩论",
    ),
    "briefing": (
        "briefing", "séance d'information", "sesión informativa", "брифинг*", "جلسة إحاطة",
        "إحاطة", "通报会",
    ),
}  # fmt: skip

# An open debate held by video-teleconference, said apart from the format's name ("a
# high-level open debate by videoconference", "un débat public de haut niveau par
# visioconférence"), is an open VTC. A briefing so held stays a briefing.
BY_VIDEOCONFERENCE: tuple[str, ...] = (
    "by videoconference", "by video-teleconference", "via videoconference",
    "via video-teleconference", "by vtc", "via vtc", "par visioconférence",
    "en visioconférence", "por videoconferencia", "mediante videoconferencia",
    "в формате видеоконференции", "в режиме видеоконференции", "عن طريق التداول بالفيديو",
    "بالفيديو", "视频会议",
)  # fmt: skip

# The chair follows these words ("chaired by H.E. Mr. X") ...
CHAIRED_BY: tuple[str, ...] = (
    "chaired by", "presided over by", "presided by", "under the chairmanship of",
    "présidé par", "présidée par", "sous la présidence de", "presidido por", "presidida por",
    "bajo la presidencia de", "под председательством", "председательствовать будет",
    "председательствовать на заседании будет", "برئاسة", "سيترأس الاجتماع", "سيترأس الجلسة",
    "سيترأس المناقشة", "ستترأس الاجتماع", "ستترأس الجلسة", "ستترأس المناقشة",
)  # fmt: skip
# ... or is the subject of these ("H.E. Mr. X will preside over the meeting", "X将主持会议").
CHAIR_PRECEDES: tuple[str, ...] = (
    "will preside over", "will preside", "will chair", "présidera", "presidirá",
    "будет председательствовать", "将主持",
)  # fmt: skip

# A heading or label over the list of briefers ("4. Briefers", "Ponentes:", "通报人："); a word
# or two may precede it ("Expected briefers:") or follow it before its colon.
BRIEFERS_HEADING: tuple[str, ...] = (
    "briefers", "briefings", "intervenants", "intervenantes et intervenants",
    "intervenantes", "exposés", "exposiciones informativas", "ponentes", "oradores",
    "докладчики", "брифинг проведут", "брифинги проведут", "выступающие с брифингами",
    "مقدمو الإحاطات", "مقدمو الاحاطات", "المقدمون للإحاطات", "مقدمو الإحاطات الإعلامية",
    "主题发言人", "通报人", "通报者", "通报人员", "выступающие", "выступающие с брифингом",
)  # fmt: skip
# Prose that introduces the briefers inline ("will be briefed by X, Y and Z").
BRIEFED_BY: tuple[str, ...] = (
    "will be briefed by", "will hear briefings by", "will hear briefings from",
    "briefings will be provided by", "briefings will be delivered by", "will be briefed by:",
    "the following briefers", "the following will brief the council",
    "will hear from the following briefers", "présenteront des exposés",
    "les personnes suivantes présenteront un exposé", "informarán al consejo", "entendra les exposés de", "entendra des exposés de",
    "des exposés seront présentés par", "exposés de", "escuchará exposiciones informativas de",
    "escuchará las exposiciones informativas de", "presentarán exposiciones informativas",
    "exposiciones informativas de", "с брифингами выступят", "заслушает брифинги",
    "брифинги проведут", "سيقدم إحاطات كل من", "سيستمع المجلس إلى إحاطات من",
    "سيستمع المجلس إلى إحاطات يقدمها", "إحاطات يقدمها", "会议将听取", "将听取", "听取",
)  # fmt: skip
# Where a Chinese list read after 听取 ends ("听取 X 和 Y 的通报").
BRIEFED_BY_CLOSE: tuple[str, ...] = ("的通报", "作通报", "的情况通报")
# Words that open a new item of a list written as prose, and the ones dropped before it.
LIST_ITEM_OPENERS: tuple[str, ...] = (
    "the", "a", "an", "le", "la", "les", "l'", "un", "une", "el", "los", "las", "una",
    "一名", "一位",
)  # fmt: skip
LIST_CONJUNCTIONS: tuple[str, ...] = (
    "and", "as well as", "et", "ainsi que", "de", "d'", "du", "des", "y", "así como", "и",
    "а также", "以及",
)  # fmt: skip
TO_BE_DETERMINED: tuple[str, ...] = (
    "to be determined", "to be confirmed", "tbd", "tbc", "будет уточнен*", "سيؤكد لاحقا", "à déterminer", "à confirmer", "por determinar",
    "por confirmar", "будет определен*", "будет определён*", "сообщат дополнительно",
    "سيحدد لاحقا", "سيحدد", "待定",
)  # fmt: skip
# Words whose full stop ends an abbreviation, not a sentence (besides honorifics and initials):
# "a.i.", "No.", "Jr.", and the two-letter initial of Russian transcriptions ("Дж. Борг").
ABBREVIATIONS: tuple[str, ...] = ("a.i", "no", "jr", "st", "дж", "мл", "ст")
# Honorifics mark the name part of a briefer item ("Ms. Ana Pérez, Director of ...").
HONORIFICS: tuple[str, ...] = (
    "mr.", "ms.", "mrs.", "dr.", "prof.", "professor", "h.e.", "hon.", "sir", "dame",
    "ambassador", "m.", "mme", "s.e.", "s. e.", "ambassadeur", "ambassadrice", "sr.", "sra.",
    "dra.", "excmo.", "excma.", "embajador", "embajadora", "г-н", "г-жа", "господин",
    "госпожа", "его превосходительство", "ее превосходительство", "посол", "السيد",
    "السيدة", "سعادة", "معالي", "judge", "juge", "juez", "jueza", "судья", "القاضي", "القاضية",
)  # fmt: skip

# The paragraph that invites written statements names them with one of these.
STATEMENTS: tuple[str, ...] = (
    "statement*", "submission*", "contribution*", "déclaration*", "declaraci*",
    "contribuci*", "заявлени*", "بيان*", "مساهم*", "声明", "书面发言",
)  # fmt: skip
WORD_UNITS: tuple[str, ...] = ("word*", "mots", "mot", "palabras", "слов*", "كلمة", "字")
# Deadline wordings, by the instant they mean (see `fields.submissions`).
DEADLINE_BEFORE: tuple[str, ...] = (
    "before", "prior to", "avant le", "avant", "antes del", "antes de", "до", "قبل",
)  # fmt: skip
DEADLINE_BY: tuple[str, ...] = (
    "no later than", "not later than", "on or before", "by", "until", "au plus tard le",
    "d'ici au", "d'ici le", "к", "بحلول", "حتى", "截至",
    "jusqu'au", "a más tardar el", "a más tardar", "hasta el", "не позднее", "не позже",
    "في موعد أقصاه", "في موعد لا يتجاوز", "不迟于", "最迟于", "最晚于",
)  # fmt: skip
# New York time, named beside a deadline's clock time ("6 p.m. (New York time)"): the only
# time zone the Council's deadlines use, so naming it changes nothing but must be skipped.
NEW_YORK_TIME: tuple[str, ...] = (
    "new york time", "eastern daylight time", "eastern standard time", "eastern time", "edt",
    "est", "heure de new york", "hora de nueva york", "по нью-йоркскому времени",
    "нью-йоркского времени", "بتوقيت نيويورك", "حسب توقيت نيويورك", "纽约时间",
)  # fmt: skip
# Words between a deadline's wording and its date or time that change nothing ("by the",
# "no later than 6 p.m. on", "au plus tard le", "في موعد أقصاه ... من يوم").
DEADLINE_FILLERS: tuple[str, ...] = (
    "the", "on", "at", "le", "à", "el", "del", "de", "a las", "в", "من يوم", "يوم", "من", "于",
    "close of business", "cob", "end of day",
)  # fmt: skip
# Chinese puts the deadline word after the date, often with 在 before: "在 2020 年 9 月 9 日之前".
DEADLINE_AFTER_DATE_OPENER = "在"
DEADLINE_BEFORE_AFTER_DATE: tuple[str, ...] = ("之前", "以前", "前")
DEADLINE_BY_AFTER_DATE: tuple[str, ...] = ("或之前", "或以前")
