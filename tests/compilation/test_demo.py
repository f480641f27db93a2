"""The demo content of the seed meeting: written statements in the six languages, the briefings
and delivered statements, filled once however often the command runs."""

from __future__ import annotations

import io
from collections import Counter

import pytest
from django.core.management import call_command

from opendebate.accounts.models import User
from opendebate.compilation.build import annexed_entries
from opendebate.compilation.demo import (
    DemoReport,
    fill_demo_meeting,
    plan_statements,
    spoken_at_meeting,
    statement_heading,
    writers,
)
from opendebate.compilation.enums import Section
from opendebate.compilation.models import DeliveredStatement
from opendebate.entities.models import Entity
from opendebate.meetings.demo import create_seed_meeting
from opendebate.meetings.models import Meeting
from opendebate.statements.enums import Channel, Timeliness
from opendebate.statements.language import detect_language
from opendebate.statements.models import Statement, StatementVersion

SIX = {"ar", "zh", "en", "fr", "ru", "es"}


@pytest.fixture
def seed_meeting(registry: None) -> Meeting:
    return create_seed_meeting()


def written(meeting: Meeting) -> list[StatementVersion]:
    return list(
        StatementVersion.objects.filter(statement__meeting=meeting).select_related(
            "statement__entity"
        )
    )


def test_fill_twelve_statements_from_distinct_entities_in_six_languages(
    seed_meeting: Meeting, secretariat: User
) -> None:
    report = fill_demo_meeting(seed_meeting, statements=12, recorder=secretariat)

    versions = written(seed_meeting)
    assert len(report.added) == 12
    assert len(versions) == 12
    assert len({version.statement.entity_id for version in versions}) == 12
    assert {version.language for version in versions} == SIX
    assert [v.detected_language for v in versions] == [v.language for v in versions]
    assert [v.words for v in versions if not 300 <= v.words <= 700] == []
    assert len({version.text for version in versions}) == 12
    assert {version.timeliness for version in versions} == {Timeliness.ON_TIME}
    assert max(version.received_at for version in versions) < seed_meeting.deadline
    assert all(version.statement.entity.can_submit for version in versions)
    assert len({version.channel for version in versions}) > 1


def test_fill_heads_each_statement_in_its_language(
    seed_meeting: Meeting, secretariat: User
) -> None:
    fill_demo_meeting(seed_meeting, statements=12, recorder=secretariat)

    for version in written(seed_meeting):
        entity = version.statement.entity
        assert version.heading == statement_heading(entity, version.language)


def test_statement_heading_names_a_state_in_six_languages(registry: None) -> None:
    canada = Entity.objects.get(code="CAN")

    assert {language: statement_heading(canada, language) for language in sorted(SIX)} == {
        "ar": "بيان البعثة الدائمة لكندا لدى الأمم المتحدة",
        "en": "Statement by the Permanent Mission of Canada to the United Nations",
        "es": "Declaración de la Misión Permanente del Canadá ante las Naciones Unidas",
        "fr": "Déclaration de la Mission permanente du Canada auprès de l'Organisation des "
        "Nations Unies",
        "ru": "Заявление Постоянного представительства Канады при Организации Объединенных Наций",
        "zh": "加拿大常驻联合国代表团的发言",
    }


def test_statement_heading_names_an_organization_as_a_delegation(registry: None) -> None:
    union = Entity.objects.get(code="EU")

    assert statement_heading(union, "en") == (
        "Statement by the Delegation of the European Union to the United Nations"
    )
    assert statement_heading(union, "fr") == (
        "Déclaration de la délégation de l'Union européenne auprès de l'Organisation des "
        "Nations Unies"
    )


def test_fill_twice_adds_nothing(seed_meeting: Meeting, secretariat: User) -> None:
    fill_demo_meeting(seed_meeting, statements=12, recorder=secretariat)
    first = sorted(version.pk for version in written(seed_meeting))

    again = fill_demo_meeting(seed_meeting, statements=12, recorder=secretariat)

    assert again.added == ()
    assert again.delivered_added == 0
    assert sorted(version.pk for version in written(seed_meeting)) == first
    assert DeliveredStatement.objects.filter(meeting=seed_meeting).count() == 9
    assert again.lines() == [
        "Written statements: the meeting already has 12 (asked for 12); none added.",
        "Briefings and delivered statements: already recorded (9).",
    ]


def test_fill_more_keeps_the_first_statements_and_adds_the_rest(
    seed_meeting: Meeting, secretariat: User
) -> None:
    fill_demo_meeting(seed_meeting, statements=6, recorder=secretariat)
    first = {version.statement.entity.code: version.text for version in written(seed_meeting)}

    report = fill_demo_meeting(seed_meeting, statements=15, recorder=secretariat)

    versions = written(seed_meeting)
    assert len(report.added) == 9
    assert Statement.objects.filter(meeting=seed_meeting).count() == 15
    assert len(versions) == 15  # one version each: none was submitted twice
    later = {version.statement.entity.code: version.text for version in versions}
    assert {code: later[code] for code in first} == first


def test_fill_zero_adds_nothing(seed_meeting: Meeting, secretariat: User) -> None:
    report = fill_demo_meeting(seed_meeting, statements=0, recorder=secretariat)

    assert report.added == ()
    assert not Statement.objects.filter(meeting=seed_meeting).exists()
    assert not DeliveredStatement.objects.filter(meeting=seed_meeting).exists()


def test_fill_records_briefings_presidency_and_members_once(
    seed_meeting: Meeting, secretariat: User
) -> None:
    report = fill_demo_meeting(seed_meeting, statements=1, recorder=secretariat)
    fill_demo_meeting(seed_meeting, statements=1, recorder=secretariat)

    delivered = list(DeliveredStatement.objects.filter(meeting=seed_meeting))
    assert report.delivered_added == 9
    assert [(d.section, d.speaking_order, d.entity.code if d.entity else None, d.language)
            for d in delivered] == [
        (Section.BRIEFING, 1, None, "en"),
        (Section.BRIEFING, 2, None, "fr"),
        (Section.PRESIDENCY, 1, "NER", "fr"),
        (Section.MEMBER, 1, "BEL", "fr"),
        (Section.MEMBER, 2, "DOM", "es"),
        (Section.MEMBER, 3, "EST", "en"),
        (Section.MEMBER, 4, "FRA", "fr"),
        (Section.MEMBER, 5, "RUS", "ru"),
        (Section.MEMBER, 6, "VNM", "en"),
    ]  # fmt: skip
    assert [detect_language(d.text) for d in delivered] == [d.language for d in delivered]
    assert [d.words for d in delivered if not 300 <= d.words <= 700] == []
    assert delivered[2].speaker_functions["en"] == (
        "Permanent Representative of the Niger to the United Nations"
    )
    assert delivered[2].speaker_names["zh"] == "阿卜杜·阿巴里"


def test_fill_without_a_recorder_skips_what_was_delivered(seed_meeting: Meeting) -> None:
    report = fill_demo_meeting(seed_meeting, statements=2, recorder=None)

    assert len(report.added) == 2
    assert not DeliveredStatement.objects.filter(meeting=seed_meeting).exists()
    assert report.lines()[-1] == (
        "Briefings and delivered statements: skipped (no Secretariat user)."
    )


def test_filled_meeting_compiles_every_statement(seed_meeting: Meeting, secretariat: User) -> None:
    fill_demo_meeting(seed_meeting, statements=12, recorder=secretariat)

    sections = Counter(entry.item.section for entry in annexed_entries(seed_meeting))

    assert sections == {
        Section.BRIEFING: 2,
        Section.PRESIDENCY: 1,
        Section.MEMBER: 6,
        Section.WRITTEN: 12,
    }


def test_plan_is_capped_at_the_entities_that_may_write(seed_meeting: Meeting) -> None:
    pool = writers()

    plan = plan_statements(seed_meeting, len(pool) + 50, pool)

    codes = [planned.entity.code for planned in plan]
    assert len(plan) == len(pool)
    assert len(set(codes)) == len(pool)
    assert {"OIF", "NER", "BEL", "FRA", "CAN"} & set(codes) == set()
    assert all(planned.entity.can_submit for planned in plan)
    assert len({planned.text for planned in plan}) == len(plan)
    assert {planned.language for planned in plan} == SIX
    assert {planned.channel for planned in plan} == set(Channel)
    assert max(planned.received_at for planned in plan) < seed_meeting.deadline
    assert DemoReport(requested=len(pool) + 50, available=len(pool), existing=0).lines()[0] == (
        f"Only {len(pool)} entities can send a written statement in the demo: "
        f"filling {len(pool)}, not {len(pool) + 50}."
    )


def test_plan_is_deterministic_and_grows_by_extension(seed_meeting: Meeting) -> None:
    small = plan_statements(seed_meeting, 12)
    large = plan_statements(seed_meeting, 30)

    assert large[:12] == small
    assert plan_statements(seed_meeting, 12) == small


def test_spoken_at_meeting_lists_two_briefings(seed_meeting: Meeting) -> None:
    briefers = [s.speaker for s in spoken_at_meeting(seed_meeting) if s.section == Section.BRIEFING]

    assert [(names["en"], names["zh"], names["ar"]) for names in briefers] == [
        ("Bintou Keita", "班图·凯塔", "بينتو كيتا"),
        ("Louise Mushikiwabo", "路易丝·穆希基瓦博", "لويز موشيكيوابو"),
    ]


def test_demo_command_fills_and_says_what_it_did(registry: None) -> None:
    out = io.StringIO()

    call_command("demo", "--statements", "3", stdout=out)

    meeting = Meeting.objects.get(letter_symbol="S/2020/866")
    languages = Counter(version.language for version in written(meeting))
    by_language = ", ".join(
        f"{languages[language]} {language}"
        for language in ("ar", "zh", "en", "fr", "ru", "es")
        if language in languages
    )
    lines = out.getvalue().splitlines()
    assert lines[1:3] == [
        f"  Written statements: 3 added ({by_language}); the meeting now has 3.",
        "  Briefings and delivered statements: 9 recorded (9 in all).",
    ]
    assert Statement.objects.filter(meeting=meeting).count() == 3


def test_demo_command_without_statements_fills_nothing(registry: None) -> None:
    out = io.StringIO()

    call_command("demo", stdout=out)

    assert "Written statements" not in out.getvalue()
    assert not Statement.objects.exists()
    assert not DeliveredStatement.objects.exists()
