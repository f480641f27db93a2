"""The public pages of issued compilations: list, document, annex permalinks, search, files."""

from __future__ import annotations

import dataclasses
import datetime
from typing import Any

import lxml.html
import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from opendebate.accounts.models import User
from opendebate.common.languages import Language
from opendebate.compilation import views_public
from opendebate.compilation.dates import proposed_letter_date
from opendebate.compilation.enums import CompilationStatus, IssueKind
from opendebate.compilation.models import Compilation
from opendebate.compilation.search import fold_lines, normalize
from opendebate.compilation.services import build, issue, start_compilation, start_successor
from opendebate.documents.render_html import render_html
from opendebate.meetings.models import Meeting
from tests.compilation.conftest import submit
from tests.documents.samples import RUSSIAN_WORD, chinese_letter
from tests.statements.conftest import ARABIC, CHINESE, ENGLISH

DOCUMENT = "/documents/S/2020/900/"
# The debate's annexes in the Council's order: (id, lang, dir).
ANNEXES = [
    ("annex-1", "en", "ltr"),  # Bintou Keita
    ("annex-2", "en", "ltr"),  # Louise Mushikiwabo
    ("annex-3", "fr", "ltr"),  # the presidency, the Niger
    ("annex-4", "en", "ltr"),  # Belgium
    ("annex-5", "en", "ltr"),  # Viet Nam
    ("annex-6", "en", "ltr"),  # Canada
    ("annex-7", "fr", "ltr"),  # Armenia
    ("annex-8", "zh-hans", "ltr"),  # China
    ("annex-9", "ar", "rtl"),  # Egypt
    ("annex-10", "fr", "ltr"),  # the European Union
    ("annex-11", "en", "ltr"),  # the Islamic Republic of Iran
]


def issue_and_build(user: User, meeting: Meeting, symbol: str = "S/2020/900") -> Compilation:
    compilation = start_compilation(user=user, meeting=meeting, language="en")
    issue(
        user=user,
        compilation=compilation,
        symbol=symbol,
        issued_on=proposed_letter_date(meeting) + datetime.timedelta(days=2),
        letter_date=proposed_letter_date(meeting),
    )
    return build(compilation.pk)


def revise(user: User, issued: Compilation) -> Compilation:
    successor = start_successor(user=user, issued=issued, kind=IssueKind.REVISION)
    issue(
        user=user,
        compilation=successor,
        symbol="",
        issued_on=proposed_letter_date(issued.meeting) + datetime.timedelta(days=9),
        letter_date=proposed_letter_date(issued.meeting),
    )
    return build(successor.pk)


@pytest.fixture
def issued(debate: Meeting, secretariat: User) -> Compilation:
    return issue_and_build(secretariat, debate)


def page(client: Client, url: str) -> Any:
    response = client.get(url)
    assert response.status_code == 200
    return lxml.html.document_fromstring(response.content)


def hits(tree: Any) -> list[tuple[str, str]]:
    """(annex link, marked text) of each search result."""
    return [
        (item.find("p/a").get("href"), item.find("p[@class='snippet']/mark").text)
        for item in tree.findall(".//ol[@class='hits']/li")
    ]


def test_list_shows_issued_compilations_to_anonymous(issued: Compilation) -> None:
    tree = page(Client(), "/documents/")
    (row,) = tree.findall(".//table[@class='documents']/tbody/tr")
    cells = row.findall("td")
    assert cells[0].find("a").get("href") == DOCUMENT
    assert cells[0].find("a").text == "S/2020/900"
    assert cells[1].text.startswith("Cooperation between the United Nations")
    assert cells[1].get("lang") == "en"
    assert issued.issued_on is not None
    assert cells[2].find("time").get("datetime") == issued.issued_on.isoformat()
    assert cells[3].text == "11"


def test_list_is_newest_first_with_revision_relations_in_constant_queries(
    issued: Compilation, secretariat: User, django_assert_num_queries: Any
) -> None:
    revised = revise(secretariat, issued)
    assert revised.symbol == "S/2020/900/Rev.1"
    with django_assert_num_queries(2):
        tree = page(Client(), "/documents/")
    rows = tree.findall(".//table[@class='documents']/tbody/tr")
    assert [row.find("td/a").text for row in rows] == ["S/2020/900/Rev.1", "S/2020/900"]
    relations = [" ".join(row.find("td/ul").text_content().split()) for row in rows]
    assert relations == ["Revises S/2020/900", "Revised by S/2020/900/Rev.1"]


def test_revision_page_links_to_what_it_revises(issued: Compilation, secretariat: User) -> None:
    revise(secretariat, issued)
    tree = page(Client(), "/documents/S/2020/900/Rev.1/")
    (link,) = tree.findall(".//ul[@class='relations']//a")
    assert link.get("href") == DOCUMENT


def test_list_shows_the_meeting_title_in_the_readers_language(issued: Compilation) -> None:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    cell = page(client, "/documents/").findall(".//tbody/tr/td")[1]
    assert (cell.text, cell.get("lang")) == (
        "联合国与区域和次区域组织的合作：法语国家国际组织的作用",
        "zh-hans",
    )
    meeting = issued.meeting
    meeting.titles.pop("ru")
    meeting.save()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    cell = page(client, "/documents/").findall(".//tbody/tr/td")[1]
    assert cell.get("lang") == "fr"  # no Russian title: the letter's original language


def test_unissued_compilation_is_not_public_even_to_the_secretariat(
    debate: Meeting, secretariat: User, as_secretariat: Client
) -> None:
    compilation = start_compilation(user=secretariat, meeting=debate, language="en")
    issue(
        user=secretariat,
        compilation=compilation,
        symbol="S/2020/900",
        issued_on=proposed_letter_date(debate) + datetime.timedelta(days=2),
        letter_date=proposed_letter_date(debate),
    )  # issuing, not yet built: not issued
    for client in (Client(), as_secretariat):
        assert client.get(DOCUMENT).status_code == 404
        assert client.get(DOCUMENT + "annex/1/").status_code == 404
        assert client.get(DOCUMENT + "download/pdf/").status_code == 404
    assert page(Client(), "/documents/").find(".//table") is None


def test_unknown_symbol_is_404(issued: Compilation) -> None:
    client = Client()
    assert client.get("/documents/S/2020/999/").status_code == 404
    assert client.get("/documents/S/2020/90/").status_code == 404
    assert client.get("/documents/S/2020/900/annex/12/").status_code == 404
    assert client.get("/documents/S/2020/900/annex/0/").status_code == 404
    assert client.get("/documents/S/2020/900/download/html/").status_code == 404


def test_document_shows_every_annex_with_its_id_language_and_direction(
    issued: Compilation,
) -> None:
    tree = page(Client(), DOCUMENT)
    sections = tree.findall(".//article[@class='un-document']/section")
    assert [(s.get("id"), s.get("lang"), s.get("dir")) for s in sections] == ANNEXES
    assert ARABIC in sections[8].text_content()
    assert CHINESE in sections[7].text_content()


def test_document_states_the_letters_language_and_each_annexs(issued: Compilation) -> None:
    tree = page(Client(), DOCUMENT)
    assert "The letter is in English." in tree.text_content()
    contents = tree.findall(".//nav[@class='contents']/ol/li")
    assert [item.find("span[@class='muted']").text for item in contents] == [
        "(English)", "(English)", "(French)", "(English)", "(English)", "(English)",
        "(French)", "(Chinese)", "(Arabic)", "(French)", "(English)",
    ]  # fmt: skip


def test_document_names_annex_languages_in_the_readers_language(issued: Compilation) -> None:
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    contents = page(client, DOCUMENT).findall(".//nav[@class='contents']/ol/li")
    with translation.override("zh-hans"):
        arabic = str(Language.ARABIC.label)
    assert arabic != "Arabic"
    assert contents[8].find("span[@class='muted']").text == f"({arabic})"


def test_document_links_each_annex_and_its_permalink(issued: Compilation) -> None:
    tree = page(Client(), DOCUMENT)
    egypt = tree.findall(".//nav[@class='contents']/ol/li")[8]
    assert [(a.get("href"), a.text) for a in egypt.findall("a")] == [
        ("#annex-9", "Annex 9"),
        ("/documents/S/2020/900/annex/9/", "Permalink to annex 9"),
    ]
    permalink = tree.get_element_by_id("annex-9").find("p[@class='annex-permalink']")
    assert (permalink.get("lang"), permalink.get("dir")) == ("en", "ltr")
    assert permalink.find("a").get("href") == "/documents/S/2020/900/annex/9/"
    assert permalink.find("a").text == "Permalink to annex 9"


def test_annex_page_shows_that_annex_alone(issued: Compilation) -> None:
    tree = page(Client(), "/documents/S/2020/900/annex/9/")
    (section,) = tree.findall(".//section[@class='un-annex']")
    assert (section.get("id"), section.get("lang"), section.get("dir")) == ("annex-9", "ar", "rtl")
    assert ARABIC in section.text_content()
    pager = [(a.get("href"), a.get("rel")) for a in tree.findall(".//nav[@class='pager']//a")]
    assert pager == [
        ("/documents/S/2020/900/annex/8/", "prev"),
        ("/documents/S/2020/900/#annex-9", None),
        ("/documents/S/2020/900/annex/10/", "next"),
    ]


def test_first_and_last_annex_pages_link_one_way(issued: Compilation) -> None:
    first = page(Client(), "/documents/S/2020/900/annex/1/")
    last = page(Client(), "/documents/S/2020/900/annex/11/")
    assert [a.get("rel") for a in first.findall(".//nav[@class='pager']//a")] == [None, "next"]
    assert [a.get("rel") for a in last.findall(".//nav[@class='pager']//a")] == ["prev", None]


@pytest.mark.parametrize("query", ["الأمم", "الامم", "الأُمَم", "إلامم", "الأمـــم"])
def test_search_finds_arabic_with_or_without_diacritics_and_any_alef(
    issued: Compilation, query: str
) -> None:
    tree = page(Client(), f"{DOCUMENT}?q={query}")
    assert hits(tree) == [("#annex-9", "الأمم")]


def test_search_finds_a_chinese_substring_of_two_characters(issued: Compilation) -> None:
    assert hits(page(Client(), f"{DOCUMENT}?q=合国")) == [("#annex-8", "合国")]


def test_search_finds_a_french_word_without_its_accent(issued: Compilation) -> None:
    found = hits(page(Client(), f"{DOCUMENT}?q=securite"))
    assert found == [("#annex-3", "sécurité"), ("#annex-7", "sécurité"), ("#annex-10", "sécurité")]


def test_search_with_no_hit_says_so(issued: Compilation) -> None:
    tree = page(Client(), f"{DOCUMENT}?q=Darfour")
    assert tree.get_element_by_id("results-title").text_content() == "0 annexes contain “Darfour”"
    assert hits(tree) == []


def test_document_without_query_shows_no_results(issued: Compilation) -> None:
    assert page(Client(), f"{DOCUMENT}?q=+").find(".//section[@class='results']") is None


def test_search_escapes_statement_text_and_query(debate: Meeting, secretariat: User) -> None:
    submit(debate, "FRA", ENGLISH + " <script>alert('sahel')</script> <b>bold</b>")
    issue_and_build(secretariat, debate)
    response = Client().get(f"{DOCUMENT}?q=alert+<i>")
    content = response.content.decode()
    assert "<script>alert" not in content
    assert "<b>bold" not in content
    assert "<i>" not in content
    tree = page(Client(), f"{DOCUMENT}?q=alert")
    (item,) = tree.findall(".//ol[@class='hits']/li")
    snippet = lxml.html.tostring(item.find("p[@class='snippet']"), encoding="unicode")
    assert "&lt;script&gt;<mark>alert</mark>('sahel')&lt;/script&gt;" in snippet
    assert item.find("p[@class='snippet']/script") is None


def test_search_of_all_issued_compilations(issued: Compilation) -> None:
    tree = page(Client(), "/documents/search/?q=合国")
    (result,) = tree.findall(".//section[@class='results']")
    assert result.find("h2/a").get("href") == f"{DOCUMENT}?q=%E5%90%88%E5%9B%BD"
    assert hits(tree) == [("/documents/S/2020/900/annex/8/", "合国")]


def test_search_of_all_issued_compilations_without_hits(issued: Compilation) -> None:
    tree = page(Client(), "/documents/search/?q=Darfour")
    assert tree.find(".//section[@class='results']") is None
    assert "No issued annex contains “Darfour”." in tree.text_content()
    assert "No issued annex" not in page(Client(), "/documents/search/").text_content()


def test_compilation_of_193_annexes_is_read_and_searched(open_meeting: Meeting) -> None:
    """Every Member State annexed: the sample letter's five annexes, in turn, 193 times."""
    sample = chinese_letter()
    annexes = tuple(
        dataclasses.replace(sample.annexes[n % 5], anchor=f"annex-{n + 1}", label=f"附件{n + 1}")
        for n in range(193)
    )
    html = render_html(dataclasses.replace(sample, annexes=annexes)).encode()
    name = default_storage.save("compilations/193/compilation.html", ContentFile(html))
    Compilation.objects.create(
        meeting=open_meeting,
        language="zh",
        status=CompilationStatus.ISSUED,
        symbol="S/2020/866",
        issued_on=datetime.date(2020, 9, 2),
        files={"html": {"name": name, "sha256": "", "bytes": len(html)}},
        contents=[f"item-{n}" for n in range(193)],
    )
    tree = page(Client(), "/documents/S/2020/866/")
    assert len(tree.findall(".//article/section")) == 193
    assert len(tree.findall(".//nav[@class='contents']/ol/li")) == 193
    assert "The letter is in Chinese." in tree.text_content()
    found = hits(page(Client(), f"/documents/S/2020/866/?q={RUSSIAN_WORD.upper()}"))
    assert found == [(f"#annex-{n}", RUSSIAN_WORD) for n in range(3, 194, 5)]
    last = page(Client(), "/documents/S/2020/866/annex/193/")
    assert [s.get("lang") for s in last.findall(".//section")] == ["ru"]


def download(client: Client, url: str) -> tuple[bytes, str, str]:
    response = client.get(url)
    assert response.status_code == 200
    content = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    return content, response["Content-Type"], response["Content-Disposition"]


def test_download_issued_files(issued: Compilation) -> None:
    client = Client()
    pdf, pdf_type, pdf_name = download(client, DOCUMENT + "download/pdf/")
    assert pdf.startswith(b"%PDF")
    assert (pdf_type, pdf_name) == ("application/pdf", 'attachment; filename="S-2020-900.pdf"')
    akn, akn_type, akn_name = download(client, DOCUMENT + "download/akn/")
    assert b"<akomaNtoso" in akn
    assert (akn_type, akn_name) == (
        "application/akn+xml",
        'attachment; filename="S-2020-900.akn.xml"',
    )
    docx, _type, docx_name = download(client, DOCUMENT + "download/docx/")
    assert docx.startswith(b"PK")
    assert docx_name == 'attachment; filename="S-2020-900.docx"'


def test_issue_keeps_the_text_search_reads(issued: Compilation) -> None:
    rows = list(issued.annex_texts.all())
    assert [(row.number, row.language) for row in rows] == [
        (int(anchor.removeprefix("annex-")), "zh" if lang == "zh-hans" else lang)
        for anchor, lang, _ in ANNEXES
    ]
    assert all(row.label == f"Annex {row.number}" for row in rows)
    assert rows[7].folded == fold_lines(rows[7].text)
    assert "联合国" in rows[7].text
    # One folded line a paragraph, in Chinese and Arabic alike: search finds a hit's paragraph.
    assert [row.folded.count("\n") for row in rows[7:9]] == [
        row.text.count("\n") for row in rows[7:9]
    ]
    assert rows[8].folded.split("\n")[-1] == normalize(rows[8].text.split("\n")[-1])


def test_search_of_all_issued_compilations_reads_no_file_in_constant_queries(
    debate: Meeting, secretariat: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A year of issued compilations is searched in the database: adding compilations adds
    no query, and no issued file is opened."""
    issue_and_build(secretariat, debate, "S/2020/900")

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("search opened an issued file")

    client = Client()
    monkeypatch.setattr(FileSystemStorage, "open", refuse)
    with CaptureQueriesContext(connection) as one:
        tree = page(client, "/documents/search/?q=合国")
    assert len(tree.findall(".//section[@class='results']")) == 1
    monkeypatch.undo()
    revise(secretariat, Compilation.objects.get(symbol="S/2020/900"))
    monkeypatch.setattr(FileSystemStorage, "open", refuse)
    with CaptureQueriesContext(connection) as two:
        tree = page(client, "/documents/search/?q=合国")
    assert len(tree.findall(".//section[@class='results']")) == 2
    assert len(two) == len(one)


def test_compilation_issued_before_search_rows_is_read_once(issued: Compilation) -> None:
    issued.annex_texts.all().delete()
    assert hits(page(Client(), "/documents/search/?q=合国")) == [
        ("/documents/S/2020/900/annex/8/", "合国")
    ]
    assert issued.annex_texts.count() == len(ANNEXES)


def test_search_of_all_issued_compilations_shows_a_page_of_hits_at_a_time(
    issued: Compilation, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(views_public, "RESULTS_PER_PAGE", 2)
    first = page(Client(), "/documents/search/?q=securite")
    assert hits(first) == [
        ("/documents/S/2020/900/annex/3/", "sécurité"),
        ("/documents/S/2020/900/annex/7/", "sécurité"),
    ]
    assert first.find(".//p[@class='result-count']").text == "Matching annexes 1 to 2 of 3"
    assert first.find(".//a[@rel='next']").get("href") == "?q=securite&page=2"
    assert first.find(".//a[@rel='prev']") is None
    with translation.override("fr"):
        second = page(Client(HTTP_ACCEPT_LANGUAGE="fr"), "/documents/search/?q=securite&page=2")
    assert hits(second) == [("/documents/S/2020/900/annex/10/", "sécurité")]
    assert second.find(".//p[@class='result-count']").text == (
        "Annexes correspondantes 3 à 3 sur 3"
    )
    assert second.find(".//a[@rel='prev']").get("href") == "?q=securite&page=1"
    assert second.find(".//a[@rel='next']") is None


@pytest.mark.parametrize(
    ("language", "count", "previous"),
    [
        ("ar", "المرفقات المطابقة من 3 إلى 3 من أصل 3", "النتائج السابقة"),
        ("zh-hans", "匹配的附件：第 3 至 3 个，共 3 个", "上一页结果"),
    ],
)
def test_search_pages_speak_arabic_and_chinese(
    issued: Compilation,
    monkeypatch: pytest.MonkeyPatch,
    language: str,
    count: str,
    previous: str,
) -> None:
    monkeypatch.setattr(views_public, "RESULTS_PER_PAGE", 2)
    with translation.override(language):
        tree = page(Client(HTTP_ACCEPT_LANGUAGE=language), "/documents/search/?q=securite&page=2")
    assert hits(tree) == [("/documents/S/2020/900/annex/10/", "sécurité")]
    assert tree.find(".//p[@class='result-count']").text == count
    assert tree.find(".//a[@rel='prev']").text == previous
