"""The demo content of the seed meeting: written statements in the six languages, the briefings
and delivered statements, and its compilation issued under a demo symbol, each done once however
often the command runs."""

from __future__ import annotations

import datetime
import io
from collections import Counter
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import transaction
from django.test import Client

from opendebate.accounts.models import User
from opendebate.common.models import AuditEntry
from opendebate.compilation.build import annexed_entries
from opendebate.compilation.demo import (
    DEMO_LANGUAGE,
    DEMO_SYMBOL,
    DemoReport,
    fill_demo_meeting,
    issue_demo_compilation,
    plan_statements,
    spoken_at_meeting,
    statement_heading,
    writers,
)
from opendebate.compilation.enums import CompilationStatus, Section
from opendebate.compilation.models import Compilation, DeliveredStatement
from opendebate.compilation.services import issue, start_compilation
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
    assert seed_meeting.deadline is not None
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


def test_filled_meeting_has_its_compilation_dated_the_day_after_it(
    seed_meeting: Meeting, secretariat: User
) -> None:
    fill_demo_meeting(seed_meeting, statements=2, recorder=secretariat)
    fill_demo_meeting(seed_meeting, statements=2, recorder=secretariat)

    compilation = Compilation.objects.get(meeting=seed_meeting)
    # Drafted in the presidency's language (the letter's original), shown in English first.
    assert (compilation.letter_date, compilation.original_language, compilation.language) == (
        datetime.date(2020, 9, 9),
        "fr",
        DEMO_LANGUAGE,
    )
    assert AuditEntry.objects.filter(action="compilation.letter_set").count() == 1


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
    assert seed_meeting.deadline is not None
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


def test_demo_command_fills_issues_once_and_says_what_it_did(registry: None) -> None:
    out, again = io.StringIO(), io.StringIO()

    call_command("demo", "--statements", "3", stdout=out)
    call_command("demo", "--statements", "3", stdout=again)

    meeting = Meeting.objects.get(letter_symbol="S/2020/866")
    languages = Counter(version.language for version in written(meeting))
    by_language = ", ".join(
        f"{languages[language]} {language}"
        for language in ("ar", "zh", "en", "fr", "ru", "es")
        if language in languages
    )
    lines = out.getvalue().splitlines()
    assert lines[1:4] == [
        f"  Written statements: 3 added ({by_language}); the meeting now has 3.",
        "  Briefings and delivered statements: 9 recorded (9 in all).",
        "  Compilation: issued as S/2020/DEMO-1 with 12 annexes.",
    ]
    assert lines[-5:] == [
        "Open in a browser once the server below is up:",
        f"  the demo meeting   http://127.0.0.1:8000/meetings/{meeting.pk}/",
        "  its compilation    http://127.0.0.1:8000/documents/S/2020/DEMO-1/",
        "  sign in            http://127.0.0.1:8000/account/sign-in/",
        "  the home page      http://127.0.0.1:8000/",
    ]
    assert again.getvalue().splitlines()[3] == (
        "  Compilation: already issued as S/2020/DEMO-1 (12 annexes); statements added since "
        "go into a revision."
    )
    assert Statement.objects.filter(meeting=meeting).count() == 3
    compilation = Compilation.objects.get()
    assert (compilation.symbol, compilation.status, compilation.language) == (
        "S/2020/DEMO-1",
        CompilationStatus.ISSUED,
        "en",
    )
    assert (compilation.letter_date, compilation.issued_on) == (
        datetime.date(2020, 9, 9),
        datetime.date(2020, 9, 15),
    )
    assert sorted(compilation.files) == ["akn", "docx", "html", "pdf"]
    assert AuditEntry.objects.filter(action="compilation.issued").count() == 1
    listing = Client().get("/documents/").content.decode()
    assert '<a href="/documents/S/2020/DEMO-1/" dir="ltr">S/2020/DEMO-1</a>' in listing
    document = Client().get("/documents/S/2020/DEMO-1/").content.decode()
    assert [version.heading in document for version in written(meeting)] == [True] * 3


def issue_under_the_demo_symbol(user: User, meeting: Meeting) -> Compilation:
    """Start and issue, as the demo does, without building."""
    draft = start_compilation(user=user, meeting=meeting, language="en")
    return issue(
        user=user,
        compilation=draft,
        symbol=DEMO_SYMBOL,
        issued_on=datetime.date(2020, 9, 15),
        letter_date=datetime.date(2020, 9, 9),
    )


def test_demo_compilation_whose_build_stopped_is_built_by_the_next_run(
    seed_meeting: Meeting, secretariat: User
) -> None:
    fill_demo_meeting(seed_meeting, statements=1, recorder=secretariat)
    with transaction.atomic():
        draft = issue_under_the_demo_symbol(secretariat, seed_meeting)

    result = issue_demo_compilation(seed_meeting, secretariat)

    assert result.issued_now
    assert result.compilation.pk == draft.pk
    assert result.compilation.status == CompilationStatus.ISSUED
    assert len(result.compilation.contents) == 10


def test_demo_symbol_is_refused_in_production(
    seed_meeting: Meeting, secretariat: User, settings: Any
) -> None:
    settings.PRODUCTION = True

    with pytest.raises(ValidationError) as refused:
        issue_under_the_demo_symbol(secretariat, seed_meeting)

    assert refused.value.messages == [
        "Give the symbol as the UN writes it, for example S/2020/900."
    ]
    assert Compilation.objects.get().symbol == ""


def test_demo_command_without_statements_fills_nothing(registry: None) -> None:
    out = io.StringIO()

    call_command("demo", stdout=out)

    assert "Written statements" not in out.getvalue()
    assert not Statement.objects.exists()
    assert not DeliveredStatement.objects.exists()


def test_demo_issues_with_a_council_member_among_the_writers_confirmed(
    seed_meeting: Meeting, secretariat: User
) -> None:
    """`make run` writes 60 statements: Council members of 2020 are among the writers, and
    the issue service refuses them until an officer confirms each as a written submission."""
    fill_demo_meeting(seed_meeting, statements=60, recorder=secretariat)
    writers_seated = {
        version.statement.entity.code
        for version in written(seed_meeting)
        if version.statement.entity.council_seats.filter(year=2020).exists()
    }
    assert writers_seated  # the plan does pick some: the case this test is about

    result = issue_demo_compilation(seed_meeting, secretariat)

    assert result.compilation.status == CompilationStatus.ISSUED
    confirmed = set(result.compilation.confirmed_members.values_list("code", flat=True))
    assert confirmed == writers_seated
