"""The badge "Thanked by ten neighbours": ten different neighbours named the member in a visible thank-you post."""

import pytest
from django.urls import reverse
from django.utils import timezone

from wijkplatform.community.models import Post
from wijkplatform.community.tests.factories import PostFactory
from wijkplatform.core.testing.factories import member
from wijkplatform.recognition.models import VolunteerProfile
from wijkplatform.recognition.selectors import THANKS_BADGE, badges_for

pytestmark = pytest.mark.django_db

BADGE = "Thanked by ten neighbours"


def thank(wijk, person, n, *, kind=Post.Kind.THANKS, **fields):
    """n thank-you posts naming `person`, each by another neighbour."""
    return [PostFactory(wijk=wijk, author=member(wijk), kind=kind, thanked=person, **fields) for _ in range(n)]


def test_ten_thank_yous_give_the_badge_nine_do_not(wijk, alice, bob):
    thank(wijk, alice, THANKS_BADGE)
    thank(wijk, bob, THANKS_BADGE - 1)
    badges = badges_for(wijk=wijk, user_ids=[alice.pk, bob.pk], hours={})
    assert BADGE in badges[alice.pk]
    assert BADGE not in badges[bob.pk]


def test_one_neighbour_thanking_ten_times_counts_once(wijk, alice, bob):
    for _ in range(THANKS_BADGE):
        PostFactory(wijk=wijk, author=bob, kind=Post.Kind.THANKS, thanked=alice)
    thank(wijk, alice, THANKS_BADGE - 2)
    PostFactory(wijk=wijk, author=alice, kind=Post.Kind.THANKS, thanked=alice)  # thanking oneself does not count
    assert BADGE not in badges_for(wijk=wijk, user_ids=[alice.pk], hours={})[alice.pk]
    thank(wijk, alice, 1)
    assert BADGE in badges_for(wijk=wijk, user_ids=[alice.pk], hours={})[alice.pk]


def test_hidden_posts_other_kinds_and_other_wijken_do_not_count(wijk, other_wijk, alice):
    hidden = thank(wijk, alice, 1)[0]
    Post.objects.in_wijk(wijk).filter(pk=hidden.pk).update(hidden_at=timezone.now())
    thank(wijk, alice, 1, kind=Post.Kind.MESSAGE)  # the service refuses this; old rows must not count either
    thank(other_wijk, alice, THANKS_BADGE)  # the badge is per wijk
    thank(wijk, alice, THANKS_BADGE - 1)
    assert BADGE not in badges_for(wijk=wijk, user_ids=[alice.pk], hours={})[alice.pk]
    thank(wijk, alice, 1)
    assert BADGE in badges_for(wijk=wijk, user_ids=[alice.pk], hours={})[alice.pk]


def test_the_volunteers_page_shows_the_badge_in_a_fixed_number_of_queries(
    client, wijk, alice, bob, django_assert_max_num_queries
):
    for person in (alice, bob):
        VolunteerProfile.objects.create(wijk=wijk, user=person, show_publicly=True)
    thank(wijk, alice, THANKS_BADGE)
    page_url = reverse("recognition:volunteers", kwargs={"wijk_slug": wijk.slug})
    with django_assert_max_num_queries(10):
        page = client.get(page_url).content.decode()
    alice_card = page.split("<h3>Alice</h3>", 1)[1].split("</li>", 1)[0]
    assert f'<span class="badge">{BADGE}</span>' in alice_card
    assert page.count(BADGE) == 1  # not Bob's
