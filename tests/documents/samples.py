"""Sample documents for the renderer tests: the Chinese version of the Niger letter of
1 September 2020 (original French), with annexes in French, Arabic, Russian, Spanish and English.
"""

from __future__ import annotations

import dataclasses
import datetime

from opendebate.documents.model import (
    Annex,
    Block,
    BlockStyle,
    HeaderBlock,
    Run,
    Signature,
    UNDocument,
)

SYMBOL = "S/2020/866"
JOB_NUMBER = "20-11568 (C)"
CHINESE_PHRASE = "法语国家国际组织"
ARABIC_WORDS = ("للفرنكوفونية", "التعددية", "اللغوية")
RUSSIAN_WORD = "многоязычие"
# Every character that means something in Typst markup, HTML or XML, as a delegation may type it.
METACHARACTERS = r"#set page(width: 1cm) #2: $5 * 3, _draft_ [A/75/1] \n @chair <tag> & 100% ~ ok"
SCRIPT_TEXT = '<script>alert("x")</script>'


def block(
    text: str,
    language: str,
    style: BlockStyle = BlockStyle.BODY,
    *,
    marker: str = "",
    level: int = 0,
) -> Block:
    return Block(runs=(Run(text),), language=language, style=style, marker=marker, level=level)


def french_annex() -> Annex:
    return Annex(
        anchor="annex-1",
        label="Annexe",
        heading=(
            "Annexe à la lettre datée du 1er septembre 2020 adressée au Secrétaire général par le "
            "Représentant permanent du Niger auprès de l'Organisation des Nations Unies"
        ),
        original_mark="[Original : français]",
        language="fr",
        title=(
            block("Note de cadrage", "fr", BlockStyle.TITLE),
            block("Débat public du Conseil de sécurité", "fr", BlockStyle.SUBTITLE),
            block("8 septembre 2020", "fr", BlockStyle.PLAIN),
        ),
        body=(
            block("1. Contexte", "fr", BlockStyle.HEADING),
            Block(
                runs=(
                    Run("Il y a cinquante ans, l'"),
                    Run("Agence de coopération culturelle et technique", italic=True),
                    Run(" était créée à Niamey ; l'Organisation compte aujourd'hui "),
                    Run("88 États et gouvernements", bold=True),
                    Run(", dont 54 membres, 7 membres associés et 27 observateurs."),
                ),
                language="fr",
            ),
            block(
                "promouvoir la langue française et la diversité culturelle ;",
                "fr",
                BlockStyle.LIST_ITEM,
                marker="•",
            ),
            block(
                "promouvoir la paix, la démocratie et les droits de l'homme ;",
                "fr",
                BlockStyle.LIST_ITEM,
                marker="•",
            ),
            block(
                "appuyer l'éducation et la formation.",
                "fr",
                BlockStyle.LIST_ITEM,
                marker="a)",
                level=1,
            ),
            block("2. Objectif", "fr", BlockStyle.HEADING),
            block(
                "Le débat permettra d'examiner la contribution de l'Organisation internationale "
                "de la Francophonie à la prévention des conflits et au maintien de la paix.",
                "fr",
            ),
        ),
    )


def arabic_annex() -> Annex:
    return Annex(
        anchor="annex-2",
        label="المرفق 2",
        heading="بيان البعثة الدائمة لتونس لدى الأمم المتحدة",
        original_mark="[الأصل: بالعربية]",
        language="ar",
        body=(
            block(
                "تؤكد تونس أن المنظمة الدولية للفرنكوفونية شريك أساسي للأمم المتحدة في منع "
                "النزاعات وبناء السلام.",
                "ar",
            ),
            block(
                "وتدعو تونس إلى تعزيز التعددية اللغوية في عمليات حفظ السلام.",
                "ar",
            ),
        ),
        signature=Signature(lines=("(توقيع) طارق الأدب", "المندوب الدائم"), language="ar"),
    )


def russian_annex() -> Annex:
    return Annex(
        anchor="annex-3",
        label="Приложение 3",
        heading=(
            "Заявление Постоянного представительства Российской Федерации при Организации "
            "Объединенных Наций"
        ),
        original_mark="[Подлинный текст на русском языке]",
        language="ru",
        body=(
            block(
                "Российская Федерация поддерживает многоязычие как основу работы Организации "
                "Объединенных Наций.",
                "ru",
            ),
        ),
    )


def spanish_annex() -> Annex:
    return Annex(
        anchor="annex-4",
        label="Anexo 4",
        heading=(
            "Declaración de la Misión Permanente de la República Dominicana ante las Naciones "
            "Unidas"
        ),
        original_mark="[Original: español]",
        language="es",
        body=(
            block(
                "La República Dominicana valora la cooperación entre las Naciones Unidas y las "
                "organizaciones regionales.",
                "es",
            ),
        ),
    )


def english_annex() -> Annex:
    return Annex(
        anchor="annex-5",
        label="Annex 5",
        heading="Statement by the Permanent Mission of Canada to the United Nations",
        original_mark="[Original: English]",
        language="en",
        body=(
            block(
                "Canada welcomes this debate on the role of the Francophonie in preventing "
                "conflict.",
                "en",
            ),
            block("Vive la Francophonie !", "fr"),
            block(METACHARACTERS, "en"),
            block(f"A delegation once typed {SCRIPT_TEXT} into its statement.", "en"),
        ),
        signature=Signature(lines=("(Signed) Bob Rae", "Permanent Representative"), language="en"),
    )


def chinese_letter() -> UNDocument:
    return UNDocument(
        header=HeaderBlock(
            organization="联合国",
            organ="安全理事会",
            symbol=SYMBOL,
            distribution="Distr.: General",
            date_line="2 September 2020",
            language_lines=("Chinese", "Original: French"),
        ),
        language="zh",
        original_language="fr",
        date_of_issue=datetime.date(2020, 9, 2),
        job_number=JOB_NUMBER,
        title="2020年9月1日尼日尔常驻联合国代表给秘书长的信",
        body=(
            block(
                "作为安全理事会2020年9月份主席，尼日尔打算于2020年9月8日上午10时组织一次主题为"
                f"“联合国与区域和次区域组织的合作：{CHINESE_PHRASE}的作用”的公开视频会议。",
                "zh",
            ),
            block("为了指导关于这一主题的讨论，尼日尔编写了一份概念说明(见附件)。", "zh"),
            block("请将本函及其附件作为安全理事会文件分发为荷。", "zh"),
        ),
        signature=Signature(lines=("常驻代表", "大使", "阿卜杜·阿巴里(签名)"), language="zh"),
        annexes=(french_annex(), arabic_annex(), russian_annex(), spanish_annex(), english_annex()),
        akn_work=("un", "unsc", "letter", "2020-09-01"),
        generated_at=datetime.datetime(2020, 9, 2, 14, 30, tzinfo=datetime.UTC),
    )


# One sentence in each script a statement plausibly quotes (what a delegation can type), with
# the language tag of the script's main language, for the "every script renders" tests.
SCRIPTS = {
    "Latin": "Peace and security for all.",
    "Latin (Vietnamese)": "Hòa bình và an ninh cho tất cả mọi người.",
    "Latin (IPA)": "ˈpiːs ənd sɪˈkjʊərɪti",
    "Greek": "Ειρήνη και ασφάλεια για όλους.",
    "Cyrillic": "Мир и безопасность для всех.",
    "Cyrillic (Kazakh, Serbian)": "Қазақстан, Ђурђевдан, Ўзбекистон.",
    "Armenian": "Խաղաղություն և անվտանգություն բոլորի համար։",
    "Georgian": "მშვიდობა და უსაფრთხოება ყველასთვის.",
    "Hebrew": "שלום וביטחון לכולם.",
    "Arabic": "السلام والأمن للجميع.",
    "Persian": "صلح و امنیت برای همه.",
    "Urdu": "سب کے لیے امن اور سلامتی۔",
    "Devanagari": "सभी के लिए शांति और सुरक्षा।",
    "Bengali": "সবার জন্য শান্তি ও নিরাপত্তা।",
    "Gurmukhi": "ਸਾਰਿਆਂ ਲਈ ਸ਼ਾਂਤੀ ਅਤੇ ਸੁਰੱਖਿਆ।",
    "Gujarati": "બધા માટે શાંતિ અને સુરક્ષા.",
    "Oriya": "ସମସ୍ତଙ୍କ ପାଇଁ ଶାନ୍ତି ଓ ସୁରକ୍ଷା।",
    "Tamil": "அனைவருக்கும் அமைதியும் பாதுகாப்பும்.",
    "Telugu": "అందరికీ శాంతి మరియు భద్రత.",
    "Kannada": "ಎಲ್ಲರಿಗೂ ಶಾಂತಿ ಮತ್ತು ಭದ್ರತೆ.",
    "Malayalam": "എല്ലാവർക്കും സമാധാനവും സുരക്ഷയും.",
    "Sinhala": "සැමට සාමය සහ ආරක්ෂාව.",
    "Thai": "สันติภาพและความมั่นคงสำหรับทุกคน",
    "Lao": "ສັນຕິພາບແລະຄວາມໝັ້ນຄົງສຳລັບທຸກຄົນ",
    "Khmer": "សន្តិភាព និងសន្តិសុខសម្រាប់មនុស្សទាំងអស់។",
    "Myanmar": "လူတိုင်းအတွက် ငြိမ်းချမ်းရေးနှင့် လုံခြုံရေး။",
    "Ethiopic": "ሰላምና ደህንነት ለሁሉም።",
    "Chinese (Simplified)": "人人享有和平与安全。",
    "Chinese (Traditional)": "人人享有和平與安全。",
    "Japanese": "すべての人に平和と安全を。カタカナ",
    "Korean": "모두를 위한 평화와 안보.",
    "Symbols": "✔ ✓ ☑ ★ → ⇒ ⚠ ☮ € ₹ № ℃ § ¶ † ‰",
    "Mathematics": "∀x ∈ ℝ: x² ≥ 0, ∑ ≤ ∞, √2 ≠ π, A ⊂ B ∪ C",
    "Emoji": "Agreed 👍🏽 🇺🇳 ❤️ 😀 👨‍👩‍👧 🌍",
}


def every_script_letter(language: str = "en") -> UNDocument:
    """The sample letter with one annex, in `language`, holding a paragraph in every script."""
    annex = Annex(
        anchor="annex-1",
        label="Annex",
        heading="Statement quoting every script",
        original_mark="",
        language=language,
        body=tuple(block(text, language) for text in SCRIPTS.values()),
    )
    return dataclasses.replace(chinese_letter(), annexes=(annex,))


# The mastheads of the six versions of a document drafted in French (the seed meeting's letter
# and, by default, its compilation): each names its own language and the one original.
FRENCH_ORIGINAL_MASTHEADS = {
    "ar": ("Arabic", "Original: French"),
    "zh": ("Chinese", "Original: French"),
    "en": ("English", "Original: French"),
    "fr": ("Original : français",),
    "ru": ("Russian", "Original: French"),
    "es": ("Español", "Original: francés"),
}
