"""A member's feed page is rendered once for all members with the same rights; each still sees their own parts."""

import re

import pytest

from wijkplatform.core.testing.clients import logged_in
from wijkplatform.core.testing.factories import member
from wijkplatform.notifications.services import notify

from .factories import PostFactory
from .helpers import url

pytestmark = pytest.mark.django_db

FEED_TEMPLATE = "community/feed.html"


def header(page):
    return page[page.index('<nav class="account-nav"') : page.index("</nav>")]


def test_the_second_member_gets_the_kept_page_with_their_own_name_and_bell(wijk, alice, bob):
    PostFactory(wijk=wijk, author=alice, text="Soep voor iedereen")
    notify(wijk=wijk, recipients=[bob], kind="test", title="Hallo Bob", url="/")
    first = logged_in(alice).get(url("feed", wijk))
    second = logged_in(bob).get(url("feed", wijk))

    assert FEED_TEMPLATE in [template.name for template in first.templates]
    assert FEED_TEMPLATE not in [template.name for template in second.templates]  # kept, not rendered again
    alice_page, bob_page = first.content.decode(), second.content.decode()
    assert "Soep voor iedereen" in bob_page and "\x00" not in bob_page
    assert ">Alice<" in header(alice_page) and ">Bob<" not in header(alice_page)
    assert ">Bob<" in header(bob_page) and ">Alice<" not in header(bob_page)
    assert "(1 unread)" in header(bob_page)
    assert "unread" not in header(alice_page)


def test_a_new_notification_shows_at_once_on_the_kept_page(wijk, alice):
    as_alice = logged_in(alice)
    as_alice.get(url("feed", wijk))
    notify(wijk=wijk, recipients=[alice], kind="test", title="Nieuw", url="/")  # writes to no wijk page
    again = as_alice.get(url("feed", wijk))
    assert FEED_TEMPLATE not in [template.name for template in again.templates]
    assert "(1 unread)" in header(again.content.decode())


def test_a_name_is_escaped_in_the_kept_page(wijk, alice):
    mallory = member(wijk, display_name="<script>alert(1)</script>")
    logged_in(alice).get(url("feed", wijk))
    page = logged_in(mallory).get(url("feed", wijk)).content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in header(page)


def test_a_coordinator_and_a_member_never_share_a_page(wijk, alice, coordinator):
    kindness = url("kindness", wijk)
    coordinator_page = logged_in(coordinator).get(url("feed", wijk)).content.decode()
    member_page = logged_in(alice).get(url("feed", wijk)).content.decode()
    coordinator_again = logged_in(coordinator).get(url("feed", wijk)).content.decode()
    assert f'href="{kindness}"' in coordinator_page and f'href="{kindness}"' in coordinator_again
    assert f'href="{kindness}"' not in member_page


def test_someone_who_may_not_post_gets_no_write_form_from_a_members_page(wijk, alice, other_wijk):
    outsider = member(other_wijk)  # logged in, but not a member of this wijk
    logged_in(alice).get(url("feed", wijk))
    page = logged_in(outsider).get(url("feed", wijk)).content.decode()
    assert "Ask for help" not in page and 'name="text"' not in page


def test_each_member_gets_a_working_csrf_token_and_the_nonce_of_their_response(wijk, alice, bob):
    post = PostFactory(wijk=wijk, author=alice)
    logged_in(alice).get(url("feed", wijk))
    as_bob = logged_in(bob, enforce_csrf_checks=True)
    response = as_bob.get(url("feed", wijk))
    page = response.content.decode()
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    assert f'nonce="{nonce}"' in page
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    liked = as_bob.post(url("post_like", wijk, pk=post.pk), {"csrfmiddlewaretoken": token})
    assert liked.status_code == 302


def test_a_flash_message_is_shown_once_and_never_kept(wijk, alice, bob):
    as_alice = logged_in(alice)
    as_alice.get(url("feed", wijk))
    post = PostFactory(wijk=wijk, author=alice)
    deleted = as_alice.post(url("post_delete", wijk, pk=post.pk), follow=True)
    assert deleted.redirect_chain[-1][0].endswith(url("feed", wijk))
    assert "Your post is deleted." in deleted.content.decode()
    assert 'class="messages"' not in as_alice.get(url("feed", wijk)).content.decode()
    assert 'class="messages"' not in logged_in(bob).get(url("feed", wijk)).content.decode()
