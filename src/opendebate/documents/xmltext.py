"""Text as XML can hold it.

Statements arrive from web forms, e-mail and word processors, and may carry characters that XML
1.0 forbids (a vertical tab is how Word copies a manual line break; a lone surrogate can survive a
broken encoding). lxml refuses such strings outright, so the XML renderers pass text through here
first: control characters become spaces, anything else unusable becomes U+FFFD.
"""

from __future__ import annotations

import re

_CONTROL = "\x00-\x08\x0b\x0c\x0e-\x1f"
_UNUSABLE = "\ud800-\udfff\ufffe\uffff"
_UNSAFE = re.compile(f"[{_CONTROL}{_UNUSABLE}]")


def xml_text(text: str) -> str:
    return _UNSAFE.sub(_replacement, text)


def _replacement(match: re.Match[str]) -> str:
    return " " if match.group() < " " else "\ufffd"
