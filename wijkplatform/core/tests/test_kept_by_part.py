"""What shows one part of a wijk (an app) is kept across writes to its other parts: a like on a post leaves a
member's roles and the home's neighbour of the month kept. A write to its own part, or one that may show
everywhere (the wijk's settings, a person's name, a deletion whose cascade reaches other parts), shows at once."""

import pytest
from django.urls import reverse

from wijkplatform.community import services as community
from wijkplatform.community.models import Like, Post
from wijkplatform.community.tests.factories import PostFactory
from wijkplatform.core import pagecache
from wijkplatform.core.models import part_a_deletion_changes
from wijkplatform.core.testing.clients import logged_in
from wijkplatform.core.testing.factories import member
from wijkplatform.events.tests.factories import make_event
from wijkplatform.moderation.models import Guideline
from wijkplatform.moderation.services import guidelines_accept, guidelines_ensure
from wijkplatform.points.models import Point
from wijkplatform.points.tests.factories import PointFactory
from wijkplatform.recognition import services as recognition
from wijkplatform.wijken import services as wijken
from wijkplatform.wijken.models import Membership

pytestmark = pytest.mark.django_db


@pytest.fixture
def reads():
    calls = []

    def read(value):
        calls.append(value)
        return value

    read.calls = calls
    return read


def kept_for_events(wijk, reads, value):
    return pagecache.kept_until_wijk_changes(wijk, "agenda-thing", lambda: reads(value), parts=("events",))


def test_a_write_to_another_part_leaves_it_kept(wijk, alice, reads):
    kept_for_events(wijk, reads, "first")
    post = PostFactory(wijk=wijk, author=alice)
    community.like_toggle(wijk=wijk, post=post, by=alice)
    community.like_toggle(wijk=wijk, post=post, by=alice)  # and the like taken back: a deletion of one part
    assert kept_for_events(wijk, reads, "second") == "first"
    assert reads.calls == ["first"]


def test_a_write_to_its_own_part_shows_at_once(wijk, alice, reads):
    kept_for_events(wijk, reads, "first")
    make_event(wijk, alice)
    assert kept_for_events(wijk, reads, "second") == "second"


def test_a_write_that_may_show_everywhere_shows_at_once(wijk, alice, reads):
    kept_for_events(wijk, reads, "first")
    wijk.name = "Nieuwe naam"
    wijk.save()
    assert kept_for_events(wijk, reads, "second") == "second"
    alice.display_name = "Alice B."
    alice.save()
    assert kept_for_events(wijk, reads, "third") == "third"


def test_a_deletion_that_may_reach_other_parts_changes_them_all(wijk, reads):
    point = PointFactory(wijk=wijk)
    kept_for_events(wijk, reads, "first")
    point.delete()  # an event placed at the Point loses it
    assert kept_for_events(wijk, reads, "second") == "second"


def test_which_part_a_deletion_changes():
    assert part_a_deletion_changes(Like) == "community"
    assert part_a_deletion_changes(Post) == "community"
    assert part_a_deletion_changes(Point) is None  # events and posts name the Point they were placed at


def test_a_request_reads_all_the_versions_it_needs_in_one_go(wijk, django_assert_num_queries):
    from django.core.cache import cache

    seen = pagecache._versions_seen.set({})
    try:
        calls = []
        original = cache.get_many
        cache.get_many = lambda keys: calls.append(keys) or original(keys)
        try:
            pagecache._wijk_version(wijk.pk, ("events", "points"))
            pagecache._wijk_version(wijk.pk, ("events",))
        finally:
            del cache.get_many
    finally:
        pagecache._versions_seen.reset(seen)
    [keys] = calls  # one round trip, for these three versions and the wijk's others
    assert {pagecache._version_key(f"{wijk.pk}:{part}") for part in ("all", "events", "points")} <= set(keys)
    assert pagecache._version_key(wijk.pk) in keys


def home(wijk):
    return reverse("wijken:home", kwargs={"wijk_slug": wijk.slug})


def test_a_members_home_after_a_like_reads_only_the_latest_posts_again(
    wijk, alice, bob, django_assert_max_num_queries
):
    post = PostFactory(wijk=wijk, author=alice, text="Soep op het plein")
    nomination = recognition.nominate(wijk=wijk, nominee=alice, reason="Altijd daar", by=bob)
    recognition.choose(wijk=wijk, nomination=nomination, by=member(wijk, "editor"))
    as_bob = logged_in(bob)
    as_bob.get(home(wijk))  # the wijk's first view writes its default guidelines: the view after it is kept
    as_bob.get(home(wijk))
    community.like_toggle(wijk=wijk, post=post, by=alice)
    with django_assert_max_num_queries(3):  # bob's row, and the latest posts (the sessions are in the database)
        response = as_bob.get(home(wijk))
    templates = [template.name for template in response.templates]
    assert "community/_home_section.html" in templates
    assert "recognition/_home_section.html" not in templates  # kept: nothing of its part changed
    assert "Altijd daar" in response.content.decode() and "Soep op het plein" in response.content.decode()


def test_a_new_role_shows_at_once(wijk, alice, coordinator):
    as_alice = logged_in(alice)
    desk = reverse("helpdesk:desk", kwargs={"wijk_slug": wijk.slug})
    assert as_alice.get(desk).status_code == 403
    membership = Membership.objects.in_wijk(wijk).get(user=alice)
    wijken.roles_set(wijk=wijk, member=membership, roles=["tech_helper"], by=coordinator)
    assert as_alice.get(desk).status_code == 200


def test_a_member_who_leaves_loses_what_members_see_at_once(wijk, alice, bob):
    PostFactory(wijk=wijk, author=bob, text="Soep voor leden", audience=Post.Audience.MEMBERS)
    as_alice = logged_in(alice)
    assert "Soep voor leden" in as_alice.get(home(wijk)).content.decode()
    wijken.membership_leave(wijk=wijk, user=alice)
    assert "Soep voor leden" not in as_alice.get(home(wijk)).content.decode()


def rendered(response, template):
    return template in [used.name for used in response.templates]


def test_an_event_page_and_the_agenda_stay_kept_for_a_member_after_a_like(
    wijk, alice, bob, django_assert_max_num_queries
):
    event = make_event(wijk, alice, title="Buurtbarbecue")
    post = PostFactory(wijk=wijk, author=alice)
    pages = [
        (reverse("events:detail", kwargs={"wijk_slug": wijk.slug, "pk": event.pk}), "events/detail.html"),
        (reverse("events:list", kwargs={"wijk_slug": wijk.slug}), "events/list.html"),
    ]
    as_bob = logged_in(bob)
    for address, _template in pages:
        as_bob.get(address)
    community.like_toggle(wijk=wijk, post=post, by=alice)
    for address, template in pages:
        with django_assert_max_num_queries(2):  # bob's session and row
            response = as_bob.get(address)
        assert not rendered(response, template) and "Buurtbarbecue" in response.content.decode()


def test_a_new_name_of_the_point_an_event_is_at_shows_at_once_on_its_page(wijk, alice, bob):
    point = PointFactory(wijk=wijk, name="Buurthuis De Boog")
    event = make_event(wijk, alice, place="point", point=point)
    address = reverse("events:detail", kwargs={"wijk_slug": wijk.slug, "pk": event.pk})
    as_bob = logged_in(bob)
    assert "Buurthuis De Boog" in as_bob.get(address).content.decode()
    point.name = "Wijkcentrum De Boog"
    point.save()
    assert "Wijkcentrum De Boog" in as_bob.get(address).content.decode()


def test_a_story_stays_kept_after_a_like_and_an_edit_shows_at_once(wijk, alice, bob):
    from wijkplatform.newsroom.tests.factories import StoryFactory

    story = StoryFactory(wijk=wijk, reporter=alice, title="Bomen langs de singel")
    address = reverse("newsroom:story", kwargs={"wijk_slug": wijk.slug, "pk": story.pk})
    as_bob = logged_in(bob)
    as_bob.get(address)
    community.like_toggle(wijk=wijk, post=PostFactory(wijk=wijk, author=alice), by=alice)
    assert not rendered(as_bob.get(address), "newsroom/story_detail.html")
    story.title = "Veertig bomen langs de singel"
    story.save()
    assert "Veertig bomen langs de singel" in as_bob.get(address).content.decode()


@pytest.mark.parametrize("accepted", [True, False], ids=["guidelines accepted", "guidelines not accepted yet"])
def test_a_members_home_after_a_change_to_the_whole_wijk_needs_at_most_ten_queries(
    wijk, alice, bob, accepted, django_assert_max_num_queries
):
    PostFactory(wijk=wijk, author=alice, text="Soep op het plein")
    guidelines_ensure(wijk=wijk)
    if accepted:
        guidelines_accept(wijk=wijk, user=bob)
    as_bob = logged_in(bob)
    as_bob.get(home(wijk))
    pagecache.wijks_changed([wijk.pk])  # as a new name or setting of the wijk does
    # bob's session (in the database here; in the cache in production), his row, his membership with his roles,
    # one per section of the home, and whether he accepted the guidelines (with their titles if not). The
    # courses belong to no wijk, and his unread counts are kept apart.
    with django_assert_max_num_queries(11):
        response = as_bob.get(home(wijk))
    page = response.content.decode()
    assert "Soep op het plein" in page
    assert ("I accept the community guidelines" in page) is not accepted
    first = Guideline.objects.in_wijk(wijk).order_by("position").first()  # made in the wijk's language
    assert (first.title in page) is not accepted
