from django.urls import reverse

from wijkplatform.core.testing.factories import member
from wijkplatform.events import services
from wijkplatform.events.models import RSVP
from wijkplatform.events.tests.factories import first_date, make_event, reload


def edit_form(event, **overrides):
    tz = event.wijk.tz
    data = {
        "title": event.title,
        "description": event.description,
        "place": "address",
        "address": event.address,
        "starts_at": event.starts_at.astimezone(tz).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": event.ends_at.astimezone(tz).strftime("%Y-%m-%dT%H:%M"),
        "capacity": event.capacity or "",
        "recurrence": event.recurrence,
        "cost": "",
    }
    data.update(overrides)
    return data


def test_capacity_below_the_people_going_is_refused(client, wijk, alice):
    event = make_event(wijk, alice, capacity=10)
    for _n in range(3):
        services.rsvp_set(wijk=wijk, event=event, user=member(wijk), status="going")
    client.force_login(alice)
    url = reverse("events:edit", kwargs={"wijk_slug": wijk.slug, "pk": event.pk})
    response = client.post(url, edit_form(event, capacity="2", title="Changed"))
    assert response.status_code == 400
    assert "3 people are already going" in response.content.decode()
    event = reload(event)
    assert event.capacity == 10 and event.title == "Buurtborrel"
    assert client.post(url, edit_form(event, capacity="3")).status_code == 302
    assert reload(event).capacity == 3


def test_raising_the_capacity_lets_people_in_from_the_waiting_list(wijk, alice):
    event = make_event(wijk, alice, capacity=1)
    first, second = member(wijk), member(wijk)
    services.rsvp_set(wijk=wijk, event=event, user=first, status="going")
    services.rsvp_set(wijk=wijk, event=event, user=second, status="going")
    services.event_update(wijk=wijk, event=event, by=alice, capacity=2)
    statuses = set(
        RSVP.objects.in_wijk(wijk).filter(occurrence=first_date(event)).values_list("status", flat=True)
    )
    assert statuses == {"going"}


def test_a_full_event_never_takes_more_than_its_capacity(wijk, alice):
    event = make_event(wijk, alice, capacity=2)
    for _ in range(5):
        services.rsvp_set(wijk=wijk, event=event, user=member(wijk), status="going")
    going = RSVP.objects.in_wijk(wijk).filter(occurrence=first_date(event), status="going").count()
    assert going == 2
