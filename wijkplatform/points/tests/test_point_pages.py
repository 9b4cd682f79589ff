import datetime

import pytest
from django.urls import reverse

from wijkplatform.core.testing.factories import member
from wijkplatform.points.tests.factories import PointFactory, exception, host_of, hours

pytestmark = pytest.mark.django_db


def url(name, wijk, **kwargs):
    return reverse(f"points:{name}", kwargs={"wijk_slug": wijk.slug, **kwargs})


def test_list_shows_map_and_accessible_list(client, wijk, django_assert_max_num_queries):
    for i in range(5):
        point = PointFactory(wijk=wijk, name=f"Point {i}", slug=f"point-{i}")
        hours(point, 0, "09:00", "17:00")
    PointFactory(wijk=wijk, name="Closed for good", slug="gone", is_active=False)
    with django_assert_max_num_queries(10):
        response = client.get(url("list", wijk))
    text = response.content.decode()
    assert response.status_code == 200
    assert "Point 4" in text and "Closed for good" not in text
    assert 'class="map"' in text and "point-markers" in text and "core/map.js" in text
    assert '<ul class="cards">' in text  # the list beside the map, without JavaScript
    assert "<script>" not in text  # no inline script without a nonce


def test_detail_shows_address_activities_hours_hosts(client, wijk):
    point = PointFactory(wijk=wijk, name="Huis van de Wijk", slug="huis", accessibility="Step-free entrance")
    hours(point, 2, "10:00", "12:00")
    host = member(wijk, "point_host", display_name="Ria Host")
    host_of(point, host)
    exception(point, datetime.date.today() + datetime.timedelta(days=3), note="Painting")
    text = client.get(url("detail", wijk, slug="huis")).content.decode()
    assert "Zwaanshals 1" in text and "Pick up the wijk paper" in text and "Step-free entrance" in text
    assert "10:00–12:00" in text and "Ria Host" in text and "Painting" in text


def test_unknown_or_inactive_or_other_wijk_point_is_404(client, wijk, other_wijk, charlie):
    PointFactory(wijk=wijk, slug="hidden", is_active=False)
    PointFactory(wijk=other_wijk, slug="elsewhere")
    assert client.get(url("detail", wijk, slug="nope")).status_code == 404
    assert client.get(url("detail", wijk, slug="hidden")).status_code == 404
    assert client.get(url("detail", wijk, slug="elsewhere")).status_code == 404
    client.force_login(charlie)
    PointFactory(wijk=wijk, slug="here")
    assert client.get(url("detail", other_wijk, slug="here")).status_code == 404


def test_home_section_lists_points_open_now(client, wijk):
    point = PointFactory(wijk=wijk, name="Always open", slug="always")
    for day in range(7):
        hours(point, day, "00:00", "00:00")
    text = client.get(reverse("wijken:home", kwargs={"wijk_slug": wijk.slug})).content.decode()
    assert "Points open now" in text and "Always open" in text
    assert f'href="/{wijk.slug}/points/"' in text and f'href="/{wijk.slug}/help/"' in text  # the nav entries
