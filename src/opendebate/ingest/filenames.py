"""The name an uploaded file is kept and shown under: see `safe_filename`."""

from __future__ import annotations

import re
import unicodedata

MAX_NAME_CHARACTERS = 120
# File systems count bytes (255 on most); a name of 120 Chinese characters is 360 bytes.
MAX_NAME_BYTES = 240
FALLBACK_STEM = "statement"

# Controls (C0, DEL, C1), lone surrogates, the bidirectional embeddings, overrides, isolates
# and marks (which can make "exe.docx" display for "xcod.exe"), the byte order mark, line and
# paragraph separators; and characters Windows refuses in a name. Joiners (ZWJ, ZWNJ) stay:
# Persian and Arabic names need them.
_REMOVED = re.compile(
    "[\x00-\x1f\x7f-\x9f\ud800-\udfff\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c\ufeff"
    '\u2028\u2029<>:"|?*]'
)
_EXTENSION = re.compile(r"\.[^\W_]{1,10}$")


def safe_filename(name: str) -> str:
    """A file name safe to store and show: its last path component ("C:\\x\\y.docx" gives
    "y.docx", "../../etc/passwd" gives "passwd"), without control, bidirectional-override or
    Windows-reserved characters, leading dots or surrounding spaces; letters of every script
    kept; at most 120 characters (and 240 UTF-8 bytes) with the extension kept; never empty
    ("statement" and the extension)."""
    name = unicodedata.normalize("NFC", name)
    name = _REMOVED.sub("", name.replace("\\", "/").rstrip("/").rpartition("/")[2])
    name = " ".join(name.split())
    extension_match = _EXTENSION.search(name)
    extension = extension_match[0] if extension_match else ""
    stem = name[: len(name) - len(extension)].strip(". ")
    stem = stem[: MAX_NAME_CHARACTERS - len(extension)]
    while len(f"{stem}{extension}".encode()) > MAX_NAME_BYTES:
        stem = stem[:-1]
    return f"{stem.rstrip('. ') or FALLBACK_STEM}{extension}"
