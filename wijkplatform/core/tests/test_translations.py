"""Dutch and English ship complete: a missing or fuzzy Dutch message fails here.

`make test` first extracts the messages from the code (when gettext is installed), so a new string that
nobody translated shows up as missing.
"""

import re
from pathlib import Path

import polib
import pytest
from django.test import Client
from django.urls import reverse

APPS_DIR = Path(__file__).resolve().parents[2]
# Every language of the interface except English, the source: German, French, Spanish, Turkish, Polish, Arabic too.
LANGUAGES = ["nl", "de", "fr", "es", "tr", "pl", "ar"]
CATALOGUES = sorted(path for code in LANGUAGES for path in APPS_DIR.glob(f"*/locale/{code}/LC_MESSAGES/django.po"))


def test_every_app_with_strings_has_a_dutch_catalogue():
    assert CATALOGUES, "no Dutch catalogues found"


def test_every_app_has_every_language():
    for nl in APPS_DIR.glob("*/locale/nl/LC_MESSAGES/django.po"):
        for code in LANGUAGES:
            assert (nl.parents[2] / code / "LC_MESSAGES" / "django.po").exists(), f"{nl.parents[3].name}: no {code}"


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: f"{p.parts[-5]}-{p.parts[-3]}")
def test_every_language_is_complete_and_not_fuzzy(path):
    po = polib.pofile(str(path))
    missing = [entry.msgid for entry in po if not entry.translated() and not entry.obsolete]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert missing == [], f"{path}: untranslated"
    assert fuzzy == [], f"{path}: fuzzy"


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: f"{p.parts[-5]}-{p.parts[-3]}")
def test_compiled_catalogue_matches(path):
    mo_path = path.with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} is missing: run 'make messages'"
    compiled = {entry.msgid: entry.msgstr for entry in polib.mofile(str(mo_path))}
    for entry in polib.pofile(str(path)).translated_entries():
        if not entry.msgid_plural:
            assert compiled.get(entry.msgid) == entry.msgstr, f"{mo_path} is stale: run 'make messages'"


def test_page_speaks_dutch_from_accept_language(client, wijk):
    response = client.get(reverse("wijken:home", kwargs={"wijk_slug": wijk.slug}), HTTP_ACCEPT_LANGUAGE="nl")
    page = response.content.decode()
    assert '<html lang="nl"' in page
    assert "Naar de inhoud" in page


def test_page_speaks_english_from_accept_language(client, wijk):
    response = client.get(reverse("wijken:home", kwargs={"wijk_slug": wijk.slug}), HTTP_ACCEPT_LANGUAGE="en-GB")
    assert "Skip to content" in response.content.decode()


def test_the_switcher_choice_is_remembered(client, wijk):
    home = reverse("wijken:home", kwargs={"wijk_slug": wijk.slug})
    response = client.post(reverse("set_language"), {"language": "nl", "next": home})
    assert response.status_code == 302
    page = client.get(home, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Naar de inhoud" in page


def test_error_pages_speak_dutch(client, db):
    response = client.get("/no-such-wijk/", HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 404
    assert "We konden deze pagina niet vinden" in response.content.decode()


def test_a_wijk_speaks_its_own_language_to_visitors_without_a_preference(client, wijk, other_wijk):
    home = reverse("wijken:home", kwargs={"wijk_slug": wijk.slug})
    assert "Naar de inhoud" in client.get(home, HTTP_ACCEPT_LANGUAGE="").content.decode()
    assert "Naar de inhoud" in client.get(home, HTTP_ACCEPT_LANGUAGE="xx-YY").content.decode()
    other_home = reverse("wijken:home", kwargs={"wijk_slug": other_wijk.slug})
    assert "Skip to content" in client.get(other_home, HTTP_ACCEPT_LANGUAGE="").content.decode()


def test_a_person_s_own_language_comes_before_the_wijk_s(client, wijk, alice):
    alice.preferred_language = "en"
    alice.save()
    client.force_login(alice)
    home = reverse("wijken:home", kwargs={"wijk_slug": wijk.slug})
    assert "Skip to content" in client.get(home, HTTP_ACCEPT_LANGUAGE="nl").content.decode()


def test_arabic_pages_read_right_to_left(client, wijk):
    home = reverse("wijken:home", kwargs={"wijk_slug": wijk.slug})
    page = client.get(home, HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert '<html lang="ar" dir="rtl">' in page


def test_every_language_of_the_switcher_is_offered(client, wijk):
    page = client.get("/").content.decode()
    for code in ("nl", "en", "de", "fr", "es", "tr", "pl", "ar"):
        assert f'value="{code}"' in page


def test_log_in_and_sign_up_are_two_different_words_in_every_language(client, wijk):
    # Django's admin says "Aanmelden" for "Log in", the same as our Dutch "Sign up": ours carry a context.
    for language in ("nl", "de", "fr", "es", "tr", "pl", "ar"):
        page = Client(HTTP_ACCEPT_LANGUAGE=language).get(f"/{wijk.slug}/events/").content.decode()
        login = re.search(r'href="/accounts/login/[^"]*">([^<]+)</a>', page).group(1)
        signup = re.search(r'href="/accounts/signup/">([^<]+)</a>', page).group(1)
        assert login != signup, language
