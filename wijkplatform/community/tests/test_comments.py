import pytest

from wijkplatform.community.models import Comment, Follow, Post
from wijkplatform.core.testing.factories import member
from wijkplatform.notifications.models import Notification

from .factories import CommentFactory, PostFactory
from .helpers import url

pytestmark = pytest.mark.django_db


@pytest.fixture
def post(wijk, alice):
    return PostFactory(wijk=wijk, author=alice, text="Wie heeft er een ladder te leen?", kind="request")


def notes(wijk, user, kind=None):
    rows = Notification.objects.in_wijk(wijk).filter(recipient=user)
    return list(rows.filter(kind=kind) if kind else rows)


def test_comment_and_reply_show_in_a_thread_and_tell_the_authors(client, wijk, alice, bob, post):
    client.force_login(bob)
    response = client.post(url("comment_create", wijk, pk=post.pk), {"text": "Ik heb er een, kom maar langs"})
    comment = Comment.objects.in_wijk(wijk).get()
    assert response.status_code == 302 and response["Location"].endswith(f"#comment-{comment.pk}")
    assert [n.kind for n in notes(wijk, alice)] == ["reply"]
    client.force_login(alice)
    client.post(url("comment_create", wijk, pk=post.pk), {"text": "Top, dank je!", "parent": comment.pk})
    reply = Comment.objects.in_wijk(wijk).get(parent=comment)
    assert reply.author == alice
    assert [n.kind for n in notes(wijk, bob)] == ["reply"]
    page = client.get(url("post_detail", wijk, pk=post.pk)).content.decode()
    assert page.index("Ik heb er een") < page.index('class="replies"') < page.index("Top, dank je!")


def test_a_reply_to_a_reply_stays_one_level_deep(wijk, alice, bob, post):
    from wijkplatform.community.services import comment_create

    top = comment_create(wijk=wijk, post=post, author=bob, text="Eerste")
    reply = comment_create(wijk=wijk, post=post, author=alice, text="Tweede", parent=top)
    deeper = comment_create(wijk=wijk, post=post, author=bob, text="Derde", parent=reply)
    assert deeper.parent == top


def test_mentions_notify_the_named_neighbours(wijk, alice, bob, post):
    from wijkplatform.community.services import comment_create, post_create

    fatima = member(wijk, display_name="Fatima el Amrani")
    member(wijk, display_name="Fatima Bakker")
    comment_create(wijk=wijk, post=post, author=bob, text="Misschien weet @Fatima el Amrani het?")
    assert [n.kind for n in notes(wijk, fatima)] == ["mention"]
    post_create(wijk=wijk, author=alice, kind="message", text="Dank @bob voor de hulp")
    assert "mention" in [n.kind for n in notes(wijk, bob)]


def test_mentions_never_reach_people_of_another_wijk(wijk, other_wijk, bob, charlie, post):
    from wijkplatform.community.services import comment_create

    comment_create(wijk=wijk, post=post, author=bob, text="Hoi @Charlie")
    assert not Notification.objects.in_wijk(other_wijk).exists()
    assert not Notification.objects.in_wijk(wijk).filter(recipient=charlie).exists()


def test_someone_who_blocked_the_writer_is_not_mentioned(wijk, alice, bob, post):
    from wijkplatform.community.services import comment_create
    from wijkplatform.messaging.models import Block

    fatima = member(wijk, display_name="Fatima el Amrani")
    Block.objects.create(blocker=fatima, blocked=bob)
    comment_create(wijk=wijk, post=post, author=bob, text="Misschien weet @Fatima el Amrani het?")
    assert notes(wijk, fatima, "mention") == []


def test_followers_hear_about_new_comments(client, wijk, alice, bob, post):
    from wijkplatform.community.services import comment_create, follow_toggle, post_create

    carol = member(wijk, display_name="Carol")
    follow_toggle(wijk=wijk, post=post, by=carol)
    comment_create(wijk=wijk, post=post, author=bob, text="Ik kan helpen")
    assert [n.kind for n in notes(wijk, carol)] == ["followed_post"]
    own = post_create(wijk=wijk, author=alice, kind="question", text="Wie weet een goede fietsenmaker?")
    assert Follow.objects.in_wijk(wijk).filter(post=own, user=alice).exists()  # the author follows


def test_comment_on_a_post_of_another_wijk_is_a_404(client, wijk, other_wijk, charlie, post):
    client.force_login(charlie)
    response = client.post(url("comment_create", other_wijk, pk=post.pk), {"text": "Hallo"})
    assert response.status_code == 404
    assert not Comment.objects.in_wijk(wijk).exists()


def test_reply_to_a_comment_of_another_post_is_refused(client, wijk, alice, bob, post):
    other_post = PostFactory(wijk=wijk, author=alice)
    elsewhere = CommentFactory(wijk=wijk, post=other_post, author=alice)
    client.force_login(bob)
    response = client.post(url("comment_create", wijk, pk=post.pk), {"text": "Hoi", "parent": elsewhere.pk})
    assert response.status_code == 400 and "same post" in response.content.decode()
    assert not Comment.objects.in_wijk(wijk).filter(post=post).exists()


def test_empty_or_oversized_comment_is_refused(client, wijk, bob, post):
    client.force_login(bob)
    assert client.post(url("comment_create", wijk, pk=post.pk), {"text": ""}).status_code == 400
    response = client.post(url("comment_create", wijk, pk=post.pk), {"text": "x" * 2001})
    assert response.status_code == 400 and "at most 2000 characters" in response.content.decode()
    assert not Comment.objects.in_wijk(wijk).exists()


def test_non_member_may_not_comment(client, wijk, stranger, post):
    client.force_login(stranger)
    assert client.post(url("comment_create", wijk, pk=post.pk), {"text": "Hallo"}).status_code == 403


def test_author_deletes_own_comment_only(client, wijk, alice, bob, post):
    comment = CommentFactory(wijk=wijk, post=post, author=bob, text="Weg ermee")
    client.force_login(alice)
    assert client.post(url("comment_delete", wijk, pk=comment.pk)).status_code == 404
    client.force_login(bob)
    assert client.get(url("comment_delete", wijk, pk=comment.pk)).status_code == 200
    assert client.post(url("comment_delete", wijk, pk=comment.pk)).status_code == 302
    assert not Comment.objects.in_wijk(wijk).exists()


def test_the_author_of_a_request_sees_who_responded_and_marks_it_answered(client, wijk, alice, bob, post):
    CommentFactory(wijk=wijk, post=post, author=bob, text="Ik!")
    client.force_login(alice)
    page = client.get(url("post_detail", wijk, pk=post.pk)).content.decode()
    assert "Who responded" in page and ">Bob</a></li>" in page
    client.post(url("post_resolve", wijk, pk=post.pk))
    assert Post.objects.in_wijk(wijk).get(pk=post.pk).resolved_at is not None
    assert "Answered" in client.get(url("feed", wijk)).content.decode()
    client.force_login(bob)
    assert "Who responded" not in client.get(url("post_detail", wijk, pk=post.pk)).content.decode()
    assert client.post(url("post_resolve", wijk, pk=post.pk)).status_code == 404
