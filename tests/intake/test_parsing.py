"""Parsing of inbound e-mail: messages as Thunderbird, Outlook, Gmail, Apple Mail and Domino
write them (tests/data/mail/, see tests/intake/mail.py), and the malformed and hostile ones
that must give their problems without raising."""

from __future__ import annotations

import base64
import datetime
import email
import random
from collections.abc import Callable
from email import policy

import pytest

from opendebate.intake.parsing import (
    MAX_DEPTH,
    MAX_PARTS,
    Attachment,
    ParsedMessage,
    feed,
    is_statement_attachment,
    parse_message,
    statement_candidates,
    walk,
)
from opendebate.intake.parsing.authentication import summarize, trusted_results
from opendebate.intake.parsing.text import unflow
from tests.intake.mail import (
    CHINA_LINES,
    CHINA_SUBJECT,
    DOCX,
    ESTONIA_LINES,
    FIXTURES,
    GERMANY_AFTER,
    GERMANY_BEFORE,
    GERMANY_FILES,
    LEAGUE_HTML,
    LEAGUE_PARAGRAPHS,
    ODT,
    PDF,
    SENEGAL_LINES,
    TUNISIA_BODY,
    TUNISIA_SUBJECT,
    VIET_NAM_DOCX,
    VIET_NAM_LINES,
    File,
    canada_inner,
    encoded_words,
    fixture,
    many_parts_message,
    nested_message,
    statement_docx,
    statement_file,
    thunderbird,
    tnef,
    wire,
)

NEW_YORK_SUMMER = datetime.timezone(datetime.timedelta(hours=-4))
HEADERS = b"From: a@un.example\r\nDate: Tue, 8 Sep 2020 10:00:00 +0000\r\n"


def parsed(name: str) -> ParsedMessage:
    return parse_message(fixture(name))


# --- Thunderbird: Arabic subject, format=flowed body, a .docx --------------------------------


def test_thunderbird_headers_are_decoded() -> None:
    message = parsed("thunderbird_arabic_docx.eml")
    assert message.message_id == "8d5a7f0e-3c4b-4f7e-9a61-2b9e0c1d7a53@diplomatie-tn.example"
    assert message.date == datetime.datetime(2020, 9, 8, 11, 42, 17, tzinfo=NEW_YORK_SUMMER)
    assert message.from_address == "mission.tunisie@diplomatie-tn.example"
    assert message.from_name == "البعثة الدائمة لتونس"
    assert message.reply_to == ""
    assert message.to == ("dppa-scsb3@un.org",)
    assert message.subject == TUNISIA_SUBJECT
    assert (
        message.subject == "بيان الجمهورية التونسية - المناقشة المفتوحة لمجلس الأمن، 8 سبتمبر 2020"
    )
    assert message.language_hint == "ar"
    assert message.authentication_results == ()
    assert not message.several_from
    assert message.problems == ()


def test_thunderbird_flowed_body_comes_back_as_written() -> None:
    message = parsed("thunderbird_arabic_docx.eml")
    # Every wrapped line joined again; the signature separator keeps its space.
    assert message.text == TUNISIA_BODY
    assert message.html == ""


def test_thunderbird_attachment_bytes_equal_the_statement_file() -> None:
    message = parsed("thunderbird_arabic_docx.eml")
    docx = Attachment("Statement-Tunisia.docx", DOCX, statement_file("ar_statement.docx"))
    assert message.attachments == (docx,)
    assert statement_candidates(message) == (docx,)
    assert message.forwarded == ()
    assert message.tnef is False


# --- Outlook: Chinese file name in RFC 2231 and RFC 2047, multipart/alternative ------------


def test_outlook_chinese_file_name_is_decoded() -> None:
    message = parsed("outlook_chinese_filename.eml")
    assert message.attachments == (
        Attachment("声明.docx", DOCX, statement_file("zh_statement.docx")),
    )
    assert message.attachments[0].filename == "声明.docx"


def test_outlook_alternative_gives_the_plain_text_and_the_html() -> None:
    message = parsed("outlook_chinese_filename.eml")
    assert message.text == "\n".join(CHINA_LINES) + "\n"
    assert message.html.startswith('<html xmlns:v="urn:schemas-microsoft-com:vml"')
    assert '<p class="MsoNormal"><span lang="ZH-CN">Dear Colleagues,<o:p></o:p></span></p>' in (
        message.html
    )


def test_outlook_headers_are_decoded() -> None:
    message = parsed("outlook_chinese_filename.eml")
    assert message.message_id == (
        "BN6PR04MB0660F3A1C2D9E8B7A6C5D4E3B2A10@BN6PR04MB0660.namprd04.prod.outlook.com"
    )
    assert message.date == datetime.datetime(2020, 9, 8, 13, 22, 5, tzinfo=datetime.UTC)
    assert message.from_address == "wang.xiaoming@china-mission.example"
    assert message.from_name == "王小明"
    assert message.to == ("dppa-scsb3@un.org",)
    assert message.subject == CHINA_SUBJECT
    assert message.language_hint == "zh-CN"
    assert message.problems == ()


# --- Gmail: Authentication-Results of the border MTA, a .pdf -------------------------------


def test_gmail_authentication_results_are_unfolded_and_summarized() -> None:
    message = parsed("gmail_pdf.eml")
    assert message.authentication_results == (
        "mx.un.example; dkim=pass header.d=mfa-estonia.example header.s=google "
        "header.b=Xk3v9sQa; spf=pass (mx.un.example: domain of kadri.tamm@mfa-estonia.example "
        'designates 209.85.221.54 as permitted sender; "v=spf1 include:_spf.google.com ~all") '
        "smtp.mailfrom=kadri.tamm@mfa-estonia.example; dmarc=pass (policy=quarantine) "
        "header.from=mfa-estonia.example",
    )
    reported = trusted_results(message.authentication_results, {"mx.un.example"})
    assert summarize(reported) == {"spf": "pass", "dkim": "pass", "dmarc": "pass"}
    assert [(result.method, result.properties) for result in reported] == [
        ("dkim", {"header.d": "mfa-estonia.example", "header.s": "google", "header.b": "xk3v9sqa"}),
        ("spf", {"smtp.mailfrom": "kadri.tamm@mfa-estonia.example"}),
        ("dmarc", {"header.from": "mfa-estonia.example"}),
    ]


def test_gmail_message_fields_are_read() -> None:
    message = parsed("gmail_pdf.eml")
    assert message.message_id == (
        "CAKd6hUv0nT8sYw2q3PX8mE7rJkz2oU5qGx+F1bLw4pR9Yc3hNg@mail.gmail.com"
    )
    assert message.date == datetime.datetime(
        2020, 9, 8, 17, 5, 29, tzinfo=datetime.timezone(datetime.timedelta(hours=3))
    )
    assert (message.from_address, message.from_name) == (
        "kadri.tamm@mfa-estonia.example",
        "Kadri Tamm",
    )
    assert message.subject == "Written statement of Estonia - UNSC open debate on 8 September 2020"
    assert message.text == "\n".join(ESTONIA_LINES) + "\n"
    assert message.html.startswith('<div dir="ltr">Dear colleagues,<div><br></div>')
    assert message.attachments == (
        Attachment(
            "Estonia statement UNSC 8 September 2020.pdf", PDF, statement_file("en_statement.pdf")
        ),
    )
    assert message.problems == ()


# --- HTML only: the statement in the body --------------------------------------------------


def test_html_only_body_becomes_text_without_its_style() -> None:
    message = parsed("domino_html_only_arabic.eml")
    assert message.text == "\n".join(("بيان جامعة الدول العربية", *LEAGUE_PARAGRAPHS))
    assert message.html == LEAGUE_HTML
    assert message.subject == "بيان جامعة الدول العربية - المناقشة المفتوحة لمجلس الأمن"
    assert message.from_name == "هالة منصور"
    assert message.attachments == ()
    assert message.problems == ()


def test_html_body_loses_scripts_and_styles() -> None:
    raw = HEADERS + (
        b"Content-Type: text/html; charset=utf-8\r\n\r\n"
        b"<html><head><style>p {color: red}</style><script>alert('x')</script></head>"
        b"<body><p>D\xc3\xa9claration du Niger</p><script>steal()</script><p>Merci.</p>"
        b"</body></html>\r\n"
    )
    message = parse_message(raw)
    assert message.text == "Déclaration du Niger\nMerci."
    assert message.problems == ()


def test_empty_plain_alternative_falls_back_to_the_html() -> None:
    raw = HEADERS + (
        b'Content-Type: multipart/alternative; boundary="b"\r\n\r\n'
        b"--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\r\n"
        b"--b\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Statement</p>\r\n--b--\r\n"
    )
    assert parse_message(raw).text == "Statement"


# --- Forwarded messages -------------------------------------------------------------------


def test_forwarded_message_is_parsed_with_its_own_attachment() -> None:
    message = parsed("thunderbird_forwarded_as_attachment.eml")
    assert message.subject == "Fwd: Déclaration du Sénégal – débat public du 8 septembre 2020"
    assert message.from_name == "Mission permanente du Sénégal"
    assert message.text == "Transmis à la demande de Mme Diop, pour la compilation.\n"
    assert message.attachments == ()
    assert statement_candidates(message) == ()
    (inner,) = message.forwarded
    assert inner.from_address == "awa.diop@senegal-un.example"
    assert inner.subject == "Déclaration du Sénégal – débat public du 8 septembre 2020"
    assert inner.date == datetime.datetime(2020, 9, 7, 21, 48, 10, tzinfo=datetime.UTC)
    # Outlook's Windows-1252 text, its curly apostrophe (0x92) included.
    assert inner.text == "\n".join(SENEGAL_LINES) + "\n\n"
    assert inner.language_hint == "fr-FR"
    assert inner.attachments == (
        Attachment("Déclaration Sénégal.docx", DOCX, statement_file("fr_statement.docx")),
    )
    assert inner.problems == message.problems == ()


def test_attached_eml_file_is_parsed_as_a_forwarded_message() -> None:
    message = parsed("outlook_eml_attachment.eml")
    assert (
        message.text == "Please see the attached message with the statement of Canada.\n\nMarie\n"
    )
    assert message.attachments == ()
    (inner,) = message.forwarded
    assert inner.subject == "Statement of Canada for the compilation"
    assert inner.from_address == "daniel.roy@canada-un.example"
    assert inner.attachments == (
        Attachment("Canada statement.odt", ODT, statement_file("en_statement.odt")),
    )
    assert statement_candidates(inner) == inner.attachments
    assert inner.problems == message.problems == ()


def test_base64_encoded_rfc822_part_is_decoded_and_read() -> None:
    # RFC 2046 forbids encoding a message/rfc822; some clients encode it anyway.
    statement = statement_docx("The Niger thanks the members of the Council.")
    inner = thunderbird(
        sender="Moussa Issa <moussa.issa@niger-un.example>",
        subject="Statement of the Niger",
        date="Tue, 8 Sep 2020 09:00:00 -0400",
        message_id="niger-1@niger-un.example",
        language="fr",
        body="Ci-joint.\n",
        boundary="inner",
        files=[File("Niger.docx", DOCX, statement)],
    )
    raw = HEADERS + (
        b'Content-Type: multipart/mixed; boundary="outer"\r\n\r\n--outer\r\n'
        b"Content-Type: text/plain\r\n\r\nForwarded.\r\n--outer\r\n"
        b"Content-Type: message/rfc822\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        + base64.encodebytes(wire(inner)).replace(b"\n", b"\r\n")
        + b"--outer--\r\n"
    )
    message = parse_message(raw)
    (forwarded,) = message.forwarded
    assert forwarded.subject == "Statement of the Niger"
    assert forwarded.text == "Ci-joint.\n"
    assert forwarded.attachments == (Attachment("Niger.docx", DOCX, statement),)
    assert message.attachments == ()
    assert message.problems == forwarded.problems == ()


# --- winmail.dat ----------------------------------------------------------------------------


def test_winmail_dat_sets_tnef_and_is_no_candidate() -> None:
    message = parsed("outlook_winmail_dat.eml")
    assert message.tnef is True
    winmail = tnef("\n".join(VIET_NAM_LINES), VIET_NAM_DOCX)
    assert message.attachments == (Attachment("winmail.dat", "application/ms-tnef", winmail),)
    assert statement_candidates(message) == ()
    assert message.text == "\n".join(VIET_NAM_LINES) + "\n\n"
    assert message.problems == ()


# --- Two candidates -------------------------------------------------------------------------


def test_apple_mail_docx_and_pdf_are_two_candidates() -> None:
    message = parsed("apple_mail_docx_and_pdf.eml")
    expected = tuple(
        Attachment(file.name, file.content_type, file.data) for _disposition, file in GERMANY_FILES
    )
    # The PDF is sent "inline" (shown in the body) but is no image of an HTML body.
    assert message.attachments == expected
    assert statement_candidates(message) == expected
    assert len(statement_candidates(message)) == 2
    # The text before the files and the text after them, as Apple Mail shows them.
    assert message.text == GERMANY_BEFORE + "\n" + GERMANY_AFTER
    assert message.problems == ()


def test_images_of_an_html_body_are_inline_and_no_candidates() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
    raw = HEADERS + (
        b'Content-Type: multipart/alternative; boundary="alt"\r\n\r\n'
        b"--alt\r\nContent-Type: text/plain\r\n\r\nSee the statement below.\r\n"
        b'--alt\r\nContent-Type: multipart/related; boundary="rel"\r\n\r\n'
        b'--rel\r\nContent-Type: text/html\r\n\r\n<p>See <img src="cid:logo"></p>\r\n'
        b'--rel\r\nContent-Type: image/png; name="image001.png"\r\nContent-ID: <logo>\r\n'
        b'Content-Disposition: inline; filename="image001.png"\r\n'
        b"Content-Transfer-Encoding: base64\r\n\r\n"
        + base64.b64encode(png)
        + b"\r\n--rel--\r\n--alt--\r\n"
    )
    message = parse_message(raw)
    assert message.text == "See the statement below."
    assert message.html == '<p>See <img src="cid:logo"></p>'
    assert message.attachments == (Attachment("image001.png", "image/png", png, inline=True),)
    assert statement_candidates(message) == ()


def test_message_that_is_only_a_pdf_gives_an_unnamed_candidate() -> None:
    raw = HEADERS + (
        b"Content-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        b"JVBERi0xLjQK\r\n"
    )
    message = parse_message(raw)
    assert message.attachments == (Attachment("", PDF, b"%PDF-1.4\n"),)
    assert statement_candidates(message) == message.attachments
    assert message.text == ""


def test_bounce_keeps_its_delivery_status_and_drops_the_returned_headers() -> None:
    raw = HEADERS + (
        b'Content-Type: multipart/report; report-type=delivery-status; boundary="r"\r\n\r\n'
        b"--r\r\nContent-Type: text/plain\r\n\r\nThe message could not be delivered.\r\n"
        b"--r\r\nContent-Type: message/delivery-status\r\n\r\n"
        b"Reporting-MTA: dns; mx.un.example\r\n\r\n"
        b"Final-Recipient: rfc822; gone@un.example\r\nAction: failed\r\n"
        b"--r\r\nContent-Type: text/rfc822-headers\r\n\r\nSubject: Statement\r\n--r--\r\n"
    )
    message = parse_message(raw)
    assert message.text == "The message could not be delivered."
    assert message.attachments == (
        Attachment(
            "",
            "message/delivery-status",
            b"Reporting-MTA: dns; mx.un.example\n\n"
            b"Final-Recipient: rfc822; gone@un.example\nAction: failed\n\n",
        ),
    )
    assert message.problems == ()


# --- Candidates -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("filename", "content_type", "inline", "candidate"),
    [
        ("statement.docx", DOCX, False, True),
        ("Statement.DOCX", "application/octet-stream", False, True),
        ("déclaration.odt", ODT, False, True),
        ("statement.pdf", PDF, False, True),
        ("statement.txt", "text/plain", False, True),
        ("", "text/plain", False, True),
        ("Statement of the Niger", PDF, False, True),
        ("Statement H.E. Mr. Abarry 8.9.2020", DOCX, False, True),
        ("statement.doc", "application/msword", False, False),
        ("notes.csv", "text/plain", False, False),
        ("image001.png", "image/png", True, False),
        ("scan.pdf", "image/jpeg", False, False),
        ("statement.pdf", PDF, True, False),
        ("smime.p7s", "application/pkcs7-signature", False, False),
        ("smime.p7m", "application/pkcs7-mime", False, False),
        ("signature.asc", "text/plain", False, False),
        ("winmail.dat", "application/ms-tnef", False, False),
        ("winmail.dat", "application/octet-stream", False, False),
        ("invite.ics", "text/calendar", False, False),
        ("meeting.ics", "application/octet-stream", False, False),
        ("", "text/calendar", False, False),
    ],
)
def test_is_statement_attachment_by_name_type_and_role(
    filename: str, content_type: str, inline: bool, candidate: bool
) -> None:
    attachment = Attachment(filename, content_type, b"data", inline=inline)
    assert is_statement_attachment(attachment) is candidate


# --- Authentication-Results -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("headers", "summary"),
    [
        pytest.param(
            [
                "mx.un.example; spf=fail smtp.mailfrom=x.example",
                "mx.google.com; spf=pass; dkim=pass; dmarc=pass",
            ],
            {"spf": "fail", "dkim": "", "dmarc": ""},
            id="a header of another host is not trusted",
        ),
        pytest.param(
            [
                "mx.google.com; spf=pass; dkim=pass; dmarc=pass",
                "mx.un.example; spf=fail smtp.mailfrom=x.example",
            ],
            {"spf": "", "dkim": "", "dmarc": ""},
            id="a trusted header below another host's may be forged",
        ),
        pytest.param(
            [
                "mx.un.example; dmarc=pass (p=none dis=none) header.from=x.example",
                "mx.un.example; dkim=pass (2048-bit key) header.d=x.example",
                "mx.un.example; spf=softfail smtp.mailfrom=x.example",
            ],
            {"spf": "softfail", "dkim": "pass", "dmarc": "pass"},
            id="one milter a method, same host",
        ),
        pytest.param(
            [
                "spf=pass (sender IP is 209.85.221.54) smtp.mailfrom=x.example; un.org;\r\n"
                " dkim=pass (signature was verified) header.d=x.example;un.org; dmarc=pass\r\n"
                " action=none header.from=x.example;compauth=pass reason=100"
            ],
            {"spf": "pass", "dkim": "pass", "dmarc": "pass", "compauth": "pass"},
            id="Microsoft's order",
        ),
        pytest.param(
            ["mx.un.example; dkim=fail header.d=esp.example; dkim=pass header.d=x.example"],
            {"spf": "", "dkim": "pass", "dmarc": ""},
            id="one verified signature of two",
        ),
        pytest.param(
            ['mx.un.example 1; SPF = SoftFail (a "quoted" comment; with (nested) parts) x=y'],
            {"spf": "softfail", "dkim": "", "dmarc": ""},
            id="version, case, comments",
        ),
        pytest.param(["mx.un.example; none"], {"spf": "", "dkim": "", "dmarc": ""}, id="none"),
    ],
)
def test_auth_summary_reads_the_trusted_servers_topmost_headers(
    headers: list[str], summary: dict[str, str]
) -> None:
    raw = "".join(f"Authentication-Results: {header}\r\n" for header in headers).encode()
    parsed = parse_message(raw + HEADERS + b"\r\nBody\r\n")
    reported = trusted_results(parsed.authentication_results, {"mx.un.example", "un.org"})
    assert summarize(reported) == summary


# --- Text ------------------------------------------------------------------------------------


def test_q_encoded_arabic_subject_is_decoded() -> None:
    subject = "بيان دولة فلسطين"
    raw = HEADERS + f"Subject: {encoded_words(subject, 'Q')}\r\n\r\nx".encode()
    assert parse_message(raw).subject == subject


def test_unflow_joins_soft_breaks_per_quote_depth() -> None:
    text = "A long \nline.\n> quoted \n> too\n>> deeper\n-- \nsignature"
    assert unflow(text, delsp=False) == "A long line.\n> quoted too\n>> deeper\n-- \nsignature"
    assert unflow("Del \nsp", delsp=True) == "Delsp"
    assert unflow(" >stuffed", delsp=False) == ">stuffed"


@pytest.mark.parametrize(
    ("content_type", "body", "text", "problems"),
    [
        pytest.param(b"", b"caf\xc3\xa9\r\n", "café\n", (), id="undeclared UTF-8"),
        pytest.param(b"", b"caf\xe9\r\n", "café\n", (), id="undeclared Windows-1252"),
        pytest.param(
            b"text/plain; charset=iso-8859-1", b"l\x92ami\r\n", "l’ami\n", (), id="Latin-1 label"
        ),
        pytest.param(
            b"text/plain; charset=x-nonsense",
            b"caf\xc3\xa9\r\n",
            "café\n",
            ("message: unknown charset 'x-nonsense'",),
            id="unknown charset",
        ),
        pytest.param(
            b"text/plain; charset=utf-8",
            b"caf\xe9\r\n",
            "caf\ufffd\n",
            ("message: text invalid in utf-8, invalid bytes replaced",),
            id="invalid UTF-8",
        ),
        pytest.param(b"", b"a\x00b\x1bc\td\r\n", "abc\td\n", (), id="controls"),
        pytest.param(
            b"text/plain; charset=unicode_escape", b"\\ud800x\r\n", "\ufffdx\n", (), id="surrogate"
        ),
        pytest.param(
            b"text/plain; charset=idna",
            b"\xff\r\n",
            "ÿ\n",
            ("message: text invalid in idna, invalid bytes replaced",),
            id="codec that cannot replace",
        ),
    ],
)
def test_body_text_is_decoded_and_cleaned(
    content_type: bytes, body: bytes, text: str, problems: tuple[str, ...]
) -> None:
    header = b"Content-Type: " + content_type + b"\r\n" if content_type else b""
    message = parse_message(HEADERS + header + b"\r\n" + body)
    assert (message.text, message.problems) == (text, problems)


# --- Malformed messages: problems, never an exception -------------------------------------


def test_broken_base64_gives_a_problem_and_the_bytes_that_could_be_read() -> None:
    message = parsed("broken_base64.eml")
    original = statement_file("fr_statement.pdf")
    (attachment,) = message.attachments
    assert attachment.filename == "Belgique-declaration.pdf"
    # Lines of 72 characters are 54 bytes; the corrupted line is the middle one.
    intact = (len(base64.b64encode(original)) // 72 + 1) // 2 * 54 + 15
    assert attachment.data[:intact] == original[:intact]
    assert len(attachment.data) == 49320
    assert attachment.data != original
    assert message.problems == ("part 2: base64 of an impossible length",)


def test_missing_end_boundary_still_gives_the_attachment() -> None:
    message = parsed("missing_end_boundary.eml")
    assert message.attachments == (
        Attachment("SVG statement.docx", DOCX, statement_file("en_statement.docx")),
    )
    assert message.text == "Please find our statement attached.\n\nKezia Williams\n"
    assert message.problems == ("message: the closing boundary is missing",)


def test_invalid_encoded_words_are_decoded_as_far_as_they_go() -> None:
    message = parsed("invalid_encoded_words.eml")
    assert message.subject == "Declaración de la República Dominicanasobre la cooperaci\ufffdn"
    assert message.from_name == "Misi\ufffdn Permanente"
    assert message.from_address == "mision@rd-onu.example"
    assert message.text.startswith("Estimados colegas:\n\nLa República Dominicana agradece")
    assert message.problems == (
        "From: Unknown charset 'x-mac-unknown' in encoded word; decoded as unknown bytes",
        "From: undecodable bytes",
        "From: a display name could not be decoded",
        "Subject: an encoded word could not be decoded",
    )


def test_deeply_nested_message_is_read_down_to_the_depth_limit() -> None:
    message = parsed("deeply_nested.eml")
    assert MAX_DEPTH == 10
    assert message.text == "\n".join(f"Level {level}" for level in range(1, 11))
    assert message.attachments == ()
    deepest = ".".join(["2"] * 10)
    assert message.problems == (
        f"part {deepest}: nested deeper than 10 levels, its content not read",
    )
    assert message.too_deep


def test_message_forwarded_inside_a_deep_message_is_too_deep() -> None:
    inner = nested_message(MAX_DEPTH + 2)
    outer = (
        "From: a@un.example\nTo: dppa-scsb3@un.org\nSubject: Fwd\nMIME-Version: 1.0\n"
        'Content-Type: multipart/mixed; boundary="outer"\n\n--outer\n'
        "Content-Type: message/rfc822\n\n" + inner + "--outer--\n"
    )
    message = parse_message(wire(outer))
    assert message.forwarded[0].too_deep
    assert message.too_deep
    assert not parsed("thunderbird_forwarded_as_attachment.eml").too_deep


def test_message_nested_beyond_the_parser_gives_its_headers_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Two parts a level: with the part limit, the parser would stop long before its recursion.
    monkeypatch.setattr(feed, "MAX_PARSED_PARTS", 100_000)
    message = parse_message(wire(nested_message(1500)))
    assert (message.subject, message.from_address) == ("Nested", "nest@example.org")
    assert (message.text, message.attachments) == ("", ())
    assert message.problems == (
        "message: nested too deeply to be read, only the headers were read",
    )
    assert message.too_deep


def test_three_hundred_parts_are_read_up_to_the_part_limit() -> None:
    message = parse_message(wire(many_parts_message(300)))
    assert MAX_PARTS == 200
    # The message itself, its text and 198 PDFs are 200 parts.
    assert message.text == "Many parts."
    assert len(message.attachments) == 198
    assert message.attachments[-1] == Attachment("part-199.pdf", PDF, b"%PDF-199")
    assert message.problems == ("message: more than 200 MIME parts, the rest not read",)


def test_thousands_of_parts_stop_the_parser() -> None:
    message = parse_message(wire(many_parts_message(5000)))
    assert len(message.attachments) == 198
    assert message.problems == (
        "message: more than 1000 parts, the rest not parsed",
        "message: more than 200 MIME parts, the rest not read",
    )


def test_attachments_over_the_size_limit_are_left_out(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(walk, "MAX_ATTACHMENT_BYTES", 30_000)
    message = parsed("apple_mail_docx_and_pdf.eml")
    (docx,) = message.attachments
    assert docx.filename == "Germany statement UNSC 8 Sept.docx"
    assert message.problems == (
        "part 3: attachment 'Germany statement UNSC 8 Sept.pdf' left out, "
        "attachments over 30000 bytes in total",
    )


def test_size_limit_counts_forwarded_attachments(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(walk, "MAX_ATTACHMENT_BYTES", 20_000)
    message = parsed("outlook_eml_attachment.eml")
    (inner,) = message.forwarded
    assert inner.attachments == ()
    assert inner.problems == (
        "part 2: attachment 'Canada statement.odt' left out, attachments over 20000 bytes in total",
    )


def test_long_header_is_cut_before_it_is_parsed() -> None:
    message = parse_message(HEADERS + b"Subject: " + b"a " * 500_000 + b"\r\n\r\nx")
    assert message.subject == ("a " * 4096).strip()
    assert message.problems == ("message: header Subject longer than 8192 characters, cut",)


@pytest.mark.parametrize(
    ("raw", "problems"),
    [
        pytest.param(b"", ("From: missing", "Date: missing"), id="empty"),
        pytest.param(
            b"\x00\xff\xfe\r\n\r\n\x00",
            ("From: missing", "Date: missing", "message: no blank line after the headers"),
            id="binary",
        ),
        pytest.param(
            b"From: a@\r\nDate: Tue, 8 Sep 2020 10:00:00 +0000\r\n\r\nx",
            ("From: unreadable (IndexError)", "From: no address could be read"),
            id="From that makes the header parser raise",
        ),
        pytest.param(
            b"From: "
            + b"(" * 2000
            + b"a@un.example\r\nDate: Tue, 8 Sep 2020 10:00:00 +0000\r\n\r\nx",
            (
                "From: unreadable (RecursionError)",
                "From: no address could be read (RecursionError)",
                "From: no address could be read",
            ),
            id="comments nested two thousand deep",
        ),
        pytest.param(
            b"From: a@un.example\r\nFrom: b@un.example\r\nSubject: one\r\nSubject: two\r\n"
            b"Date: Tue, 8 Sep 2020 10:00:00 +0000\r\n\r\nx",
            ("From: 2 headers, the first was read", "Subject: 2 headers, the first was read"),
            id="repeated headers",
        ),
        pytest.param(
            b"From: a@un.example, b@un.example\r\nDate: Tue, 8 Sep 2020 10:00:00 +0000\r\n\r\nx",
            ("From: 2 addresses, the first was read",),
            id="two authors",
        ),
        pytest.param(
            b"From: a@un.example\r\nDate: the day of the debate\r\n\r\nx",
            ("Date: not a date",),
            id="invalid date",
        ),
        pytest.param(
            HEADERS + b"Content-Type: multipart/mixed\r\n\r\nno boundary\r\n",
            (
                "message: a multipart without a boundary",
                "message: declared multipart, read as a single part",
            ),
            id="multipart without boundary",
        ),
        pytest.param(
            HEADERS + b"Content-Type: (c) text/plain\r\n\r\nhello\r\n",
            ("message: content type '(c) text/plain', read as text/plain",),
            id="content type with a comment",
        ),
    ],
)
def test_malformed_message_gives_problems(raw: bytes, problems: tuple[str, ...]) -> None:
    assert parse_message(raw).problems == problems


def test_message_id_date_and_addresses_that_are_odd_still_read() -> None:
    raw = (
        b"From: =?utf-8?q?Mission?= <DELEGATE@Mission.Example>\r\n"
        b"To: undisclosed-recipients:;, <DPPA-SCSB3@UN.ORG>\r\n"
        b"Reply-To: Secretary <secretary@mission.example>\r\n"
        b"Message-ID: <<<odd>>>\r\nDate: Tue, 8 Sep 2020 14:00:00 -0000\r\n\r\nx"
    )
    message = parse_message(raw)
    assert (message.from_address, message.from_name) == ("delegate@mission.example", "Mission")
    assert message.to == ("dppa-scsb3@un.org",)
    assert message.reply_to == "secretary@mission.example"
    assert message.message_id == "odd"
    assert message.date == datetime.datetime(2020, 9, 8, 14, tzinfo=datetime.UTC)
    assert message.problems == ()


@pytest.mark.parametrize("name", ["gmail_pdf.eml", "outlook_eml_attachment.eml"])
def test_damaged_copies_of_a_message_never_raise(name: str) -> None:
    original = fixture(name)
    rng = random.Random(name)  # noqa: S311  # reproducible damage, no secret
    damages: list[Callable[[bytearray], None]] = [
        lambda data: data.__setitem__(rng.randrange(len(data)), rng.randrange(256)),
        lambda data: data.__delitem__(slice(rng.randrange(len(data)), None)),
        lambda data: data.__setitem__(slice(rng.randrange(len(data)), None), b"\r\n--" * 50),
    ]
    for _ in range(40):
        data = bytearray(original)
        for _damage in range(rng.randrange(1, 4)):
            rng.choice(damages)(data)
        assert isinstance(parse_message(bytes(data)), ParsedMessage)


# --- The bounded parser ---------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_bounded_parser_builds_the_tree_the_stdlib_builds(name: str) -> None:
    raw = fixture(name)
    stdlib = email.message_from_bytes(raw, policy=policy.default)
    assert feed.read_message(raw).message.as_bytes() == stdlib.as_bytes()


def test_every_boundary_is_indexed(monkeypatch: pytest.MonkeyPatch) -> None:
    # Should a Python release change the pattern the parser builds for a boundary, this says
    # so: the parser would still be right, but slow again on deep nesting.
    separators: list[str | None] = []
    push = feed._Lines.push_eof_matcher

    def spy(lines: feed._Lines, matcher: feed.Matcher) -> None:
        separators.append(feed.boundary_separator(matcher))
        push(lines, matcher)

    monkeypatch.setattr(feed._Lines, "push_eof_matcher", spy)
    raw = HEADERS + (
        b'Content-Type: multipart/mixed; boundary="=_(a)*+?[b]\\\\c"\r\n\r\n'
        b"--=_(a)*+?[b]\\c\r\n"
        b'Content-Type: multipart/alternative; boundary="with spaces  and--"\r\n\r\n'
        b"--with spaces  and--\r\nContent-Type: text/plain\r\n\r\nOne\r\n"
        b"--with spaces  and----  \r\n"
        b"--=_(a)*+?[b]\\c\r\nContent-Type: text/plain\r\n\r\nTwo\r\n--=_(a)*+?[b]\\c--\r\n"
    )
    message = parse_message(raw)
    assert message.text == "One\nTwo"
    assert message.problems == ()
    assert separators == ["--=_(a)*+?[b]\\c", "--with spaces  and--", "--=_(a)*+?[b]\\c"]


# --- The fixtures ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_fixture_file_is_what_its_builder_writes(name: str) -> None:
    assert fixture(name) == wire(FIXTURES[name]())


def test_attached_eml_is_the_inner_message_as_sent() -> None:
    (inner,) = parsed("outlook_eml_attachment.eml").forwarded
    assert inner == parse_message(wire(canada_inner()))
