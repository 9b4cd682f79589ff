"""A member's wijk home: the sections that are the same for everyone with the same rights are kept and shared;
what is a person's own (their messages, the guidelines they have not accepted, their membership) is their own."""

import pytest
from django.test import Client
from django.urls import reverse

from wijkplatform.community.models import Post
from wijkplatform.community.tests.factories import PostFactory
from wijkplatform.core.pagecache import wijks_changed
from wijkplatform.core.testing.clients import logged_in
from wijkplatform.core.testing.factories import UserFactory, member
from wijkplatform.messaging.services import conversation_start
from wijkplatform.moderation.services import guidelines_accept
from wijkplatform.wijken import services
from wijkplatform.wijken.models import Membership

pytestmark = pytest.mark.django_db

SECTION = "community/_home_section.html"


def home(wijk):
    return reverse("wijken:home", kwargs={"wijk_slug": wijk.slug})


def test_the_second_member_gets_the_kept_sections_in_few_queries(wijk, alice, bob, django_assert_max_num_queries):
    PostFactory(wijk=wijk, author=alice, text="Soep op het plein")
    as_bob = logged_in(bob)
    as_bob.get(home(wijk))  # bob's own reads (membership, roles, guidelines) are kept from here on
    wijks_changed({wijk.pk})
    first = logged_in(alice).get(home(wijk))
    with django_assert_max_num_queries(10):  # his own reads again (the wijk changed); the sections are kept
        second = as_bob.get(home(wijk))
    with django_assert_max_num_queries(4):
        third = as_bob.get(home(wijk))
    assert SECTION in [template.name for template in first.templates]
    assert SECTION not in [template.name for template in second.templates]
    assert "Soep op het plein" in second.content.decode() and "Soep op het plein" in third.content.decode()


def test_a_new_post_shows_at_once_in_the_kept_section(wijk, alice, bob):
    as_bob = logged_in(bob)
    as_bob.get(home(wijk))
    PostFactory(wijk=wijk, author=alice, text="Nieuw bericht")
    assert "Nieuw bericht" in as_bob.get(home(wijk)).content.decode()


def test_members_only_posts_stay_out_of_the_section_someone_else_gets(wijk, other_wijk, alice):
    PostFactory(wijk=wijk, author=alice, text="Alleen voor buren", audience=Post.Audience.MEMBERS)
    assert "Alleen voor buren" in logged_in(alice).get(home(wijk)).content.decode()
    outsider = member(other_wijk)
    assert "Alleen voor buren" not in logged_in(outsider).get(home(wijk)).content.decode()


def test_unread_messages_and_the_guidelines_are_each_members_own(wijk, alice, bob):
    guidelines_accept(wijk=wijk, user=alice)
    conversation_start(wijk=wijk, recipients=[alice], text="Hoi Alice", by=bob)
    alice_home = logged_in(alice).get(home(wijk)).content.decode()
    bob_home = logged_in(bob).get(home(wijk)).content.decode()
    assert "I accept the community guidelines" not in alice_home
    assert "I accept the community guidelines" in bob_home
    assert "1 unread" in alice_home and "1 unread" not in bob_home

    guidelines_accept(wijk=wijk, user=bob)
    assert "I accept the community guidelines" not in logged_in(bob).get(home(wijk)).content.decode()


def test_a_pending_member_sees_the_approval_at_once(wijk, coordinator):
    newcomer = UserFactory()
    membership = Membership.objects.create(wijk=wijk, user=newcomer, status=Membership.Status.PENDING)
    as_newcomer = logged_in(newcomer)
    assert "Your request to join is waiting for a coordinator." in as_newcomer.get(home(wijk)).content.decode()
    services.membership_approve(wijk=wijk, membership=membership, by=coordinator)
    page = as_newcomer.get(home(wijk)).content.decode()
    assert "Your request to join is waiting for a coordinator." not in page
    assert "Leave this wijk" in page


def test_the_rest_of_the_page_is_kept_for_the_next_member_with_the_same_membership(wijk, alice, bob):
    as_alice = logged_in(alice)
    as_alice.get(home(wijk))  # the first look at a wijk sets up its guidelines: a write
    as_alice.get(home(wijk))
    response = logged_in(bob).get(home(wijk))
    page = response.content.decode()
    assert "wijken/home.html" not in [template.name for template in response.templates]
    assert ">Bob<" in page and ">Alice<" not in page and "\x00" not in page
    assert "Leave this wijk" in page


def test_someone_logged_in_but_not_a_member_gets_the_join_form(wijk, other_wijk, alice):
    logged_in(alice).get(home(wijk))
    outsider = member(other_wijk)
    page = logged_in(outsider).get(home(wijk)).content.decode()
    assert f"Join {wijk.name}" in page and "Leave this wijk" not in page


def test_the_kept_guidelines_form_carries_each_members_own_token(wijk, alice, bob):
    logged_in(alice).get(home(wijk))
    as_bob = Client(HTTP_ACCEPT_LANGUAGE="en", enforce_csrf_checks=True)
    as_bob.force_login(bob)
    page = as_bob.get(home(wijk)).content.decode()
    assert "I accept the community guidelines" in page
    token = page.split('name="csrfmiddlewaretoken" value="', 1)[1].split('"', 1)[0]
    accepted = as_bob.post(reverse("moderation:guidelines", kwargs={"wijk_slug": wijk.slug}),
                           {"csrfmiddlewaretoken": token, "accept": "1"})
    assert accepted.status_code == 302
    assert "I accept the community guidelines" not in as_bob.get(home(wijk)).content.decode()
