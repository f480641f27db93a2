"""DOCX, the format the Secretariat edits, written with python-docx.

python-docx supplies the package (parts, relationships, sections, headers and footers, core
properties); the paragraphs are built as WordprocessingML elements directly, because python-docx
has no API for what a six-language document needs (run languages, right-to-left paragraphs and
runs, end alignment), and building a compilation's thousands of runs through its proxy objects
costs more than the rest of the rendering. The project's styles replace python-docx's template
styles wholesale, so every paragraph is styled by name ("UN Body", "UN Mark"...) and can be
restyled in Word.
"""

from __future__ import annotations

import copy
import datetime
import functools
import re
import zipfile
from collections.abc import Iterator
from io import BytesIO

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.section import Section
from docx.shared import Pt
from lxml import etree

from . import fonts, layout
from .model import RENDERED_ANNEXES, Annex, Block, BlockStyle, Signature, UNDocument
from .text import clean_text

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_TWIPS_PER_PT = 20
_TEXT_WIDTH = (layout.PAGE_WIDTH_PT - 2 * layout.MARGIN_PT) * _TWIPS_PER_PT
_SYMBOL_COLUMN = 3 * 1440  # the right-hand column of the header block: 3 inches
_DROPPED = (
    RT.THUMBNAIL,
    RT.CUSTOM_XML,
    RT.EXTENDED_PROPERTIES,
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
)

# w:lang's w:val tags Latin and Cyrillic text (and Latin letters anywhere); Chinese and Arabic
# text take their language from these slots.
_SCRIPT_SLOT = {"ar": "bidi", "zh": "eastAsia"}
# The hint makes Word set ambiguous characters (quotation marks, the ideographic comma) in the
# East Asian face inside Chinese text, as a Chinese typist's Word would.
_RUN_FONTS = {
    "ar": {"cs": fonts.DOCX_ARABIC},
    "zh": {"hint": "eastAsia", "eastAsia": fonts.DOCX_CHINESE},
}
_BLOCK_STYLE = {
    BlockStyle.BODY: "UNBody",
    BlockStyle.HEADING: "UNHeading",
    BlockStyle.TITLE: "UNTitle",
    BlockStyle.SUBTITLE: "UNSubtitle",
    BlockStyle.LIST_ITEM: "UNListItem",
    BlockStyle.MARK: "UNMark",
    BlockStyle.PLAIN: "UNPlain",
}


def _w(name: str) -> str:
    return f"{{{W}}}{name}"


def _sub(parent: etree._Element, name: str, **attributes: str) -> etree._Element:
    return etree.SubElement(parent, _w(name), {_w(key): value for key, value in attributes.items()})


# Complex-script (Arabic) text is set larger than Latin text of the same style, in the ratio
# the layout gives for body text.
_COMPLEX_SCALE = layout.font_size("ar") / layout.BODY_SIZE_PT


def _size(points: float) -> str:
    latin, complex_script = round(points * 2), round(points * 2 * _COMPLEX_SCALE)
    return f'<w:sz w:val="{latin}"/><w:szCs w:val="{complex_script}"/>'


def _spacing(*, before: int = 0, after: int = 6) -> str:
    return f'<w:spacing w:before="{before * _TWIPS_PER_PT}" w:after="{after * _TWIPS_PER_PT}"/>'


def _indent(side: str, points: int) -> str:
    return f'<w:ind w:{side}="{points * _TWIPS_PER_PT}"/>'


def _align(value: str) -> str:
    return f'<w:jc w:val="{value}"/>'


def _outline(level: int) -> str:
    return f'<w:outlineLvl w:val="{level}"/>'


_KEEP = "<w:keepNext/><w:keepLines/>"
_BOLD = "<w:b/><w:bCs/>"
_HEADING = _BOLD + _size(12)
_SIGNATURE = _indent("start", layout.SIGNATURE_INDENT_PT)
_FIRST_LINE = _indent("firstLine", layout.FIRST_LINE_INDENT_PT)
# (name, paragraph properties in schema order, run properties); the id is the name without
# spaces, as Word derives it. Sizes not given are the document default.
_PARAGRAPH_STYLES = (
    ("UN Body", _spacing() + _FIRST_LINE + _align("both"), ""),
    ("UN Plain", _spacing(), ""),
    ("UN List Item", _spacing() + _align("both"), ""),
    ("UN Heading", _KEEP + _spacing(before=12) + _outline(2), _BOLD),
    ("UN Title", _KEEP + _spacing() + _align("center"), _BOLD),
    ("UN Subtitle", _KEEP + _spacing() + _align("center"), ""),
    ("UN Mark", _spacing(after=12) + _align("end"), ""),
    ("UN Document Title", _KEEP + _spacing(before=24, after=12) + _outline(0), _HEADING),
    ("UN Annex Label", _KEEP + "<w:pageBreakBefore/>" + _spacing() + _outline(1), _HEADING),
    ("UN Annex Heading", _KEEP + _spacing(after=12), _BOLD),
    ("UN Signature", "<w:keepNext/>" + _SIGNATURE, ""),
    ("UN Signature First", "<w:keepNext/>" + _spacing(before=24, after=0) + _SIGNATURE, ""),
    ("UN Organization", _spacing(), _size(14)),
    ("UN Symbol", _spacing() + _align("end"), _BOLD + _size(16)),
    ("UN Organ", _spacing(), _BOLD + _size(20)),
    ("UN Header Line", "", ""),
    # The right tab stop puts the second item of a footer on the right margin.
    ("UN Running", f'<w:tabs><w:tab w:val="right" w:pos="{_TEXT_WIDTH}"/></w:tabs>', _size(9)),
)
_STYLES = f"""<w:styles xmlns:w="{W}">
<w:docDefaults><w:rPrDefault><w:rPr>
<w:rFonts w:ascii="{fonts.DOCX_LATIN}" w:hAnsi="{fonts.DOCX_LATIN}"
 w:eastAsia="{fonts.DOCX_CHINESE}" w:cs="{fonts.DOCX_ARABIC}"/>
{_size(layout.BODY_SIZE_PT)}<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>
</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>
<w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>
</w:style>
<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">
<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/></w:style>
<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>
<w:semiHidden/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar>
<w:top w:w="0" w:type="dxa"/><w:left w:w="0" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>
<w:right w:w="0" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>
<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>
<w:semiHidden/></w:style>
{
    "".join(
        f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{name.replace(" ", "")}">'
        f'<w:name w:val="{name}"/><w:basedOn w:val="Normal"/><w:qFormat/>'
        f"<w:pPr>{paragraph}</w:pPr><w:rPr>{run}</w:rPr></w:style>"
        for name, paragraph, run in _PARAGRAPH_STYLES
    )
}
</w:styles>"""


def render_docx(document: UNDocument) -> bytes:
    package = docx.Document(BytesIO(_template()))
    package.settings.odd_and_even_pages_header_footer = True
    _lay_out_pages(package.sections[0], document)
    body = package.element.body
    end = body.sectPr
    for element in _body(document):
        end.addprevious(element)
    properties = package.core_properties
    properties.title = document.title
    properties.identifier = document.symbol
    properties.language = document.language
    properties.author = document.header.organ
    properties.created = properties.modified = _utc(document.generated_at)
    buffer = BytesIO()
    package.save(buffer)
    return _repack(buffer.getvalue(), document.generated_at)


@functools.cache
def _template() -> bytes:
    """python-docx's blank document with our styles and without its baggage (a thumbnail of an
    empty page, Word 2010 duplicate styles, sample custom XML), built once per process."""
    package = docx.Document()
    for relationships in (package.part.package.rels, package.part.rels):
        for rid, relationship in list(relationships.items()):
            if relationship.reltype in _DROPPED:
                del relationships[rid]
    styles = package.styles.element
    styles[:] = list(etree.fromstring(_STYLES))
    properties = package.core_properties
    properties.comments = properties.keywords = properties.category = ""
    properties.subject = properties.last_modified_by = ""
    properties.revision = 1
    buffer = BytesIO()
    package.save(buffer)
    return buffer.getvalue()


def _lay_out_pages(section: Section, document: UNDocument) -> None:
    section.page_width = Pt(layout.PAGE_WIDTH_PT)
    section.page_height = Pt(layout.PAGE_HEIGHT_PT)
    section.left_margin = section.right_margin = Pt(layout.MARGIN_PT)
    section.top_margin = section.bottom_margin = Pt(layout.MARGIN_PT)
    section.header_distance = section.footer_distance = Pt(layout.HEADER_DISTANCE_PT)
    # Page 1 carries the header block in the body and the job number below; later pages carry
    # the symbol above and "n/N" and the job number below, the symbol and the page number on
    # the outside edge as in a bound UN document: left on even (verso) pages, right on odd
    # (recto) pages. Word's "default" header is the odd pages' once even pages have their own.
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False
    section.even_page_header.is_linked_to_previous = False
    section.even_page_footer.is_linked_to_previous = False
    language = layout.RUNNING_LANGUAGE
    job = layout.running_job_number(document)
    _fill(section.header._element, _running(language, "end", document.symbol))
    _fill(section.even_page_header._element, _running(language, "start", document.symbol))
    _fill(section.first_page_footer._element, _running(language, "start", document.job_number))
    odd = _running(language, "start", job + "\t")
    _page_number(odd, language)
    _fill(section.footer._element, odd)
    even = _running(language, "start")
    _page_number(even, language)
    _run(even, "\t" + job, language)
    _fill(section.even_page_footer._element, even)


def _page_number(paragraph: etree._Element, language: str) -> None:
    """ "n/N", from Word's fields, so that the numbers follow the document as it is edited."""
    _field(paragraph, "PAGE", language)
    _run(paragraph, "/", language)
    _field(paragraph, "NUMPAGES", language)


def _fill(container: etree._Element, paragraph: etree._Element) -> None:
    container[:] = [paragraph]


def _running(language: str, alignment: str, text: str = "") -> etree._Element:
    paragraph = _paragraph("UNRunning", language)
    _sub(paragraph[0], "jc", val=alignment)
    if text:
        _run(paragraph, text, language)
    return paragraph


def _field(paragraph: etree._Element, instruction: str, language: str) -> None:
    field = _sub(paragraph, "fldSimple", instr=instruction)
    _run(field, "1", language)


def _body(document: UNDocument) -> Iterator[etree._Element]:
    language = document.language
    yield _header_table(document)
    yield _line("UNDocumentTitle", document.title, language)
    yield from map(_block, document.body)
    yield from _signature(document.signature)
    for annex in document.annexes:
        # From a copy, made at once: the kept paragraphs themselves never join a document.
        yield from list(copy.deepcopy(_annex(annex)))


@functools.lru_cache(maxsize=RENDERED_ANNEXES)
def _annex(annex: Annex) -> etree._Element:
    """An annex's paragraphs, in a body of their own kept for the next rendering (see
    RENDERED_ANNEXES)."""
    language = annex.language
    paragraphs = etree.Element(_w("body"))
    paragraphs.append(_line("UNAnnexLabel", annex.label, language))
    paragraphs.append(_line("UNAnnexHeading", annex.heading, language))
    if annex.original_mark:
        paragraphs.append(_line("UNMark", annex.original_mark, language))
    paragraphs.extend(map(_block, annex.title))
    paragraphs.extend(map(_block, annex.body))
    paragraphs.extend(_signature(annex.signature))
    return paragraphs


def _header_table(document: UNDocument) -> etree._Element:
    header, language = document.header, document.language
    table = etree.Element(_w("tbl"))
    properties = _sub(table, "tblPr")
    if layout.is_rtl(language):
        _sub(properties, "bidiVisual")
    _sub(properties, "tblW", w=str(_TEXT_WIDTH), type="dxa")
    borders = _sub(properties, "tblBorders")
    _sub(borders, "bottom", val="single", sz="12", space="0", color="auto")
    _sub(properties, "tblLayout", type="fixed")
    columns = (_TEXT_WIDTH - _SYMBOL_COLUMN, _SYMBOL_COLUMN)
    grid = _sub(table, "tblGrid")
    for width in columns:
        _sub(grid, "gridCol", w=str(width))
    rows = (
        (
            (("UNOrganization", header.organization, language),),
            (("UNSymbol", header.symbol, language),),
        ),
        (
            (("UNOrgan", header.organ, language),),
            tuple(("UNHeaderLine", *line) for line in layout.header_lines(document)),
        ),
    )
    for cells in rows:
        row = _sub(table, "tr")
        for width, lines in zip(columns, cells, strict=True):
            cell = _sub(row, "tc")
            _sub(_sub(cell, "tcPr"), "tcW", w=str(width), type="dxa")
            cell.extend(_line(*line) for line in lines)
    return table


def _signature(signature: Signature | None) -> Iterator[etree._Element]:
    if signature is None:
        return
    for index, text in enumerate(signature.lines):
        style = "UNSignatureFirst" if index == 0 else "UNSignature"
        yield _line(style, text, signature.language)


def _line(style: str, text: str, language: str) -> etree._Element:
    paragraph = _paragraph(style, language)
    _run(paragraph, text, language)
    return paragraph


def _block(block: Block) -> etree._Element:
    language = block.language
    paragraph = _paragraph(_BLOCK_STYLE[block.style], language)
    if block.style is BlockStyle.LIST_ITEM:
        indent = layout.LIST_INDENT_PT * _TWIPS_PER_PT
        _sub(paragraph[0], "ind", start=str(indent * (block.level + 1)), hanging=str(indent))
        _run(paragraph, block.marker + "\t", language, sized=True)
    for run in block.runs:
        _run(paragraph, run.text, language, bold=run.bold, italic=run.italic, sized=True)
    return paragraph


def _paragraph(style: str, language: str) -> etree._Element:
    paragraph = etree.Element(_w("p"))
    paragraph.append(copy.deepcopy(_paragraph_properties(style, layout.is_rtl(language))))
    return paragraph


def _run(
    parent: etree._Element,
    text: str,
    language: str,
    *,
    bold: bool = False,
    italic: bool = False,
    sized: bool = False,
) -> None:
    """A run; `sized` sets it at its language's body size (Chinese is larger than the style;
    Arabic already is, through the styles' complex-script size). In a right-to-left language
    each document symbol is a run of its own, left to right (no w:rtl) and tagged English, so
    that Word does not turn "S/____/___" into "___/____/S"."""
    text = clean_text(text)
    if not layout.is_rtl(language) or "/" not in text:
        _add_run(parent, text, _run_properties(language, bold, italic, sized))
        return
    own = _run_properties(language, bold, italic, sized)
    symbol = _run_properties(layout.RUNNING_LANGUAGE, bold, italic, sized)
    for index, piece in enumerate(layout.SYMBOL.split(text)):
        if piece:
            _add_run(parent, piece, symbol if index % 2 else own)


def _add_run(parent: etree._Element, text: str, properties: etree._Element) -> None:
    run = _sub(parent, "r")
    run.append(copy.deepcopy(properties))
    for piece in re.split("([\t\n])", text):
        if piece == "\t":
            _sub(run, "tab")
        elif piece == "\n":
            _sub(run, "br")
        elif piece:
            element = _sub(run, "t")
            element.text = piece
            element.set(_XML_SPACE, "preserve")


# Paragraph and run properties repeat across thousands of paragraphs: each combination is built
# once and copied (an lxml deep copy is far cheaper than building the elements from Python).


@functools.cache
def _paragraph_properties(style: str, rtl: bool) -> etree._Element:
    properties = etree.Element(_w("pPr"))
    _sub(properties, "pStyle", val=style)
    if rtl:
        _sub(properties, "bidi")
    return properties


@functools.cache
def _run_properties(language: str, bold: bool, italic: bool, sized: bool) -> etree._Element:
    properties = etree.Element(_w("rPr"))
    if language in _RUN_FONTS:
        _sub(properties, "rFonts", **_RUN_FONTS[language])
    if bold:
        _sub(properties, "b")
        _sub(properties, "bCs")
    if italic:
        _sub(properties, "i")
        _sub(properties, "iCs")
    if sized and language == "zh":
        _sub(properties, "sz", val=str(layout.font_size(language) * 2))
    if layout.is_rtl(language):
        _sub(properties, "rtl")
    tag = f"{language}-{layout.REGIONS[language]}"
    slots = {"val": tag} | ({_SCRIPT_SLOT[language]: tag} if language in _SCRIPT_SLOT else {})
    _sub(properties, "lang", **slots)
    return properties


def _utc(moment: datetime.datetime) -> datetime.datetime:
    # python-docx writes the time with a "Z" and no conversion, so it must already be UTC.
    return moment.astimezone(datetime.UTC)


def _repack(package: bytes, moment: datetime.datetime) -> bytes:
    """The same package with fixed entry dates and order, so that equal input gives equal
    bytes (zipfile stamps each entry with the current time)."""
    # ZIP dates cannot go before 1980.
    when = max(_utc(moment), datetime.datetime(1980, 1, 1, tzinfo=datetime.UTC))
    stamp = (when.year, when.month, when.day, when.hour, when.minute, when.second)
    output = BytesIO()
    with (
        zipfile.ZipFile(BytesIO(package)) as source,
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        # "[Content_Types].xml" sorts first, where consumers look for it.
        for name in sorted(source.namelist()):
            entry = zipfile.ZipInfo(name, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 0
            target.writestr(entry, source.read(name))
    return output.getvalue()
