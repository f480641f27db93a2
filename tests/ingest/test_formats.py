"""Reading documents: files as LibreOffice writes them, pasted text and HTML, and every file a
delegation (or an attacker) could send that must be refused. The readers run in this process
here; test_bounded.py runs them in the reading process."""

from __future__ import annotations

import codecs
import io
import random
import tracemalloc
import zipfile

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE

from opendebate.documents.model import Block, BlockStyle, Run
from opendebate.ingest import MAX_UPLOAD_BYTES, Refused, read_html, read_pasted, safe_filename
from opendebate.ingest.archive import ArchiveTooLarge, ZipPackage
from opendebate.ingest.formats import read_document
from tests.statements.fixtures import (
    LANGUAGES,
    STATEMENTS,
    STATEMENTS_DATA,
    blank_pdf,
    declaring,
    docx_bytes,
    docx_with_body,
    encrypted_pdf,
    members,
    odt_with_body,
    password_protected_docx,
    with_members,
    zip_archive,
    zip_bomb,
)

EN_DOCX = (STATEMENTS_DATA / "en_statement.docx").read_bytes()
EN_ODT = (STATEMENTS_DATA / "en_statement.odt").read_bytes()
EN_PDF = (STATEMENTS_DATA / "en_statement.pdf").read_bytes()


def body(text: str) -> Block:
    return Block((Run(text),), "")


def item(marker: str, *runs: Run, level: int = 0) -> Block:
    return Block(runs, "", BlockStyle.LIST_ITEM, marker, level)


def refused(data: bytes, filename: str) -> Refused:
    with pytest.raises(Refused) as raised:
        read_document(data, filename)
    return raised.value


# Files written by LibreOffice ----------------------------------------------------------------


@pytest.mark.parametrize("extension", ["docx", "odt"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_libreoffice_file_gives_the_statement_exactly(language: str, extension: str) -> None:
    path = STATEMENTS_DATA / f"{language}_statement.{extension}"
    assert read_document(path.read_bytes(), path.name).blocks == STATEMENTS[language]


def test_arabic_and_chinese_text_is_kept_exactly() -> None:
    arabic = read_document((STATEMENTS_DATA / "ar_statement.docx").read_bytes(), "ar.docx")
    chinese = read_document((STATEMENTS_DATA / "zh_statement.odt").read_bytes(), "zh.odt")
    assert arabic.blocks[0].text == "التعاون مع المنظمات الإقليمية"
    assert arabic.blocks[4].runs == (Run("الإنذار المبكر", bold=True), Run(" والوساطة؛"))
    assert chinese.blocks[1].runs[:4] == (
        Run("我们感谢"),
        Run("尼日尔", bold=True),
        Run("召开这次"),
        Run("公开辩论", italic=True),
    )
    assert chinese.blocks[5].marker == "•"
    assert chinese.blocks[5].level == 1


def _as_pdf_reads_it(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """A PDF keeps text, bullets and numbers, but no emphasis, heading or nesting; PDFium gives
    a no-break space (French puts one before ":" and ";") as a space."""
    return tuple(
        Block((Run(block.text.replace("\xa0", " ")),), "", BlockStyle.LIST_ITEM if block.marker else BlockStyle.BODY,
              block.marker)
        for block in blocks
    )  # fmt: skip


@pytest.mark.parametrize("language", ["zh", "en", "fr"])
def test_libreoffice_pdf_gives_the_text_and_lists(language: str) -> None:
    path = STATEMENTS_DATA / f"{language}_statement.pdf"
    assert read_document(path.read_bytes(), path.name).blocks == _as_pdf_reads_it(
        STATEMENTS[language]
    )


def test_arabic_pdf_is_read_in_reading_order_with_its_ligatures_and_numbers() -> None:
    # Lam-alef ligatures come out in logical order ("الإقليمية", not "اإلقليمية") and list
    # numbers as written ("2.", drawn ".2"). LibreOffice draws the closing "،ً" of the last
    # line as a separate glyph run after the line, where PDFium leaves it.
    expected = list(_as_pdf_reads_it(STATEMENTS["ar"]))
    assert expected[-1] == body("وشكراً، السيد الرئيس.")
    expected[-1] = body("وشكرا السيد الرئيس. ،ً")
    path = STATEMENTS_DATA / "ar_statement.pdf"
    assert list(read_document(path.read_bytes(), path.name).blocks) == expected


# Plain text files and pasted text -------------------------------------------------------------

TEXT = "Déclaration — 声明\n\n- **Paix** et *sécurité*\n1. مرحبا\n"
TEXT_BLOCKS = (
    body("Déclaration — 声明"),
    item("•", Run("Paix", bold=True), Run(" et "), Run("sécurité", italic=True)),
    item("1.", Run("مرحبا")),
)


@pytest.mark.parametrize(
    "encoded",
    [
        TEXT.encode(),
        TEXT.replace("\n", "\r\n").encode(),
        codecs.BOM_UTF8 + TEXT.encode(),
        TEXT.encode("utf-16"),
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
    ],
    ids=["utf-8", "utf-8 crlf", "utf-8 bom", "utf-16 le bom", "utf-16 be bom"],
)
def test_txt_file_in_unicode_reads_as_pasted_text(encoded: bytes) -> None:
    assert read_document(encoded, "statement.TXT").blocks == TEXT_BLOCKS


@pytest.mark.parametrize(
    ("pasted", "expected"),
    [
        ("First paragraph.\nSecond paragraph.", [body("First paragraph."), body("Second paragraph.")]),
        ("  One.  \n\n\n  Two.\u2029Three.", [body("One."), body("Two."), body("Three.")]),
        ("- a\n* b\n• c", [item("•", Run("a")), item("•", Run("b")), item("•", Run("c"))]),
        ("1. a\n2) b\n(a) c\n(iv) d\nb) e", [item("1.", Run("a")), item("2)", Run("b")),
                                          item("(a)", Run("c")), item("(iv)", Run("d")),
                                          item("b)", Run("e"))]),
        ("- a\n  - b\n\t- c\n    - d", [item("•", Run("a")), item("•", Run("b"), level=1),
                                      item("•", Run("c"), level=1), item("•", Run("d"), level=2)]),
        ("1.5 million people", [body("1.5 million people")]),
        ("2020. A year", [body("2020. A year")]),
        ("-", [body("-")]),
        ("**bold** and *italic* and _italic_", [Block((Run("bold", bold=True), Run(" and "),
                                                       Run("italic", italic=True), Run(" and "),
                                                       Run("italic", italic=True)), "")]),
        ("***both*** **outer *inner* outer**", [Block((Run("both ", bold=True, italic=True),
                                                       Run("outer ", bold=True),
                                                       Run("inner", bold=True, italic=True),
                                                       Run(" outer", bold=True)), "")]),
        ("5 * 3 * 2 = 30", [body("5 * 3 * 2 = 30")]),
        ("file_name_here and __init__", [body("file_name_here and __init__")]),
        ("**unclosed and *half", [body("**unclosed and *half")]),
        (r"\*not italic\* and \\", [body("*not italic* and \\")]),
        ("*a **b* c**", [Block((Run("a **b", italic=True), Run(" c**")), "")]),
        ("Ligne\u00a0: «\u00a0texte\u00a0»\u200f", [body("Ligne\u00a0: «\u00a0texte\u00a0»\u200f")]),
        ("bell\x07 and\x00 nul", [body("bell and nul")]),
    ],
    ids=[
        "lines are paragraphs", "blank lines and spaces", "bullets", "numbers and letters",
        "levels", "decimal number", "year", "lone dash", "emphasis", "nested emphasis",
        "spaced asterisks", "underscores in words", "unclosed", "escapes", "misnested",
        "no-break spaces and marks kept", "controls dropped",
    ],
)  # fmt: skip
def test_pasted_text(pasted: str, expected: list[Block]) -> None:
    assert list(read_pasted(pasted).blocks) == expected


@pytest.mark.parametrize("pasted", ["", " \n\t\n", "\x00\x07"])
def test_empty_paste_is_refused(pasted: str) -> None:
    with pytest.raises(Refused) as raised:
        read_pasted(pasted)
    assert (raised.value.code, raised.value.message) == (
        "empty",
        "The pasted text is empty. Paste the statement.",
    )


# Rich text from the HTML editor ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("fragment", "expected"),
    [
        ("<p>One <b>bold</b> <strong>strong</strong></p><p><i>it</i> <em>em</em></p>",
         [Block((Run("One "), Run("bold strong", bold=True)), ""),
          Block((Run("it em", italic=True),), "")]),
        ("<h1>Title</h1><h4>Four</h4><h5>Five</h5>",
         [Block((Run("Title"),), "", BlockStyle.HEADING),
          Block((Run("Four"),), "", BlockStyle.HEADING), body("Five")]),
        ("<div>a<br>b<br/>c</div><span>d</span>", [body("a"), body("b"), body("c"), body("d")]),
        ("<ul><li>a<ul><li>b</li></ul></li><li>c</li></ul><ol start='3' type='a'><li>d</li>"
         "<li value='9'>e</li></ol>",
         [item("•", Run("a")), item("•", Run("b"), level=1), item("•", Run("c")),
          item("c.", Run("d")), item("i.", Run("e"))]),
        ("<p>x<script>alert('x')</script><style>p{}</style><svg><text>s</text></svg>y</p>",
         [body("xy")]),
        ("<p><a href='javascript:x'>link</a> <u>under</u> <img src=x onerror=alert(1)></p>",
         [body("link under")]),
        ("<table><tr><td>cell one</td><td>cell two</td></tr></table>",
         [body("cell one"), body("cell two")]),
        ("<p>&amp; &eacute;t&eacute; &#x4E2D; &nbsp;&xxe; &lt;b&gt;</p>", [body("& été 中 \u00a0&xxe; <b>")]),
        ('<b style="font-weight:normal" id="docs-internal-guid-1"><span style="font-weight:700">'
         'Bold</span> <span style="font-style:italic">slanted</span> plain</b>',
         [Block((Run("Bold ", bold=True), Run("slanted", italic=True), Run(" plain")), "")]),
        ("<p>  spaced\n  out  </p><!-- comment --><p dir='rtl'>مرحبا</p>",
         [body("spaced out"), body("مرحبا")]),
        ("<p><b>unclosed <i>both</p><p>after</p>",
         [Block((Run("unclosed ", bold=True), Run("both", bold=True, italic=True)), ""),
          body("after")]),
    ],
    ids=[
        "emphasis", "headings", "breaks and containers", "lists", "scripts and styles dropped",
        "other elements are text", "table cells", "character references only",
        "css emphasis", "whitespace", "unclosed emphasis ends with its paragraph",
    ],
)  # fmt: skip
def test_html_fragment(fragment: str, expected: list[Block]) -> None:
    assert list(read_html(fragment).blocks) == expected


def test_html_without_text_is_refused() -> None:
    with pytest.raises(Refused) as raised:
        read_html("<p> </p><script>document.write('x')</script><img src='x'>")
    assert raised.value.code == "empty"


def test_deeply_nested_html_is_read_without_recursion() -> None:
    fragment = "<span>" * 50_000 + "deep" + "</span>" * 50_000 + "<ol>" * 20 + "<li>x"
    assert read_html(fragment).blocks == (body("deep"), item("1.", Run("x"), level=8))


# DOCX details ---------------------------------------------------------------------------------


def _paragraph(content: str, properties: str = "") -> str:
    return f"<w:p><w:pPr>{properties}</w:pPr>{content}</w:p>"


def _run(text: str, properties: str = "") -> str:
    return f'<w:r><w:rPr>{properties}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


def test_docx_tracked_changes_keep_insertions_and_drop_deletions() -> None:
    data = docx_with_body(
        _paragraph(
            _run("The Council ")
            + f'<w:ins w:id="1" w:author="a">{_run("firmly ")}</w:ins>'
            + '<w:del w:id="2" w:author="a"><w:r><w:delText>never </w:delText></w:r></w:del>'
            + _run("supports")
            + '<w:moveFrom w:id="3" w:author="a">'
            + _run(" moved")
            + "</w:moveFrom>"
        )
    )
    assert read_document(data, "s.docx").blocks == (body("The Council firmly supports"),)


def test_docx_toggles_tabs_breaks_fields_and_hidden_text() -> None:
    data = docx_with_body(
        _paragraph(
            _run("off", '<w:b w:val="0"/><w:i w:val="false"/>')
            + _run(" on", '<w:b w:val="1"/><w:i w:val="true"/>')
            + _run(" cs", "<w:bCs/>")
            + "<w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t><w:noBreakHyphen/></w:r>"
            + '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            + '<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
            + '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            + _run("7")
            + '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
            + _run("secret", "<w:vanish/>")
        )
    )
    assert read_document(data, "s.docx").blocks == (
        Block((Run("off"), Run(" on", bold=True, italic=True), Run(" cs", bold=True),
               Run("a b")), ""),
        body("c\u20117"),
    )  # fmt: skip


def test_docx_tables_content_controls_and_links_are_read_in_order() -> None:
    cell = "<w:tc><w:tcPr/>{}</w:tc>"
    data = docx_with_body(
        _paragraph(_run("Before"))
        + "<w:tbl><w:tblPr/><w:tblGrid/><w:tr>"
        + cell.format(_paragraph(_run("A1")))
        + cell.format(_paragraph(_run("B1")) + _paragraph(""))
        + "</w:tr><w:tr>"
        + cell.format(
            f"<w:sdt><w:sdtPr/><w:sdtContent>{_paragraph(_run('A2'))}</w:sdtContent></w:sdt>"
        )
        + cell.format(_paragraph(f'<w:hyperlink r:id="x" {_R}>{_run("B2")}</w:hyperlink>'))
        + "</w:tr></w:tbl>"
        + _paragraph(_run("After"))
    )
    assert [block.text for block in read_document(data, "t.docx").blocks] == [
        "Before", "A1", "B1", "A2", "B2", "After",
    ]  # fmt: skip


_R = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def test_docx_styles_give_headings_lists_and_emphasis() -> None:
    document = docx.Document()
    custom = document.styles.add_style("Statement Heading", WD_STYLE_TYPE.PARAGRAPH)
    custom.base_style = document.styles["Heading 2"]
    document.add_paragraph("The title", "Title")
    document.add_paragraph("Custom heading", "Statement Heading")
    document.add_paragraph("One", "List Number")
    document.add_paragraph("Two", "List Number")
    document.add_paragraph("Dot", "List Bullet")
    emphasis = document.add_paragraph("A ")
    emphasis.add_run("strong", "Strong")
    emphasis.add_run(" and ")
    emphasis.add_run("not bold", "Strong").bold = False
    plain = document.add_paragraph("Not a list", "List Number")
    plain.paragraph_format.element.get_or_add_pPr().get_or_add_numPr().get_or_add_numId().val = 0
    assert read_document(docx_bytes(document), "s.docx").blocks == (
        Block((Run("The title"),), "", BlockStyle.HEADING),
        Block((Run("Custom heading"),), "", BlockStyle.HEADING),
        item("1.", Run("One")),
        item("2.", Run("Two")),
        item("•", Run("Dot")),
        Block((Run("A "), Run("strong", bold=True), Run(" and not bold")), ""),
        body("Not a list"),
    )


def test_docx_without_styles_or_numbering_parts_reads_plainly() -> None:
    parts = members(
        docx_with_body(
            _paragraph(
                _run("Item"),
                '<w:numPr><w:ilvl w:val="0"/>'
                '<w:numId w:val="3"/></w:numPr><w:pStyle w:val="Heading1"/>',
            )
        )
    )
    del parts["word/styles.xml"], parts["word/numbering.xml"]
    assert read_document(zip_archive(parts), "s.docx").blocks == (body("Item"),)


# ODT details ----------------------------------------------------------------------------------

ODT_STYLES = (
    '<style:style style:name="PB" style:family="paragraph" style:parent-style-name="Standard">'
    '<style:text-properties fo:font-weight="bold"/></style:style>'
    '<style:style style:name="PT" style:family="paragraph" style:parent-style-name="Title"/>'
    '<style:style style:name="TN" style:family="text">'
    '<style:text-properties fo:font-weight="normal" style:font-style-complex="italic"/>'
    "</style:style>"
    # A weight of 5,000 digits (int() refuses more than 4,300) is no weight.
    f'<style:style style:name="TX" style:family="text"><style:text-properties fo:font-weight="{"9" * 5000}"/></style:style>'
    '<text:list-style style:name="LR"><text:list-level-style-number text:level="1" '
    'style:num-prefix="(" style:num-suffix=")" style:num-format="i" text:start-value="3"/>'
    '<text:list-level-style-number text:level="2" style:num-suffix="." style:num-format="A" '
    'text:display-levels="2"/></text:list-style>'
)  # fmt: skip


def test_odt_styles_spaces_breaks_notes_and_tables() -> None:
    data = odt_with_body(
        EN_ODT,
        '<text:p text:style-name="PT">A title</text:p>'
        '<text:p text:style-name="PB">All bold <text:span text:style-name="TN">but this, in'
        " Arabic italic</text:span></text:p>"
        '<text:p>A<text:s text:c="3"/>B<text:tab/>C<text:line-break/>D'
        '<text:span text:style-name="Strong">strong</text:span>'
        "<text:note><text:note-body><text:p>a footnote</text:p></text:note-body></text:note>"
        "<office:annotation><text:p>a comment</text:p></office:annotation>"
        "</text:p>"
        # Runs of spaces are capped at 100, and an absurd count is one space.
        '<text:p>x<text:s text:c="500"/>y<text:s text:c="99999999999999999999"/>z</text:p>'
        '<text:p><text:span text:style-name="TX">heavy</text:span></text:p>'
        "<text:tracked-changes><text:changed-region><text:deletion><text:p>deleted</text:p>"
        "</text:deletion></text:changed-region></text:tracked-changes>"
        "<table:table><table:table-row><table:table-cell><text:p>cell one</text:p>"
        "</table:table-cell><table:table-cell><text:p>cell two</text:p></table:table-cell>"
        "</table:table-row></table:table>"
        '<text:list text:style-name="LR"><text:list-item><text:p>three</text:p><text:list>'
        "<text:list-item><text:p>sub</text:p></text:list-item></text:list></text:list-item>"
        '<text:list-item text:start-value="7"><text:p>seven</text:p><text:p>more</text:p>'
        "</text:list-item></text:list>",
        ODT_STYLES,
    )
    assert read_document(data, "s.odt").blocks == (
        Block((Run("A title"),), "", BlockStyle.HEADING),
        Block((Run("All bold ", bold=True), Run("but this, in Arabic italic", italic=True)), ""),
        body("A   B C"),
        Block((Run("D"), Run("strong", bold=True)), ""),
        body("x" + " " * 100 + "y z"),
        body("heavy"),
        body("cell one"),
        body("cell two"),
        item("(iii)", Run("three")),
        item("iii.A.", Run("sub"), level=1),
        item("(vii)", Run("seven")),
        item("", Run("more")),
    )


# Refusals -------------------------------------------------------------------------------------


def test_file_over_10_mb_is_refused() -> None:
    error = refused(b"x" * (MAX_UPLOAD_BYTES + 1), "big.docx")
    assert (error.code, error.message) == (
        "too_large",
        "The file is larger than 10 MB. A statement of about 500 words is far smaller: save it "
        "without pictures, or paste the text instead.",
    )


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (b"", "empty.docx"),
        (b" \r\n\t ", "blank.txt"),
        (docx_bytes(docx.Document()), "new.docx"),
        (docx_with_body(_paragraph(_run("   ")) + _paragraph(_run("x", "<w:vanish/>"))), "spaces.docx"),
    ],
    ids=["no bytes", "whitespace", "new document", "only spaces and hidden text"],
)  # fmt: skip
def test_file_without_text_is_refused(data: bytes, filename: str) -> None:
    error = refused(data, filename)
    assert (error.code, error.message) == (
        "empty",
        "The file contains no text. Check that you chose the right file, or paste the text "
        "instead.",
    )


WORD_CORRUPT = (
    "The file is not a valid Word document (it may be damaged or only partly uploaded). Save "
    "it again from Word or LibreOffice, or paste the text instead."
)


@pytest.mark.parametrize(
    "data",
    [
        random.Random(2020).randbytes(5000),  # noqa: S311  (reproducible noise, not a secret)
        EN_DOCX[: len(EN_DOCX) // 2],
        with_members(EN_DOCX, **{"word/document.xml": b"<w:document><w:body>"}),
        EN_DOCX.replace(b"word/document.xml", b"word/document.xmm"),
    ],
    ids=["random bytes", "cut in half", "malformed xml", "document part missing"],
)
def test_damaged_docx_is_refused(data: bytes) -> None:
    assert (refused(data, "statement.docx").code, refused(data, "s.docx").message) == (
        "corrupt",
        WORD_CORRUPT,
    )


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (EN_ODT[: len(EN_ODT) // 2], "statement.odt"),
        (EN_PDF[: len(EN_PDF) // 3], "statement.pdf"),
        (b"%PDF-1.7\n this is not a PDF body", "statement.pdf"),
        (random.Random(9).randbytes(3000), "statement.pdf"),  # noqa: S311
    ],
    ids=["odt cut in half", "pdf cut short", "pdf header only", "random bytes as pdf"],
)
def test_damaged_odt_and_pdf_are_refused(data: bytes, filename: str) -> None:
    # pypdf's own warnings about the damage must not escape (filterwarnings = error).
    assert refused(data, filename).code == "corrupt"


def test_zip_bomb_is_refused_by_its_declared_size() -> None:
    bomb = zip_bomb(101 * 2**20)
    assert len(bomb) < 2**20  # small on the wire: the point of a bomb
    error = refused(bomb, "bomb.docx")
    assert (error.code, error.message) == (
        "zip_bomb",
        "The file would expand to more than 100 MB when opened, far more than any statement, "
        "so it was not opened. Save the statement again as a new document, or paste the text "
        "instead.",
    )


def test_zip_bomb_that_understates_its_size_is_never_inflated() -> None:
    # The archive says 1 kB; reading stops there, and the checksum of the whole part fails.
    bomb = declaring(zip_bomb(120 * 2**20), "word/document.xml", 1000)
    tracemalloc.start()
    try:
        assert refused(bomb, "bomb.docx").code == "corrupt"
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 * 2**20


def test_inflated_bytes_count_against_the_limit_as_they_stream() -> None:
    archive = zip_archive({"a.xml": b"<a/>" * 2**16, "b.xml": b"<b/>" * 2**16})
    with ZipPackage(archive, max_expanded=2**19) as package:
        package.read("a.xml")
        package.read("b.xml")
        with pytest.raises(ArchiveTooLarge) as raised:
            package.read("a.xml")  # the same part again: what is inflated counts, not the index
    # Counted chunk by chunk: it stops one 64 kB chunk past the limit.
    assert (raised.value.expanded, raised.value.limit) == (2**19 + 2**16, 2**19)


XXE = b'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
LAUGHS = (
    b'<!DOCTYPE w:document [<!ENTITY lol "lol">'
    + b"".join(
        b'<!ENTITY lol%d "%s">' % (level, b"&lol%d;" % (level - 1) * 10 if level > 1 else b"&lol;" * 10)
        for level in range(1, 10)
    )
    + b"]>"
)  # fmt: skip


@pytest.mark.parametrize(
    ("declaration", "reference"), [(XXE, b"&xxe;"), (LAUGHS, b"&lol9;")], ids=["xxe", "laughs"]
)
@pytest.mark.parametrize("part", ["word/document.xml", "word/styles.xml", "[Content_Types].xml"])
def test_docx_with_a_document_type_declaration_is_refused(
    declaration: bytes, reference: bytes, part: str
) -> None:
    xml = members(EN_DOCX)[part].replace(b"?>", b"?>" + declaration, 1)
    xml = xml.replace(b"We thank ", b"We thank " + reference, 1)
    error = refused(with_members(EN_DOCX, **{part: xml}), "entities.docx")
    assert (error.code, error.message) == (
        "xml_entities",
        "The document contains XML declarations (a DOCTYPE) that Word and LibreOffice never "
        "write and that can be used to attack a server, so it was not opened. Save the "
        "statement again from Word or LibreOffice, or paste the text instead.",
    )


def test_document_type_in_utf16_xml_is_refused_too() -> None:
    xml = members(EN_DOCX)["word/document.xml"].decode()
    xml = xml.replace('encoding="UTF-8"', 'encoding="UTF-16"').replace("?>", f"?>{XXE.decode()}", 1)
    data = with_members(EN_DOCX, **{"word/document.xml": xml.encode("utf-16")})
    assert refused(data, "entities.docx").code == "xml_entities"


def test_odt_with_a_document_type_declaration_is_refused() -> None:
    xml = members(EN_ODT)["content.xml"].replace(b"?>", b"?>" + XXE.replace(b"w:document", b"x"), 1)
    assert refused(with_members(EN_ODT, **{"content.xml": xml}), "s.odt").code == "xml_entities"


MACRO = (
    "The document contains macros, which are not accepted. Save it as a normal Word document "
    "(.docx) or OpenDocument text (.odt), without macros, and upload it again, or paste the text."
)


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (with_members(EN_DOCX, **{"[Content_Types].xml": members(EN_DOCX)["[Content_Types].xml"]
                                  .replace(b"openxmlformats-officedocument.wordprocessingml.document.main",
                                           b"ms-word.document.macroEnabled.main")}), "s.docx"),
        (with_members(EN_DOCX, **{"word/vbaProject.bin": b"\xd0\xcf\x11\xe0 macros"}), "s.docx"),
        (EN_DOCX, "statement.docm"),
        (with_members(EN_ODT, **{"Basic/Standard/Module1.xml": b"<module/>"}), "s.odt"),
    ],
    ids=["macro-enabled content type", "vba project part", "docm extension", "odt basic"],
)  # fmt: skip
def test_document_with_macros_is_refused(data: bytes, filename: str) -> None:
    error = refused(data, filename)
    assert (error.code, error.message) == ("macro", MACRO)


def test_pdf_with_a_password_is_refused() -> None:
    error = refused(encrypted_pdf(EN_PDF, "secret"), "locked.pdf")
    assert (error.code, error.message) == (
        "encrypted_pdf",
        "The PDF is protected with a password, so it cannot be read. Send a copy without a "
        "password or the Word document, or paste the text.",
    )


def test_pdf_with_only_an_owner_password_is_read() -> None:
    # Restrictions on printing or copying do not stop reading, in any viewer or here.
    extracted = read_document(encrypted_pdf(EN_PDF, ""), "restricted.pdf")
    assert extracted.blocks == _as_pdf_reads_it(STATEMENTS["en"])


@pytest.mark.parametrize(
    "data", [(STATEMENTS_DATA / "scanned.pdf").read_bytes(), blank_pdf()], ids=["scan", "blank"]
)
def test_pdf_without_text_layer_is_refused(data: bytes) -> None:
    error = refused(data, "scan.pdf")
    assert (error.code, error.message) == (
        "no_text_layer",
        "The PDF contains no text, only images (a scanned statement?). Send the statement as a "
        "Word document, or paste its text.",
    )


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"


@pytest.mark.parametrize(
    ("data", "filename", "kind"),
    [
        (EN_PDF, "statement.docx", "a PDF"),
        (EN_DOCX, "statement.pdf", "a ZIP archive"),
        (zip_archive({"hello.txt": b"a zip, not a document"}), "statement.docx", "a ZIP archive"),
        (PNG, "statement.txt", "a picture"),
        (EN_ODT, "statement.docx", "an OpenDocument text"),
        (EN_DOCX, "statement.odt", "a Word document"),
        (zip_archive({"[Content_Types].xml": b'<Types xmlns="http://schemas.openxmlformats.org/'
                      b'package/2006/content-types"><Override PartName="/xl/workbook.xml" '
                      b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
                      b'sheet.main+xml"/></Types>'}), "statement.docx", "an Excel workbook"),
        (zip_archive({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}),
         "statement.odt", "an OpenDocument spreadsheet, presentation or drawing"),
        (b"{\\rtf1\\ansi Statement}", "statement.txt", "an RTF document"),
        (b"MZ\x90\x00\x03\x00\x00\x00", "statement.docx", "a program"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), "statement.docx",
         "an older Microsoft Office file (such as a Word 97-2003 .doc)"),
    ],
    ids=["pdf as docx", "docx as pdf", "zip as docx", "png as txt", "odt as docx", "docx as odt",
         "xlsx as docx", "ods as odt", "rtf as txt", "exe as docx", "doc as docx"],
)  # fmt: skip
def test_content_that_does_not_match_the_extension_is_refused(
    data: bytes, filename: str, kind: str
) -> None:
    error = refused(data, filename)
    extension = filename[filename.rindex(".") :]
    assert (error.code, error.message) == (
        "type_mismatch",
        f"The file is named {extension} but it is {kind}, so it was not opened. Save the "
        "statement again with the extension that matches its format, or paste the text.",
    )


@pytest.mark.parametrize(
    ("filename", "shown"),
    [("statement.doc", ".doc"), ("statement.RTF", ".rtf"), ("setup.exe", ".exe"),
     ("statement", "(no extension)"), ("page.html", ".html")],
)  # fmt: skip
def test_unsupported_file_types_are_refused(filename: str, shown: str) -> None:
    error = refused(EN_DOCX, filename)
    assert (error.code, error.message) == (
        "unsupported_type",
        f"Files of type {shown} are not accepted. Send the statement as a Word document "
        "(.docx), an OpenDocument text (.odt), a PDF with text (.pdf) or a plain text file "
        "(.txt), or paste the text.",
    )


@pytest.mark.parametrize(
    "data",
    ["Déclaration".encode("latin-1"), "声明".encode("gbk"), "Statement".encode("utf-16-le")],
    ids=["latin-1", "gbk", "utf-16 without bom"],
)
def test_txt_that_is_not_unicode_is_refused(data: bytes) -> None:
    error = refused(data, "statement.txt")
    assert (error.code, error.message) == (
        "encoding",
        "The text file is not in UTF-8 (it may use an older encoding such as Windows-1252). "
        "Save it as UTF-8 (in Notepad: Save As, Encoding: UTF-8) and upload it again, or paste "
        "the text.",
    )


@pytest.mark.parametrize(
    ("data", "filename"),
    [
        (password_protected_docx(), "locked.docx"),
        (with_members(EN_ODT, **{"META-INF/manifest.xml": members(EN_ODT)["META-INF/manifest.xml"]
                                 .replace(b"</manifest:manifest>", b"<!-- manifest:encryption-data -->"
                                          b"</manifest:manifest>")}), "locked.odt"),
    ],
    ids=["word", "libreoffice"],
)  # fmt: skip
def test_password_protected_document_is_refused(data: bytes, filename: str) -> None:
    error = refused(data, filename)
    assert (error.code, error.message) == (
        "encrypted_document",
        "The document is protected with a password, so it cannot be read. Remove the password "
        "(in Word: File, Info, Protect Document, Encrypt with Password; in LibreOffice: save it "
        "again without a password), upload it again, or paste the text.",
    )


def test_archive_of_too_many_members_is_refused_before_zipfile_reads_them() -> None:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w") as archive:
        for index in range(5001):
            archive.writestr(f"{index:x}", b"")
    assert refused(output.getvalue(), "s.docx").code == "corrupt"


def test_archive_with_unusual_compression_is_refused() -> None:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_BZIP2) as archive:
        for name, content in members(EN_DOCX).items():
            archive.writestr(name, content)
    assert refused(output.getvalue(), "s.docx").code == "corrupt"


# File names -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\x\\y.docx", "y.docx"),
        ("\u202egnp.docx", "gnp.docx"),
        ("\u202excod.exe", "xcod.exe"),
        ("state\u2066ment\u200f\u200e.docx", "statement.docx"),
        ("line\nbreak\t\x00\x1b[31m.docx", "linebreak[31m.docx"),
        ("...hidden.pdf", "hidden.pdf"),
        (".docx", "statement.docx"),
        ("", "statement"),
        ("../", "statement"),
        ("  bilan   2020 .txt ", "bilan 2020.txt"),
        ("بيان المغرب.docx", "بيان المغرب.docx"),
        ("中国常驻联合国代表团的发言.pdf", "中国常驻联合国代表团的发言.pdf"),
        ("بیان\u200cنامه.docx", "بیان\u200cنامه.docx"),
        ('what?<is>:this|"*.odt', "whatisthis.odt"),
        ("Déclaration.docx", "Déclaration.docx"),
        ("x" * 300 + ".docx", "x" * 115 + ".docx"),
        ("声" * 200 + ".docx", "声" * 78 + ".docx"),
    ],
    ids=[
        "traversal", "windows path", "rlo", "rlo with exe", "isolates and marks", "controls",
        "leading dots", "only an extension", "empty", "only a folder", "spaces", "arabic",
        "chinese", "persian joiner kept", "windows reserved", "composed accent", "long",
        "long in bytes",
    ],
)  # fmt: skip
def test_safe_filename(name: str, expected: str) -> None:
    assert safe_filename(name) == expected


def test_safe_filename_composes_accents() -> None:
    assert safe_filename("De\u0301claration.docx") == "Déclaration.docx"
