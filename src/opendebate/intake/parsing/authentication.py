"""Authentication-Results headers (RFC 8601) reduced to one result per method."""

from __future__ import annotations

import re

from opendebate.intake.parsing.message import empty_summary

# A result statement: "dkim=pass header.d=...", "spf = softfail (...)", "dkim/1=pass".
_RESULT = re.compile(r"\s*([A-Za-z0-9_.-]+)\s*(?:/\s*[0-9]+\s*)?=\s*([A-Za-z0-9_-]+)")


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
    """The host that wrote the header, "" when the header starts with a result (Microsoft's
    servers put theirs after the SPF result)."""
    first = _statements(value)[0].split()
    return first[0].lower() if first and "=" not in first[0] else ""


def summarize(headers: tuple[str, ...]) -> dict[str, str]:
    """spf, dkim and dmarc ("" when not reported) and any other method, from the first header,
    which the receiving border MTA added on top, and the headers below it with the same
    authserv-id (a milter chain writes one header per method). Headers of other hosts are
    ignored: the sender or any relay on the way may have written them. A method reported
    twice keeps its first result unless a later one passes: of several DKIM signatures one
    that verifies is enough."""
    summary = empty_summary()
    if not headers:
        return summary
    trusted = authserv_id(headers[0])
    same_host = [value for value in headers[1:] if trusted and authserv_id(value) == trusted]
    for value in (headers[0], *same_host):
        for statement in _statements(value):
            if found := _RESULT.match(statement):
                method, result = found[1].lower(), found[2].lower()
                if not summary.get(method) or result == "pass":
                    summary[method] = result
    return summary
