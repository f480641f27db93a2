"""The sample letter and its renderings, built once (documents are immutable, so every test may
share them), and the Akoma Ntoso schema, loaded once."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from lxml import etree

from opendebate.documents.model import UNDocument
from opendebate.documents.render import render_all

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
    path = shutil.which("pdffonts")
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail("pdffonts is missing: CI must install poppler-utils")
        pytest.skip("poppler-utils is not installed here; CI installs it")
    return Path(path).parent
