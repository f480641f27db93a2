"""Defensive extraction of written statements: uploaded files, pasted text, pasted rich text.

Every entry point returns an ExtractedText whose blocks keep what an annex needs (paragraphs,
bold and italic runs, bullet and numbered lists, headings; each block's language left empty
until the statement's language is known) and nothing else, or raises SubmissionRefused with a
stable code and a message that says what went wrong and what to do instead. Nothing here
touches the database.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from opendebate.documents.model import Block
from opendebate.statements.content import ExtractedText, SubmissionRefused
from opendebate.statements.extract.filenames import safe_filename
from opendebate.statements.extract.markup import extract_fragment
from opendebate.statements.extract.plain import extract_lines
from opendebate.statements.extract.upload import MAX_UPLOAD_BYTES, read_upload

__all__ = ["MAX_UPLOAD_BYTES", "extract_html", "extract_pasted", "extract_upload", "safe_filename"]


def _statement(blocks: list[Block], empty_message: str) -> ExtractedText:
    if not blocks:
        raise SubmissionRefused("empty", empty_message)
    return ExtractedText(tuple(blocks))


def extract_upload(data: bytes, filename: str) -> ExtractedText:
    """The statement in an uploaded .docx, .odt, .pdf (with a text layer) or .txt (UTF-8, or
    UTF-16 with a byte order mark) file of at most MAX_UPLOAD_BYTES.

    Refusal codes: too_large, unsupported_type, type_mismatch, corrupt, zip_bomb,
    xml_entities, macro, encrypted_document, encrypted_pdf, no_text_layer, encoding, empty.
    A .txt file reads as pasted text (see `extract_pasted`).
    """
    return _statement(
        read_upload(data, filename),
        _(
            "The file contains no text. Check that you chose the right file, or paste the "
            "text instead."
        ),
    )


def extract_pasted(text: str) -> ExtractedText:
    """The statement in text pasted into the form. Each line is a paragraph (a line break in a
    pasted statement is a paragraph break); blank lines are only spacing.

    What the form can tell its users:
    - A list item is a line that starts with "- ", "* " or "• " (a bullet) or with a number
      or letter: "1. ", "1) ", "(a) ", "a) ", "(iv) ". Two spaces (or a tab) before the
      marker put the item one level down.
    - **bold**, *italic* or _italic_, ***bold italic***; the marks must touch the words they
      enclose ("5 * 3 * 2" stays as it is, and so does a_name_with_underscores). A backslash
      keeps a mark as text: \\*not italic\\*.

    Refusal code: empty.
    """
    return _statement(extract_lines(text), _("The pasted text is empty. Paste the statement."))


def extract_html(fragment: str) -> ExtractedText:
    """The statement in rich text from the form's HTML editor, through a whitelist: p, div and
    br make paragraphs, h1 to h4 headings, ul, ol and li lists, b and strong bold, i and em
    italic (and CSS font-weight and font-style, as word processors paste them); span is a
    container. Any other element is dropped and its text kept; script, style and other
    non-text elements are dropped with their content. Only HTML's own character references
    are resolved.

    Refusal code: empty.
    """
    return _statement(
        extract_fragment(fragment), _("The pasted text is empty. Paste the statement.")
    )
