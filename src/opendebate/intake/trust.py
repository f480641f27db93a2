"""Whether a message really comes from its From address, which anyone can write.

A message is attributed to a delegation automatically only when something we trust vouches for
its From address (README, "Security: what is trusted and why"):
- a mail server in INTAKE_TRUSTED_AUTHSERV_IDS reported, in the Authentication-Results headers
  it added on top, a DMARC pass for the From domain, or a DKIM or SPF pass for that domain or a
  domain above it (mfa.example vouches for mission.mfa.example, never the reverse: whoever
  holds mfa.example holds its subdomains, but a subdomain may be someone else's), unless
  it reported a DMARC failure, which is the domain's own policy saying no;
- or the message came from a relay in INTAKE_TRUSTED_RELAYS (the SMTP client's IP address)
  with an envelope sender equal to the From address: a relay we trust checks who submits.
Everything else waits for the Secretariat, with the reason this module gives.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings

from opendebate.intake.enums import SenderCheck
from opendebate.intake.parsing import ParsedMessage
from opendebate.intake.parsing.authentication import Result, trusted_results


def _domain(address: str) -> str:
    return address.rpartition("@")[2].strip().rstrip(".").lower()


def _vouches(domain: str, from_domain: str) -> bool:
    """`domain` is the From domain or one above it (and not a bare top-level domain)."""
    return "." in domain and (from_domain == domain or from_domain.endswith(f".{domain}"))


def _passes(result: Result, from_domain: str) -> SenderCheck | None:
    if result.result != "pass":
        return None
    found = result.properties
    if result.method == "dmarc" and found.get("header.from") == from_domain:
        return SenderCheck.DMARC
    signer = found.get("header.d") or _domain(found.get("header.i", ""))
    if result.method == "dkim" and _vouches(signer, from_domain):
        return SenderCheck.DKIM
    if result.method == "spf" and _vouches(_domain(found.get("smtp.mailfrom", "")), from_domain):
        return SenderCheck.SPF
    return None


def trusted_relay(peer: str | None) -> bool:
    if not peer:
        return False
    try:
        address = ipaddress.ip_address(peer)
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped  # a dual-stack listener sees IPv4 clients this way
    return any(address in network for network in settings.INTAKE_TRUSTED_RELAYS)


def reported_results(parsed: ParsedMessage) -> list[Result]:
    """The results of the trusted servers' headers; every other header is ignored."""
    return trusted_results(parsed.authentication_results, settings.INTAKE_TRUSTED_AUTHSERV_IDS)


def check_sender(parsed: ParsedMessage, *, envelope_from: str, peer: str | None) -> SenderCheck:
    """Why the From address of `parsed` is believed (DMARC, DKIM, SPF, RELAY) or not."""
    from_domain = _domain(parsed.from_address)
    if parsed.several_from:
        return SenderCheck.SEVERAL_FROM
    reported = reported_results(parsed)
    # A DMARC failure is the From domain's own policy saying no: no other result overrides it.
    refused = any(result.method == "dmarc" and result.result == "fail" for result in reported)
    if "@" in parsed.from_address and not refused:
        vouched = [check for result in reported if (check := _passes(result, from_domain))]
        # The strongest first: DMARC is the From domain's own policy.
        for check in (SenderCheck.DMARC, SenderCheck.DKIM, SenderCheck.SPF):
            if check in vouched:
                return check
    if trusted_relay(peer):
        if parsed.from_address and envelope_from.lower() == parsed.from_address:
            return SenderCheck.RELAY
        return SenderCheck.ENVELOPE_DIFFERS
    return SenderCheck.NOT_ALIGNED if reported else SenderCheck.UNAUTHENTICATED
