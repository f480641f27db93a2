"""System tools the tests drive (LibreOffice, Chromium, poppler, swaks): found on PATH, or the
test is skipped on a developer's machine and fails under CI, which must install them."""

from __future__ import annotations

import os
import shutil

import pytest


def system_tool(command: str, package: str) -> str:
    """The path of `command`; a missing tool fails the run under CI=true and skips elsewhere."""
    path = shutil.which(command)
    if path is not None:
        return path
    if os.environ.get("CI") == "true":
        pytest.fail(f"{command} is missing: CI must install the Debian package {package}")
    pytest.skip(f"{command} is not installed here (Debian package {package}); CI installs it")
