"""Building, storing and issuing compilations through the services (the pages use the same)."""

from __future__ import annotations

import datetime
import hashlib
import io
import subprocess
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils import timezone
from lxml import etree

from opendebate.accounts.models import User
from opendebate.common.models import AuditEntry
from opendebate.compilation import services
from opendebate.compilation.build import build_document, entries
from opendebate.compilation.enums import CompilationStatus, IssueKind
from opendebate.compilation.models import Compilation, IssuedCompilationError, OrderMove
from opendebate.entities.queries import submitting_entities
from opendebate.meetings.models import Meeting
from opendebate.statements.services import accept_late_version
from tests.documents.parsing import akn_schema
from tests.statements.conftest import ARABIC, CHINESE, ENGLISH
from tests.tools import system_tool

from .conftest import submit

ISSUE_DAY = datetime.date(2020, 9, 11)


def _stored(compilation: Compilation, key: str) -> bytes:
    with default_storage.open(compilation.files[key]["name"]) as handle:
        return handle.read()


@pytest.fixture
def built(debate: Meeting, secretariat: User) -> Compilation:
    compilation = services.start_compilation(user=secretariat, meeting=debate, language="en")
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


def test_akoma_ntoso_validates_against_the_schema(built: Compilation) -> None:
    document = etree.fromstring(_stored(built, "akn"))
    schema = akn_schema()
    assert schema.validate(document), schema.error_log


def test_annexes_carry_number_heading_and_original_mark(debate: Meeting, secretariat: User) -> None:
    compilation = services.start_compilation(user=secretariat, meeting=debate, language="fr")
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
    late = submit(debate, "SEN", ENGLISH, at=debate.deadline + datetime.timedelta(hours=2))
    compilation = services.start_compilation(user=secretariat, meeting=debate, language="en")
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
    compilation = services.start_compilation(user=secretariat, meeting=debate, language="en")
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
    services.issue(
        user=secretariat, compilation=built, symbol="S/2020/900", issued_on=ISSUE_DAY,
        letter_date=datetime.date(2020, 9, 10),
    )  # fmt: skip
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
        user=secretariat, compilation=revision, symbol="", issued_on=ISSUE_DAY,
        letter_date=datetime.date(2020, 9, 10),
    )  # fmt: skip
    assert services.build(revision.pk).symbol == "S/2020/900/Rev.1"


def test_bad_symbol_and_dates_are_refused(built: Compilation, secretariat: User) -> None:
    with pytest.raises(ValidationError, match="for example S/2020/900"):
        services.issue(user=secretariat, compilation=built, symbol="2020/900",
                       issued_on=ISSUE_DAY, letter_date=ISSUE_DAY)  # fmt: skip
    with pytest.raises(ValidationError, match="cannot be before"):
        services.issue(user=secretariat, compilation=built, symbol="S/2020/900",
                       issued_on=ISSUE_DAY, letter_date=ISSUE_DAY + datetime.timedelta(days=1))  # fmt: skip
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
    compilation = services.start_compilation(user=secretariat, meeting=open_meeting, language="en")
    built = services.build(compilation.pk)
    assert len(built.contents) == 193
    pdf = tmp_path / "compilation.pdf"
    pdf.write_bytes(_stored(built, "pdf"))
    tool = system_tool("pdffonts", "poppler-utils")
    listing = subprocess.run([tool, str(pdf)], capture_output=True, text=True, check=True).stdout
    fonts = {line.split()[0].split("+")[-1]: line.split() for line in listing.splitlines()[2:]}
    for family in ("Amiri", "NotoSansCJK", "PTSerif"):
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
    call_command(
        "compile", debate.letter_symbol, "--out", str(folder), "--language", "zh", stdout=out
    )
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
