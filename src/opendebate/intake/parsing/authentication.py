"""Authentication-Results headers (RFC 8601) reduced to one result per method."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from opendebate.intake.parsing.message import empty_summary

# A result statement: "dkim=pass header.d=...", "spf = softfail (...)", "dkim/1=pass".
_RESULT = re.compile(r"\s*([A-Za-z0-9_.-]+)\s*(?:/\s*[0-9]+\s*)?=\s*([A-Za-z0-9_-]+)")
# A property: "header.d=x.example", "smtp.mailfrom=a@x.example", "header.from = x.example".
_PROPERTY = re.compile(r"([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\s*=\s*(\"[^\"]*\"|[^\s;]+)")


def _statements(value: str) -> list[str]:
    """The ";"-separated statements of a header, comments removed. A comment or a quoted
    string may hold a ";" (SPF explanations often do), so this reads character by character."""
    statements: list[str] = []
    current: list[str] = []
    depth = 0  # of nested comments
    quoted = escaped = False
    for char in value:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif quoted:
            quoted = char != '"'
        elif char == "(":
            depth += 1
            continue
        elif depth:
            if char == ")":
                depth -= 1
            continue
        elif char == '"':
            quoted = True
        elif char == ";":
            statements.append("".join(current))
            current = []
            continue
        if not depth:
            current.append(char)
    statements.append("".join(current))
    return statements


def authserv_id(value: str) -> str:
    """The host that wrote the header: its first statement. Microsoft's servers start with the
    SPF result and name themselves in the first statement without a result (";un.org;")."""
    for statement in _statements(value):
        words = statement.split()
        if words and "=" not in statement:
            return words[0].lower()
    return ""


@dataclass(frozen=True)
class Result:
    """One method's result: dkim=pass with its properties ("header.d": "x.example")."""

    method: str
    result: str
    properties: dict[str, str]


def results(value: str) -> list[Result]:
    found = []
    for statement in _statements(value):
        if head := _RESULT.match(statement):
            properties = {
                f"{kind.lower()}.{name.lower()}": text.strip('"').lower()
                for kind, name, text in _PROPERTY.findall(statement, head.end())
            }
            found.append(Result(head[1].lower(), head[2].lower(), properties))
    return found


def trusted_results(headers: tuple[str, ...], authserv_ids: Collection[str]) -> list[Result]:
    """The results reported by the topmost headers whose authserv-id is one of `authserv_ids`.

    A receiving server adds its headers on top and should remove any arriving with its own
    authserv-id (RFC 8601, section 5); a header below one written by another host may have
    been written by the sender, so reading stops at the first header of another host. A
    method counts only in the first header that reports it (a milter chain writes one header
    per method): a sender's copy of the trusted id below cannot overturn a result."""
    trusted: list[Result] = []
    for value in headers:
        if authserv_id(value) not in authserv_ids:
            break
        reported = {result.method for result in trusted}
        trusted.extend(result for result in results(value) if result.method not in reported)
    return trusted


def summarize(reported: list[Result]) -> dict[str, str]:
    """spf, dkim and dmarc ("" when not reported) and any other method. A method reported
    twice keeps its first result unless a later one passes: of several DKIM signatures one
    that verifies is enough."""
    summary = empty_summary()
    for result in reported:
        if not summary.get(result.method) or result.result == "pass":
            summary[result.method] = result.result
    return summary
