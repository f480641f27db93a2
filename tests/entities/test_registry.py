from __future__ import annotations

import datetime
import json
import unicodedata
from io import StringIO

import pytest
from babel import Locale
from django.core.management import call_command

from opendebate.entities.enums import EntityKind, MembershipStatus
from opendebate.entities.models import Entity, sort_key_for
from opendebate.entities.queries import (
    council_members,
    group_memberships,
    presidency_for,
    submitting_entities,
)
from opendebate.entities.services import load_registry

pytestmark = pytest.mark.django_db

SEPTEMBER_2020 = datetime.date(2020, 9, 1)


def test_registry_counts_member_and_observer_states() -> None:
    assert Entity.objects.filter(kind=EntityKind.MEMBER_STATE).count() == 193
    assert set(
        Entity.objects.filter(kind=EntityKind.OBSERVER_STATE).values_list("code", flat=True)
    ) == {"VAT", "PSE"}


def test_registry_has_the_organizations_that_submit_to_the_council() -> None:
    required = {"EU", "AU", "OIF", "LAS", "OIC", "GCC", "ECOWAS", "CSTO", "CIS", "OSCE", "OAS"}
    codes = set(Entity.objects.filter(kind=EntityKind.ORGANIZATION).values_list("code", flat=True))
    assert required <= codes


def _scripts(text: str) -> set[str]:
    return {unicodedata.name(ch).split()[0] for ch in text if ch.isalpha()}


def test_registry_every_entity_has_six_names_in_the_right_scripts() -> None:
    for entity in Entity.objects.all():
        names = entity.names()
        assert all(name.strip() for name in names.values()), entity.code
        assert _scripts(names["ar"]) == {"ARABIC"}, (entity.code, names["ar"])
        assert _scripts(names["zh"]) <= {"CJK"}, (entity.code, names["zh"])
        assert _scripts(names["ru"]) <= {"CYRILLIC", "LATIN"}, (entity.code, names["ru"])
        assert entity.running_name("en")
        assert entity.running_name("fr")


# The UN short name where CLDR (what Babel and most software show) says something else.
# (alpha-3, alpha-2, UN English, UN French)
UN_NAMES = [
    ("BOL", "BO", "Bolivia (Plurinational State of)", "Bolivie (État plurinational de)"),
    ("IRN", "IR", "Iran (Islamic Republic of)", "Iran (République islamique d')"),
    ("VEN", "VE", "Venezuela (Bolivarian Republic of)", "Venezuela (République bolivarienne du)"),
    ("FSM", "FM", "Micronesia (Federated States of)", "Micronésie (États fédérés de)"),
    ("MDA", "MD", "Republic of Moldova", "République de Moldova"),
    ("KOR", "KR", "Republic of Korea", "République de Corée"),
    (
        "PRK",
        "KP",
        "Democratic People's Republic of Korea",
        "République populaire démocratique de Corée",
    ),
    ("LAO", "LA", "Lao People's Democratic Republic", "République démocratique populaire lao"),
    ("SYR", "SY", "Syrian Arab Republic", "République arabe syrienne"),
    ("TZA", "TZ", "United Republic of Tanzania", "République-Unie de Tanzanie"),
    (
        "GBR",
        "GB",
        "United Kingdom of Great Britain and Northern Ireland",
        "Royaume-Uni de Grande-Bretagne et d'Irlande du Nord",
    ),
    ("USA", "US", "United States of America", "États-Unis d'Amérique"),
    ("RUS", "RU", "Russian Federation", "Fédération de Russie"),
    ("VNM", "VN", "Viet Nam", "Viet Nam"),
    ("CPV", "CV", "Cabo Verde", "Cabo Verde"),
    ("BRN", "BN", "Brunei Darussalam", "Brunéi Darussalam"),
    ("NLD", "NL", "Netherlands (Kingdom of the)", "Pays-Bas (Royaume des)"),
    ("COG", "CG", "Congo", "Congo"),
    ("COD", "CD", "Democratic Republic of the Congo", "République démocratique du Congo"),
    ("MMR", "MM", "Myanmar", "Myanmar"),
    ("VAT", "VA", "Holy See", "Saint-Siège"),
    ("PSE", "PS", "State of Palestine", "État de Palestine"),
    ("KNA", "KN", "Saint Kitts and Nevis", "Saint-Kitts-et-Nevis"),
    ("CIV", "CI", "Côte d'Ivoire", "Côte d'Ivoire"),
    ("BLR", "BY", "Belarus", "Bélarus"),
    ("TUR", "TR", "Türkiye", "Türkiye"),
    ("TLS", "TL", "Timor-Leste", "Timor-Leste"),
    ("LCA", "LC", "Saint Lucia", "Sainte-Lucie"),
    ("VCT", "VC", "Saint Vincent and the Grenadines", "Saint-Vincent-et-les Grenadines"),
    ("TTO", "TT", "Trinidad and Tobago", "Trinité-et-Tobago"),
]


@pytest.mark.parametrize(("code", "alpha2", "english", "french"), UN_NAMES)
def test_registry_uses_un_short_names_not_cldr(
    code: str, alpha2: str, english: str, french: str
) -> None:
    entity = Entity.objects.get(code=code)
    assert (entity.name_en, entity.name_fr) == (english, french)
    cldr = (Locale("en").territories[alpha2], Locale("fr").territories[alpha2])
    assert cldr != (english, french)


def test_registry_un_names_table_covers_at_least_25_differences_per_language() -> None:
    english = [row for row in UN_NAMES if Locale("en").territories[row[1]] != row[2]]
    french = [row for row in UN_NAMES if Locale("fr").territories[row[1]] != row[3]]
    assert len(english) >= 25
    assert len(french) >= 20


@pytest.mark.parametrize(
    ("code", "language", "name"),
    [
        ("GBR", "zh", "大不列颠及北爱尔兰联合王国"),
        ("NER", "zh", "尼日尔"),
        ("IRN", "zh", "伊朗伊斯兰共和国"),
        ("NER", "ar", "النيجر"),
        ("RUS", "ru", "Российская Федерация"),
        ("GBR", "ru", "Соединенное Королевство Великобритании и Северной Ирландии"),
        ("NER", "es", "Níger"),
        ("EU", "fr", "Union européenne"),
        ("OIF", "fr", "Organisation internationale de la Francophonie"),
    ],
)
def test_registry_names_in_other_languages(code: str, language: str, name: str) -> None:
    assert Entity.objects.get(code=code).name(language) == name


@pytest.mark.parametrize(
    ("code", "english", "french"),
    [
        ("NER", "the Niger", "le Niger"),
        ("RUS", "the Russian Federation", "la Fédération de Russie"),
        ("IRN", "the Islamic Republic of Iran", "la République islamique d'Iran"),
        ("EU", "the European Union", "l'Union européenne"),
        ("FRA", "France", "la France"),
        ("BHS", "the Bahamas", "les Bahamas"),
        ("CUB", "Cuba", "Cuba"),
    ],
)
def test_registry_running_text_forms_carry_the_article(
    code: str, english: str, french: str
) -> None:
    entity = Entity.objects.get(code=code)
    assert (entity.running_name("en"), entity.running_name("fr")) == (english, french)


def test_sort_key_ignores_the_article() -> None:
    assert Entity.objects.get(code="NER").sort_key == "niger"
    assert Entity.objects.get(code="IRN").sort_key == "iran islamic republic of"
    assert Entity.objects.get(code="EU").sort_key == "european union"
    assert sort_key_for("the Niger") == "niger"
    assert sort_key_for("Côte d'Ivoire") == "cote divoire"


def test_sort_order_puts_iran_under_i_and_the_niger_under_n() -> None:
    codes = list(Entity.objects.values_list("code", flat=True))
    assert codes.index("IDN") < codes.index("IRN") < codes.index("IRQ")
    assert codes.index("NIC") < codes.index("NER") < codes.index("NGA")
    assert codes.index("EST") < codes.index("EU") < codes.index("FJI")


def test_council_2020_has_the_fifteen_members() -> None:
    assert set(council_members(2020).values_list("code", flat=True)) == {
        "BEL", "CHN", "DOM", "EST", "FRA", "DEU", "IDN", "NER",
        "RUS", "VCT", "ZAF", "TUN", "GBR", "USA", "VNM",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("year", "month", "code"),
    [
        (2019, 1, "DOM"), (2019, 9, "RUS"), (2019, 12, "USA"),
        (2020, 1, "VNM"), (2020, 2, "BEL"), (2020, 9, "NER"), (2020, 12, "ZAF"),
        (2021, 1, "TUN"), (2021, 8, "IND"), (2021, 12, "NER"),
    ],
)  # fmt: skip
def test_presidency_rotates_in_english_alphabetical_order(year: int, month: int, code: str) -> None:
    presidency = presidency_for(year, month)
    assert presidency is not None
    assert presidency.entity.code == code


def test_oif_counts_in_september_2020() -> None:
    counts = {
        status: group_memberships("OIF", on=SEPTEMBER_2020, statuses=(status,)).count()
        for status in MembershipStatus
    }
    assert counts == {"member": 54, "associate": 7, "observer": 27}


def test_oif_memberships_are_dated() -> None:
    before_yerevan = datetime.date(2018, 1, 1)
    statuses = dict(
        group_memberships("OIF", on=before_yerevan).values_list("entity__code", "status")
    )
    assert statuses["ARE"] == "observer"
    assert "IRL" not in statuses
    assert (
        dict(group_memberships("OIF", on=SEPTEMBER_2020).values_list("entity__code", "status"))[
            "ARE"
        ]
        == "associate"
    )


def test_oif_council_members_in_2020() -> None:
    oif = set(group_memberships("OIF", on=SEPTEMBER_2020).values_list("entity__code", flat=True))
    council = set(council_members(2020).values_list("code", flat=True))
    assert oif & council == {"BEL", "DOM", "EST", "FRA", "NER", "TUN", "VNM"}


def test_non_state_participants_can_never_submit() -> None:
    quebec = Entity.objects.get(code="CA-QC")
    assert quebec.kind == EntityKind.NON_STATE_PARTICIPANT
    assert not quebec.can_submit
    assert not quebec.is_state
    codes = set(submitting_entities().values_list("code", flat=True))
    assert not codes & {"CA-QC", "CA-NB", "CA-ON", "BE-FWB", "NC", "US-LA", "XK"}
    assert len(codes) == 195 + Entity.objects.filter(kind=EntityKind.ORGANIZATION).count()


def test_load_registry_is_idempotent() -> None:
    before = Entity.objects.count()
    first = load_registry()
    second = load_registry()
    assert first == second
    assert Entity.objects.count() == before


def test_registry_export_json() -> None:
    out = StringIO()
    call_command("registry", "export", "--format", "json", stdout=out)
    rows = json.loads(out.getvalue())
    niger = next(row for row in rows if row["code"] == "NER")
    assert niger["kind"] == "member_state"
    assert set(niger["names"]) == {"ar", "zh", "en", "fr", "ru", "es"}
    assert niger["names"]["zh"] == "尼日尔"
    assert niger["sort_key"] == "niger"
    kinds = [row["kind"] for row in rows]
    assert kinds.count("member_state") == 193
    assert kinds.count("observer_state") == 2
    assert "non_state_participant" not in kinds


def test_registry_council_json() -> None:
    out = StringIO()
    call_command("registry", "council", "2020", "--format", "json", stdout=out)
    members = json.loads(out.getvalue())
    assert len(members) == 15
    niger = next(member for member in members if member["code"] == "NER")
    assert niger == {"code": "NER", "name": "Niger", "seat": "elected", "presidency": ["2020-09"]}
