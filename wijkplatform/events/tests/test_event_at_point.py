import icalendar
from django.urls import reverse

from wijkplatform.events.models import Event
from wijkplatform.events.selectors import events_upcoming
from wijkplatform.events.tests.factories import make_event
from wijkplatform.points.models import Point


def point_in(wijk, name="Huis van de Wijk", slug="huis-van-de-wijk"):
    return Point.objects.create(wijk=wijk, name=name, slug=slug, address="Zwaanshals 1")


def test_an_event_at_a_point_through_the_form(client, wijk, alice):
    point = point_in(wijk)
    client.force_login(alice)
    response = client.post(
        reverse("events:create", kwargs={"wijk_slug": wijk.slug}),
        {
            "title": "Spreekuur digitale hulp",
            "starts_at": "2030-06-14T10:00",
            "ends_at": "2030-06-14T12:00",
            "place": "point",
            "point": point.pk,
            "address": "ignored",
        },
    )
    assert response.status_code == 302
    event = Event.objects.in_wijk(wijk).select_related("point").get()
    assert event.point == point and event.address == ""
    page = client.get(response["Location"]).content.decode()
    assert "Huis van de Wijk" in page
    assert [o.event for o in events_upcoming(wijk=wijk, point=point)] == [event]


def test_a_point_of_another_wijk_cannot_be_chosen(client, wijk, other_wijk, alice):
    elsewhere = point_in(other_wijk)
    client.force_login(alice)
    response = client.post(
        reverse("events:create", kwargs={"wijk_slug": wijk.slug}),
        {
            "title": "X",
            "starts_at": "2030-06-14T10:00",
            "ends_at": "2030-06-14T12:00",
            "place": "point",
            "point": elsewhere.pk,
        },
    )
    assert response.status_code == 400
    assert "Choose the LikeJeWijk Point" in response.content.decode()
    assert not Event.objects.in_wijk(wijk).exists()


def test_the_feed_of_a_point_has_its_events_only(client, wijk, other_wijk, alice):
    point, other_point = point_in(wijk), point_in(wijk, name="Bibliotheek", slug="bieb")
    make_event(wijk, alice, title="At the centre", place="point", point=point)
    make_event(wijk, alice, title="At the library", place="point", point=other_point)
    make_event(wijk, alice, title="Somewhere else")
    response = client.get(
        reverse("events:point_feed", kwargs={"wijk_slug": wijk.slug, "point_slug": point.slug})
    )
    cal = icalendar.Calendar.from_ical(response.content)
    (item,) = cal.walk("VEVENT")
    assert str(item["SUMMARY"]) == "At the centre"
    assert str(item["LOCATION"]) == "Huis van de Wijk, Zwaanshals 1"
    assert str(item.decoded("DTSTART").tzinfo) == "Europe/Amsterdam"
    missing = reverse("events:point_feed", kwargs={"wijk_slug": other_wijk.slug, "point_slug": point.slug})
    assert client.get(missing).status_code == 404
