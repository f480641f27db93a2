"""The recurring UN functions in the six languages, and the titles built from the registry.

When the Secretariat types a function that is here ("Assistant Secretary-General for Africa",
"Permanent Representative of the Niger to the United Nations"), the other languages are filled
from it; anything else must be entered in each language. The forms are the UN's: the French,
Spanish and Russian titles keep the complement each department takes ("aux opérations de paix",
"pour l'Afrique"), and the titles of a State's representatives use the registry's running forms
and inflections (Russian genitive, Arabic li-). The masculine form is the default: the officer
changes it where the holder is a woman ("Sous-Secrétaire générale").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from opendebate.common.languages import Language
from opendebate.common.multilingual import Texts, clean_texts
from opendebate.documents.grammar import french_de, spanish_de
from opendebate.entities.enums import EntityKind
from opendebate.entities.models import Entity

LANGUAGES = ("en", "fr", "es", "ru", "zh", "ar")


def _texts(*forms: str) -> Texts:
    return dict(zip(LANGUAGES, forms, strict=True))


# Functions with no variable part; extra English spellings follow each entry's own.
_FIXED: tuple[tuple[Texts, tuple[str, ...]], ...] = (
    (_texts("Secretary-General", "Secrétaire général", "Secretario General",
            "Генеральный секретарь", "秘书长", "الأمين العام"),
     ("Secretary-General of the United Nations", "United Nations Secretary-General")),
    (_texts("Deputy Secretary-General", "Vice-Secrétaire général", "Vicesecretario General",
            "Первый заместитель Генерального секретаря", "常务副秘书长", "نائب الأمين العام"),
     ()),
    (_texts("Executive Director of UNICEF",
            "Directeur général du Fonds des Nations Unies pour l'enfance",
            "Director Ejecutivo del Fondo de las Naciones Unidas para la Infancia",
            "Директор-исполнитель Детского фонда Организации Объединенных Наций",
            "联合国儿童基金会执行主任", "المدير التنفيذي لمنظمة الأمم المتحدة للطفولة"),
     ("Executive Director of the United Nations Children's Fund",)),
    (_texts("Ambassador", "Ambassadeur", "Embajador", "Посол", "大使", "السفير"), ()),
    (_texts("Permanent Representative", "Représentant permanent", "Representante Permanente",
            "Постоянный представитель", "常驻代表", "الممثل الدائم"), ()),
    (_texts("Deputy Permanent Representative", "Représentant permanent adjoint",
            "Representante Permanente Adjunto", "Заместитель Постоянного представителя",
            "副常驻代表", "نائب الممثل الدائم"), ()),
    (_texts("Chargé d'affaires a.i.", "Chargé d'affaires par intérim",
            "Encargado de Negocios interino", "Временный поверенный в делах", "临时代办",
            "القائم بالأعمال بالنيابة"), ("Chargé d'affaires ad interim",)),
    (_texts("A representative of civil society", "Un représentant de la société civile",
            "Un representante de la sociedad civil", "Представитель гражданского общества",
            "民间社会代表", "ممثل عن المجتمع المدني"),
     ("Civil society representative", "A civil society representative")),
    (_texts("President of the Security Council", "Président du Conseil de sécurité",
            "Presidente del Consejo de Seguridad", "Председатель Совета Безопасности",
            "安全理事会主席", "رئيس مجلس الأمن"), ()),
)  # fmt: skip

# Departments and offices an Under- or Assistant Secretary-General is "for", with the
# complement each language gives them (fr, es, ru, zh, ar).
_DEPARTMENTS = {
    "Political and Peacebuilding Affairs": ("aux affaires politiques et à la consolidation de la paix", "de Asuntos Políticos y de Consolidación de la Paz", "по политическим вопросам и вопросам миростроительства", "政治和建设和平事务", "للشؤون السياسية وشؤون بناء السلام"),
    "Peace Operations": ("aux opérations de paix", "de Operaciones de Paz", "по операциям в пользу мира", "和平行动", "لعمليات السلام"),
    "Africa": ("pour l'Afrique", "para África", "по Африке", "非洲事务", "لشؤون أفريقيا"),
    "the Middle East, Asia and the Pacific": ("pour le Moyen-Orient, l'Asie et le Pacifique", "para Oriente Medio, Asia y el Pacífico", "по Ближнему Востоку, Азии и Тихому океану", "中东、亚洲和太平洋事务", "لشؤون الشرق الأوسط وآسيا والمحيط الهادئ"),
    "Europe, Central Asia and the Americas": ("pour l'Europe, l'Asie centrale et les Amériques", "para Europa, Asia Central y las Américas", "по Европе, Центральной Азии и Северной и Южной Америке", "欧洲、中亚和美洲事务", "لشؤون أوروبا وآسيا الوسطى والأمريكتين"),
    "Humanitarian Affairs": ("aux affaires humanitaires", "de Asuntos Humanitarios", "по гуманитарным вопросам", "人道主义事务", "للشؤون الإنسانية"),
    "Operational Support": ("à l'appui opérationnel", "de Apoyo Operacional", "по оперативной поддержке", "行动支助", "للدعم العملياتي"),
    "Human Rights": ("aux droits de l'homme", "de Derechos Humanos", "по правам человека", "人权", "لحقوق الإنسان"),
    "Legal Affairs": ("aux affaires juridiques", "de Asuntos Jurídicos", "по правовым вопросам", "法律事务", "للشؤون القانونية"),
    "Counter-Terrorism": ("à la lutte contre le terrorisme", "de Lucha contra el Terrorismo", "по борьбе с терроризмом", "反恐怖主义", "لمكافحة الإرهاب"),
    "Rule of Law and Security Institutions": ("à l'état de droit et aux institutions chargées de la sécurité", "de Estado de Derecho e Instituciones de Seguridad", "по вопросам верховенства права и институтов безопасности", "法治和安全机构", "لسيادة القانون والمؤسسات الأمنية"),
}  # fmt: skip
# The mandates of Special Representatives of the Secretary-General (fr, es, ru, zh, ar).
_MANDATES = {
    "West Africa and the Sahel": ("pour l'Afrique de l'Ouest et le Sahel", "para África Occidental y el Sahel", "по Западной Африке и Сахелю", "西非和萨赫勒问题", "لغرب أفريقيا ومنطقة الساحل"),
    "Central Africa": ("pour l'Afrique centrale", "para África Central", "по Центральной Африке", "中部非洲问题", "لوسط أفريقيا"),
    "Children and Armed Conflict": ("pour le sort des enfants en temps de conflit armé", "para la Cuestión de los Niños y los Conflictos Armados", "по вопросу о детях и вооруженных конфликтах", "儿童与武装冲突问题", "المعني بالأطفال والنزاع المسلح"),
    "Sexual Violence in Conflict": ("chargé de la question des violences sexuelles commises en période de conflit", "sobre la Violencia Sexual en los Conflictos", "по вопросу о сексуальном насилии в условиях конфликта", "冲突中性暴力问题", "المعني بالعنف الجنسي في حالات النزاع"),
    "Mali": ("pour le Mali", "para Malí", "по Мали", "马里问题", "لمالي"),
    "Somalia": ("pour la Somalie", "para Somalia", "по Сомали", "索马里问题", "للصومال"),
}  # fmt: skip


def _for(english: str, complement: tuple[str, ...], forms: Mapping[str, str]) -> Texts:
    """A title "<function> for <complement>" in the six languages, from each language's pattern
    and the complement in the order fr, es, ru, zh, ar."""
    return {
        language: forms[language].format(part)
        for language, part in zip(LANGUAGES, (english, *complement), strict=True)
    }


_USG = _texts("Under-Secretary-General for {}", "Secrétaire général adjoint {}",
              "Secretario General Adjunto {}", "Заместитель Генерального секретаря {}",
              "主管{}副秘书长", "وكيل الأمين العام {}")  # fmt: skip
_ASG = _texts("Assistant Secretary-General for {}", "Sous-Secrétaire général {}",
              "Subsecretario General {}", "Помощник Генерального секретаря {}",
              "主管{}助理秘书长", "الأمين العام المساعد {}")  # fmt: skip
_SRSG = _texts("Special Representative of the Secretary-General for {}",
               "Représentant spécial du Secrétaire général {}",
               "Representante Especial del Secretario General {}",
               "Специальный представитель Генерального секретаря {}", "秘书长{}特别代表",
               "الممثل الخاص للأمين العام {}")  # fmt: skip


# The head of a mission to the United Nations: a Member State's Permanent Representative, an
# observer State's or organization's Permanent Observer (en, fr, es, ru, zh, ar; Chinese puts
# "to the United Nations" inside the title: 常驻联合国代表).
_REPRESENTATIVE = _texts("Permanent Representative", "Représentant permanent",
                         "Representante Permanente", "Постоянный представитель", "代表", "الممثل الدائم")  # fmt: skip
_OBSERVER = _texts("Permanent Observer", "Observateur permanent", "Observador Permanente",
                   "Постоянный наблюдатель", "观察员", "المراقب الدائم")  # fmt: skip


def _mission_head(entity: Entity) -> Texts:
    return _REPRESENTATIVE if entity.kind == EntityKind.MEMBER_STATE else _OBSERVER


def permanent_representative(entity: Entity, *, to_united_nations: bool = True) -> Texts:
    """ "Permanent Representative of the Niger to the United Nations" in the six languages, or
    "Permanent Observer of the African Union ..." for an observer State or an organization."""
    head = _mission_head(entity)
    texts = {
        "en": f"{head['en']} of {entity.running_name('en')}",
        "fr": f"{head['fr']} {french_de(entity.running_name('fr'))}",
        "es": f"{head['es']} {spanish_de(entity.running_name('es'))}",
        "ru": f"{head['ru']} {entity.inflection('ru_gen')}",
        "zh": f"{entity.name('zh')}常驻{head['zh']}",
        "ar": f"{head['ar']} {entity.inflection('ar_li')}",
    }
    if not to_united_nations:
        return texts
    return {
        "en": texts["en"] + " to the United Nations",
        "fr": texts["fr"] + " auprès de l'Organisation des Nations Unies",
        "es": texts["es"] + " ante las Naciones Unidas",
        "ru": texts["ru"] + " при Организации Объединенных Наций",
        "zh": f"{entity.name('zh')}常驻联合国{head['zh']}",
        "ar": texts["ar"] + " لدى الأمم المتحدة",
    }


def minister_for_foreign_affairs(entity: Entity) -> Texts:
    """ "Minister for Foreign Affairs of the Niger" in the six languages."""
    return {
        "en": f"Minister for Foreign Affairs of {entity.running_name('en')}",
        "fr": f"Ministre des affaires étrangères {french_de(entity.running_name('fr'))}",
        "es": f"Ministro de Relaciones Exteriores {spanish_de(entity.running_name('es'))}",
        "ru": f"Министр иностранных дел {entity.inflection('ru_gen')}",
        "zh": f"{entity.name('zh')}外交部长",
        "ar": f"وزير خارجية {entity.name('ar')}",
    }


def head_of_organization(entity: Entity) -> Texts:
    """ "Secretary-General of the International Organization of la Francophonie"."""
    return {
        "en": f"Secretary-General of {entity.running_name('en')}",
        "fr": f"Secrétaire général {french_de(entity.running_name('fr'))}",
        "es": f"Secretario General {spanish_de(entity.running_name('es'))}",
        "ru": f"Генеральный секретарь {entity.inflection('ru_gen')}",
        "zh": f"{entity.name('zh')}秘书长",
        "ar": f"الأمين العام {entity.inflection('ar_li')}",
    }


def _spellings(names: Iterable[str], *templates: str) -> tuple[str, ...]:
    """The English spellings officers use: with the running or the short name ("of the Niger",
    "of Niger"), and for an organization its French name too."""
    return tuple(template.format(name) for template in templates for name in names)


def _registry_terms(entities: Iterable[Entity]) -> Iterable[tuple[Texts, tuple[str, ...]]]:
    for entity in entities:
        names = {entity.running_name("en"), entity.name_en}
        if entity.kind == EntityKind.ORGANIZATION:
            names.add(f"the {entity.name_fr}")
        if entity.can_submit:
            head = _mission_head(entity)["en"]
            yield (
                permanent_representative(entity),
                _spellings(names, head + " of {} to the United Nations"),
            )
            yield (
                permanent_representative(entity, to_united_nations=False),
                _spellings(names, head + " of {}"),
            )
        if entity.is_state:
            yield (
                minister_for_foreign_affairs(entity),
                _spellings(
                    names,
                    "Minister for Foreign Affairs of {}",
                    "Minister of Foreign Affairs of {}",
                    "Foreign Minister of {}",
                ),
            )
        elif entity.kind == EntityKind.ORGANIZATION:
            yield head_of_organization(entity), _spellings(names, "Secretary-General of {}")


def _generated_terms() -> Iterable[tuple[Texts, tuple[str, ...]]]:
    for department, complement in _DEPARTMENTS.items():
        yield _for(department, complement, _USG), ()
        yield _for(department, complement, _ASG), ()
    for mandate, complement in _MANDATES.items():
        yield _for(mandate, complement, _SRSG), ()


_ARTICLES = ("the ", "a ", "an ", "le ", "la ", "les ", "l'", "un ", "une ", "el ", "los ", "las ")


def _key(text: str) -> str:
    """What two spellings of one function share: case, spacing, apostrophes, a leading article
    ("The Assistant Secretary-General ...", "Le Sous-Secrétaire général ...") and a final stop."""
    folded = " ".join(text.replace("’", "'").split()).casefold().rstrip(".")
    for article in _ARTICLES:
        if folded.startswith(article):
            return folded[len(article) :]
    return folded


def termbase(entities: Iterable[Entity] | None = None) -> dict[tuple[str, str], Texts]:
    """Every known function, by (language, key) of each of its forms, to its six forms."""
    registry = Entity.objects.all() if entities is None else entities
    index: dict[tuple[str, str], Texts] = {}
    for texts, aliases in (*_FIXED, *_generated_terms(), *_registry_terms(registry)):
        for language, text in texts.items():
            index.setdefault((language, _key(text)), texts)
        for alias in aliases:
            index.setdefault(("en", _key(alias)), texts)
    return index


def translate_function(
    text: str, language: str, index: Mapping[tuple[str, str], Texts] | None = None
) -> Texts | None:
    """`text` (in `language`) in the six languages if the termbase knows every line of it
    ("Ambassador\\nPermanent Representative"), else None."""
    known = termbase() if index is None else index
    lines = [line for line in text.splitlines() if line.strip()]
    found = [known.get((language, _key(line))) for line in lines]
    if not lines or any(texts is None for texts in found):
        return None
    return {
        other: "\n".join(texts[other] for texts in found if texts is not None)
        for other in Language.values
    }


def complete_function(texts: Mapping[str, str]) -> Texts:
    """A function with the languages the officer left empty filled from the termbase, when the
    text of one language (English first) is a function it knows. What was entered is kept."""
    completed = clean_texts(texts)
    if len(completed) in (0, len(Language.values)):
        return completed
    index = termbase()
    for language in ("en", *(code for code in Language.values if code != "en")):
        source = completed.get(language)
        translated = translate_function(source, language, index) if source else None
        if translated is not None:
            return {**translated, **completed}
    return completed
