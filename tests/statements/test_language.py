"""detect_language: the six official languages, and None for any other or for too little text."""

from __future__ import annotations

from pathlib import Path

import pytest

from opendebate.statements.language import SAMPLE, detect_language
from tests.statements.make_wordcount_fixtures import FIXTURES, fixture_language

STATEMENTS = sorted(path for path in FIXTURES.glob("*.txt") if fixture_language(path))


@pytest.mark.parametrize("path", STATEMENTS, ids=lambda path: path.stem)
def test_detect_language_of_statement(path: Path) -> None:
    assert detect_language(path.read_text(encoding="utf-8")) == fixture_language(path)


PARAGRAPHS = {
    "ar": "نشكر الرئاسة على عقد هذه المناقشة ونتطلع إلى شراكة أقوى بين الأمم المتحدة والمنظمات الإقليمية.",
    "zh": "我们感谢主席召开这次辩论，期待联合国与区域组织建立更加牢固的伙伴关系。",
    "en": "We thank the presidency for convening this debate and look forward to a stronger partnership between the United Nations and regional organizations.",
    "fr": "Nous remercions la présidence d’avoir convoqué ce débat et souhaitons un partenariat renforcé entre l’ONU et les organisations régionales.",
    "ru": "Мы благодарим председательство за созыв этих прений и выступаем за укрепление партнёрства между ООН и региональными организациями.",
    "es": "Agradecemos a la presidencia la convocatoria de este debate y esperamos una asociación más sólida entre las Naciones Unidas y las organizaciones regionales.",
}


@pytest.mark.parametrize(("language", "paragraph"), PARAGRAPHS.items(), ids=PARAGRAPHS.keys())
def test_detect_language_of_short_paragraph(language: str, paragraph: str) -> None:
    assert detect_language(paragraph) == language


OTHER_LANGUAGES = {
    "de": "Wir danken dem Vorsitz für die Einberufung dieser Debatte und setzen uns für eine stärkere Partnerschaft zwischen den Vereinten Nationen und den Regionalorganisationen ein.",
    "pt": "Agradecemos à presidência a convocação deste debate e esperamos uma parceria mais forte entre as Nações Unidas e as organizações regionais.",
    "it": "Ringraziamo la presidenza per aver convocato questo dibattito e auspichiamo un partenariato più solido tra le Nazioni Unite e le organizzazioni regionali.",
    "ja": "議長がこの討論を招集されたことに感謝し、国際連合と地域機関とのより強固なパートナーシップを期待します。",
    "tr": "Bu tartışmayı düzenlediği için başkanlığa teşekkür ediyor, Birleşmiş Milletler ile bölgesel kuruluşlar arasında daha güçlü bir ortaklık bekliyoruz.",
    "uk": "Ми дякуємо головуванню за скликання цих дебатів і виступаємо за зміцнення партнерства між ООН та регіональними організаціями.",
    "fa": "ما از ریاست برای برگزاری این بحث تشکر می‌کنیم و خواهان مشارکت قوی‌تر میان سازمان ملل متحد و سازمان‌های منطقه‌ای هستیم.",
}


@pytest.mark.parametrize("paragraph", OTHER_LANGUAGES.values(), ids=OTHER_LANGUAGES.keys())
def test_detect_language_of_another_language_is_none(paragraph: str) -> None:
    assert detect_language(paragraph) is None


@pytest.mark.parametrize(
    "text", ["", " \n\t ", "2020 1325 (2000) 40 % 12,5", "S/2020/866", "Merci", "谢谢主席"]
)
def test_detect_language_of_too_little_text_is_none(text: str) -> None:
    assert detect_language(text) is None


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Bonjour à tous", "fr"),  # exactly MINIMUM_LETTERS letters
        ("Bonjour tous", None),  # one fewer: French to lingua, but too little to trust
        ("Bonjour tous 2020 1325 (2000) !", None),  # digits and punctuation are no letters
        # A few Han characters among many letters: counted past twice their number, no further.
        ("习近平 " + PARAGRAPHS["fr"], "fr"),
    ],
)
def test_detect_language_counts_letters_up_to_the_minimum(text: str, language: str) -> None:
    assert detect_language(text) == language


def test_detect_language_of_chinese_with_latin_words_and_digits() -> None:
    text = "新冠肺炎疫情期间，联合国通过Zoom和WebEx举行了100多场会议，请发送电子邮件至scad@un.org。"
    assert detect_language(text) == "zh"


def test_detect_language_of_japanese_with_few_kana_is_none() -> None:
    assert (
        detect_language("安全保障理事会は国際連合憲章第八章に基づく地域機関との協力を重視する。")
        is None
    )


def test_detect_language_reads_the_opening_only() -> None:
    opening = PARAGRAPHS["fr"] * (SAMPLE // len(PARAGRAPHS["fr"]) + 1)
    assert detect_language(opening + PARAGRAPHS["en"] * 100) == "fr"
