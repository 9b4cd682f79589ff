import pytest

from wijkplatform.community.models import Like

from .factories import PostFactory
from .helpers import url

pytestmark = pytest.mark.django_db


@pytest.fixture
def post(wijk, alice):
    return PostFactory(wijk=wijk, author=alice, text="Bedankt voor de bloemen!", kind="thanks")


def test_like_without_javascript_toggles_and_returns_to_the_page(client, wijk, bob, post):
    client.force_login(bob)
    response = client.post(url("post_like", wijk, pk=post.pk), {"next": url("feed", wijk)})
    assert response.status_code == 302 and response["Location"] == url("feed", wijk)
    assert Like.objects.in_wijk(wijk).filter(post=post, user=bob).count() == 1
    assert "1 like" in client.get(url("post_detail", wijk, pk=post.pk)).content.decode()
    client.post(url("post_like", wijk, pk=post.pk))
    assert not Like.objects.in_wijk(wijk).filter(post=post).exists()


def test_like_with_htmx_returns_the_button_in_place(client, wijk, alice, bob, post):
    client.force_login(bob)
    response = client.post(url("post_like", wijk, pk=post.pk), HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert 'aria-pressed="true"' in body and "1 like" in body
    client.force_login(alice)
    body = client.post(url("post_like", wijk, pk=post.pk), HTTP_HX_REQUEST="true").content.decode()
    assert "2 likes" in body


def test_one_like_per_person(wijk, bob, post):
    from wijkplatform.community.services import like_toggle

    like_toggle(wijk=wijk, post=post, by=bob, on=True)
    like_toggle(wijk=wijk, post=post, by=bob, on=True)
    assert Like.objects.in_wijk(wijk).filter(post=post).count() == 1


def test_a_non_member_may_not_like(client, wijk, stranger, post):
    client.force_login(stranger)
    assert client.post(url("post_like", wijk, pk=post.pk)).status_code == 403
    assert not Like.objects.in_wijk(wijk).exists()


def test_a_member_of_another_wijk_may_not_like(client, wijk, other_wijk, charlie, post):
    client.force_login(charlie)
    assert client.post(url("post_like", wijk, pk=post.pk)).status_code == 403
    assert client.post(url("post_like", other_wijk, pk=post.pk)).status_code == 404
    assert not Like.objects.in_wijk(wijk).exists()


def test_like_needs_post_and_login(client, wijk, bob, post):
    assert client.post(url("post_like", wijk, pk=post.pk)).status_code == 302  # login
    client.force_login(bob)
    assert client.get(url("post_like", wijk, pk=post.pk)).status_code == 405


def test_there_is_no_dislike(client, wijk, bob, post):
    client.force_login(bob)
    page = client.get(url("post_detail", wijk, pk=post.pk)).content.decode().lower()
    assert "dislike" not in page


def test_bookmark_and_follow(client, wijk, bob, post):
    client.force_login(bob)
    client.post(url("post_bookmark", wijk, pk=post.pk))
    assert "Bedankt voor de bloemen" in client.get(url("bookmarks", wijk)).content.decode()
    client.post(url("post_bookmark", wijk, pk=post.pk))
    assert "Bedankt voor de bloemen" not in client.get(url("bookmarks", wijk)).content.decode()
    client.post(url("post_follow", wijk, pk=post.pk))
    assert 'aria-pressed="true">Following' in client.get(url("post_detail", wijk, pk=post.pk)).content.decode()
