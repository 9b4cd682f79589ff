"""Members' list and story pages are rendered once for everyone with the same rights (pagecache.render_shared):
kept until the wijk changes, with each member's own name filled in and nothing of one member shown to another."""

import pytest
from django.urls import reverse

from wijkplatform.core.testing.clients import logged_in
from wijkplatform.core.testing.factories import member
from wijkplatform.events.tests.factories import make_event
from wijkplatform.newsroom.models import Story
from wijkplatform.newsroom.tests.factories import StoryFactory

pytestmark = pytest.mark.django_db


def address(name, wijk, **kwargs):
    return reverse(name, kwargs={"wijk_slug": wijk.slug, **kwargs})


def header(page):
    return page[page.index('<nav class="account-nav"') : page.index("</nav>")]


def rendered(response):
    return [template.name for template in response.templates]


@pytest.mark.parametrize(
    ("name", "template"),
    [
        ("events:list", "events/list.html"),
        ("newsroom:stories", "newsroom/story_list.html"),
        ("points:list", "points/list.html"),
    ],
)
def test_the_second_member_gets_the_kept_page_with_their_own_name(
    wijk, alice, bob, name, template, django_assert_max_num_queries
):
    first = logged_in(alice).get(address(name, wijk))
    as_bob = logged_in(bob)
    as_bob.get(address(name, wijk))  # bob's own reads (roles) are kept from here on
    with django_assert_max_num_queries(4):  # session, person, unread notifications, and no more
        second = as_bob.get(address(name, wijk))
    assert template in rendered(first) and template not in rendered(second)
    assert ">Bob<" in header(second.content.decode()) and ">Alice<" not in header(second.content.decode())


def test_a_new_event_shows_at_once_on_the_kept_list(wijk, alice, bob):
    as_bob = logged_in(bob)
    as_bob.get(address("events:list", wijk))
    make_event(wijk, alice, title="Buurtbarbecue")
    assert "Buurtbarbecue" in as_bob.get(address("events:list", wijk)).content.decode()


def test_what_a_member_may_do_is_never_taken_from_someone_else(wijk, other_wijk, alice, coordinator):
    publish = address("events:create", wijk)
    manage = address("points:desk", wijk)
    logged_in(coordinator).get(address("points:list", wijk))
    logged_in(alice).get(address("events:list", wijk))
    outsider = logged_in(member(other_wijk))
    assert f'href="{publish}"' not in outsider.get(address("events:list", wijk)).content.decode()
    assert f'href="{manage}"' not in logged_in(alice).get(address("points:list", wijk)).content.decode()
    assert f'href="{manage}"' in logged_in(coordinator).get(address("points:list", wijk)).content.decode()


def test_a_story_taken_back_is_gone_for_members_at_once(wijk, alice, bob):
    story = StoryFactory(wijk=wijk, reporter=alice, title="Bomen langs de gracht")
    page = address("newsroom:story", wijk, pk=story.pk)
    as_bob = logged_in(bob)
    assert "Bomen langs de gracht" in as_bob.get(page).content.decode()
    Story.objects.in_wijk(wijk).filter(pk=story.pk).update(status=Story.Status.DRAFT)
    assert as_bob.get(page).status_code == 404


def test_the_filters_of_the_address_are_part_of_what_is_kept(wijk, alice, bob):
    logged_in(alice).get(address("events:list", wijk))
    filtered = logged_in(bob).get(address("events:list", wijk) + "?free=on").content.decode()
    assert 'name="free" id="id_free" checked' in filtered
