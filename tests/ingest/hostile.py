"""Crafted files that cost a reader far more than their size, as an attacker would send them.

Each is small on the wire (a few hundred kilobytes at most) and was measured slow or huge before
the reader had limits: PDFs whose pages draw millions of tiny operations or nest the same form
many times over, a text of millions of blank lines, a Word document of a million empty
paragraphs. The zip bombs and XML entity declarations are in tests/statements/fixtures.py.
"""

from __future__ import annotations

import zlib

from tests.statements.fixtures import docx_with_body, members, with_members


def pdf(pages: list[bytes], forms: tuple[bytes, ...] = ()) -> bytes:
    """A PDF with one page per content stream (Flate-compressed), the form XObjects /F0, /F1,
    ... (form i may draw form i+1) and Helvetica as /F."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    def stream(content: bytes, extra: bytes = b"") -> bytes:
        packed = zlib.compress(content, 9)
        return (
            b"<< /Length %d /Filter /FlateDecode %b >>\nstream\n" % (len(packed), extra)
            + packed
            + b"\nendstream"
        )

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    form_ids: list[int] = []
    # Forms refer to the next one by number: written last first.
    for index in reversed(range(len(forms))):
        inner = b"/XObject << /X %d 0 R >>" % form_ids[0] if form_ids else b""
        resources = b"/Resources << /Font << /F %d 0 R >> %b >>" % (font, inner)
        form_ids.insert(
            0,
            add(
                stream(
                    forms[index], b"/Type /XObject /Subtype /Form /BBox [0 0 600 800] " + resources
                )
            ),
        )
    xobjects = b"/XObject << /X %d 0 R >>" % form_ids[0] if form_ids else b""
    resources = b"<< /Font << /F %d 0 R >> %b >>" % (font, xobjects)
    pages_id = len(objects) + 1 + 2 * len(pages)
    page_ids = []
    for content in pages:
        content_id = add(stream(content))
        page_ids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Resources %b "
                b"/Contents %d 0 R >>" % (pages_id, resources, content_id)
            )
        )
    kids = b" ".join(b"%d 0 R" % page for page in page_ids)
    add(b"<< /Type /Pages /Kids [%b] /Count %d >>" % (kids, len(page_ids)))
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    output = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(output))
        output += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(output)
    output += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    output += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    output += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        catalog,
        xref,
    )
    return bytes(output)


def text_operations(words: str) -> bytes:
    return b"BT /F 12 Tf 72 760 Td (%b) Tj ET\n" % words.encode("latin-1")


def tiny_drawings(count: int) -> bytes:
    """A one-page PDF with a line of text and `count` tiny rectangles, each filled."""
    return pdf([text_operations("Statement") + b"0 0 1 1 re f\n" * count])


def many_glyphs(count: int) -> bytes:
    """A one-page PDF showing `count` single-letter text runs, each moved a little."""
    return pdf([b"BT /F 1 Tf 72 760 Td " + b"(x) Tj 0.01 0 Td " * count + b"ET\n"])


def nested_forms(depth: int, repeats: int) -> bytes:
    """A PDF whose page draws a form that draws the next form `repeats` times, `depth` deep:
    repeats ** depth text runs drawn from a few hundred bytes (XObjects' "billion laughs")."""
    forms = (*[b"q /X Do Q " * repeats] * (depth - 1), text_operations("laugh"))
    return pdf([text_operations("Statement") + b"/X Do\n"], forms)


def many_pages(count: int) -> bytes:
    return pdf([text_operations(f"Page {index}.") for index in range(count)])


def blank_lines(count: int) -> bytes:
    return b"Statement\n" + b"\n" * count


def many_paragraphs(count: int) -> bytes:
    """A DOCX of `count` empty paragraphs (and one with text): a million compress to 100 KB."""
    document = docx_with_body("<w:p><w:r><w:t>Statement</w:t></w:r></w:p>")
    body = b"<w:p/>" * count
    xml = members(document)["word/document.xml"].replace(b"</w:body>", body + b"</w:body>", 1)
    return with_members(document, **{"word/document.xml": xml})
