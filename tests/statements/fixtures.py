"""Statement files for the extraction tests, and the builders of the malicious ones.

The happy-path files in tests/data/statements/ were written by LibreOffice, as a delegation's
word processor would write them: each statement below is laid out with python-docx (Word's own
heading and list styles, so list markers live in Word's numbering) and then converted by
LibreOffice to .docx, .odt and .pdf. Run this module to regenerate them:

    .venv/bin/python -m tests.statements.fixtures

It also writes scanned.pdf (a page that is only an image, as a scanner makes) from a DOCX
holding a picture.
"""

from __future__ import annotations

import io
import os
import shutil
import struct
import subprocess
import tempfile
import zipfile
import zlib
from pathlib import Path

import docx
from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Cm
from pypdf import PdfReader, PdfWriter

from opendebate.documents.fonts import font_directories
from opendebate.documents.model import Block, BlockStyle, Run

REPOSITORY = Path(__file__).resolve().parents[2]
STATEMENTS_DATA = REPOSITORY / "tests" / "data" / "statements"
LANGUAGES = ("ar", "zh", "en", "fr")


def _paragraph(*runs: Run | str) -> Block:
    return Block(tuple(Run(run) if isinstance(run, str) else run for run in runs), language="")


def _heading(text: str) -> Block:
    return Block((Run(text),), language="", style=BlockStyle.HEADING)


def _item(marker: str, *runs: Run | str, level: int = 0) -> Block:
    paragraph = _paragraph(*runs)
    return Block(paragraph.runs, "", BlockStyle.LIST_ITEM, marker, level)


# Each statement has a heading, bold, italic, bold italic, a bullet list (one item nested) and a
# numbered list (in English interrupted by a paragraph, its numbering going on after it).
# French keeps its no-break spaces before ":" and ";" and around guillemets.
STATEMENTS: dict[str, tuple[Block, ...]] = {
    "en": (
        _heading("Cooperation with regional organizations"),
        _paragraph(
            "We thank ",
            Run("the Niger", bold=True),
            " for convening this ",
            Run("open debate", italic=True),
            " and welcome the briefing of the Secretary-General of the Organisation "
            "internationale de la Francophonie. Regional and subregional organizations know the "
            "situations on their continents closely, and their cooperation with the United "
            "Nations has grown over the past decade.",
        ),
        _paragraph("Regional organizations bring three strengths to the work of the Council:"),
        _item("•", "knowledge of the local context;"),
        _item("•", Run("early warning", bold=True), " and mediation;"),
        _item("•", "including in French and in local languages;", level=1),
        _item("•", "lasting partnerships with civil society."),
        _paragraph("We therefore propose that the Council:"),
        _item("1.", "hold a yearly briefing with the OIF;"),
        _paragraph("and, as the list goes on after this paragraph, that it:"),
        _item(
            "2.", "invite ", Run("all", italic=True), " regional organizations to share lessons."
        ),
        _paragraph("Thank you, ", Run("Mr. President", bold=True, italic=True), "."),
    ),
    "fr": (
        _heading("Coopération avec les organisations régionales"),
        _paragraph(
            "Nous remercions ",
            Run("le Niger", bold=True),
            " d’avoir convoqué ce ",
            Run("débat public", italic=True),
            " consacré au rôle de l’Organisation internationale de la Francophonie et au "
            "«\u00a0multilinguisme\u00a0». Les organisations régionales et sous-régionales "
            "connaissent de près les situations de leur continent, et leur coopération avec "
            "l’Organisation des Nations Unies s’est approfondie au cours de la dernière décennie.",
        ),
        _paragraph("Les organisations régionales apportent au Conseil\u00a0:"),
        _item("•", "la connaissance du terrain\u00a0;"),
        _item("•", Run("l’alerte précoce", bold=True), " et la médiation\u00a0;"),
        _item("•", "y compris en français et dans les langues locales\u00a0;", level=1),
        _item("•", "des partenariats durables avec la société civile."),
        _paragraph("Nous proposons donc que le Conseil\u00a0:"),
        _item("1.", "tienne chaque année un exposé de l’OIF\u00a0;"),
        _item("2.", "engage un ", Run("échange régulier", italic=True), " avec l’Union africaine."),
        _paragraph("Je vous remercie, ", Run("Monsieur le Président", bold=True, italic=True), "."),
    ),
    "ar": (
        _heading("التعاون مع المنظمات الإقليمية"),
        _paragraph(
            "نشكر ",
            Run("النيجر", bold=True),
            " على عقد هذه ",
            Run("المناقشة المفتوحة", italic=True),
            " بشأن دور المنظمة الدولية للفرنكوفونية. فالمنظمات الإقليمية ودون الإقليمية تعرف عن كثب"
            " الأوضاع في قاراتها، وقد تعمق تعاونها مع الأمم المتحدة خلال العقد الماضي. ونرى أن هذا"
            " التعاون ينبغي أن يشمل منع نشوب النزاعات والوساطة وبناء السلام، وأن يحترم تعدد اللغات"
            " الذي يجعل عمل المنظمة أقرب إلى الشعوب التي تخدمها.",
        ),
        _paragraph("تقدم المنظمات الإقليمية إلى عمل المجلس ثلاث نقاط قوة:"),
        _item("•", "معرفة السياق المحلي؛"),
        _item("•", Run("الإنذار المبكر", bold=True), " والوساطة؛"),
        _item("•", "بما في ذلك باللغة الفرنسية واللغات المحلية؛", level=1),
        _item("•", "شراكات دائمة مع المجتمع المدني."),
        _paragraph("ولذلك نقترح أن يقوم المجلس بما يلي:"),
        _item("1.", "عقد إحاطة سنوية مع المنظمة الدولية للفرنكوفونية؛"),
        _item("2.", "إقامة تعاون ", Run("أوثق", italic=True), " مع الاتحاد الأفريقي."),
        _paragraph("وشكراً، ", Run("السيد الرئيس", bold=True, italic=True), "."),
    ),
    "zh": (
        _heading("与区域组织的合作"),
        _paragraph(
            "我们感谢",
            Run("尼日尔", bold=True),
            "召开这次",
            Run("公开辩论", italic=True),
            "，并欢迎法语国家国际组织秘书长所作的通报。区域和次区域组织密切了解本地区的局势，"
            "过去十年来，它们与联合国的合作不断加深，在预防冲突、调解和建设和平方面发挥了重要作用。"
            "我们认为，这种合作应当尊重多种语文，使本组织的工作更加贴近它所服务的各国人民，"
            "并使各方更好地理解安理会的决定及其执行情况。",
        ),
        _paragraph("区域组织为安理会的工作带来三项优势："),
        _item("•", "了解当地情况；"),
        _item("•", Run("早期预警", bold=True), "和调解；"),
        _item("•", "包括使用法语和当地语言；", level=1),
        _item("•", "与民间社会的持久伙伴关系。"),
        _paragraph("因此，我们建议安理会："),
        _item("1.", "每年听取一次法语国家国际组织的通报；"),
        _item("2.", "与非洲联盟开展", Run("更密切", italic=True), "的合作。"),
        _paragraph("谢谢", Run("主席先生", bold=True, italic=True), "。"),
    ),
}


# python-docx's template defines only the first level of its bullet list; Word's own bullet
# lists define nine, the second with a white bullet.
_SECOND_BULLET = (
    f'<w:lvl {nsdecls("w")} w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
    '<w:lvlText w:val="◦"/><w:lvlJc w:val="left"/>'
    '<w:pPr><w:ind w:left="1440" w:hanging="360"/></w:pPr></w:lvl>'
)


def statement_docx(blocks: tuple[Block, ...], *, right_to_left: bool = False) -> bytes:
    """A DOCX of `blocks` in Word's styles ("Heading 1", "List Bullet", "List Number"), a
    nested item one level down in its list (as Word's Tab key puts it), bold and italic as Word
    sets them, for every script."""
    document = docx.Document()
    numbering = document.part.numbering_part.element
    bullets = document.styles["List Bullet"].element.pPr.numPr.numId.val
    abstract = numbering.num_having_numId(bullets).abstractNumId.val
    numbering.xpath(f'w:abstractNum[@w:abstractNumId="{abstract}"]')[0].append(
        parse_xml(_SECOND_BULLET)
    )
    for block in blocks:
        if block.style is BlockStyle.HEADING:
            paragraph = document.add_heading(level=1)
        elif block.style is BlockStyle.LIST_ITEM:
            style = document.styles["List Bullet" if block.marker == "•" else "List Number"]
            paragraph = document.add_paragraph(style=style)
            if block.level:
                in_list = paragraph._p.get_or_add_pPr().get_or_add_numPr()
                in_list.get_or_add_ilvl().val = block.level
                in_list.get_or_add_numId().val = style.element.pPr.numPr.numId.val
        else:
            paragraph = document.add_paragraph()
            paragraph.paragraph_format.first_line_indent = Cm(1.25)
        if right_to_left:
            paragraph._p.get_or_add_pPr().append(OxmlElement("w:bidi"))
        for run in block.runs:
            added = paragraph.add_run(run.text)
            # Word sets the complex-script flags too (Arabic is a complex script).
            added.font.bold = added.font.cs_bold = run.bold or None
            added.font.italic = added.font.cs_italic = run.italic or None
            if right_to_left:
                added.font.rtl = True
    return docx_bytes(document)


def _png(width: int, height: int) -> bytes:
    """A grey PNG picture: the page of a scanned statement, without any text layer."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\0" + bytes([160]) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def docx_bytes(document: DocxDocument) -> bytes:
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def _scanned_docx() -> bytes:
    document = docx.Document()
    document.add_picture(io.BytesIO(_png(200, 280)), width=Cm(15))
    return docx_bytes(document)


def docx_with_body(body: str) -> bytes:
    """A DOCX (python-docx's template: its styles and numbering) whose body is `body`, the
    WordprocessingML of paragraphs and tables with the w: prefix."""
    document = docx.Document()
    section = document.element.body[-1]  # w:sectPr stays last
    for element in parse_xml(f"<w:body {nsdecls('w')}>{body}</w:body>"):
        section.addprevious(element)
    return docx_bytes(document)


def odt_with_body(data: bytes, body: str, automatic_styles: str = "") -> bytes:
    """The ODT package `data` (LibreOffice's, with its styles.xml) with `body` as the content
    of office:text and `automatic_styles` added to content.xml's; text:, style:, fo: and
    table: prefixes as LibreOffice declares them."""
    content = members(data)["content.xml"].decode()
    start = content.index("<office:text>") + len("<office:text>")
    content = content[:start] + body + content[content.index("</office:text>") :]
    content = content.replace(
        "</office:automatic-styles>", f"{automatic_styles}</office:automatic-styles>"
    )
    return with_members(data, **{"content.xml": content.encode()})


def members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def zip_archive(contents: dict[str, bytes]) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in contents.items():
            archive.writestr(name, content)
    return output.getvalue()


def with_members(data: bytes, **changes: bytes) -> bytes:
    """The ZIP package `data` with members replaced or added (names with "/" and "." passed
    as a dict: with_members(data, **{"word/document.xml": ...}))."""
    return zip_archive({**members(data), **changes})


def zip_bomb(expanded: int) -> bytes:
    """A DOCX-like package whose document part inflates to `expanded` bytes of zeros; written
    in chunks, so the test never holds it whole."""
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml", members(docx_bytes(docx.Document()))["[Content_Types].xml"]
        )
        with archive.open("word/document.xml", "w") as member:
            chunk = b"\0" * 2**20
            for _ in range(expanded // len(chunk)):
                member.write(chunk)
    return output.getvalue()


def declaring(data: bytes, name: str, size: int) -> bytes:
    """The ZIP archive `data` with the uncompressed size of member `name` rewritten as `size`,
    in its local header and the central directory: sizes are only what an archive declares."""
    patched = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        local = archive.getinfo(name).header_offset
        entry = archive.start_dir  # where the central directory starts
    struct.pack_into("<I", patched, local + 22, size)
    while patched[entry + 46 : entry + 46 + len(name)] != name.encode():
        entry = patched.index(b"PK\x01\x02", entry + 4)
    struct.pack_into("<I", patched, entry + 24, size)
    return bytes(patched)


def encrypted_pdf(source: bytes, user_password: str) -> bytes:
    """`source` encrypted (RC4: pypdf's AES needs the cryptography package, not a dependency)."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(source)))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="RC4-128")
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def blank_pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


_FREE, _END_OF_CHAIN, _FAT_SECTOR, _NO_STREAM = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def _directory_entry(
    name: str, kind: int, right: int = _NO_STREAM, child: int = _NO_STREAM
) -> bytes:
    encoded = (name + "\0").encode("utf-16-le")
    return struct.pack(
        "<64sHBBIII16sIQQIQ",
        encoded, len(encoded), kind, 1, _NO_STREAM, right, child, b"", 0, 0, 0, _END_OF_CHAIN, 0,
    )  # fmt: skip


def password_protected_docx() -> bytes:
    """What Word saves for a .docx with a password: not a ZIP package but an OLE compound file
    holding the streams EncryptionInfo and EncryptedPackage (empty here: only their names
    matter). LibreOffice 7.4 run headless does not write password-protected .docx files, so the
    container is built here: header, one FAT sector, one directory sector."""
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIIII",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"", 0x3E, 3, 0xFFFE, 9, 6, b"", 0, 1, 1, 0,
        4096, _END_OF_CHAIN, 0, _END_OF_CHAIN, 0, 0,
    ) + struct.pack("<108I", *[_FREE] * 108)  # fmt: skip
    fat = struct.pack("<128I", _FAT_SECTOR, _END_OF_CHAIN, *[_FREE] * 126)
    directory = (
        _directory_entry("Root Entry", 5, child=1)
        + _directory_entry("EncryptionInfo", 2, right=2)
        + _directory_entry("EncryptedPackage", 2)
        + bytes(128)
    )
    return header + fat + directory


def _fonts(directory: Path) -> dict[str, str]:
    """The environment that shows LibreOffice the project's font packages besides the
    machine's fonts: without a CJK face its PDF has no Chinese glyphs (nor text) to read."""
    config = directory / "fonts.conf"
    folders = "".join(f"<dir>{folder}</dir>" for folder in font_directories())
    config.write_text(
        '<?xml version="1.0"?><fontconfig><include ignore_missing="yes">/etc/fonts/fonts.conf'
        f"</include>{folders}<cachedir>{directory / 'font-cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    return {**os.environ, "FONTCONFIG_FILE": str(config)}


def _convert(source: Path, target_format: str, directory: Path) -> Path:
    soffice = shutil.which("soffice")
    if soffice is None:
        raise SystemExit("LibreOffice (soffice) is needed to write the fixtures")
    profile = (directory / "profile").as_uri()
    subprocess.run(
        [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to",
         target_format, "--outdir", str(directory), str(source)],
        check=True,
        capture_output=True,
        env=_fonts(directory),
    )  # fmt: skip
    return directory / f"{source.stem}.{target_format}"


def main() -> None:
    STATEMENTS_DATA.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        directory = Path(work)
        sources = directory / "python-docx"
        sources.mkdir()
        for language in LANGUAGES:
            source = sources / f"{language}_statement.docx"
            source.write_bytes(statement_docx(STATEMENTS[language], right_to_left=language == "ar"))
            for target_format in ("docx", "odt", "pdf"):
                written = _convert(source, target_format, directory)
                shutil.copyfile(written, STATEMENTS_DATA / written.name)
        scanned = sources / "scanned.docx"
        scanned.write_bytes(_scanned_docx())
        shutil.copyfile(_convert(scanned, "pdf", directory), STATEMENTS_DATA / "scanned.pdf")


if __name__ == "__main__":
    main()
