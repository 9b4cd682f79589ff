from datetime import timedelta
from zoneinfo import ZoneInfo

import icalendar
from django.urls import reverse

from wijkplatform.events import services
from wijkplatform.events.tests.factories import first_date, make_event


def parse(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def test_the_wijk_feed_is_valid_ical_with_the_wijks_time_zone(client, wijk, other_wijk, alice, charlie):
    event = make_event(wijk, alice, title="Taalcafé", recurrence="weekly")
    make_event(other_wijk, charlie, title="Harlem block party")
    cal = parse(client.get(reverse("events:feed", kwargs={"wijk_slug": wijk.slug})))
    assert cal["VERSION"] == "2.0" and cal["PRODID"]
    timezones = cal.walk("VTIMEZONE")
    assert [str(tz["TZID"]) for tz in timezones] == ["Europe/Amsterdam"]
    events = cal.walk("VEVENT")
    assert len(events) >= 20
    assert {str(e["SUMMARY"]) for e in events} == {"Taalcafé"}
    start = events[0].decoded("DTSTART")
    assert start.tzinfo is not None and str(start.tzinfo) == "Europe/Amsterdam"
    assert events[0]["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert start == first_date(event).starts_at
    assert len({str(e["UID"]) for e in events}) == len(events)
    raw = client.get(reverse("events:feed", kwargs={"wijk_slug": wijk.slug})).content
    assert b"\r\n" in raw and b"BEGIN:VTIMEZONE" in raw


def test_an_empty_feed_still_names_its_time_zone(client, other_wijk):
    cal = parse(client.get(reverse("events:feed", kwargs={"wijk_slug": other_wijk.slug})))
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["America/New_York"]


def test_add_to_my_calendar_for_one_date_and_a_whole_series(client, wijk, alice):
    event = make_event(wijk, alice, title="Moestuinochtend", recurrence="biweekly", address="Bergweg 5")
    date = first_date(event)
    response = client.get(reverse("events:occurrence_ics", kwargs={"wijk_slug": wijk.slug, "pk": date.pk}))
    assert "attachment" in response["Content-Disposition"]
    (item,) = parse(response).walk("VEVENT")
    assert str(item["LOCATION"]) == "Bergweg 5"
    assert item.decoded("DTEND") - item.decoded("DTSTART") == timedelta(hours=2)
    assert item.decoded("DTSTART").astimezone(ZoneInfo("UTC")) == date.starts_at
    series = parse(client.get(reverse("events:event_ics", kwargs={"wijk_slug": wijk.slug, "pk": event.pk})))
    assert len(series.walk("VEVENT")) >= 12


def test_a_cancelled_date_says_so(client, wijk, alice):
    event = make_event(wijk, alice)
    services.event_cancel(wijk=wijk, event=event, by=alice)
    cal = parse(client.get(reverse("events:feed", kwargs={"wijk_slug": wijk.slug})))
    assert str(cal.walk("VEVENT")[0]["STATUS"]) == "CANCELLED"


def test_the_personal_feed_has_what_i_go_to_at_a_private_revocable_address(
    client, wijk, other_wijk, alice, bob
):
    going = make_event(wijk, alice, title="Going there")
    make_event(wijk, alice, title="Not for me")
    services.rsvp_set(wijk=wijk, event=going, user=bob, status="going")
    client.force_login(bob)
    page = client.get(reverse("events:my_calendar", kwargs={"wijk_slug": wijk.slug})).content.decode()
    assert "Going there" in page
    token = services.calendar_token(wijk=wijk, user=bob)
    url = reverse("events:personal_feed", kwargs={"wijk_slug": wijk.slug, "token": token})
    assert url in page
    client.logout()
    cal = parse(client.get(url))
    assert [str(e["SUMMARY"]) for e in cal.walk("VEVENT")] == ["Going there"]
    # A forged or other-wijk token is a 404.
    assert client.get(url.replace(token, token[:-2] + "xx")).status_code == 404
    elsewhere = reverse("events:personal_feed", kwargs={"wijk_slug": other_wijk.slug, "token": token})
    assert client.get(elsewhere).status_code == 404
    # Regenerating revokes the old address.
    client.force_login(bob)
    response = client.post(reverse("events:my_calendar", kwargs={"wijk_slug": wijk.slug}))
    assert "the old one no longer works" in response.content.decode()
    client.logout()
    assert client.get(url).status_code == 404
    new_url = reverse(
        "events:personal_feed",
        kwargs={"wijk_slug": wijk.slug, "token": services.calendar_token(wijk=wijk, user=bob)},
    )
    assert client.get(new_url).status_code == 200
