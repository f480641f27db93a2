"""Building, storing and issuing compilations through the services (the pages use the same)."""

from __future__ import annotations

import datetime
import hashlib
import io
import re
import subprocess
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.utils import timezone
from lxml import etree

from opendebate.accounts.models import User
from opendebate.common.models import AuditEntry
from opendebate.compilation import services
from opendebate.compilation.build import build_document, entries
from opendebate.compilation.dates import proposed_letter_date
from opendebate.compilation.enums import CompilationStatus, IssueKind
from opendebate.compilation.models import Compilation, IssuedCompilationError, OrderMove
from opendebate.documents.labels import format_date
from opendebate.documents.render import FORMATS
from opendebate.entities.models import CouncilSeat, Entity
from opendebate.entities.queries import submitting_entities
from opendebate.meetings.models import Meeting
from opendebate.statements.services import accept_late_version
from tests.documents.kept import KEPT, from_scratch, rendered_annexes
from tests.documents.parsing import akn_schema
from tests.statements.conftest import ARABIC, CHINESE, ENGLISH
from tests.tools import system_tool

from .conftest import start_dated, submit


def letter_day(compilation: Compilation) -> datetime.date:
    return proposed_letter_date(compilation.meeting)


def _stored(compilation: Compilation, key: str) -> bytes:
    with default_storage.open(compilation.files[key]["name"]) as handle:
        stored: bytes = handle.read()
        return stored


@pytest.fixture
def built(debate: Meeting, secretariat: User) -> Compilation:
    compilation = start_dated(secretariat, debate, "en")
    return services.build(compilation.pk)


def test_build_stores_the_four_files_with_their_digests(built: Compilation) -> None:
    assert built.status == CompilationStatus.READY
    assert set(built.files) == {"docx", "pdf", "html", "akn"}
    for key, meta in built.files.items():
        content = _stored(built, key)
        assert hashlib.sha256(content).hexdigest() == meta["sha256"]
    assert _stored(built, "pdf").startswith(b"%PDF-")
    assert len(built.contents) == 11
    assert built.stage == "done"
    assert AuditEntry.objects.filter(action="compilation.built").exists()


def test_same_input_gives_byte_identical_files(built: Compilation) -> None:
    first = {key: meta["sha256"] for key, meta in built.files.items()}
    again = services.build(built.pk)
    assert {key: meta["sha256"] for key, meta in again.files.items()} == first


def _stored_files(compilation: Compilation) -> dict[str, bytes]:
    return {key: _stored(compilation, key) for key in compilation.files}


def _rendered_from_scratch(compilation: Compilation) -> dict[str, bytes]:
    rendered = from_scratch(build_document(compilation, entries(compilation)))
    return {format_.key: rendered[format_.extension] for format_ in FORMATS}


def test_build_after_a_revision_renders_that_annex_only_and_as_from_scratch(
    built: Compilation, debate: Meeting
) -> None:
    before = rendered_annexes()
    submit(debate, "IRN", f"{ENGLISH} We add one sentence in this revision.")
    rebuilt = services.build(built.pk)
    assert {key: count - before[key] for key, count in rendered_annexes().items()} == (
        dict.fromkeys(KEPT, 1)
    )
    assert _stored_files(rebuilt) == _rendered_from_scratch(rebuilt)


def test_build_after_a_move_renders_the_renumbered_annexes_only_and_as_from_scratch(
    built: Compilation, secretariat: User
) -> None:
    last = entries(built)[-1].item.key  # annex 11, moved to 7: annexes 7 to 11 change number
    services.move_item(
        user=secretariat, compilation=built, key=last, position=7, reason="Spoke first"
    )
    before = rendered_annexes()
    rebuilt = services.build(built.pk)
    assert {key: count - before[key] for key, count in rendered_annexes().items()} == (
        dict.fromkeys(KEPT, 5)
    )
    assert _stored_files(rebuilt) == _rendered_from_scratch(rebuilt)


def test_akoma_ntoso_validates_against_the_schema(built: Compilation) -> None:
    document = etree.fromstring(_stored(built, "akn"))
    schema = akn_schema()
    assert schema.validate(document), schema.error_log


def test_annexes_carry_number_heading_and_original_mark(debate: Meeting, secretariat: User) -> None:
    compilation = start_dated(secretariat, debate, "fr")
    document = build_document(compilation, entries(compilation))
    by_language = {annex.language: annex for annex in document.annexes}
    assert [annex.label for annex in document.annexes[:3]] == ["Annexe 1", "Annexe 2", "Annexe 3"]
    assert document.annexes[11 - 1].anchor == "annex-11"
    assert by_language["ar"].original_mark == "[Original : arabe]"
    assert by_language["zh"].original_mark == "[Original : chinois]"
    assert by_language["fr"].original_mark == ""  # the letter's own language
    # Annexes stay in the language of submission.
    assert by_language["zh"].body[0].language == "zh"
    assert by_language["ar"].body[0].text.startswith(ARABIC[:20])


def test_late_statement_is_listed_apart_until_included(debate: Meeting, secretariat: User) -> None:
    assert debate.deadline is not None
    late = submit(debate, "SEN", ENGLISH, at=debate.deadline + datetime.timedelta(hours=2))
    compilation = start_dated(secretariat, debate, "en")
    assert "SEN" not in {e.entity.code for e in entries(compilation) if e.entity}
    with pytest.raises(ValidationError, match="Accept the late statement first"):
        services.include_late(user=secretariat, compilation=compilation, version=late, include=True)
    accept_late_version(user=secretariat, version=late, reason="Mission closed", at=timezone.now())
    services.include_late(user=secretariat, compilation=compilation, version=late, include=True)
    annexed = entries(compilation)
    assert [e.entity.code for e in annexed if e.late] == ["SEN"]  # type: ignore[union-attr]
    letter = " ".join(block.text for block in build_document(compilation, annexed).body)
    assert (
        "The written statements of Senegal, received after the deadline, are also enclosed."
        in letter
    )


def test_move_needs_a_reason_and_is_replayed(debate: Meeting, secretariat: User) -> None:
    compilation = start_dated(secretariat, debate, "en")
    last = entries(compilation)[-1].item.key
    with pytest.raises(ValidationError, match="Say why"):
        services.move_item(
            user=secretariat, compilation=compilation, key=last, position=1, reason=" "
        )
    services.move_item(
        user=secretariat, compilation=compilation, key=last, position=1, reason="Chair's request"
    )
    assert entries(compilation)[0].item.key == last
    assert OrderMove.objects.get(compilation=compilation).reason == "Chair's request"


def test_issued_compilation_is_sealed_and_revised_under_a_suffix(
    built: Compilation, secretariat: User
) -> None:
    day = letter_day(built)
    services.issue(
        user=secretariat, compilation=built, symbol="S/2020/900", issued_on=day, letter_date=day
    )
    issued = services.build(built.pk)
    assert issued.status == CompilationStatus.ISSUED
    assert b"S/2020/900" in _stored(issued, "html")
    first = entries(issued)[0].item.key
    with pytest.raises(ValidationError):
        services.move_item(user=secretariat, compilation=issued, key=first, position=3, reason="x")
    issued.signatories = {"en": "Someone else"}
    with pytest.raises(IssuedCompilationError):
        issued.save()
    revision = services.start_successor(user=secretariat, issued=issued, kind=IssueKind.REVISION)
    services.issue(
        user=secretariat, compilation=revision, symbol="", issued_on=day, letter_date=day
    )
    assert services.build(revision.pk).symbol == "S/2020/900/Rev.1"


def test_bad_symbol_and_dates_are_refused(built: Compilation, secretariat: User) -> None:
    day = letter_day(built)
    with pytest.raises(ValidationError, match="for example S/2020/900"):
        services.issue(user=secretariat, compilation=built, symbol="2020/900",
                       issued_on=day, letter_date=day)  # fmt: skip
    with pytest.raises(ValidationError, match="cannot be before"):
        services.issue(user=secretariat, compilation=built, symbol="S/2020/900",
                       issued_on=day, letter_date=day + datetime.timedelta(days=1))  # fmt: skip
    assert Compilation.objects.get(pk=built.pk).symbol == ""


def test_delegation_cannot_prepare_a_compilation(debate: Meeting, france: User) -> None:
    with pytest.raises(PermissionDenied):
        services.start_compilation(user=france, meeting=debate, language="en")


@pytest.mark.slow
def test_193_statement_meeting_compiles_with_arabic_and_chinese_fonts_embedded(
    open_meeting: Meeting, secretariat: User, tmp_path: Path
) -> None:
    texts = [ENGLISH, ARABIC, CHINESE]
    states = list(submitting_entities().filter(kind="member_state"))
    assert len(states) == 193
    for index, entity in enumerate(states):
        submit(open_meeting, entity.code, texts[index % 3])
    compilation = start_dated(secretariat, open_meeting, "en")
    built = services.build(compilation.pk)
    assert len(built.contents) == 193
    pdf = tmp_path / "compilation.pdf"
    pdf.write_bytes(_stored(built, "pdf"))
    tool = system_tool("pdffonts", "poppler-utils")
    listing = subprocess.run([tool, str(pdf)], capture_output=True, text=True, check=True).stdout
    fonts = {line.split()[0].split("+")[-1]: line.split() for line in listing.splitlines()[2:]}
    for family in ("Amiri", "NotoSerifCJK", "PTSerif"):
        matching = [name for name in fonts if name.startswith(family)]
        assert matching, f"{family} not in {sorted(fonts)}"
        # pdffonts columns: name type encoding emb sub uni object ID
        assert all(fonts[name][-5] == "yes" for name in matching), listing
    text = subprocess.run(
        [str(Path(tool).with_name("pdftotext")), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert CHINESE[:12] in text.replace("\n", "")


def test_compile_command_writes_the_four_files(debate: Meeting, tmp_path: Path) -> None:
    out, folder = io.StringIO(), tmp_path / "out"
    day = proposed_letter_date(debate).isoformat()
    call_command(
        "compile", debate.letter_symbol, "--out", str(folder), "--language", "zh", "--date", day,
        stdout=out,
    )  # fmt: skip
    names = sorted(path.name for path in folder.iterdir())
    assert names == [
        "compilation.akn.xml",
        "compilation.docx",
        "compilation.html",
        "compilation.pdf",
    ]
    assert "11 annexes" in out.getvalue()
    html = (folder / "compilation.html").read_text()
    assert "安全理事会主席给秘书长" in html
    assert not Compilation.objects.exists()  # the command changes no record


def test_compile_command_refuses_without_a_date_and_writes_nothing(
    debate: Meeting, tmp_path: Path
) -> None:
    proposal = proposed_letter_date(debate).isoformat()
    with pytest.raises(CommandError) as refused:
        call_command(
            "compile", str(debate.pk), "--out", str(tmp_path / "out"), stdout=io.StringIO()
        )
    assert str(refused.value) == (
        "The compilation has no letter date: give it with --date YYYY-MM-DD (the day after the "
        f"meeting would be {proposal})."
    )
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("2020-09-09", "The letter cannot be dated before the meeting"),
        ("9 September", "--date: invalid fromisoformat value: '9 September'"),
    ],
)
def test_compile_command_refuses_a_wrong_date(
    debate: Meeting, tmp_path: Path, date: str, message: str
) -> None:
    with pytest.raises(CommandError, match=re.escape(message)):
        call_command(
            "compile", str(debate.pk), "--out", str(tmp_path / "out"), "--date", date,
            stdout=io.StringIO(),
        )  # fmt: skip
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("language", ["fr", "ar"])
def test_compile_command_keeps_the_records_date_original_and_order_in_any_language(
    debate: Meeting, secretariat: User, tmp_path: Path, language: str
) -> None:
    compilation = start_dated(secretariat, debate, "en")
    last = entries(compilation)[-1].item.key
    services.move_item(
        user=secretariat, compilation=compilation, key=last, position=1, reason="Chair's request"
    )
    out = tmp_path / language
    call_command(
        "compile", str(debate.pk), "--out", str(out), "--language", language, stdout=io.StringIO()
    )
    html = (out / "compilation.html").read_text()
    day = format_date(proposed_letter_date(debate), language)
    assert day in html
    masthead = {"fr": "Original : français", "ar": "Original: French"}[language]
    assert masthead in html
    # The French version is the original: it marks the annexes not in French, as all do.
    assert html.count('class="un-mark"') == 8
    assert Compilation.objects.get() == compilation  # no record changed or added


def test_successor_keeps_the_original_language_and_the_confirmed_members(
    built: Compilation, secretariat: User
) -> None:
    china = Entity.objects.get(code="CHN")
    CouncilSeat.objects.create(year=built.meeting.local_start.year, entity=china, seat="permanent")
    services.set_letter(
        user=secretariat, compilation=built, letter_date=letter_day(built), original_language="en"
    )
    services.confirm_written_member(user=secretariat, compilation=built, entity=china)
    with pytest.raises(ValidationError, match="China has no written statement waiting"):
        services.confirm_written_member(user=secretariat, compilation=built, entity=china)
    day = letter_day(built)
    services.issue(
        user=secretariat, compilation=built, symbol="S/2020/900", issued_on=day, letter_date=day
    )
    issued = services.build(built.pk)
    with pytest.raises(ValidationError, match="issued and cannot change"):
        services.set_letter(
            user=secretariat, compilation=issued, letter_date=day, original_language="fr"
        )
    revision = services.start_successor(user=secretariat, issued=issued, kind=IssueKind.REVISION)
    assert (revision.original_language, revision.letter_date) == ("en", day)
    assert list(revision.confirmed_members.all()) == [china]


def test_delegation_cannot_set_the_letter(debate: Meeting, secretariat: User, france: User) -> None:
    compilation = services.start_compilation(user=secretariat, meeting=debate, language="en")
    with pytest.raises(PermissionDenied):
        services.set_letter(
            user=france,
            compilation=compilation,
            letter_date=letter_day(compilation),
            original_language="en",
        )
    compilation.refresh_from_db()
    assert compilation.letter_date is None
