import re
from datetime import timedelta

import pytest
from django.utils import timezone

from wijkplatform.community.models import Like, Post
from wijkplatform.community.selectors import feed_page

from .factories import CommentFactory, PostFactory
from .helpers import url

pytestmark = pytest.mark.django_db


def make_posts(wijk, author, n, *, others=()):
    posts = [PostFactory(wijk=wijk, author=author, text=f"Post {i} van de wijk") for i in range(n)]
    for post in posts:
        for person in others:
            Like.objects.create(wijk=wijk, post=post, user=person)
            CommentFactory(wijk=wijk, post=post, author=person)
    return posts


@pytest.mark.parametrize("n", [5, 50])
def test_the_feed_takes_a_fixed_number_of_queries_whatever_its_length(
    client, wijk, alice, bob, n, django_assert_max_num_queries
):
    make_posts(wijk, alice, n, others=[bob])
    client.force_login(bob)
    with django_assert_max_num_queries(10):
        response = client.get(url("feed", wijk))
    assert response.status_code == 200
    client.logout()
    with django_assert_max_num_queries(8):
        assert client.get(url("feed", wijk)).status_code == 200


def test_the_feed_pages_by_keyset_newest_first_without_gaps_or_repeats(client, wijk, alice):
    posts = make_posts(wijk, alice, 45)
    same_moment = timezone.now() - timedelta(hours=1)
    Post.objects.in_wijk(wijk).filter(pk__in=[p.pk for p in posts[10:20]]).update(created_at=same_moment)
    seen, cursor, pages = [], None, 0
    while True:
        page, cursor = feed_page(wijk=wijk, user=alice, cursor=cursor)
        seen += [pk for pk, _ in page]
        pages += 1
        if not cursor:
            break
    assert pages == 3 and len(seen) == 45 and len(set(seen)) == 45
    expected = list(Post.objects.in_wijk(wijk).order_by("-created_at", "-id").values_list("pk", flat=True))
    assert seen == expected


def test_older_posts_link_works_without_and_with_htmx(client, wijk, alice):
    make_posts(wijk, alice, 25)
    page = client.get(url("feed", wijk)).content.decode()
    link = re.search(r'href="(\?cursor=[^"]+)"', page).group(1).replace("&amp;", "&")
    older = client.get(url("feed", wijk) + link)
    assert older.status_code == 200 and "Post 0 van de wijk" in older.content.decode()
    partial = client.get(url("feed", wijk) + link, HTTP_HX_REQUEST="true").content.decode()
    assert "Post 0 van de wijk" in partial and "<html" not in partial


def test_a_broken_cursor_shows_the_first_page(client, wijk, alice):
    make_posts(wijk, alice, 3)
    assert client.get(url("feed", wijk) + "?cursor=nonsense_x").status_code == 200
    assert client.get(url("feed", wijk) + "?kind=dislike").status_code == 200


def test_filter_by_kind(client, wijk, alice):
    PostFactory(wijk=wijk, author=alice, kind="offer", text="Ik bied hulp aan")
    PostFactory(wijk=wijk, author=alice, kind="thanks", text="Dank aan de buren")
    page = client.get(url("feed", wijk) + "?kind=offer").content.decode()
    assert "Ik bied hulp aan" in page and "Dank aan de buren" not in page


def test_the_feed_of_one_wijk_never_shows_another(client, wijk, other_wijk, alice, charlie):
    PostFactory(wijk=other_wijk, author=charlie, text="Harlem block party")
    assert "Harlem block party" not in client.get(url("feed", wijk)).content.decode()


def test_rss_has_the_public_posts_only(client, wijk, alice):
    PostFactory(wijk=wijk, author=alice, text="Rommelmarkt op zondag")
    PostFactory(wijk=wijk, author=alice, text="Geheim van de buren", audience="members")
    response = client.get(url("feed_rss", wijk))
    body = response.content.decode()
    assert response.status_code == 200 and response["Content-Type"].startswith("application/rss+xml")
    assert "Rommelmarkt op zondag" in body and "Geheim van de buren" not in body


def test_home_shows_the_latest_posts_and_the_nav_the_feed(client, wijk, alice):
    PostFactory(wijk=wijk, author=alice, text="Nieuwe bankjes in het park")
    page = client.get(f"/{wijk.slug}/").content.decode()
    assert "Nieuwe bankjes in het park" in page and url("feed", wijk) in page


@pytest.mark.parametrize("n", [3, 30])
def test_the_post_page_takes_a_fixed_number_of_queries(client, wijk, alice, bob, n, django_assert_max_num_queries):
    post = PostFactory(wijk=wijk, author=alice, kind="request")
    for i in range(n):
        top = CommentFactory(wijk=wijk, post=post, author=bob if i % 2 else alice)
        CommentFactory(wijk=wijk, post=post, author=bob, parent=top)
    client.force_login(alice)
    with django_assert_max_num_queries(10):
        assert client.get(url("post_detail", wijk, pk=post.pk)).status_code == 200


def test_hidden_posts_and_comments_leave_the_pages(client, wijk, alice, bob):
    post = PostFactory(wijk=wijk, author=alice, text="Verborgen door de redactie")
    shown = PostFactory(wijk=wijk, author=alice, text="Zichtbaar bericht")
    CommentFactory(wijk=wijk, post=shown, author=bob, text="Verborgen reactie", hidden_at=timezone.now())
    Post.objects.in_wijk(wijk).filter(pk=post.pk).update(hidden_at=timezone.now())
    client.force_login(bob)
    assert "Verborgen door de redactie" not in client.get(url("feed", wijk)).content.decode()
    assert client.get(url("post_detail", wijk, pk=post.pk)).status_code == 404
    assert "Verborgen reactie" not in client.get(url("post_detail", wijk, pk=shown.pk)).content.decode()
