"""The page cache: visitors without a session get a stored page, and never a stale or someone else's one."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wijkplatform.community.models import Post
from wijkplatform.community.tests.factories import PostFactory
from wijkplatform.core.testing.factories import WijkFactory

NONCE_IN_PAGE = re.compile(r'<script[^>]+nonce="([^"]+)"')


@pytest.fixture
def feed(wijk):
    return f"/{wijk.slug}/feed/"


def test_a_second_visitor_gets_the_page_without_rendering_it(client, wijk, alice, feed, django_assert_max_num_queries):
    PostFactory(wijk=wijk, author=alice, text="Wie leent mij een ladder?")
    assert "Wie leent mij een ladder?" in client.get(feed).content.decode()
    with django_assert_max_num_queries(1):  # the wijk from its address; the page from the cache
        response = Client(HTTP_ACCEPT_LANGUAGE="en").get(feed)
    assert response.status_code == 200
    assert "Wie leent mij een ladder?" in response.content.decode()
    assert "Cookie" in response["Vary"] and "Accept-Language" in response["Vary"]


def test_a_new_post_shows_at_once(client, wijk, alice, feed):
    client.get(feed)
    PostFactory(wijk=wijk, author=alice, text="Straatfeest zaterdag!")
    assert "Straatfeest zaterdag!" in Client(HTTP_ACCEPT_LANGUAGE="en").get(feed).content.decode()


def test_a_post_hidden_by_a_bulk_update_disappears_at_once(client, wijk, alice, feed):
    post = PostFactory(wijk=wijk, author=alice, text="Iets wat weg moet")
    assert "Iets wat weg moet" in client.get(feed).content.decode()
    Post.objects.in_wijk(wijk).filter(pk=post.pk).update(hidden_at=timezone.now())
    assert "Iets wat weg moet" not in Client(HTTP_ACCEPT_LANGUAGE="en").get(feed).content.decode()


def test_a_deleted_post_disappears_at_once(client, wijk, alice, feed):
    post = PostFactory(wijk=wijk, author=alice, text="Even weg")
    client.get(feed)
    post.delete()
    assert "Even weg" not in Client(HTTP_ACCEPT_LANGUAGE="en").get(feed).content.decode()


def test_a_changed_name_shows_at_once(client, wijk, alice, feed):
    PostFactory(wijk=wijk, author=alice, text="Hallo")
    client.get(feed)
    alice.display_name = "Alice van der Berg"
    alice.save()
    assert "Alice van der Berg" in Client(HTTP_ACCEPT_LANGUAGE="en").get(feed).content.decode()


def test_every_visitor_gets_a_fresh_nonce_that_matches_the_policy(wijk, feed):
    nonces = []
    for _ in range(2):
        response = Client(HTTP_ACCEPT_LANGUAGE="en").get(feed)
        nonce = NONCE_IN_PAGE.search(response.content.decode()).group(1)
        assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
        nonces.append(nonce)
    assert nonces[0] != nonces[1]


def test_a_form_on_a_cached_page_posts_with_its_own_token(wijk, feed):
    Client(HTTP_ACCEPT_LANGUAGE="en").get(feed)  # fills the cache
    visitor = Client(HTTP_ACCEPT_LANGUAGE="en", enforce_csrf_checks=True)
    page = visitor.get(feed).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = visitor.post("/i18n/setlang/", {"csrfmiddlewaretoken": token, "language": "nl", "next": feed})
    assert response.status_code == 302
    assert "nl" in visitor.get(feed)["Content-Language"]


def test_each_language_has_its_own_page(wijk, feed):
    english = Client(HTTP_ACCEPT_LANGUAGE="en").get(feed)
    dutch = Client(HTTP_ACCEPT_LANGUAGE="nl").get(feed)
    assert english["Content-Language"] == "en" and '<html lang="en"' in english.content.decode()
    assert dutch["Content-Language"] == "nl" and '<html lang="nl"' in dutch.content.decode()


def test_a_member_never_gets_the_visitors_page(client, wijk, alice, feed):
    Client(HTTP_ACCEPT_LANGUAGE="en").get(feed)
    client.force_login(alice)
    page = client.get(feed).content.decode()
    assert "Alice" in page and "Log out" in page


def test_the_visitors_page_never_holds_a_members_view(client, wijk, alice, feed):
    client.force_login(alice)
    client.get(feed)
    page = Client(HTTP_ACCEPT_LANGUAGE="en").get(feed).content.decode()
    assert "Log out" not in page


def test_a_flash_message_is_never_served_from_or_into_the_cache(wijk, feed):
    visitor = Client(HTTP_ACCEPT_LANGUAGE="en")
    visitor.get(feed)
    visitor.cookies["messages"] = "not-a-valid-message-cookie"
    assert visitor.get(feed).status_code == 200  # rendered, not stored, not taken from the store


def test_wijken_never_share_pages(client, wijk, alice, feed):
    PostFactory(wijk=wijk, author=alice, text="Alleen in het Oude Noorden")
    client.get(feed)
    other = WijkFactory(slug="bo-kaap", name="Bo-Kaap", language="en")
    page = Client(HTTP_ACCEPT_LANGUAGE="en").get(f"/{other.slug}/feed/").content.decode()
    assert "Alleen in het Oude Noorden" not in page and "Bo-Kaap" in page


def test_it_can_be_switched_off(client, wijk, alice, feed, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get(feed)
    with CaptureQueriesContext(connection) as queries:
        Client(HTTP_ACCEPT_LANGUAGE="en").get(feed)
    assert len(queries) > 1


def test_a_private_row_leaves_the_cached_page_alone(client, wijk, alice, feed, django_assert_max_num_queries):
    from wijkplatform.notifications.models import Notification

    client.get(feed)
    Notification.objects.create(wijk=wijk, recipient=alice, kind="comment", title="Bob reageerde", url=feed)
    with django_assert_max_num_queries(1):
        Client(HTTP_ACCEPT_LANGUAGE="en").get(feed)


def test_the_directory_follows_the_wijken_not_every_post(client, wijk, alice, django_assert_max_num_queries):
    assert "Oude Noorden" in client.get("/").content.decode()
    PostFactory(wijk=wijk, author=alice, text="Een bericht")
    with django_assert_max_num_queries(0):  # its counts may wait PAGE_CACHE_SECONDS
        Client(HTTP_ACCEPT_LANGUAGE="en").get("/")
    WijkFactory(slug="fitzroy", name="Fitzroy", language="en")
    assert "Fitzroy" in Client(HTTP_ACCEPT_LANGUAGE="en").get("/").content.decode()


def test_the_read_api_is_kept_for_callers_without_a_token(wijk, alice, django_assert_max_num_queries):
    url = f"/api/v1/wijken/{wijk.slug}/posts"
    PostFactory(wijk=wijk, author=alice, text="Eerste")
    assert "Eerste" in Client().get(url).content.decode()
    with django_assert_max_num_queries(0):
        response = Client().get(url)
    assert response.status_code == 200 and response.json()["items"][0]["text"] == "Eerste"
    PostFactory(wijk=wijk, author=alice, text="Tweede")
    assert "Tweede" in Client().get(url).content.decode()


def test_a_caller_with_a_token_is_never_served_the_anonymous_answer(wijk, alice):
    from wijkplatform.accounts.tokens import token_create

    url = f"/api/v1/wijken/{wijk.slug}/posts"
    PostFactory(wijk=wijk, author=alice, text="Alleen voor leden", audience="members")
    assert "Alleen voor leden" not in Client().get(url).content.decode()
    _token, raw = token_create(user=alice, name="reader", scope="read")
    answer = Client(HTTP_AUTHORIZATION=f"Bearer {raw}").get(url).content.decode()
    assert "Alleen voor leden" in answer


def test_a_stored_page_without_a_form_sets_no_csrf_cookie(client, wijk):
    client.get("/wijken/markers.json")
    stored = Client(HTTP_ACCEPT_LANGUAGE="en").get("/wijken/markers.json")
    assert stored.status_code == 200 and "csrftoken" not in stored.cookies



def test_a_page_read_often_is_kept_in_the_process_and_a_write_elsewhere_shows_within_a_second(
    wijk, alice, feed, monkeypatch
):
    from django.core.cache import cache

    from wijkplatform.core import pagecache

    post = PostFactory(wijk=wijk, author=alice, text="Wie leent mij een ladder?")
    visitor = Client(HTTP_ACCEPT_LANGUAGE="en")
    visitor.get(feed)  # rendered and stored
    visitor.get(feed)  # read from the shared cache, and kept in the process
    with monkeypatch.context() as counting:
        trips = []
        counting.setattr(cache, "get_many", lambda keys: trips.append(keys) or {})
        assert "Wie leent mij een ladder?" in visitor.get(feed).content.decode()
        assert trips == []  # no round trip at all

    # Another process changes the post: the shared cache gets a new version, this process hears nothing.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE community_post SET text = %s WHERE wijk_id = %s AND id = %s",
            ["Ladder gevonden, dank!", wijk.pk, post.pk],
        )
    cache.set(pagecache._version_key(wijk.pk), "written-elsewhere", None)
    assert "Wie leent mij een ladder?" in visitor.get(feed).content.decode()  # up to a second late here
    later = pagecache.time.monotonic() + pagecache.VISITOR_SECONDS
    monkeypatch.setattr(pagecache.time, "monotonic", lambda: later)
    assert "Ladder gevonden, dank!" in visitor.get(feed).content.decode()


def test_a_write_in_this_process_shows_at_once_on_a_page_it_keeps(client, wijk, alice, feed):
    visitor = Client(HTTP_ACCEPT_LANGUAGE="en")
    visitor.get(feed)
    visitor.get(feed)  # kept in the process
    PostFactory(wijk=wijk, author=alice, text="Straatfeest zaterdag!")
    assert "Straatfeest zaterdag!" in visitor.get(feed).content.decode()
