"""Each web process keeps the rows of the people logged in (accounts/backends.py): a member's page needs no
query to know who they are, and any save of their row (here or in another process) is seen on the next page.
Their session is read in the same round trip as their version (accounts/sessions.py)."""

import pickle

import pytest
from django.contrib.sessions.backends.cached_db import KEY_PREFIX as SESSION_CACHE_PREFIX
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wijkplatform.accounts import backends
from wijkplatform.accounts.models import User
from wijkplatform.accounts.privacy import account_erase
from wijkplatform.core.testing.cache import round_trips
from wijkplatform.core.testing.clients import logged_in
from wijkplatform.core.testing.factories import PASSWORD

pytestmark = pytest.mark.django_db
PERSON_ROW = 'FROM "accounts_user" WHERE "accounts_user"."id" ='


@pytest.fixture(autouse=True)
def _as_in_production(settings):
    """Sessions in the cache and the rows kept, as with Redis (here the process's own cache stands in)."""
    settings.KEEP_PEOPLE_IN_PROCESS = True
    settings.SESSION_ENGINE = "wijkplatform.accounts.sessions"


def _page(browser, wijk):
    return browser.get(reverse("wijken:home", kwargs={"wijk_slug": wijk.slug}))


def _row_reads(browser, wijk):
    with CaptureQueriesContext(connection) as queries:
        assert _page(browser, wijk).status_code == 200
    return [query["sql"] for query in queries if PERSON_ROW in query["sql"]]


def _saved_elsewhere(person, **changes):
    """A save in another process: it changes the person's version in the shared cache, not this process's rows."""
    person = User.objects.get(pk=person.pk)
    for field, value in changes.items():
        setattr(person, field, value)
    person.save()


def test_a_members_page_reads_their_row_once_per_process(wijk, bob):
    as_bob = logged_in(bob)
    assert len(_row_reads(as_bob, wijk)) == 1
    assert _row_reads(as_bob, wijk) == []


def test_a_process_keeps_no_more_people_than_its_limit(wijk, alice, bob, monkeypatch):
    monkeypatch.setattr(backends._kept, "size", 1)
    as_alice, as_bob = logged_in(alice), logged_in(bob)
    _row_reads(as_alice, wijk)
    _row_reads(as_bob, wijk)  # Alice's row makes way for Bob's
    assert len(_row_reads(as_alice, wijk)) == 1
    assert len(_row_reads(as_alice, wijk)) == 0


def test_without_keeping_every_page_reads_the_row(wijk, bob, settings):
    settings.KEEP_PEOPLE_IN_PROCESS = False
    as_bob = logged_in(bob)
    _row_reads(as_bob, wijk)
    assert len(_row_reads(as_bob, wijk)) == 1


def test_a_new_name_shows_on_the_next_page(wijk, bob):
    as_bob = logged_in(bob)
    assert "Bob" in _page(as_bob, wijk).content.decode()
    _saved_elsewhere(bob, display_name="Robbert")
    page = _page(as_bob, wijk).content.decode()
    assert "Robbert" in page and ">Bob<" not in page


def test_a_new_password_logs_out_the_other_sessions_at_once(wijk, bob):
    phone, laptop = logged_in(bob), logged_in(bob)
    assert _page(phone, wijk).status_code == 200
    response = laptop.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": "een-nieuw-wachtwoord-42", "password2": "een-nieuw-wachtwoord-42"},
    )
    assert response.status_code == 302
    assert phone.get(reverse("accounts:profile")).status_code == 302  # to the login page
    assert laptop.get(reverse("accounts:profile")).status_code == 200  # the session that changed it stays


def test_a_deactivated_person_is_logged_out_at_once(wijk, bob):
    as_bob = logged_in(bob)
    assert as_bob.get(reverse("accounts:profile")).status_code == 200
    _saved_elsewhere(bob, is_active=False)
    assert as_bob.get(reverse("accounts:profile")).status_code == 302


def test_an_erased_person_is_logged_out_at_once(wijk, bob):
    """Erasing changes the row without `save()`; it says so itself, and ends the sessions kept in the cache."""
    as_bob = logged_in(bob)
    assert as_bob.get(reverse("accounts:profile")).status_code == 200
    session_key = as_bob.session.session_key
    account_erase(user=User.objects.get(pk=bob.pk))
    assert cache.get(SESSION_CACHE_PREFIX + session_key) is None
    assert as_bob.get(reverse("accounts:profile")).status_code == 302


def test_a_form_that_changes_the_person_and_fails_leaves_the_kept_row_alone(wijk, bob):
    as_bob = logged_in(bob)
    _page(as_bob, wijk)
    response = as_bob.post(reverse("accounts:profile"), {"display_name": "Robbert", "profile_visibility": "bogus"})
    assert response.status_code == 400
    page = as_bob.get(reverse("accounts:profile")).content.decode()
    assert 'value="Bob"' in page and "Robbert" not in page


def test_the_password_hash_stays_out_of_the_shared_cache(wijk, bob):
    as_bob = logged_in(bob)
    _page(as_bob, wijk)
    _page(as_bob, wijk)
    password_hash = User.objects.get(pk=bob.pk).password
    assert password_hash not in "".join(repr(value) for value in _everything_in_the_cache())


def test_a_members_page_asks_the_shared_cache_once_session_included(wijk, bob, monkeypatch):
    as_bob = logged_in(bob)
    _page(as_bob, wijk)
    _page(as_bob, wijk)  # the process now knows whose session it is
    calls = round_trips(monkeypatch)
    with CaptureQueriesContext(connection) as queries:
        page = _page(as_bob, wijk).content.decode()
    assert "Bob" in page and len(queries) == 0
    assert calls == ["get_many"]


def test_a_session_gone_from_the_cache_is_read_from_the_database(wijk, bob):
    as_bob = logged_in(bob)
    _page(as_bob, wijk)
    cache.delete(SESSION_CACHE_PREFIX + as_bob.session.session_key)
    assert "Bob" in _page(as_bob, wijk).content.decode()
    assert cache.get(SESSION_CACHE_PREFIX + as_bob.session.session_key) is not None  # and kept again


def test_logging_out_ends_the_session_the_process_knows(wijk, bob):
    as_bob = logged_in(bob)
    _page(as_bob, wijk)
    _page(as_bob, wijk)
    as_bob.post(reverse("account_logout"))
    assert as_bob.get(reverse("accounts:profile")).status_code == 302


def test_with_redis_down_members_get_their_pages_and_a_new_password_still_ends_sessions(wijk, bob, settings):
    pytest.importorskip("django_redis")
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
            "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2},
        }
    }
    as_bob = logged_in(bob)
    assert "Bob" in _page(as_bob, wijk).content.decode()
    assert len(_row_reads(as_bob, wijk)) == 1  # nothing is kept without the cache: the row is read each time
    _saved_elsewhere(bob, password="!")  # a new password (here: none that can log in)
    assert as_bob.get(reverse("accounts:profile")).status_code == 302


def _everything_in_the_cache():
    if hasattr(cache, "keys"):  # Redis
        return [cache.get(key) for key in cache.keys("*")]
    return [pickle.loads(value) for value in cache._cache.values()]  # noqa: S301 - the test's own cache


def test_a_wijk_page_is_given_the_person_itself(wijk, bob, client):
    """A wijk's page reads `request.user` many times: each read reaches the person, not a lazy stand-in."""
    assert type(_page(logged_in(bob), wijk).wsgi_request.user) is User
    assert not _page(client, wijk).wsgi_request.user.is_authenticated
