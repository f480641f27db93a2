"""The compilation built from the database: what is annexed, in what order, and its letter."""

from __future__ import annotations

from opendebate.accounts.models import User
from opendebate.compilation.build import entries
from opendebate.compilation.services import start_compilation
from opendebate.meetings.models import Meeting


def test_debate_is_annexed_in_the_councils_order(debate: Meeting, secretariat: User) -> None:
    compilation = start_compilation(user=secretariat, meeting=debate, language="en")
    annexed = entries(compilation)
    speakers = [e.speaker.shown if e.speaker else e.entity.code for e in annexed]  # type: ignore[union-attr]
    assert speakers == [
        "Bintou Keita", "Louise Mushikiwabo", "Abdou Abarry", "Philippe Kridelka",
        "Dang Dinh Quy", "Bob Rae", "ARM", "CHN", "EGY", "EU", "IRN",
    ]  # fmt: skip
