import pytest

from wijkplatform.community.models import Comment, Like, Post, PostPhoto
from wijkplatform.core.testing.factories import member

from .factories import CommentFactory, PostFactory
from .helpers import image_upload, url

pytestmark = pytest.mark.django_db


def stored(wijk, post):
    return Post.objects.in_wijk(wijk).get(pk=post.pk)


def test_author_edits_and_the_post_says_edited(client, wijk, alice):
    post = PostFactory(wijk=wijk, author=alice, text="Rommelmarkt zaterdag")
    client.force_login(alice)
    assert client.get(url("post_edit", wijk, pk=post.pk)).status_code == 200
    data = {"kind": "tip", "text": "Rommelmarkt zondag!", "category": "market", "audience": "members"}
    assert client.post(url("post_edit", wijk, pk=post.pk), data).status_code == 302
    post = stored(wijk, post)
    assert post.text == "Rommelmarkt zondag!" and post.edited_at and post.kind == "tip" and post.audience == "members"
    assert "edited" in client.get(url("post_detail", wijk, pk=post.pk)).content.decode()


def test_a_failed_edit_keeps_the_old_version_and_the_typed_text(client, wijk, alice):
    post = PostFactory(wijk=wijk, author=alice, text="Oude tekst")
    client.force_login(alice)
    data = {"kind": "tip", "text": "Nieuwe tekst" + "x" * 5000, "category": "market", "audience": "public"}
    response = client.post(url("post_edit", wijk, pk=post.pk), data)
    assert response.status_code == 400 and "Nieuwe tekst" in response.content.decode()
    assert stored(wijk, post).text == "Oude tekst"


def test_others_may_not_edit_or_delete(client, wijk, alice, bob, coordinator):
    post = PostFactory(wijk=wijk, author=alice, text="Van Alice")
    for person in (bob, coordinator):
        client.force_login(person)
        assert client.get(url("post_edit", wijk, pk=post.pk)).status_code == 404
        assert client.post(url("post_delete", wijk, pk=post.pk)).status_code == 404
    assert stored(wijk, post).text == "Van Alice"


def test_author_deletes_the_post_with_its_photos_comments_and_likes(client, wijk, alice, bob):
    from wijkplatform.community.services import post_create

    post = post_create(wijk=wijk, author=alice, kind="message", text="Weg", photos=[image_upload(size=(40, 40))])
    CommentFactory(wijk=wijk, post=post, author=bob)
    Like.objects.create(wijk=wijk, post=post, user=bob)
    client.force_login(alice)
    assert client.get(url("post_delete", wijk, pk=post.pk)).status_code == 200
    assert client.post(url("post_delete", wijk, pk=post.pk)).status_code == 302
    for model in (Post, Comment, Like, PostPhoto):
        assert not model.objects.in_wijk(wijk).exists()


def test_coordinator_pins_and_the_pinned_post_comes_first(client, wijk, alice, coordinator):
    pinned = PostFactory(wijk=wijk, author=alice, text="Huisregels van de wijk")
    PostFactory(wijk=wijk, author=alice, text="Nieuwer bericht")
    client.force_login(coordinator)
    client.post(url("post_pin", wijk, pk=pinned.pk))
    assert stored(wijk, pinned).pinned_at is not None
    page = client.get(url("feed", wijk)).content.decode()
    assert page.index("Huisregels van de wijk") < page.index("Nieuwer bericht")
    client.post(url("post_pin", wijk, pk=pinned.pk))
    assert stored(wijk, pinned).pinned_at is None


def test_residents_may_not_pin(client, wijk, alice, bob):
    post = PostFactory(wijk=wijk, author=alice)
    client.force_login(bob)
    assert client.post(url("post_pin", wijk, pk=post.pk)).status_code == 403
    editor = member(wijk, "editor")
    client.force_login(editor)
    assert client.post(url("post_pin", wijk, pk=post.pk)).status_code == 302


def test_only_requests_and_offers_can_be_marked(client, wijk, alice):
    post = PostFactory(wijk=wijk, author=alice, kind="thanks")
    client.force_login(alice)
    client.post(url("post_resolve", wijk, pk=post.pk))
    assert stored(wijk, post).resolved_at is None
    offer = PostFactory(wijk=wijk, author=alice, kind="offer", text="Gratis kinderfiets")
    client.post(url("post_resolve", wijk, pk=offer.pk))
    assert stored(wijk, offer).resolved_at is not None
    assert "Given" in client.get(url("post_detail", wijk, pk=offer.pk)).content.decode()


def test_share_link_is_on_the_post(client, wijk, alice):
    post = PostFactory(wijk=wijk, author=alice)
    page = client.get(url("post_detail", wijk, pk=post.pk)).content.decode()
    assert f'value="http://testserver{post.get_absolute_url()}"' in page


def test_thanks_recent_and_posts_for_selectors(wijk, alice, bob):
    from wijkplatform.community.selectors import posts_for, thanks_recent

    PostFactory(wijk=wijk, author=alice, kind="thanks", text="Dank aan Bob")
    PostFactory(wijk=wijk, author=alice, kind="thanks", text="Stil dankjewel", audience="members")
    assert [p.text for p in thanks_recent(wijk=wijk)] == ["Dank aan Bob"]
    assert len(list(posts_for(wijk=wijk, user=bob))) == 2
