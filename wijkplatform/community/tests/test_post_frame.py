"""A post's page is kept for all members with the same rights; each still sees their own like, bookmark,
buttons and comments."""

import pytest

from wijkplatform.community import selectors, services
from wijkplatform.core.testing.clients import logged_in
from wijkplatform.core.testing.factories import member

from .factories import PostFactory
from .helpers import url

pytestmark = pytest.mark.django_db

DETAIL_TEMPLATE = "community/post_detail.html"


def rendered(response):
    return DETAIL_TEMPLATE in [template.name for template in response.templates]


def comment_of(page, comment):
    start = page.index(f'id="comment-{comment.pk}"')
    return page[start : page.index("</article>", start)]


@pytest.fixture
def carol(wijk):
    return member(wijk, display_name="Carol")


def test_each_member_sees_their_own_like_and_bookmark_on_the_kept_page(wijk, alice, bob, carol):
    post = PostFactory(wijk=wijk, author=alice, text="Wie wil er soep?")
    services.like_toggle(wijk=wijk, post=post, by=bob)
    services.bookmark_toggle(wijk=wijk, post=post, by=bob)
    logged_in(member(wijk)).get(url("post_detail", wijk, pk=post.pk))

    as_bob = logged_in(bob).get(url("post_detail", wijk, pk=post.pk))
    as_carol = logged_in(carol).get(url("post_detail", wijk, pk=post.pk))
    assert rendered(as_bob) and not rendered(as_carol)  # Carol shares the page of those who did neither
    assert not rendered(logged_in(bob).get(url("post_detail", wijk, pk=post.pk)))
    bob_page, carol_page = as_bob.content.decode(), as_carol.content.decode()
    assert "Wie wil er soep?" in bob_page and "\x00" not in bob_page
    assert "Liked\n" in bob_page and ">Bookmarked<" in bob_page
    assert "Liked\n" not in carol_page and ">Bookmark<" in carol_page
    assert "1 like" in carol_page


def test_only_the_author_gets_edit_delete_and_who_responded(wijk, alice, bob):
    post = PostFactory(wijk=wijk, author=alice, kind="request", text="Wie leent mij een ladder?")
    edit = url("post_edit", wijk, pk=post.pk)
    logged_in(bob).get(url("post_detail", wijk, pk=post.pk))
    alice_page = logged_in(alice).get(url("post_detail", wijk, pk=post.pk)).content.decode()
    bob_page = logged_in(bob).get(url("post_detail", wijk, pk=post.pk)).content.decode()
    assert f'href="{edit}"' in alice_page and "Who responded" in alice_page
    assert f'href="{edit}"' not in bob_page and "Who responded" not in bob_page


def test_only_its_author_may_delete_a_comment_on_the_kept_page(wijk, alice, bob, carol):
    post = PostFactory(wijk=wijk, author=alice)
    comment = services.comment_create(wijk=wijk, post=post, author=bob, text="Ik heb er een!")
    delete = url("comment_delete", wijk, pk=comment.pk)
    carol_page = logged_in(carol).get(url("post_detail", wijk, pk=post.pk)).content.decode()
    bob_page = logged_in(bob).get(url("post_detail", wijk, pk=post.pk)).content.decode()
    assert "Ik heb er een!" in comment_of(carol_page, comment) and delete not in carol_page
    assert delete in comment_of(bob_page, comment)
    assert delete not in logged_in(carol).get(url("post_detail", wijk, pk=post.pk)).content.decode()


def test_a_new_comment_and_reply_show_at_once_for_the_next_member(wijk, alice, bob, carol):
    post = PostFactory(wijk=wijk, author=alice)
    as_carol = logged_in(carol)
    assert "No comments yet." in as_carol.get(url("post_detail", wijk, pk=post.pk)).content.decode()
    logged_in(bob).post(url("comment_create", wijk, pk=post.pk), {"text": "Ik kom helpen"})
    comment = post.comments.model.objects.in_wijk(wijk).get(post=post)
    logged_in(alice).post(url("comment_create", wijk, pk=post.pk), {"text": "Dank je!", "parent": comment.pk})
    page = as_carol.get(url("post_detail", wijk, pk=post.pk)).content.decode()
    assert "Ik kom helpen" in page and "Dank je!" in page and "No comments yet." not in page
    assert 'class="replies"' in page and "Your reply to Bob" in page


def test_a_refused_comment_keeps_its_status_text_and_message(wijk, alice, bob):
    post = PostFactory(wijk=wijk, author=alice)
    as_bob = logged_in(bob)
    as_bob.get(url("post_detail", wijk, pk=post.pk))
    response = as_bob.post(url("comment_create", wijk, pk=post.pk), {"text": "x" * 2001})
    assert response.status_code == 400
    assert "x" * 2001 in response.content.decode()  # what was typed is not lost


def test_a_members_only_post_stays_out_of_reach_of_outsiders(wijk, other_wijk, alice):
    post = PostFactory(wijk=wijk, author=alice, audience="members", text="Alleen voor buren")
    logged_in(alice).get(url("post_detail", wijk, pk=post.pk))
    outsider = member(other_wijk)
    response = logged_in(outsider).get(url("post_detail", wijk, pk=post.pk))
    assert response.status_code == 404
    assert "Alleen voor buren" not in response.content.decode()


def test_a_kept_post_page_costs_few_queries(wijk, alice, bob, carol, django_assert_max_num_queries):
    post = PostFactory(wijk=wijk, author=alice)
    for n in range(5):
        services.comment_create(wijk=wijk, post=post, author=bob, text=f"Reactie {n}")
    logged_in(carol).get(url("post_detail", wijk, pk=post.pk))
    as_bob = logged_in(bob)
    as_bob.get(url("post_detail", wijk, pk=post.pk))
    with django_assert_max_num_queries(2):  # his session and row; his marks and the rest of the page are kept
        page = as_bob.get(url("post_detail", wijk, pk=post.pk)).content.decode()
    assert page.count('class="comment"') == 5


def test_no_password_hash_is_kept_with_the_comments(wijk, alice, bob):
    post = PostFactory(wijk=wijk, author=alice)
    services.comment_create(wijk=wijk, post=post, author=bob, text="Mooi!")
    [comment] = selectors.comments_of(wijk=wijk, post=post)
    assert comment.author.name == "Bob"
    assert not {"password", "bio", "is_staff", "last_login"} & set(comment.author.__dict__)


def test_members_get_report_links_on_comments_and_visitors_do_not(client, wijk, alice, bob):
    post = PostFactory(wijk=wijk, author=alice)
    comment = services.comment_create(wijk=wijk, post=post, author=bob, text="Mooi!")
    client.get(url("post_detail", wijk, pk=post.pk), HTTP_ACCEPT_LANGUAGE="en")  # a visitor renders first
    member_page = logged_in(alice).get(url("post_detail", wijk, pk=post.pk)).content.decode()
    assert "/report/" in comment_of(member_page, comment)
    visitor_page = client.get(url("post_detail", wijk, pk=post.pk), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "/report/" not in comment_of(visitor_page, comment)
