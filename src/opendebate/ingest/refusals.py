"""Refused: the one error of reading a document, with a stable code and a message that says what
went wrong and what to do instead.

A refusal is raised where the problem is found, often in the reading process (see bounded.py),
which has no Django settings and so cannot translate: it carries its code and parameters, and
the message is worded in the reader's language when it is asked for.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

_KINDS: dict[str, Promise] = {
    "zip": _("a ZIP archive"),
    "pdf": _("a PDF"),
    "ole": _("an older Microsoft Office file (such as a Word 97-2003 .doc)"),
    "rtf": _("an RTF document"),
    "image": _("a picture"),
    "program": _("a program"),
    "docx": _("a Word document"),
    "odt": _("an OpenDocument text"),
    "opendocument": _("an OpenDocument spreadsheet, presentation or drawing"),
    "xlsx": _("an Excel workbook"),
    "pptx": _("a PowerPoint presentation"),
}
_SIMPLE_FILE = _(
    "Save it as PDF/A from your word processor, or as a new Word document, or paste the text."
)
_MESSAGES: dict[str, Promise] = {
    "too_large": _(
        "The file is larger than %(limit)d MB. A statement of about 500 words is far "
        "smaller: save it without pictures, or paste the text instead."
    ),
    "unsupported_type": _(
        "Files of type %(extension)s are not accepted. Send the statement as a Word "
        "document (.docx), an OpenDocument text (.odt), a PDF with text (.pdf) or a "
        "plain text file (.txt), or paste the text."
    ),
    "type_mismatch": _(
        "The file is named %(extension)s but it is %(kind)s, so it was not opened. Save "
        "the statement again with the extension that matches its format, or paste the text."
    ),
    "corrupt.pdf": _(
        "The file is not a valid PDF (it may be damaged or only partly uploaded). Export it "
        "again, send the Word document, or paste the text instead."
    ),
    "corrupt.odt": _(
        "The file is not a valid OpenDocument text (it may be damaged or only partly "
        "uploaded). Save it again from LibreOffice, or paste the text instead."
    ),
    "corrupt": _(
        "The file is not a valid Word document (it may be damaged or only partly "
        "uploaded). Save it again from Word or LibreOffice, or paste the text instead."
    ),
    "macro": _(
        "The document contains macros, which are not accepted. Save it as a normal Word "
        "document (.docx) or OpenDocument text (.odt), without macros, and upload it "
        "again, or paste the text."
    ),
    "encrypted_document": _(
        "The document is protected with a password, so it cannot be read. Remove the "
        "password (in Word: File, Info, Protect Document, Encrypt with Password; in "
        "LibreOffice: save it again without a password), upload it again, or paste the text."
    ),
    "encoding": _(
        "The text file is not in UTF-8 (it may use an older encoding such as Windows-1252). "
        "Save it as UTF-8 (in Notepad: Save As, Encoding: UTF-8) and upload it again, or "
        "paste the text."
    ),
    "encrypted_pdf": _(
        "The PDF is protected with a password, so it cannot be read. Send a copy "
        "without a password or the Word document, or paste the text."
    ),
    "no_text_layer": _(
        "The PDF contains no text, only images (a scanned statement?). Send the "
        "statement as a Word document, or paste its text."
    ),
    "zip_bomb": _(
        "The file would expand to more than %(limit)d MB when opened, far more than "
        "any statement, so it was not opened. Save the statement again as a new "
        "document, or paste the text instead."
    ),
    "xml_entities": _(
        "The document contains XML declarations (a DOCTYPE) that Word and LibreOffice "
        "never write and that can be used to attack a server, so it was not opened. "
        "Save the statement again from Word or LibreOffice, or paste the text instead."
    ),
    "empty": _(
        "The file contains no text. Check that you chose the right file, or paste the text instead."
    ),
    "empty.pasted": _("The pasted text is empty. Paste the statement."),
    "too_many_pages": _(
        "The document has more than %(limit)d pages, far more than any statement or letter, "
        "so it was not read."
    ),
    "too_complex": _(
        "A page of the document holds more than %(limit)d drawing operations, far more than "
        "any text, so it was not read."
    ),
    "too_complex.markup": _(
        "The document is made of more than %(limit)d pieces of markup, far more than any "
        "statement or letter, so it was not read."
    ),
    "too_complex.memory": _(
        "Reading the document needed more than %(limit)d MB of memory, far more than any "
        "statement or letter, so it was stopped."
    ),
    "too_long": _(
        "The document holds more than %(limit)d %(unit)s, far more than any statement or "
        "letter, so it was not read."
    ),
    "too_slow": _(
        "The document could not be read within %(seconds)s seconds (it is built in an "
        "unusually complex way), so reading it was stopped."
    ),
}
_UNITS: dict[str, Promise] = {
    "lines": pgettext_lazy("size of a document", "lines"),
    "paragraphs": pgettext_lazy("size of a document", "paragraphs"),
    "characters": pgettext_lazy("size of a document", "characters"),
}
_NO_EXTENSION = _("(no extension)")
# Refusals about the shape of a file, not its format: the same advice for all of them.
_SIMPLIFY = frozenset({"too_many_pages", "too_complex", "too_long", "too_slow"})
_FULL_STOPS = ("。", "！", "？")
Param = str | int


class Refused(ValueError):
    """A document that is not read. `code` is stable for tests, the API and the kept record;
    `variant` picks a wording (the format of a damaged file); `params` fill the message."""

    def __init__(self, code: str, variant: str = "", **params: Param) -> None:
        super().__init__(code, variant, params)
        self.code = code
        self.variant = variant
        self.params = params

    def __reduce__(self) -> tuple[object, ...]:
        return (_rebuild, (self.code, self.variant, self.params))

    @property
    def message(self) -> str:
        """What went wrong and what to do, in the active language."""
        key = f"{self.code}.{self.variant}"
        params: dict[str, Param | str] = dict(self.params)
        if isinstance(kind := params.get("kind"), str) and kind in _KINDS:
            params["kind"] = str(_KINDS[kind])
        if params.get("extension") == "":
            params["extension"] = str(_NO_EXTENSION)
        if isinstance(unit := params.get("unit"), str) and unit in _UNITS:
            params["unit"] = str(_UNITS[unit])
        text = str(_MESSAGES.get(key, _MESSAGES[self.code])) % params
        if self.code not in _SIMPLIFY:
            return text
        # Chinese puts no space between sentences.
        return f"{text}{'' if text.endswith(_FULL_STOPS) else ' '}{_SIMPLE_FILE}"


def _rebuild(code: str, variant: str, params: dict[str, Param]) -> Refused:
    return Refused(code, variant, **params)
