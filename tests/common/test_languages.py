from __future__ import annotations

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.test import Client
from pytest_django import DjangoAssertNumQueries

from opendebate.common.languages import Language

pytestmark = pytest.mark.django_db

UI_CODES = ["ar", "zh-hans", "en", "fr", "ru", "es"]


@pytest.mark.parametrize(
    ("code", "direction", "sign_in"),
    [
        ("ar", "rtl", "تسجيل الدخول"),
        ("zh-hans", "ltr", "登录"),
        ("en", "ltr", "Sign in"),
        ("fr", "ltr", "Se connecter"),
        ("ru", "ltr", "Войти"),
        ("es", "ltr", "Iniciar sesión"),
    ],
)
def test_pages_follow_the_language_and_direction(code: str, direction: str, sign_in: str) -> None:
    client = Client(headers={"accept-language": code})
    for path in ("/", "/registry/", "/account/sign-in/"):
        html = client.get(path).content.decode()
        assert f'<html lang="{code}" dir="{direction}">' in html, path
        assert sign_in in html, path


def test_switcher_names_each_language_in_its_own_script(client: Client) -> None:
    html = client.get("/").content.decode()
    for autonym in ("العربية", "中文", "English", "Français", "Русский", "Español"):
        assert autonym in html


def test_switching_language_sets_the_cookie(client: Client) -> None:
    response = client.post("/i18n/setlang/", {"language": "ar", "next": "/registry/"})
    assert response["Location"] == "/registry/"
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "ar"
    html = client.get("/registry/").content.decode()
    assert 'dir="rtl"' in html
    assert "النيجر" in html


def test_registry_shows_names_in_the_reader_language() -> None:
    html = (
        Client(headers={"accept-language": "zh-hans"}).get("/registry/?year=2020").content.decode()
    )
    assert "尼日尔" in html
    assert "大不列颠及北爱尔兰联合王国" in html


@pytest.mark.parametrize("locale", ["ar", "zh_Hans", "en", "fr", "ru", "es"])
def test_catalog_is_complete(locale: str) -> None:
    path = settings.LOCALE_PATHS[0] / locale / "LC_MESSAGES" / "django.po"
    with path.open("rb") as handle:
        catalog = read_po(handle)
    missing = [
        m.id
        for m in catalog
        if m.id
        and (
            m.fuzzy
            or not m.string
            or not all(m.string if isinstance(m.string, tuple) else [m.string])
        )
    ]
    assert missing == []
    assert len(catalog) > 100


def test_language_letters_and_ui_codes() -> None:
    assert [language.letter for language in Language] == ["A", "C", "E", "F", "R", "S"]
    assert [language.ui_code for language in Language] == UI_CODES
    assert Language.from_ui_code("zh-hans") == Language.CHINESE
    assert Language.from_ui_code("pt-br") == Language.ENGLISH


def test_registry_page_queries_do_not_grow_with_the_entities(
    client: Client, django_assert_max_num_queries: DjangoAssertNumQueries
) -> None:
    # Entities, the year's seats and the year's presidencies: one query each (plus the session).
    with django_assert_max_num_queries(4):
        assert client.get("/registry/?year=2020").status_code == 200
