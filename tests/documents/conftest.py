"""The sample letter and its renderings, built once (documents are immutable, so every test may
share them), and the Akoma Ntoso schema, loaded once."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from opendebate.documents.model import UNDocument
from opendebate.documents.render import render_all
from tests.tools import system_tool

from .parsing import akn_schema
from .samples import chinese_letter


@pytest.fixture(scope="session")
def schema() -> etree.XMLSchema:
    return akn_schema()


@pytest.fixture(scope="session")
def letter() -> UNDocument:
    return chinese_letter()


@pytest.fixture(scope="session")
def rendered(letter: UNDocument) -> dict[str, bytes]:
    return render_all(letter)


@pytest.fixture(scope="session")
def poppler() -> Path:
    """The folder of poppler's pdftotext and pdffonts, which read a PDF as a reader's tools do.

    Under CI a missing poppler fails the run; on a developer's machine the test is skipped.
    """
    return Path(system_tool("pdffonts", "poppler-utils")).parent
