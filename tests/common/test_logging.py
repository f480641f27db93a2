"""The console `make run` prints stays readable: the SMTP listener's per-connection lines
(aiosmtpd's loggers) are quiet unless INTAKE_LOG_LEVEL asks for them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.common.test_startup import run

LEVELS = (
    "import logging; "
    "print([logging.getLevelName(logging.getLogger(name).getEffectiveLevel()) "
    "for name in ('mail.log', 'mail.debug', 'opendebate.intake.smtp')])"
)


@pytest.mark.parametrize(
    ("environment", "levels"),
    [
        ({}, "['WARNING', 'WARNING', 'INFO']"),
        ({"INTAKE_LOG_LEVEL": "DEBUG"}, "['DEBUG', 'DEBUG', 'INFO']"),
        ({"LOG_LEVEL": "ERROR"}, "['WARNING', 'WARNING', 'ERROR']"),
    ],
)
def test_smtp_connection_lines_follow_intake_log_level(
    tmp_path: Path, environment: dict[str, str], levels: str
) -> None:
    result = run(["shell", "-c", LEVELS], tmp_path, **environment)

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == levels
