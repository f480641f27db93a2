"""The termbase of recurring UN functions and the titles built from the registry."""

from __future__ import annotations

import pytest

from opendebate.entities.models import Entity
from opendebate.meetings.termbase import (
    complete_function,
    minister_for_foreign_affairs,
    permanent_representative,
    translate_function,
)

pytestmark = pytest.mark.django_db

NIGER_PR = {
    "en": "Permanent Representative of the Niger to the United Nations",
    "fr": "Représentant permanent du Niger auprès de l'Organisation des Nations Unies",
    "es": "Representante Permanente del Níger ante las Naciones Unidas",
    "ru": "Постоянный представитель Нигера при Организации Объединенных Наций",
    "zh": "尼日尔常驻联合国代表",
    "ar": "الممثل الدائم للنيجر لدى الأمم المتحدة",
}


def test_permanent_representative_of_the_niger_in_six_languages() -> None:
    assert permanent_representative(Entity.objects.get(code="NER")) == NIGER_PR


def test_permanent_representative_uses_each_languages_article_and_case() -> None:
    titles = permanent_representative(Entity.objects.get(code="USA"), to_united_nations=False)
    assert titles == {
        "en": "Permanent Representative of the United States of America",
        "fr": "Représentant permanent des États-Unis d'Amérique",
        "es": "Representante Permanente de los Estados Unidos de América",
        "ru": "Постоянный представитель Соединенных Штатов Америки",
        "zh": "美利坚合众国常驻代表",
        "ar": "الممثل الدائم للولايات المتحدة الأمريكية",
    }


def test_minister_for_foreign_affairs_of_the_russian_federation() -> None:
    assert minister_for_foreign_affairs(Entity.objects.get(code="RUS")) == {
        "en": "Minister for Foreign Affairs of the Russian Federation",
        "fr": "Ministre des affaires étrangères de la Fédération de Russie",
        "es": "Ministro de Relaciones Exteriores de la Federación de Rusia",
        "ru": "Министр иностранных дел Российской Федерации",
        "zh": "俄罗斯联邦外交部长",
        "ar": "وزير خارجية الاتحاد الروسي",
    }


@pytest.mark.parametrize(
    "typed",
    [
        "Permanent Representative of the Niger to the United Nations",
        "permanent representative of Niger to the United Nations",
        "The Permanent Representative of the Niger to the United Nations.",
    ],
)
def test_english_spellings_of_a_registry_title_are_recognised(typed: str) -> None:
    assert translate_function(typed, "en") == NIGER_PR


def test_a_title_typed_in_chinese_or_arabic_is_recognised() -> None:
    assert translate_function("尼日尔常驻联合国代表", "zh") == NIGER_PR
    assert translate_function("الممثل الدائم للنيجر لدى الأمم المتحدة", "ar") == NIGER_PR


def test_assistant_secretary_general_for_africa() -> None:
    assert translate_function("Assistant Secretary-General for Africa", "en") == {
        "ar": "الأمين العام المساعد لشؤون أفريقيا",
        "zh": "主管非洲事务助理秘书长",
        "en": "Assistant Secretary-General for Africa",
        "fr": "Sous-Secrétaire général pour l'Afrique",
        "ru": "Помощник Генерального секретаря по Африке",
        "es": "Subsecretario General para África",
    }


def test_under_secretary_general_for_political_and_peacebuilding_affairs() -> None:
    texts = translate_function(
        "Under-Secretary-General for Political and Peacebuilding Affairs", "en"
    )
    assert texts is not None
    assert texts["fr"] == (
        "Secrétaire général adjoint aux affaires politiques et à la consolidation de la paix"
    )
    assert texts["zh"] == "主管政治和建设和平事务副秘书长"
    assert texts["ar"] == "وكيل الأمين العام للشؤون السياسية وشؤون بناء السلام"


def test_secretary_general_of_the_oif_under_either_name() -> None:
    english = translate_function(
        "Secretary-General of the International Organization of la Francophonie", "en"
    )
    french_name = translate_function(
        "Secretary-General of the Organisation internationale de la Francophonie", "en"
    )
    assert english == french_name
    assert english is not None
    assert english["fr"] == "Secrétaire général de l'Organisation internationale de la Francophonie"
    assert english["ru"] == "Генеральный секретарь Международной организации франкоязычных стран"
    assert english["zh"] == "法语国家国际组织秘书长"
    assert english["ar"] == "الأمين العام للمنظمة الدولية للفرانكوفونية"


@pytest.mark.parametrize(
    ("typed", "chinese", "arabic"),
    [
        ("Secretary-General", "秘书长", "الأمين العام"),
        ("Deputy Secretary-General", "常务副秘书长", "نائب الأمين العام"),
        ("Executive Director of UNICEF", "联合国儿童基金会执行主任",
         "المدير التنفيذي لمنظمة الأمم المتحدة للطفولة"),
        ("Special Representative of the Secretary-General for West Africa and the Sahel",
         "秘书长西非和萨赫勒问题特别代表", "الممثل الخاص للأمين العام لغرب أفريقيا ومنطقة الساحل"),
        ("A representative of civil society", "民间社会代表", "ممثل عن المجتمع المدني"),
        ("President of the Security Council", "安全理事会主席", "رئيس مجلس الأمن"),
        ("Ambassador", "大使", "السفير"),
    ],
)  # fmt: skip
def test_fixed_functions_in_chinese_and_arabic(typed: str, chinese: str, arabic: str) -> None:
    texts = translate_function(typed, "en")
    assert texts is not None
    assert (texts["zh"], texts["ar"]) == (chinese, arabic)


def test_a_signature_of_two_lines_is_translated_line_by_line() -> None:
    texts = translate_function("Ambassador\nPermanent Representative", "en")
    assert texts is not None
    assert texts["zh"] == "大使\n常驻代表"
    assert texts["fr"] == "Ambassadeur\nReprésentant permanent"


def test_an_unknown_line_leaves_the_whole_function_to_the_officer() -> None:
    assert translate_function("Ambassador\nSpecial Envoy for Lake Chad", "en") is None
    assert translate_function("", "en") is None


def test_complete_function_fills_only_the_empty_languages() -> None:
    completed = complete_function(
        {
            "en": "Assistant Secretary-General for Africa",
            "fr": "Sous-Secrétaire générale pour l'Afrique",
        }
    )
    # The officer's feminine French is kept; the rest comes from the termbase.
    assert completed["fr"] == "Sous-Secrétaire générale pour l'Afrique"
    assert completed["es"] == "Subsecretario General para África"
    assert completed["ar"] == "الأمين العام المساعد لشؤون أفريقيا"


def test_complete_function_from_the_french_when_no_english() -> None:
    completed = complete_function({"fr": "Le Sous-Secrétaire général aux opérations de paix"})
    assert completed["en"] == "Assistant Secretary-General for Peace Operations"
    assert completed["fr"] == "Le Sous-Secrétaire général aux opérations de paix"
    assert completed["zh"] == "主管和平行动助理秘书长"


def test_complete_function_leaves_an_unknown_function_alone() -> None:
    assert complete_function({"en": "Special Envoy for Lake Chad"}) == {
        "en": "Special Envoy for Lake Chad"
    }
    assert complete_function({}) == {}


def test_permanent_observer_of_the_african_union_in_six_languages() -> None:
    assert translate_function("Permanent Observer of the African Union", "en") == {
        "en": "Permanent Observer of the African Union",
        "fr": "Observateur permanent de l'Union africaine",
        "es": "Observador Permanente de la Unión Africana",
        "ru": "Постоянный наблюдатель Африканского союза",
        "zh": "非洲联盟常驻观察员",
        "ar": "المراقب الدائم للاتحاد الأفريقي",
    }
    holy_see = permanent_representative(Entity.objects.get(code="VAT"))
    assert holy_see["en"] == "Permanent Observer of the Holy See to the United Nations"
    assert holy_see["zh"] == "教廷常驻联合国观察员"
