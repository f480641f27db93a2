"""E-mail for the parsing tests, shaped as the mail clients delegations used in 2020 write it.

Each client below writes its messages its own way: header order and folding, boundaries,
transfer encodings, line lengths, how it names an attachment. The files in tests/data/mail/
are built here from the LibreOffice-written statements in tests/data/statements/, with fixed
dates, boundaries and identifiers, so that regenerating them gives the same bytes:

    .venv/bin/python -m tests.intake.mail

The messages too large or too odd to keep as files (thousands of parts, fifteen hundred
levels of nesting, an attached message in base64) are built by the tests with the functions
here, some with a statement written by python-docx (`statement_docx`).
"""

from __future__ import annotations

import base64
import email.utils
import io
import quopri
import struct
import textwrap
import urllib.parse
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import docx

REPOSITORY = Path(__file__).resolve().parents[2]
STATEMENTS_DATA = REPOSITORY / "tests" / "data" / "statements"
MAIL_DATA = REPOSITORY / "tests" / "data" / "mail"
INTAKE_ADDRESS = "dppa-scsb3@un.org"  # the seed meeting's address for written statements

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
PDF = "application/pdf"


@dataclass(frozen=True)
class File:
    name: str
    content_type: str
    data: bytes


def statement_file(name: str) -> bytes:
    return (STATEMENTS_DATA / name).read_bytes()


def statement_docx(*paragraphs: str) -> bytes:
    """A statement as python-docx writes it, for the messages the tests build."""
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def wire(message: str) -> bytes:
    """A message as it travels: every line ended by CRLF. The builders write "\\n"."""
    return message.replace("\n", "\r\n").encode("utf-8")


def base64_lines(data: bytes, width: int = 76) -> str:
    encoded = base64.b64encode(data).decode("ascii")
    return "\n".join(encoded[start : start + width] for start in range(0, len(encoded), width))


def quoted_printable(text: str, charset: str = "utf-8") -> str:
    return quopri.encodestring(text.encode(charset)).decode("ascii")


def encoded_words(
    text: str, encoding: str = "B", *, charset: str = "UTF-8", lower_hex: bool = False
) -> str:
    """`text` as RFC 2047 encoded words of at most 75 characters, folded onto new lines.
    Outlook labels them "utf-8"; Thunderbird writes the hex digits of Q in lower case."""

    def word(chunk: bytes) -> str:
        if encoding == "B":
            payload = base64.b64encode(chunk).decode("ascii")
        else:
            hex_format = "={:02x}" if lower_hex else "={:02X}"
            payload = "".join(
                "_"
                if byte == 0x20
                else chr(byte)
                if chr(byte).isalnum() and byte < 0x80
                else hex_format.format(byte)
                for byte in chunk
            )
        return f"=?{charset}?{encoding}?{payload}?="

    chunks: list[bytes] = []
    for char in text:
        if chunks and len(word(chunks[-1] + char.encode("utf-8"))) <= 75:
            chunks[-1] += char.encode("utf-8")
        else:
            chunks.append(char.encode("utf-8"))
    return "\n ".join(word(chunk) for chunk in chunks)


def flowed(text: str, width: int = 72) -> str:
    """Plain text as Thunderbird sends it with format=flowed: each long line wrapped at
    `width`, every wrapped line ending in the space that says "goes on"."""
    lines = []
    for line in text.split("\n"):
        if len(line) < width:  # short lines go as they are ("-- " keeps its space)
            lines.append(line)
            continue
        wrapped = textwrap.wrap(line, width - 1, break_long_words=False, break_on_hyphens=False)
        lines.append(" \n".join(wrapped))
    return "\n".join(lines)


# --- Thunderbird 78 (Windows) --------------------------------------------------------------


def thunderbird(
    *,
    sender: str,
    subject: str,
    date: str,
    message_id: str,
    language: str,
    body: str,
    boundary: str = "",
    files: Sequence[File] = (),
    forwarded: Sequence[tuple[str, str]] = (),
) -> str:
    """Thunderbird: multipart/mixed only when something is attached, the body 8-bit UTF-8
    with format=flowed, base64 in lines of 72, an attached message as message/rfc822."""
    head = (
        f"To: {INTAKE_ADDRESS}\nFrom: {sender}\nSubject: {subject}\nMessage-ID: <{message_id}>\n"
        f"Date: {date}\n"
        "User-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:78.0) Gecko/20100101\n"
        " Thunderbird/78.2.1\nMIME-Version: 1.0\n"
    )
    text_headers = "Content-Type: text/plain; charset=utf-8; format=flowed\n"
    text_headers += "Content-Transfer-Encoding: 8bit\n"
    if not files and not forwarded:
        return f"{head}{text_headers}Content-Language: {language}\n\n{flowed(body)}\n"
    parts = [f"{text_headers}\n{flowed(body)}\n"]
    parts += [
        f'Content-Type: {file.content_type};\n name="{file.name}"\n'
        f"Content-Transfer-Encoding: base64\nContent-Disposition: attachment;\n"
        f' filename="{file.name}"\n\n{base64_lines(file.data, 72)}\n'
        for file in files
    ]
    parts += [
        f'Content-Type: message/rfc822; charset=UTF-8;\n name="{name}"\n'
        f"Content-Transfer-Encoding: 7bit\nContent-Disposition: attachment;\n"
        f' filename="{name}"\n\n{inner}'
        for name, inner in forwarded
    ]
    return (
        f'{head}Content-Type: multipart/mixed;\n boundary="{boundary}"\n'
        f"Content-Language: {language}\n\nThis is a multi-part message in MIME format.\n"
        + _multipart(boundary, parts)
    )


def _multipart(boundary: str, parts: Sequence[str]) -> str:
    return "".join(f"--{boundary}\n{part}" for part in parts) + f"--{boundary}--\n"


# --- Outlook 2016 through Exchange ---------------------------------------------------------


def outlook_html(lines: Sequence[str], lang: str) -> str:
    """The HTML Outlook writes (Word's "filtered medium" export): each line a MsoNormal
    paragraph, an empty line an empty paragraph holding a no-break space."""
    paragraphs = "\n".join(
        f'<p class="MsoNormal"><span lang="{lang}">{line}<o:p></o:p></span></p>'
        if line
        else f'<p class="MsoNormal"><span lang="{lang}"><o:p>&nbsp;</o:p></span></p>'
        for line in lines
    )
    return (
        '<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:'
        'office:office" xmlns:w="urn:schemas-microsoft-com:office:word" xmlns:m="http://'
        'schemas.microsoft.com/office/2004/12/omml" xmlns="http://www.w3.org/TR/REC-html40">\n'
        '<head>\n<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\n'
        '<meta name="Generator" content="Microsoft Word 15 (filtered medium)">\n'
        "<style><!--\n/* Font Definitions */\n@font-face\n\t{font-family:DengXian;\n"
        "\tpanose-1:2 1 6 0 3 1 1 1 1 1;}\n@font-face\n\t{font-family:Calibri;\n"
        "\tpanose-1:2 15 5 2 2 2 4 3 2 4;}\n/* Style Definitions */\n"
        "p.MsoNormal, li.MsoNormal, div.MsoNormal\n\t{margin:0cm;\n\tfont-size:11.0pt;\n"
        '\tfont-family:"Calibri",sans-serif;}\nspan.EmailStyle17\n'
        "\t{mso-style-type:personal-compose;\n\tcolor:windowtext;}\n"
        "@page WordSection1\n\t{size:612.0pt 792.0pt;\n\tmargin:72.0pt 90.0pt 72.0pt 90.0pt;}\n"
        "div.WordSection1\n\t{page:WordSection1;}\n--></style><!--[if gte mso 9]><xml>\n"
        '<o:shapedefaults v:ext="edit" spidmax="1026" />\n</xml><![endif]-->\n</head>\n'
        f'<body lang="{lang}" link="#0563C1" vlink="#954F72">\n<div class="WordSection1">\n'
        f"{paragraphs}\n</div>\n</body>\n</html>\n"
    )


def outlook(
    *,
    sender: str,
    subject: str,
    date: str,
    exchange_id: str,
    language: str,
    lines: Sequence[str],
    files: Sequence[File] = (),
    charset: str = "utf-8",
    html: bool = True,
    tnef: bytes = b"",
    closed: bool = True,
) -> str:
    """Outlook: headers in Exchange's order, Thread-Index and X-MS-Has-Attach, boundaries made
    from the Message-ID, quoted-printable text, base64 attachments whose non-ASCII names are
    written twice (RFC 2047 in name=, RFC 2231 in filename*=). With `html` the body is
    multipart/alternative; a plain-text message has the text alone. With `tnef` the
    attachments travel inside winmail.dat, as Outlook sends them in rich-text mode."""
    host = exchange_id.split("@")[1]
    stem = exchange_id.split("@")[0] + host.split(".")[0] + "namp"
    text = "\n".join(lines) + "\n"
    text_part = (
        f'Content-Type: text/plain; charset="{charset}"\n'
        f"Content-Transfer-Encoding: quoted-printable\n\n{quoted_printable(text, charset)}\n"
    )
    body = text_part
    if html:
        html_part = (
            f'Content-Type: text/html; charset="{charset}"\n'
            "Content-Transfer-Encoding: quoted-printable\n\n"
            f"{quoted_printable(outlook_html(lines, language.upper()), charset)}\n"
        )
        alternative = f"_000_{stem}_"
        body = f'Content-Type: multipart/alternative;\n\tboundary="{alternative}"\n\n' + _multipart(
            alternative, [text_part, html_part]
        )
    attachments = [_outlook_file(file, date) for file in files]
    if tnef:
        attachments.append(
            'Content-Type: application/ms-tnef; name="winmail.dat"\n'
            'Content-Disposition: attachment; filename="winmail.dat"\n'
            f"Content-Transfer-Encoding: base64\n\n{base64_lines(tnef)}\n"
        )
    mixed = f"_004_{stem}_"
    parts = _multipart(mixed, [f"{body}\n", *attachments])
    if not closed:  # cut where a relay dropped the connection after the last attachment
        parts = parts.removesuffix(f"--{mixed}--\n")
    return (
        f'From: {sender}\nTo: "{INTAKE_ADDRESS}" <{INTAKE_ADDRESS}>\nSubject: {subject}\n'
        f"Thread-Topic: {subject}\nThread-Index: AdaF2Vv3N0b9r3Q1TQWz0Gx7aJk2nA==\n"
        f"Date: {date}\nMessage-ID: <{exchange_id}>\n"
        f"Accept-Language: {language}, en-US\nContent-Language: {language}\n"
        f"X-MS-Has-Attach: yes\nX-MS-TNEF-Correlator: {f'<{exchange_id}>' if tnef else ''}\n"
        f'Content-Type: multipart/mixed;\n\tboundary="{mixed}"\nMIME-Version: 1.0\n\n{parts}'
    )


def _outlook_file(file: File, date: str) -> str:
    ascii_name = file.name.isascii()
    name = file.name if ascii_name else encoded_words(file.name, charset="utf-8")
    disposition_name = (
        f'filename="{file.name}"'
        if ascii_name
        else f"filename*=utf-8''{urllib.parse.quote(file.name, safe='')}"
    )
    stamp = email.utils.format_datetime(email.utils.parsedate_to_datetime(date), usegmt=True)
    return (
        f'Content-Type: {file.content_type};\n\tname="{name}"\n'
        f"Content-Description: {name}\n"
        f"Content-Disposition: attachment;\n\t{disposition_name}; size={len(file.data)};\n"
        f'\tcreation-date="{stamp}";\n\tmodification-date="{stamp}"\n'
        f"Content-Transfer-Encoding: base64\n\n{base64_lines(file.data)}\n"
    )


def tnef(body: str, file: File) -> bytes:
    """winmail.dat (MS-OXTNEF) carrying one attachment: the signature and legacy key, then
    attributes (level, id, length, data, checksum), as Outlook writes in rich-text mode."""

    def attribute(level: int, identifier: int, data: bytes) -> bytes:
        checksum = sum(data) & 0xFFFF
        return (
            struct.pack("<BII", level, identifier, len(data)) + data + struct.pack("<H", checksum)
        )

    message, attachment = 1, 2
    rendering = struct.pack("<HIHHI", 1, 0xFFFFFFFF, 0xFFFF, 0xFFFF, 0)
    return (
        struct.pack("<IH", 0x223E9F78, 0x0001)
        + attribute(message, 0x00089006, struct.pack("<I", 0x00010000))  # attTnefVersion
        + attribute(message, 0x00069007, struct.pack("<II", 1252, 0))  # attOemCodepage
        + attribute(message, 0x00078008, b"IPM.Microsoft Mail.Note\0")  # attMessageClass
        + attribute(message, 0x0002800C, body.encode("cp1252") + b"\0")  # attBody
        + attribute(attachment, 0x00069002, rendering)  # attAttachRenddata
        + attribute(attachment, 0x00018010, file.name.encode("cp1252") + b"\0")  # attAttachTitle
        + attribute(attachment, 0x0006800F, file.data)  # attAttachData
    )


# --- Gmail (Google Workspace), as received by the UN's border MTA -----------------------------


GMAIL_AUTHENTICATION = (
    "mx.un.example; dkim=pass header.d=mfa-estonia.example header.s=google header.b=Xk3v9sQa;\n"
    "\tspf=pass (mx.un.example: domain of kadri.tamm@mfa-estonia.example designates\n"
    '\t209.85.221.54 as permitted sender; "v=spf1 include:_spf.google.com ~all")\n'
    "\tsmtp.mailfrom=kadri.tamm@mfa-estonia.example;\n"
    "\tdmarc=pass (policy=quarantine) header.from=mfa-estonia.example"
)


def gmail(*, lines: Sequence[str], file: File) -> str:
    """Gmail: Google's trace and signature headers, then MIME-Version, From, Date, Message-ID,
    Subject, To; boundaries of 28 hex digits; both alternatives quoted-printable (a line of
    the text is longer than 76 characters); the attachment with Content-ID and X-Attachment-Id.
    """
    text = "\n".join(lines) + "\n"
    html = (
        f'<div dir="ltr">{lines[0]}'
        + "".join(f"<div>{line or '<br>'}</div>" for line in lines[1:])
        + "</div>\n"
    )
    alternative, mixed = "000000000000d1a5c205aece5d1d", "000000000000d1a5c405aece5d1f"
    body = _multipart(
        alternative,
        [
            'Content-Type: text/plain; charset="UTF-8"\n'
            f"Content-Transfer-Encoding: quoted-printable\n\n{quoted_printable(text)}\n",
            'Content-Type: text/html; charset="UTF-8"\n'
            f"Content-Transfer-Encoding: quoted-printable\n\n{quoted_printable(html)}\n",
        ],
    )
    attachment = (
        f'Content-Type: {file.content_type}; \n\tname="{file.name}"\n'
        f'Content-Disposition: attachment; \n\tfilename="{file.name}"\n'
        "Content-Transfer-Encoding: base64\nContent-ID: <f_keshm3yx0>\n"
        f"X-Attachment-Id: f_keshm3yx0\n\n{base64_lines(file.data)}\n"
    )
    return (
        "Return-Path: <kadri.tamm@mfa-estonia.example>\n"
        f"Authentication-Results: {GMAIL_AUTHENTICATION}\n"
        "Received: from mail-wr1-f54.google.com (mail-wr1-f54.google.com [209.85.221.54])\n"
        "\tby mx.un.example (Postfix) with ESMTPS id 4BmB3Q0Xk9z9sRN\n"
        f"\tfor <{INTAKE_ADDRESS}>; Tue,  8 Sep 2020 14:05:43 +0000 (UTC)\n"
        "Received: by mail-wr1-f54.google.com with SMTP id k15so17702385wrn.10\n"
        f"        for <{INTAKE_ADDRESS}>; Tue, 08 Sep 2020 07:05:42 -0700 (PDT)\n"
        "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;\n"
        "        d=mfa-estonia.example; s=google;\n"
        "        h=mime-version:from:date:message-id:subject:to;\n"
        "        bh=8Yq1Ffs5Vf2u3cP0kTqS0v3o3sS7xQm1nUe0R1mNw2E=;\n"
        "        b=Xk3v9sQa7Lw0V1yQ2kN8e4Jb6tR3uP5hG9fD2sA1zC0xB7nM4lK6jH8gF5dS3aQ2\n"
        "         wE1rT4yU7iO9pL0kJ3hG6fD8sA2zX5cV1bN4mQ7wE9rT2yU5iO8pL1kJ4hG7fD0sA\n"
        "         3zX6cV9bN2mQ5wE8rT1yU4iO7pL0kJ3hG6fD9sA2zX5cV8bN1mQ4wE7rT0yU3iO6A==\n"
        "X-Google-DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed;\n"
        "        d=1e100.net; s=20161025;\n"
        "        h=x-gm-message-state:mime-version:from:date:message-id:subject:to;\n"
        "        bh=8Yq1Ffs5Vf2u3cP0kTqS0v3o3sS7xQm1nUe0R1mNw2E=;\n"
        "        b=Lm2nB4vC6xZ8aS0dF2gH4jK6lQ8wE0rT2yU4iO6pA8sD0fG2hJ4kL6zX8cV0bN2m\n"
        "         Q4wE6rT8yU0iO2pA4sD6fG8hJ0kL2zX4cV6bN8mQ0wE2rT4yU6iO8pA0sD2fG4hJ6kL==\n"
        "X-Gm-Message-State: AOAM532k9Jd7Yq3Lw0Zp4XvR1nT8sU2mE6cB5aH9fG3iK7lO0jQ4\n"
        "\tyV1wS8xN2eD6rF0tP5uM3oL9gC7bA4hI1kJ6zQ==\n"
        "X-Google-Smtp-Source: ABdhPJwR4tY7uI0oP3aS6dF9gH2jK5lZ8xC1vB4nM7qW0eR3tY6uI9oP2aS5dF8g\n"
        "X-Received: by 2002:adf:e3c7:: with SMTP id k7mr24466385wrm.76.1599573942055;\n"
        " Tue, 08 Sep 2020 07:05:42 -0700 (PDT)\n"
        "MIME-Version: 1.0\nFrom: Kadri Tamm <kadri.tamm@mfa-estonia.example>\n"
        "Date: Tue, 8 Sep 2020 17:05:29 +0300\n"
        "Message-ID: <CAKd6hUv0nT8sYw2q3PX8mE7rJkz2oU5qGx+F1bLw4pR9Yc3hNg@mail.gmail.com>\n"
        "Subject: Written statement of Estonia - UNSC open debate on 8 September 2020\n"
        f"To: {INTAKE_ADDRESS}\n"
        f'Content-Type: multipart/mixed; boundary="{mixed}"\n\n'
        + _multipart(
            mixed,
            [
                f'Content-Type: multipart/alternative; boundary="{alternative}"\n\n{body}',
                attachment,
            ],
        )
    )


# --- Apple Mail 13 (macOS Catalina) -------------------------------------------------------


def apple_mail(*, before: str, after: str, files: Sequence[tuple[str, File]]) -> str:
    """Apple Mail: Content-Transfer-Encoding before Content-Type, 7-bit US-ASCII text that is
    not wrapped, x-unix-mode on each file, a PDF shown in the body sent "inline", and the
    text after the files in a part of its own."""
    boundary = "Apple-Mail=_8E2A5C1D-3B4F-4A6E-9C7D-2F1E0B9A8D7C"
    text = "Content-Transfer-Encoding: 7bit\nContent-Type: text/plain;\n\tcharset=us-ascii\n\n"
    parts = [f"{text}{before}"]
    parts += [
        f'Content-Disposition: {disposition};\n\tfilename="{file.name}"\n'
        f'Content-Type: {file.content_type};\n\tx-unix-mode=0644;\n\tname="{file.name}"\n'
        f"Content-Transfer-Encoding: base64\n\n{base64_lines(file.data)}\n"
        for disposition, file in files
    ]
    parts.append(f"{text}{after}")
    return (
        "From: Anna Schmidt <anna.schmidt@new-york-un.diplo.example>\n"
        f'Content-Type: multipart/mixed;\n\tboundary="{boundary}"\n'
        "Mime-Version: 1.0 (Mac OS X Mail 13.4 \\(3608.120.23.2.1\\))\n"
        "Subject: Statement of Germany, UNSC open debate on 8 September 2020\n"
        "Date: Tue, 8 Sep 2020 10:14:52 -0400\n"
        "Message-Id: <4B1F0E2A-7C3D-4E5F-8A9B-0C1D2E3F4A5B@new-york-un.diplo.example>\n"
        f"To: {INTAKE_ADDRESS}\nX-Mailer: Apple Mail (2.3608.120.23.2.1)\n\n"
        + _multipart(boundary, [f"{part}\n" for part in parts])
    )


# --- IBM Notes 9 through Domino -------------------------------------------------------------


def domino_html_only(*, html: str) -> str:
    """Domino: an HTML-only message, its UTF-8 in base64, the Notes document id as
    Message-ID and X-MIMETrack trace headers."""
    subject = encoded_words("بيان جامعة الدول العربية - المناقشة المفتوحة لمجلس الأمن")
    return (
        f"To: {INTAKE_ADDRESS}\nMIME-Version: 1.0\nSubject: {subject}\n"
        "X-Mailer: IBM Notes Release 9.0.1FP10 SHF241 September 18, 2018\n"
        "Message-ID: <OF8A1B2C3D.4E5F6A7B-ON43258613.004B7C2D-43258613.004C8E1F@arableague-un"
        ".example>\n"
        f"From: {encoded_words('هالة منصور')} <h.mansour@arableague-un.example>\n"
        "Date: Tue, 8 Sep 2020 09:55:34 -0400\n"
        "X-MIMETrack: Serialize by Router on NYMAIL01/LAS(Release 9.0.1FP10 HF383|October 11,\n"
        " 2018) at 09/08/2020 09:55:35\n"
        'Content-Type: text/html; charset="UTF-8"\nContent-Transfer-Encoding: base64\n\n'
        f"{base64_lines(html.encode('utf-8'))}\n"
    )


# --- The fixtures ---------------------------------------------------------------------------

TUNISIA_SUBJECT = "بيان الجمهورية التونسية - المناقشة المفتوحة لمجلس الأمن، 8 سبتمبر 2020"
TUNISIA_BODY = (
    "السيدات والسادة،\n\n"
    "تجدون طيه بيان الجمهورية التونسية في المناقشة المفتوحة لمجلس الأمن حول التعاون بين الأمم "
    "المتحدة والمنظمات الإقليمية ودون الإقليمية: دور المنظمة الدولية للفرنكوفونية، المنعقدة يوم "
    "8 سبتمبر 2020، وذلك لإدراجه في الوثيقة الجامعة للبيانات المكتوبة.\n\n"
    "مع فائق الاحترام والتقدير،\n\n"
    "-- \nالبعثة الدائمة للجمهورية التونسية لدى الأمم المتحدة\n"
)
CHINA_SUBJECT = "中国书面发言：联合国与区域和次区域组织的合作"
CHINA_LINES = (
    "Dear Colleagues,",
    "",
    "Please find attached the written statement of China for the open debate of the Security "
    "Council on 8 September 2020.",
    "",
    "附件为中国代表团在2020年9月8日安理会公开辩论会上的书面发言，请查收。",
    "",
    "Best regards,",
    "Wang Xiaoming",
    "Permanent Mission of the People’s Republic of China to the United Nations",
)
ESTONIA_LINES = (
    "Dear colleagues,",
    "",
    "Please find attached the written statement of Estonia for the Security Council open debate "
    "on cooperation between the United Nations and regional and subregional organizations.",
    "",
    "Kind regards,",
    "Kadri Tamm",
    "Permanent Mission of Estonia to the UN",
)
LEAGUE_PARAGRAPHS = (
    "تشكر جامعة الدول العربية رئاسة النيجر لمجلس الأمن على تنظيم هذه المناقشة المفتوحة حول "
    "التعاون بين الأمم المتحدة والمنظمات الإقليمية ودون الإقليمية.",
    "إن التعاون بين الأمم المتحدة والمنظمات الإقليمية، وفقاً للفصل الثامن من الميثاق، ركيزة "
    "أساسية لصون السلم والأمن الدوليين.",
    "وتؤكد الجامعة أهمية تعدد اللغات في عمل المنظمات الدولية، وتدعو إلى تعزيز تبادل المعلومات "
    "والإنذار المبكر والوساطة المشتركة.",
    "وفي الختام، تجدد الجامعة التزامها بالعمل مع مجلس الأمن ومع المنظمة الدولية للفرنكوفونية.",
)
LEAGUE_HTML = (
    "<html><head><style>p { margin: 0 0 1em 0 }</style></head><body>"
    '<div dir="rtl" lang="ar"><p><font size="3" face="Arial"><b>بيان جامعة الدول العربية'
    "</b></font></p>"
    + "".join(f'<p><font size="3" face="Arial">{text}</font></p>' for text in LEAGUE_PARAGRAPHS)
    + "</div></body></html>"
)
VIET_NAM_LINES = (
    "Dear Sir/Madam,",
    "",
    "Please find attached the written statement of Viet Nam for the open debate of the "
    "Security Council on 8 September 2020.",
    "",
    "Best regards,",
    "Nguyen Thi Lan",
    "Permanent Mission of Viet Nam to the United Nations",
)
GERMANY_BEFORE = (
    "Dear colleagues,\n\nPlease find attached the written statement of Germany for the Security "
    "Council open debate of 8 September 2020, as a Word document and as a PDF.\n"
)
GERMANY_AFTER = (
    "\n\nBest regards,\nAnna Schmidt\nPermanent Mission of Germany to the United Nations\n"
)
SENEGAL_LINES = (
    "Madame, Monsieur,",
    "",
    "Veuillez trouver ci-joint la déclaration du Sénégal pour le débat public du Conseil de "
    "sécurité du 8 septembre 2020, en vue de son inclusion dans la compilation.",
    "",
    "Je vous prie d’agréer l’expression de ma haute considération.",
    "",
    "Awa Diop",
    "Conseillère, Mission permanente du Sénégal auprès des Nations Unies",
)
CANADA_INNER_BODY = (
    "Hi Marie,\n\nHere is the final statement of Canada for the open debate on 8 September, "
    "as approved this morning. Could you send it on to the Secretariat?\n\nThanks,\nDaniel\n"
)
DOMINICAN_BODY = (
    "Estimados colegas:\n\nLa República Dominicana agradece a la presidencia del Níger la "
    "organización de este debate abierto sobre la cooperación entre las Naciones Unidas y las "
    "organizaciones regionales y subregionales.\n\nMisión Permanente de la República "
    "Dominicana ante las Naciones Unidas\n"
)


def _tunisia() -> str:
    return thunderbird(
        sender=f"{encoded_words('البعثة الدائمة لتونس')} <mission.tunisie@diplomatie-tn.example>",
        subject=encoded_words(TUNISIA_SUBJECT),
        date="Tue, 8 Sep 2020 11:42:17 -0400",
        message_id="8d5a7f0e-3c4b-4f7e-9a61-2b9e0c1d7a53@diplomatie-tn.example",
        language="ar",
        body=TUNISIA_BODY,
        boundary="------------0A5E6D9B2C4F7E8A1B3D5C60",
        files=[File("Statement-Tunisia.docx", DOCX, statement_file("ar_statement.docx"))],
    )


def _china() -> str:
    return outlook(
        sender=f"{encoded_words('王小明', charset='utf-8')} <wang.xiaoming@china-mission.example>",
        subject=encoded_words(CHINA_SUBJECT, charset="utf-8"),
        date="Tue, 8 Sep 2020 13:22:05 +0000",
        exchange_id="BN6PR04MB0660F3A1C2D9E8B7A6C5D4E3B2A10@BN6PR04MB0660.namprd04.prod.outlook.com",
        language="zh-CN",
        lines=CHINA_LINES,
        files=[File("声明.docx", DOCX, statement_file("zh_statement.docx"))],
    )


def _estonia() -> str:
    return gmail(
        lines=ESTONIA_LINES,
        file=File(
            "Estonia statement UNSC 8 September 2020.pdf", PDF, statement_file("en_statement.pdf")
        ),
    )


def _league() -> str:
    return domino_html_only(html=LEAGUE_HTML)


def senegal_inner() -> str:
    """The counsellor's message, from Outlook in plain-text mode, its text in Windows-1252."""
    return outlook(
        sender="Awa Diop <awa.diop@senegal-un.example>",
        subject=encoded_words(
            "Déclaration du Sénégal – débat public du 8 septembre 2020", charset="utf-8"
        ),
        date="Mon, 7 Sep 2020 21:48:10 +0000",
        exchange_id="AM6PR10MB2215E4C1B9A2D3F4E5A6B7C8D9E0F1A2@AM6PR10MB2215.EURPRD10.PROD.OUTLOOK.COM",
        language="fr-FR",
        lines=SENEGAL_LINES,
        files=[File("Déclaration Sénégal.docx", DOCX, statement_file("fr_statement.docx"))],
        charset="Windows-1252",
        html=False,
    )


def _senegal() -> str:
    return thunderbird(
        sender=f"{encoded_words('Mission permanente du Sénégal', 'Q', lower_hex=True)} "
        "<mission@senegal-un.example>",
        subject=encoded_words(
            "Fwd: Déclaration du Sénégal – débat public du 8 septembre 2020", "Q", lower_hex=True
        ),
        date="Tue, 8 Sep 2020 08:03:51 -0400",
        message_id="f3b0c2d1-9e8a-4b7c-a6d5-e4f3a2b1c0d9@senegal-un.example",
        language="fr",
        body="Transmis à la demande de Mme Diop, pour la compilation.\n",
        boundary="------------7C1E3A5B9D2F4A6C8E0B1D3F",
        forwarded=[("Declaration du Senegal.eml", senegal_inner())],
    )


def canada_inner() -> str:
    return thunderbird(
        sender="Daniel Roy <daniel.roy@canada-un.example>",
        subject="Statement of Canada for the compilation",
        date="Tue, 8 Sep 2020 09:12:44 -0400",
        message_id="1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f@canada-un.example",
        language="en-CA",
        body=CANADA_INNER_BODY,
        boundary="------------2F4A6C8E0B1D3F5A7C9E1B3D",
        files=[File("Canada statement.odt", ODT, statement_file("en_statement.odt"))],
    )


def _canada() -> str:
    # Outlook sends a saved .eml file it is given as any other file: application/octet-stream.
    return outlook(
        sender="Marie Tremblay <marie.tremblay@canada-un.example>",
        subject="Statement of Canada - UNSC open debate 8 September 2020",
        date="Tue, 8 Sep 2020 13:40:19 +0000",
        exchange_id="YT1PR01MB3546A1B2C3D4E5F6A7B8C9D0E1F2A3B4@YT1PR01MB3546.CANPRD01.PROD.OUTLOOK.COM",
        language="en-CA",
        lines=("Please see the attached message with the statement of Canada.", "", "Marie"),
        files=[File("Statement of Canada.eml", "application/octet-stream", wire(canada_inner()))],
    )


VIET_NAM_DOCX = File("Viet Nam statement.docx", DOCX, statement_file("en_statement.docx"))


def _viet_nam() -> str:
    return outlook(
        sender="Nguyen Thi Lan <lan.nguyen@vietnam-un.example>",
        subject="Written statement of Viet Nam - open debate of 8 September 2020",
        date="Tue, 8 Sep 2020 15:02:33 +0000",
        exchange_id="SG2PR06MB3021B4C5D6E7F8A9B0C1D2E3F4A5B6C7@SG2PR06MB3021.apcprd06.prod.outlook.com",
        language="en-US",
        lines=VIET_NAM_LINES,
        charset="us-ascii",
        html=False,
        tnef=tnef("\n".join(VIET_NAM_LINES), VIET_NAM_DOCX),
    )


GERMANY_FILES = (
    (
        "attachment",
        File("Germany statement UNSC 8 Sept.docx", DOCX, statement_file("en_statement.docx")),
    ),
    ("inline", File("Germany statement UNSC 8 Sept.pdf", PDF, statement_file("en_statement.pdf"))),
)


def _germany() -> str:
    return apple_mail(before=GERMANY_BEFORE, after=GERMANY_AFTER, files=GERMANY_FILES)


def broken_base64_line(encoded: str) -> str:
    """Base64 as a faulty relay leaves it: a few characters of one line turned into
    characters base64 does not have, and the final padding lost."""
    lines = encoded.split("\n")
    middle = len(lines) // 2
    lines[middle] = lines[middle][:20] + "*!@#$" + lines[middle][25:]
    return "\n".join(lines).rstrip("=")


def _belgium() -> str:
    pdf = File("Belgique-declaration.pdf", PDF, statement_file("fr_statement.pdf"))
    message = thunderbird(
        sender="Mission permanente de la Belgique <mission.belgique@diplobel-un.example>",
        subject=encoded_words("Déclaration de la Belgique", "Q", lower_hex=True),
        date="Tue, 8 Sep 2020 12:30:00 +0200",
        message_id="0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e@diplobel-un.example",
        language="fr",
        body="Veuillez trouver ci-joint la déclaration de la Belgique.\n",
        boundary="------------5D7F9B1C3E5A7C9E1D3F5B7A",
        files=[pdf],
    )
    encoded = base64_lines(pdf.data, 72)
    return message.replace(encoded, broken_base64_line(encoded))


def _saint_vincent() -> str:
    return outlook(
        sender="Kezia Williams <kezia.williams@svg-un.example>",
        subject="Statement of Saint Vincent and the Grenadines",
        date="Tue, 8 Sep 2020 16:45:12 +0000",
        exchange_id="BY5PR11MB4007C8D9E0F1A2B3C4D5E6F7A8B9C0D1@BY5PR11MB4007.namprd11.prod.outlook.com",
        language="en-US",
        lines=("Please find our statement attached.", "", "Kezia Williams"),
        files=[File("SVG statement.docx", DOCX, statement_file("en_statement.docx"))],
        closed=False,
    )


# The Subject's first word lost its padding, the second holds a Latin-1 byte where UTF-8 was
# declared, and the display name names a charset that does not exist.
DOMINICAN_SUBJECT = (
    "=?UTF-8?B?RGVjbGFyYWNpw7NuIGRlIGxhIFJlcMO6YmxpY2EgRG9taW5pY2FuYQ?=\n"
    " =?UTF-8?Q?sobre_la_cooperaci=F3n?="
)


def _dominican_republic() -> str:
    return thunderbird(
        sender="=?x-mac-unknown?Q?Misi=F3n_Permanente?= <mision@rd-onu.example>",
        subject=DOMINICAN_SUBJECT,
        date="Tue, 8 Sep 2020 10:05:00 -0400",
        message_id="9a8b7c6d-5e4f-4a3b-2c1d-0e9f8a7b6c5d@rd-onu.example",
        language="es-ES",
        body=DOMINICAN_BODY,
    )


def nested_message(depth: int, *, innermost: File | None = None) -> str:
    """Multiparts nested `depth` deep, each with a line of text saying its level before the
    next one, and `innermost` (a file) at the bottom."""
    bottom = (
        f'Content-Type: {innermost.content_type}; name="{innermost.name}"\n'
        f"Content-Transfer-Encoding: base64\n\n{base64_lines(innermost.data)}\n"
        if innermost
        else "Content-Type: text/plain\n\nThe bottom.\n"
    )
    for level in range(depth, 0, -1):
        boundary = f"level-{level}"
        text = f"Content-Type: text/plain; charset=us-ascii\n\nLevel {level}\n"
        bottom = f'Content-Type: multipart/mixed; boundary="{boundary}"\n\n' + _multipart(
            boundary, [text, bottom]
        )
    return (
        "From: Nesting <nest@example.org>\nTo: dppa-scsb3@un.org\nSubject: Nested\n"
        "Date: Tue, 8 Sep 2020 10:00:00 +0000\nMIME-Version: 1.0\n" + bottom
    )


def many_parts_message(count: int) -> str:
    """A text and `count` - 1 small PDFs, each in a part of its own."""
    boundary = "many"
    parts = ["Content-Type: text/plain\n\nMany parts.\n"] + [
        f'Content-Type: application/pdf; name="part-{number}.pdf"\n'
        f"Content-Transfer-Encoding: base64\n\n{base64_lines(f'%PDF-{number}'.encode())}\n"
        for number in range(2, count + 1)
    ]
    return (
        "From: Many <many@example.org>\nTo: dppa-scsb3@un.org\nSubject: Many parts\n"
        "Date: Tue, 8 Sep 2020 10:00:00 +0000\nMIME-Version: 1.0\n"
        f'Content-Type: multipart/mixed; boundary="{boundary}"\n\n' + _multipart(boundary, parts)
    )


NESTED_DOCX = File("nested.docx", DOCX, statement_file("en_statement.docx"))

FIXTURES: dict[str, Callable[[], str]] = {
    "thunderbird_arabic_docx.eml": _tunisia,
    "outlook_chinese_filename.eml": _china,
    "gmail_pdf.eml": _estonia,
    "domino_html_only_arabic.eml": _league,
    "thunderbird_forwarded_as_attachment.eml": _senegal,
    "outlook_eml_attachment.eml": _canada,
    "outlook_winmail_dat.eml": _viet_nam,
    "apple_mail_docx_and_pdf.eml": _germany,
    "broken_base64.eml": _belgium,
    "missing_end_boundary.eml": _saint_vincent,
    "invalid_encoded_words.eml": _dominican_republic,
    "deeply_nested.eml": lambda: nested_message(14, innermost=NESTED_DOCX),
}


def fixture(name: str) -> bytes:
    return (MAIL_DATA / name).read_bytes()


def main() -> None:
    MAIL_DATA.mkdir(parents=True, exist_ok=True)
    for name, build in FIXTURES.items():
        (MAIL_DATA / name).write_bytes(wire(build()))
        print(f"wrote {MAIL_DATA / name}")


if __name__ == "__main__":
    main()
