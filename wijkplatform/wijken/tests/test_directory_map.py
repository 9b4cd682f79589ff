"""The directory's map: its markers come from their own address, so the directory's pages carry one page of wijken."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from wijkplatform.core.testing.factories import WijkFactory
from wijkplatform.wijken.models import Wijk
from wijkplatform.wijken.views import DIRECTORY_PAGE_SIZE

MARKERS = "/wijken/markers.json"


def visitor():
    """Someone without a session, as map.js asks (without cookies)."""
    return Client(HTTP_ACCEPT_LANGUAGE="en")


def placed(wijk, lat="51.93200", lon="4.48900"):
    wijk.latitude, wijk.longitude = lat, lon
    wijk.save()
    return wijk


def many_wijken(first, count):
    for n in range(first, first + count):
        WijkFactory(slug=f"wijk-{n:03}", name=f"Wijk {n:03}", latitude="52.0", longitude="4.3")


def test_the_address_is_the_one_the_map_is_given():
    assert reverse("directory_markers") == MARKERS


def test_a_directory_page_carries_its_own_wijken_and_no_markers(client, db):
    many_wijken(0, DIRECTORY_PAGE_SIZE + 2)
    first = client.get("/").content.decode()
    assert "Wijk 000" in first
    assert "/wijk-049/" not in first and "Wijk 049" not in first  # on page 2: not in page 1 at all
    assert 'id="wijk-markers"' not in first and '"lat":' not in first

    many_wijken(DIRECTORY_PAGE_SIZE + 2, 200)  # five times as many wijken: page 1 stays the same size
    again = client.get("/").content.decode()
    assert "Wijk 000" in again and "Wijk 249" not in again
    assert abs(len(again) - len(first)) < 50


def test_the_map_points_at_the_markers_and_is_left_out_when_there_are_none(client, wijk, other_wijk):
    page = client.get("/").content.decode()
    assert "Oude Noorden" in page and 'class="map"' not in page and "leaflet.js" not in page  # nothing to map

    placed(wijk)
    page = client.get("/").content.decode()
    assert f'data-markers-url="{MARKERS}"' in page and "core/map.js" in page
    assert "data-markers=" not in page  # no json_script id: the markers are not in the page

    placed(other_wijk, "40.81160", "-73.94650")
    page = client.get("/?q=new york").content.decode()
    assert f'data-markers-url="{MARKERS}?q=new+york"' in page  # the map shows what the search found
    assert "leaflet.js" not in client.get("/?q=atlantis").content.decode()


def test_the_markers_are_every_listed_live_wijk_and_nothing_else(wijk, other_wijk, settings):
    placed(wijk)
    placed(other_wijk, "40.81160", "-73.94650")
    placed(WijkFactory(slug="besloten", name="Besloten Hof", visibility=Wijk.Visibility.MEMBERS))
    placed(WijkFactory(slug="gesloten", name="Gesloten Wijk", is_active=False))
    WijkFactory(slug="nergens", name="Nergens")  # no place: listed, but not on the map

    response = visitor().get(MARKERS)
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert response["Cache-Control"] == f"public, max-age={settings.PAGE_CACHE_SECONDS}"
    assert response.json() == [
        {"name": "Harlem", "url": "/harlem/", "lat": 40.8116, "lon": -73.9465},
        {"name": "Oude Noorden", "url": "/oude-noorden/", "lat": 51.932, "lon": 4.489},
    ]
    assert visitor().get(MARKERS, {"q": "NL"}).json() == [
        {"name": "Oude Noorden", "url": "/oude-noorden/", "lat": 51.932, "lon": 4.489},
    ]
    assert visitor().get(MARKERS, {"q": "atlantis"}).json() == []


def test_the_markers_of_many_wijken_are_one_query(db, django_assert_max_num_queries, settings):
    settings.PAGE_CACHE_SECONDS = 0  # every answer rendered
    many_wijken(0, 120)
    with django_assert_max_num_queries(1):
        markers = visitor().get(MARKERS).json()
    assert len(markers) == 120


def test_visitors_share_one_stored_copy_until_a_wijk_is_saved(wijk, other_wijk, alice, django_assert_max_num_queries):
    placed(wijk)
    assert [m["name"] for m in visitor().get(MARKERS).json()] == ["Oude Noorden"]

    with django_assert_max_num_queries(0):  # from the page cache
        response = visitor().get(MARKERS)
    assert response["Content-Type"] == "application/json"
    assert [m["name"] for m in json.loads(response.content)] == ["Oude Noorden"]

    placed(other_wijk, "40.81160", "-73.94650")  # a wijk saved: the next visitor sees it at once
    assert [m["name"] for m in visitor().get(MARKERS).json()] == ["Harlem", "Oude Noorden"]
    wijk.name = "Oude Noorden-Zuid"
    wijk.save()
    assert [m["name"] for m in visitor().get(MARKERS).json()] == ["Harlem", "Oude Noorden-Zuid"]
    wijk.visibility = Wijk.Visibility.MEMBERS
    wijk.save()
    assert [m["name"] for m in visitor().get(MARKERS).json()] == ["Harlem"]


@pytest.mark.parametrize("logged_in", [False, True])
def test_the_markers_are_the_same_for_everyone(client, wijk, alice, logged_in):
    placed(wijk)
    if logged_in:
        client.force_login(alice)
    assert client.get(MARKERS).json() == visitor().get(MARKERS).json()
