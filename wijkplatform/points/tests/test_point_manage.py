import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from wijkplatform.core.testing.factories import member
from wijkplatform.points.models import Point, PointHost
from wijkplatform.points.tests.factories import PointFactory

pytestmark = pytest.mark.django_db


def png():
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(out, format="PNG")
    return SimpleUploadedFile("p.png", out.getvalue(), content_type="image/png")


def test_coordinator_adds_a_point_with_photo(client, wijk, coordinator):
    client.force_login(coordinator)
    response = client.post(
        reverse("points:desk", kwargs={"wijk_slug": wijk.slug}),
        {
            "name": "Huis van de Wijk",
            "kind": "community_centre",
            "address": "Zwaanshals 1",
            "latitude": "51.93",
            "longitude": "4.48",
            "activities": "Help",
            "is_active": "on",
            "photo": png(),
            "photo_alt": "The door",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    point = Point.objects.in_wijk(wijk).get()
    assert point.slug == "huis-van-de-wijk" and point.photo
    assert client.get(point.get_absolute_url()).status_code == 200


def test_bad_point_input_is_refused(client, wijk, coordinator):
    PointFactory(wijk=wijk, slug="taken")
    client.force_login(coordinator)
    url = reverse("points:desk", kwargs={"wijk_slug": wijk.slug})
    response = client.post(url, {"name": "X", "slug": "taken", "kind": "shop", "address": "A 1"})
    assert response.status_code == 400 and "already is a Point" in response.content.decode()
    response = client.post(url, {"name": "Y", "kind": "shop", "address": "A 1", "latitude": "51"})
    assert response.status_code == 400 and "both a latitude and a longitude" in response.content.decode()
    not_image = SimpleUploadedFile("x.png", b"not an image", content_type="image/png")
    response = client.post(url, {"name": "Z", "kind": "shop", "address": "A 1", "photo": not_image})
    assert response.status_code == 400
    assert Point.objects.in_wijk(wijk).count() == 1


def test_residents_cannot_manage_points(client, wijk, alice):
    client.force_login(alice)
    assert client.get(reverse("points:desk", kwargs={"wijk_slug": wijk.slug})).status_code == 403
    point = PointFactory(wijk=wijk)
    assert (
        client.get(reverse("points:desk_point", kwargs={"wijk_slug": wijk.slug, "slug": point.slug})).status_code == 403
    )


def test_coordinator_assigns_a_host_who_then_shows_on_the_page(client, wijk, coordinator, alice):
    host = member(wijk, "point_host", display_name="Ria Host")
    point = PointFactory(wijk=wijk)
    client.force_login(coordinator)
    url = reverse("points:desk_point", kwargs={"wijk_slug": wijk.slug, "slug": point.slug})
    assert client.post(url, {"action": "host", "user": alice.pk}).status_code == 400  # not a point host
    assert client.post(url, {"action": "host", "user": host.pk}).status_code == 302
    assert PointHost.objects.in_wijk(wijk).filter(point=point, user=host).exists()
    assert "Ria Host" in client.get(point.get_absolute_url()).content.decode()


def test_a_new_or_edited_point_is_searchable(client, wijk, coordinator, django_capture_on_commit_callbacks):
    from wijkplatform.points import services
    from wijkplatform.search.models import SearchDocument

    with django_capture_on_commit_callbacks(execute=True):
        point = services.point_create(
            wijk=wijk,
            by=coordinator,
            name="Speeltuin De Vlinder",
            address="Vlinderstraat 2",
            kind="playground",
            activities="Koffie voor ouders",
        )
    document = SearchDocument.objects.in_wijk(wijk).get(kind="point")
    assert document.title == "Speeltuin De Vlinder" and document.url == point.get_absolute_url()
    with django_capture_on_commit_callbacks(execute=True):
        services.point_update(wijk=wijk, point=point, by=coordinator, name="Speeltuin De Rups")
    assert SearchDocument.objects.in_wijk(wijk).get(kind="point").title == "Speeltuin De Rups"


def test_coordinator_edits_a_point(client, wijk, coordinator):
    point = PointFactory(wijk=wijk, slug="huis", name="Old name")
    client.force_login(coordinator)
    url = reverse("points:desk_point", kwargs={"wijk_slug": wijk.slug, "slug": "huis"})
    response = client.post(
        url,
        {
            "action": "point",
            "name": "New name",
            "kind": "library",
            "address": "Bergweg 1",
            "is_active": "on",
            "photo": png(),
        },
    )
    assert response.status_code == 302
    point = Point.objects.in_wijk(wijk).get(pk=point.pk)
    assert point.name == "New name" and point.slug == "huis" and point.photo
    response = client.post(url, {"action": "point", "name": "", "kind": "library", "address": ""})
    assert response.status_code == 400
    assert Point.objects.in_wijk(wijk).get(pk=point.pk).name == "New name"
