"""Coordinators run their wijk: settings, parts switched on or off, invitations; visitors find it in the directory."""

import re

from django.urls import reverse

from wijkplatform.notifications.models import OutboxMessage
from wijkplatform.wijken.models import Membership, Wijk


def settings_data(wijk, **overrides):
    data = {
        "name": wijk.name, "tagline": "Samen sterk", "description": "", "colour": "#005ea5", "language": "nl",
        "languages": "Turks, Arabisch", "time_zone": "Europe/Amsterdam", "visibility": "public", "join_policy": "open",
        "invite_code": "", "parts_on": ["feed", "agenda", "stories", "points", "helpdesk"],
    }
    data.update(overrides)
    return data


def test_coordinator_changes_the_look_and_the_parts(client, wijk, coordinator):
    client.force_login(coordinator)
    url = reverse("wijken:settings", kwargs={"wijk_slug": wijk.slug})
    response = client.post(url, settings_data(wijk, parts_on=["feed", "agenda"]))
    assert response.status_code == 302
    wijk.refresh_from_db()
    assert wijk.colour == "#005ea5" and wijk.tagline == "Samen sterk"
    assert set(wijk.parts_off) == {"stories", "points", "helpdesk"}
    page = client.get(reverse("wijken:home", kwargs={"wijk_slug": wijk.slug})).content.decode()
    assert "--wijk-colour: #005ea5" in page


def test_a_part_switched_off_is_a_404_and_leaves_the_menu(client, wijk, coordinator):
    from django.urls import NoReverseMatch

    wijk.parts_off = ["stories"]
    wijk.save()
    try:
        url = reverse("newsroom:stories", kwargs={"wijk_slug": wijk.slug})
    except NoReverseMatch:
        return  # the newsroom has no list page yet
    assert client.get(url).status_code == 404
    assert url not in client.get(reverse("wijken:home", kwargs={"wijk_slug": wijk.slug})).content.decode()


def test_bad_settings_are_refused_and_nothing_changes(client, wijk, coordinator):
    client.force_login(coordinator)
    url = reverse("wijken:settings", kwargs={"wijk_slug": wijk.slug})
    response = client.post(url, settings_data(wijk, colour="red", time_zone="Mars/Olympus", join_policy="invite"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "#rrggbb" in page and "Select a valid choice" in page and "Give an invitation code" in page
    wijk.refresh_from_db()
    assert wijk.colour == "#e4003a" and wijk.join_policy == "open"


def test_only_the_coordinator_changes_settings(client, wijk, alice):
    client.force_login(alice)
    url = reverse("wijken:settings", kwargs={"wijk_slug": wijk.slug})
    assert client.post(url, settings_data(wijk, name="Overgenomen")).status_code == 403
    wijk.refresh_from_db()
    assert wijk.name == "Oude Noorden"


def test_invitation_by_email_lets_someone_in_a_closed_wijk(client, wijk, coordinator, stranger):
    wijk.join_policy = Wijk.JoinPolicy.APPROVAL
    wijk.save()
    client.force_login(coordinator)
    response = client.post(reverse("wijken:invite", kwargs={"wijk_slug": wijk.slug}),
                           {"emails": f"{stranger.email}, nieuw@example.org"})
    assert response.status_code == 302
    message = OutboxMessage.objects.in_wijk(wijk).get(to_email=stranger.email)
    assert "Word hier lid" in message.body  # in the wijk's language
    link = re.search(r"https?://[^/\s]+(/oude-noorden/invitation/[^/\s]+/)", message.body).group(1)

    client.force_login(stranger)
    client.get(link)
    assert Membership.objects.in_wijk(wijk).get(user=stranger).status == "active"
    assert client.get(link).status_code == 404  # used once


def test_bad_invitation_addresses_are_refused(client, wijk, coordinator):
    client.force_login(coordinator)
    response = client.post(reverse("wijken:invite", kwargs={"wijk_slug": wijk.slug}), {"emails": "geen-adres"})
    assert response.status_code == 400
    assert "valid email" in response.content.decode()


def test_directory_searches_by_name_city_and_country(client, wijk, other_wijk, alice, django_assert_max_num_queries):
    wijk.latitude, wijk.longitude = "51.93200", "4.48900"
    wijk.save()
    with django_assert_max_num_queries(6):
        page = client.get("/").content.decode()
    assert "Oude Noorden" in page and "Harlem" in page and "1 member" in page and "0 posts this month" in page
    assert 'data-markers-url="/wijken/markers.json"' in page  # the map, with the list beside it
    page = client.get("/?q=new york").content.decode()
    assert "Harlem" in page and "Oude Noorden" not in page
    assert "Oude Noorden" in client.get("/?q=NL").content.decode()
    assert "No wijk matches" in client.get("/?q=atlantis").content.decode()


def test_members_only_wijk_is_not_in_the_public_directory(client, wijk):
    wijk.visibility = Wijk.Visibility.MEMBERS
    wijk.save()
    assert "Oude Noorden" not in client.get("/").content.decode()


def test_the_wijk_of_an_address_is_read_once_and_forgotten_when_it_changes(
    client, wijk, django_assert_max_num_queries
):
    from wijkplatform.wijken.selectors import wijk_get_live

    assert wijk_get_live(slug=wijk.slug) == wijk
    with django_assert_max_num_queries(0):
        assert wijk_get_live(slug=wijk.slug).name == "Oude Noorden"
    wijk.name = "Oude Noorden-Zuid"
    wijk.save()
    assert wijk_get_live(slug=wijk.slug).name == "Oude Noorden-Zuid"
    wijk.is_active = False
    wijk.save()
    assert wijk_get_live(slug=wijk.slug) is None
    assert client.get(f"/{wijk.slug}/").status_code == 404


def test_a_process_keeps_its_wijk_a_moment_and_no_request_changes_the_kept_one(wijk, monkeypatch):
    import time

    from django.core.cache import cache

    from wijkplatform.wijken import selectors
    from wijkplatform.wijken.models import Wijk

    first = selectors.wijk_get_live(slug=wijk.slug)
    first.name = "Veranderd in een request"
    assert selectors.wijk_get_live(slug=wijk.slug).name == "Oude Noorden"
    # Changed by another process: this one has no signal of it, and sees it once its moment has passed.
    Wijk.objects.filter(pk=wijk.pk).update(name="Elders veranderd")
    cache.delete(f"wijk:live:{wijk.slug}")
    assert selectors.wijk_get_live(slug=wijk.slug).name == "Oude Noorden"
    later = time.monotonic() + selectors.LOCAL_WIJK_SECONDS + 1
    monkeypatch.setattr(selectors.time, "monotonic", lambda: later)
    assert selectors.wijk_get_live(slug=wijk.slug).name == "Elders veranderd"



def test_an_address_no_wijk_can_have_is_answered_without_asking_anyone(client, db, django_assert_num_queries):
    from wijkplatform.wijken.selectors import wijk_get_live

    with django_assert_num_queries(0):
        assert wijk_get_live(slug="LikeJeWijk Points") is None
        assert wijk_get_live(slug="D\U000f60b4\x1asjìT") is None
    assert client.get("/api/v1/wijken/Oude%20Noorden/posts").status_code == 404

def test_the_directory_lists_wijken_a_page_at_a_time(client, db, django_assert_max_num_queries):
    from wijkplatform.core.testing.factories import WijkFactory
    from wijkplatform.wijken.views import DIRECTORY_PAGE_SIZE

    for n in range(DIRECTORY_PAGE_SIZE + 2):
        WijkFactory(slug=f"wijk-{n:03}", name=f"Wijk {n:03}", latitude="52.0", longitude="4.3")
    with django_assert_max_num_queries(6):
        first = client.get("/").content.decode()
    assert "Wijk 000" in first and f"Wijk {DIRECTORY_PAGE_SIZE - 1:03}" in first
    assert f'<h3><a href="/wijk-{DIRECTORY_PAGE_SIZE:03}/">' not in first
    assert "Page 1 of 2" in first and "?page=2" in first
    second = client.get("/?page=2").content.decode()
    assert f'<h3><a href="/wijk-{DIRECTORY_PAGE_SIZE + 1:03}/">' in second and "Page 2 of 2" in second
    assert client.get("/?page=nonsense").status_code == 200
