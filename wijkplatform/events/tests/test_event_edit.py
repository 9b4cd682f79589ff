from django.urls import reverse

from wijkplatform.events import services
from wijkplatform.events.models import Occurrence
from wijkplatform.events.tests.factories import first_date, make_event, reload
from wijkplatform.notifications.models import Notification
from wijkplatform.partners.tests.factories import partner_in, representative


def form_of(event, **overrides):
    tz = event.wijk.tz
    data = {
        "title": event.title,
        "description": event.description,
        "place": event.place,
        "address": event.address,
        "starts_at": event.starts_at.astimezone(tz).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": event.ends_at.astimezone(tz).strftime("%Y-%m-%dT%H:%M"),
        "recurrence": event.recurrence,
        "capacity": event.capacity or "",
        "cost": event.cost or "",
    }
    data.update(overrides)
    return data


def edit_url(wijk, event):
    return reverse("events:edit", kwargs={"wijk_slug": wijk.slug, "pk": event.pk})


def test_the_organiser_edits_and_moves_the_event(client, wijk, alice):
    event = make_event(wijk, alice)
    client.force_login(alice)
    page = client.get(edit_url(wijk, event)).content.decode()
    assert event.starts_at.astimezone(wijk.tz).strftime("%Y-%m-%dT%H:%M") in page  # shown in local time
    local = event.starts_at.astimezone(wijk.tz)
    later = form_of(
        event,
        title="Buurtborrel (verzet)",
        starts_at=(local.replace(hour=20)).strftime("%Y-%m-%dT%H:%M"),
        ends_at=(local.replace(hour=22)).strftime("%Y-%m-%dT%H:%M"),
    )
    assert client.post(edit_url(wijk, event), later).status_code == 302
    event = reload(event)
    assert event.title == "Buurtborrel (verzet)"
    date = first_date(event)
    assert date.starts_at.astimezone(wijk.tz).hour == 20
    assert Occurrence.objects.in_wijk(wijk).filter(event=event).count() == 1


def test_a_failed_edit_keeps_the_event_and_the_typed_text(client, wijk, alice):
    event = make_event(wijk, alice)
    client.force_login(alice)
    response = client.post(
        edit_url(wijk, event), form_of(event, title="Typed title", ends_at="2000-01-01T10:00")
    )
    assert response.status_code == 400
    assert "Typed title" in response.content.decode()
    assert reload(event).title == "Buurtborrel"


def test_others_may_not_edit_but_a_coordinator_and_representatives_may(client, wijk, alice, bob, coordinator):
    presence = partner_in(wijk)
    representative(wijk, presence.organisation, alice)
    representative(wijk, presence.organisation, bob)
    event = make_event(wijk, alice, organiser_partner=presence.organisation)
    own = make_event(wijk, alice)
    client.force_login(bob)
    assert client.get(edit_url(wijk, event)).status_code == 200  # represents the organiser
    assert client.get(edit_url(wijk, own)).status_code == 403
    assert client.post(edit_url(wijk, own), form_of(own, title="Hijacked")).status_code == 403
    assert reload(own).title == "Buurtborrel"
    client.force_login(coordinator)
    assert client.get(edit_url(wijk, own)).status_code == 200


def test_cancelling_tells_the_people_who_were_coming(client, wijk, alice, bob):
    event = make_event(wijk, alice, recurrence="weekly")
    services.rsvp_set(wijk=wijk, event=event, user=bob, status="going")
    client.force_login(alice)
    url = reverse("events:cancel", kwargs={"wijk_slug": wijk.slug, "pk": event.pk})
    assert "Yes, cancel the event" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    assert reload(event).is_cancelled
    assert not Occurrence.objects.in_wijk(wijk).filter(event=event, cancelled=False).exists()
    assert Notification.objects.in_wijk(wijk).filter(recipient=bob, kind="event_cancelled").count() == 1
    page = client.get(reverse("events:list", kwargs={"wijk_slug": wijk.slug})).content.decode()
    assert "Cancelled" in page
