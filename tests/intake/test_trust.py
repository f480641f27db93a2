"""Whose word is taken for a message's From address: trusted servers' Authentication-Results,
or a trusted relay whose envelope sender agrees."""

from __future__ import annotations

import ipaddress
from pathlib import Path

import pytest
from django.test import override_settings

from opendebate.intake.enums import SenderCheck
from opendebate.intake.parsing import parse_message
from opendebate.intake.trust import check_sender
from tests.common.test_startup import PRODUCTION, one_line_error, run
from tests.intake.mail import fixture

FROM = "delegate@canada.opendebate.example"


def check(
    *authentication: str,
    sender: str = FROM,
    envelope: str = "",
    peer: str | None = None,
    extra_headers: str = "",
) -> SenderCheck:
    raw = (
        "".join(f"Authentication-Results: {header}\r\n" for header in authentication)
        + f"From: Delegate <{sender}>\r\n{extra_headers}To: dppa-scsb3@un.org\r\n"
        "Subject: Statement\r\nDate: Tue, 8 Sep 2020 10:00:00 +0000\r\n\r\nBody\r\n"
    )
    with override_settings(
        INTAKE_TRUSTED_AUTHSERV_IDS=["mx.un.example", "un.org"],
        INTAKE_TRUSTED_RELAYS=[ipaddress.ip_network("10.1.0.0/16")],
    ):
        return check_sender(parse_message(raw.encode()), envelope_from=envelope, peer=peer)


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        pytest.param(
            ["mx.un.example; dmarc=pass (p=reject) header.from=canada.opendebate.example"],
            SenderCheck.DMARC,
            id="DMARC pass for the From domain",
        ),
        pytest.param(
            ["mx.un.example; dmarc=pass header.from=attacker.example"],
            SenderCheck.NOT_ALIGNED,
            id="DMARC pass for another domain",
        ),
        pytest.param(
            ["mx.un.example; dmarc=pass"],
            SenderCheck.NOT_ALIGNED,
            id="DMARC pass that names no domain",
        ),
        pytest.param(
            ["mx.un.example; dkim=pass header.d=opendebate.example header.s=s1"],
            SenderCheck.DKIM,
            id="DKIM of a domain above the From domain",
        ),
        pytest.param(
            ["mx.un.example; dkim=pass header.i=@canada.opendebate.example"],
            SenderCheck.DKIM,
            id="DKIM identity of the From domain",
        ),
        pytest.param(
            ["mx.un.example; dkim=pass header.d=evil.canada.opendebate.example"],
            SenderCheck.NOT_ALIGNED,
            id="DKIM of a subdomain does not vouch for its parent",
        ),
        pytest.param(
            ["mx.un.example; dkim=pass header.d=sopendebate.example"],
            SenderCheck.NOT_ALIGNED,
            id="DKIM of a look-alike domain",
        ),
        pytest.param(
            ["mx.un.example; dkim=pass header.d=example"],
            SenderCheck.NOT_ALIGNED,
            id="DKIM of a top-level domain",
        ),
        pytest.param(
            ["mx.un.example; dkim=fail header.d=canada.opendebate.example"],
            SenderCheck.NOT_ALIGNED,
            id="DKIM that fails",
        ),
        pytest.param(
            ["mx.un.example; spf=pass smtp.mailfrom=bounce@canada.opendebate.example"],
            SenderCheck.SPF,
            id="SPF pass for the From domain",
        ),
        pytest.param(
            ["mx.un.example; spf=pass smtp.mailfrom=bounce@attacker.example"],
            SenderCheck.NOT_ALIGNED,
            id="SPF pass for the attacker's envelope domain",
        ),
        pytest.param(
            [
                "mx.un.example; dmarc=fail header.from=canada.opendebate.example",
                "mx.un.example; dmarc=pass header.from=canada.opendebate.example",
            ],
            SenderCheck.NOT_ALIGNED,
            id="trusted milter chain: a failing DMARC is not rescued by a later pass",
        ),
        pytest.param(
            [
                "relay.attacker.example; none",
                "mx.un.example; dmarc=pass header.from=canada.opendebate.example",
            ],
            SenderCheck.UNAUTHENTICATED,
            id="a trusted id below another host's header is forged",
        ),
        pytest.param(
            ["mx.attacker.example; dmarc=pass header.from=canada.opendebate.example"],
            SenderCheck.UNAUTHENTICATED,
            id="a server nobody trusts",
        ),
        pytest.param(
            [
                "spf=pass (sender IP is 192.0.2.1) smtp.mailfrom=canada.opendebate.example;"
                " un.org; dkim=none (message not signed) header.d=none;un.org; dmarc=pass"
                " action=none header.from=canada.opendebate.example;compauth=pass reason=100"
            ],
            SenderCheck.DMARC,
            id="Microsoft 365, its tenant as authserv-id",
        ),
        pytest.param([], SenderCheck.UNAUTHENTICATED, id="no header at all"),
    ],
)
def test_authentication_results_vouch_only_when_trusted_and_aligned(
    headers: list[str], expected: SenderCheck
) -> None:
    assert check(*headers) == expected


def test_relay_is_trusted_when_envelope_and_from_agree() -> None:
    assert check(envelope=FROM.upper(), peer="10.1.2.3") == SenderCheck.RELAY
    assert check(envelope=FROM, peer="::ffff:10.1.2.3") == SenderCheck.RELAY


def test_relay_with_another_envelope_sender_is_not_trusted() -> None:
    assert check(envelope="attacker@evil.example", peer="10.1.2.3") == SenderCheck.ENVELOPE_DIFFERS


def test_envelope_and_from_agreeing_count_only_from_a_trusted_relay() -> None:
    assert check(envelope=FROM, peer="198.51.100.9") == SenderCheck.UNAUTHENTICATED
    assert check(envelope=FROM, peer=None) == SenderCheck.UNAUTHENTICATED


def test_several_from_addresses_are_never_verified() -> None:
    dmarc = "mx.un.example; dmarc=pass header.from=canada.opendebate.example"
    assert check(dmarc, extra_headers="From: other@attacker.example\r\n") == (
        SenderCheck.SEVERAL_FROM
    )


def test_gmail_fixture_is_verified_by_dmarc() -> None:
    with override_settings(INTAKE_TRUSTED_AUTHSERV_IDS=["mx.un.example"]):
        parsed = parse_message(fixture("gmail_pdf.eml"))
        assert check_sender(parsed, envelope_from="", peer=None) == SenderCheck.DMARC
    with override_settings(INTAKE_TRUSTED_AUTHSERV_IDS=[]):
        assert check_sender(parsed, envelope_from="", peer=None) == SenderCheck.UNAUTHENTICATED


SHOW_TRUST = """
from django.conf import settings as s
print([str(network) for network in s.INTAKE_TRUSTED_RELAYS], s.INTAKE_TRUSTED_AUTHSERV_IDS)
"""


@pytest.mark.slow
def test_production_trusts_no_relay_until_told_and_development_trusts_loopback(
    tmp_path: Path,
) -> None:
    def shown(**env: str) -> str:
        result = run(["shell", "--no-imports", "-c", SHOW_TRUST], tmp_path, **env)
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    assert shown(**PRODUCTION) == "[] []"
    assert shown() == "['127.0.0.1/32', '::1/128'] []"
    configured = shown(
        **PRODUCTION,
        INTAKE_TRUSTED_RELAYS="10.1.0.0/16, 192.0.2.25",
        INTAKE_TRUSTED_AUTHSERV_IDS="MX.UN.example",
    )
    assert configured == "['10.1.0.0/16', '192.0.2.25/32'] ['mx.un.example']"
    refused = run(["check"], tmp_path, INTAKE_TRUSTED_RELAYS="10.1.0.0/16,mail.un.example")
    assert one_line_error(refused).endswith(
        "INTAKE_TRUSTED_RELAYS: 'mail.un.example' is not an IP address or network; write "
        "192.0.2.1 or 192.0.2.0/24, separated by commas."
    )
