"""A member's feed shares its post cards with every reader: rendered once, each member still sees their own."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wijkplatform.community import selectors
from wijkplatform.community.models import Like
from wijkplatform.core.testing.clients import logged_in
from wijkplatform.core.testing.factories import member
from wijkplatform.partners.models import Organisation, PartnerPresence, Representative

from .factories import PostFactory
from .helpers import url

pytestmark = pytest.mark.django_db

CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def like_button(page, post):
    """The like form of this post's card, without its CSRF token (masked afresh on every page)."""
    card = page[page.index(f'id="post-{post.pk}"') :]
    return CSRF_FIELD.sub("", card[: card.index("</form>")])


def csrf_token(page, post):
    card = page[page.index(f'id="post-{post.pk}"') :]
    return CSRF_FIELD.search(card).group(1)


def test_each_member_sees_their_own_like_on_a_shared_card(wijk, alice, bob):
    post = PostFactory(wijk=wijk, author=alice, text="Wie helpt met de moestuin?")
    Like.objects.create(wijk=wijk, post=post, user=alice)
    as_alice, as_bob = logged_in(alice), logged_in(bob)

    alice_page = as_alice.get(url("feed", wijk)).content.decode()
    bob_page = as_bob.get(url("feed", wijk)).content.decode()
    alice_again = as_alice.get(url("feed", wijk)).content.decode()

    assert 'aria-pressed="true"' in like_button(alice_page, post)
    assert 'aria-pressed="false"' in like_button(bob_page, post)
    assert like_button(alice_again, post) == like_button(alice_page, post)
    assert "1 like" in like_button(bob_page, post)


def test_a_kept_card_needs_no_read_of_the_post(wijk, alice, bob):
    PostFactory(wijk=wijk, author=alice, text="Rommelmarkt op zondag")
    logged_in(alice).get(url("feed", wijk))
    with CaptureQueriesContext(connection) as queries:
        page = logged_in(bob).get(url("feed", wijk)).content.decode()
    assert "Rommelmarkt op zondag" in page
    assert not any("community_postphoto" in query["sql"] for query in queries.captured_queries)


def test_every_reader_gets_their_own_csrf_token_and_way_back(wijk, alice, bob):
    post = PostFactory(wijk=wijk, author=alice, kind="offer")
    as_alice, as_bob = logged_in(alice), logged_in(bob, enforce_csrf_checks=True)
    as_alice.get(url("feed", wijk) + "?kind=offer")
    page = as_bob.get(url("feed", wijk) + "?kind=offer&x=<b>").content.decode()
    form = like_button(page, post)

    assert "\x00" not in page
    assert f'name="next" value="/{wijk.slug}/feed/?kind=offer&amp;x=%3Cb%3E"' in form
    token = csrf_token(page, post)
    liked = as_bob.post(url("post_like", wijk, pk=post.pk), {"csrfmiddlewaretoken": token, "next": "/x"})
    assert liked.status_code == 302
    assert Like.objects.in_wijk(wijk).filter(post=post, user=bob).exists()


def test_a_like_shows_at_once_on_every_readers_card(wijk, alice, bob):
    post = PostFactory(wijk=wijk, author=alice)
    as_alice, as_bob = logged_in(alice), logged_in(bob)
    as_alice.get(url("feed", wijk))
    as_bob.post(url("post_like", wijk, pk=post.pk))
    assert "1 like" in like_button(as_alice.get(url("feed", wijk)).content.decode(), post)
    assert 'aria-pressed="true"' in like_button(as_bob.get(url("feed", wijk)).content.decode(), post)


def test_a_visitor_gets_no_like_button_from_a_members_card(client, wijk, alice):
    post = PostFactory(wijk=wijk, author=alice)
    logged_in(alice).get(url("feed", wijk))
    page = client.get(url("feed", wijk)).content.decode()
    assert 'type="submit"' not in like_button(page, post)


def test_a_members_only_card_stays_with_members(client, wijk, alice, bob):
    PostFactory(wijk=wijk, author=alice, text="Alleen voor buren", audience="members")
    assert "Alleen voor buren" in logged_in(bob).get(url("feed", wijk)).content.decode()
    assert "Alleen voor buren" not in client.get(url("feed", wijk)).content.decode()


def test_cards_speak_each_readers_language(wijk, alice, bob):
    post = PostFactory(wijk=wijk, author=alice)
    dutch = logged_in(alice, "nl").get(url("feed", wijk)).content.decode()
    english = logged_in(bob, "en").get(url("feed", wijk)).content.decode()
    assert "Leuk" in like_button(dutch, post)
    assert "Like" in like_button(english, post)
    assert "Leuk" not in like_button(english, post)


def test_older_posts_keep_their_cards_apart_from_the_first_page(wijk, alice, bob):
    for n in range(25):
        PostFactory(wijk=wijk, author=alice, text=f"Bericht {n}")
    as_bob = logged_in(bob)
    first = as_bob.get(url("feed", wijk)).content.decode()
    cursor = re.search(r'href="\?cursor=([^"&]+)', first).group(1)
    older = as_bob.get(url("feed", wijk) + f"?cursor={cursor}", HTTP_HX_REQUEST="true").content.decode()
    assert "Bericht 0" in older and "Bericht 24" not in older
    assert f'value="/{wijk.slug}/feed/?cursor=' in older  # the way back is this page, not the first


def test_without_a_cache_the_feed_still_renders(settings, wijk, alice, bob):
    settings.PAGE_CACHE_SECONDS = 0
    post = PostFactory(wijk=wijk, author=alice, text="Zonder cache")
    page = logged_in(bob).get(url("feed", wijk)).content.decode()
    assert "Zonder cache" in page and 'aria-pressed="false"' in like_button(page, post)


def test_the_write_form_is_kept_per_set_of_organisations(wijk, alice, bob):
    huis = Organisation.objects.create(name="Huis van de Wijk", slug="huis", kind="community_centre")
    PartnerPresence.objects.create(wijk=wijk, organisation=huis)
    Representative.objects.create(wijk=wijk, organisation=huis, user=alice, status="approved")
    carol = member(wijk)

    assert "Huis van de Wijk" in logged_in(alice).get(url("feed", wijk)).content.decode()
    assert "Post as" not in logged_in(bob).get(url("feed", wijk)).content.decode()
    assert "Post as" not in logged_in(carol).get(url("feed", wijk)).content.decode()
    assert "Huis van de Wijk" in logged_in(alice).get(url("feed", wijk)).content.decode()


def test_the_write_form_opens_on_the_kind_asked_for(wijk, bob):
    as_bob = logged_in(bob)
    offer = as_bob.get(url("feed", wijk) + "?new=offer").content.decode()
    assert '<details class="card new-post" open>' in offer
    assert '<option value="offer" selected>' in offer
    plain = as_bob.get(url("feed", wijk) + "?new=nonsense").content.decode()
    assert '<details class="card new-post">' in plain and '<option value="message" selected>' in plain


def test_a_new_post_and_a_new_pin_show_at_once_in_a_members_feed(wijk, alice, bob):
    as_bob = logged_in(bob)
    as_bob.get(url("feed", wijk))
    post = PostFactory(wijk=wijk, author=alice, text="Net geplaatst")
    assert "Net geplaatst" in as_bob.get(url("feed", wijk)).content.decode()
    post.pinned_at = timezone.now()
    post.save()
    assert "Pinned posts" in as_bob.get(url("feed", wijk)).content.decode()


def test_a_post_removed_after_its_id_was_read_leaves_no_card_and_no_error(wijk, alice, bob, monkeypatch):
    PostFactory(wijk=wijk, author=alice, text="Blijft staan")
    gone = PostFactory(wijk=wijk, author=alice, text="Wordt zo verwijderd")
    read_ids = selectors.feed_page

    def ids_then_removed(**kwargs):
        page = read_ids(**kwargs)
        gone.delete()  # between the read of the ids and the read of the posts
        return page

    monkeypatch.setattr(selectors, "feed_page", ids_then_removed)
    response = logged_in(bob).get(url("feed", wijk))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Blijft staan" in page and "Wordt zo verwijderd" not in page
