from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from wijkplatform.events import services
from wijkplatform.events.models import Occurrence
from wijkplatform.events.recurrence import nth_weekday, series_starts
from wijkplatform.events.tests.factories import first_date, make_event, reload

AMS = ZoneInfo("Europe/Amsterdam")


def dates(wijk, event):
    return list(Occurrence.objects.in_wijk(wijk).filter(event=event).order_by("starts_at"))


def test_weekly_keeps_the_wall_clock_time_across_summer_time():
    first = datetime(2030, 3, 19, 19, 0, tzinfo=AMS)  # winter time
    starts = series_starts(first, "weekly", tz=AMS, horizon_end=datetime(2030, 4, 30, tzinfo=UTC))
    assert [s.astimezone(AMS).hour for s in starts] == [19] * len(starts)
    assert starts[0].astimezone(UTC).hour == 18 and starts[-1].astimezone(UTC).hour == 17


def test_every_other_week_and_until():
    first = datetime(2030, 1, 7, 10, 0, tzinfo=AMS)
    starts = series_starts(
        first,
        "biweekly",
        tz=AMS,
        until=datetime(2030, 2, 4).date(),
        horizon_end=datetime(2031, 1, 1, tzinfo=UTC),
    )
    assert [s.date().isoformat() for s in starts] == ["2030-01-07", "2030-01-21", "2030-02-04"]


def test_monthly_on_the_nth_weekday():
    first = datetime(2030, 1, 8, 14, 0, tzinfo=AMS)  # the 2nd Tuesday of January 2030
    starts = series_starts(first, "monthly", tz=AMS, horizon_end=datetime(2030, 5, 1, tzinfo=UTC))
    assert [s.date().isoformat() for s in starts] == ["2030-01-08", "2030-02-12", "2030-03-12", "2030-04-09"]
    assert all(s.weekday() == 1 for s in starts)


def test_a_fifth_weekday_means_the_last_one():
    assert nth_weekday(2030, 2, 4, -1).isoformat() == "2030-02-22"
    first = datetime(2030, 1, 31, 9, 0, tzinfo=AMS)  # the 5th (last) Thursday
    starts = series_starts(first, "monthly", tz=AMS, horizon_end=datetime(2030, 3, 1, tzinfo=UTC))
    assert [s.date().isoformat() for s in starts] == ["2030-01-31", "2030-02-28"]


def test_a_weekly_event_stores_about_six_months_of_dates(wijk, alice):
    event = make_event(wijk, alice, recurrence="weekly")
    stored = dates(wijk, event)
    assert 25 <= len(stored) <= 27
    assert all(d.ends_at - d.starts_at == timedelta(hours=2) for d in stored)


def test_the_periodic_task_extends_the_series_and_is_idempotent(wijk, alice):
    event = make_event(wijk, alice, recurrence="weekly")
    before = len(dates(wijk, event))
    later = timezone.now() + timedelta(days=60)
    created = services.occurrences_extend(wijk=wijk, now=later)
    assert created >= 8
    assert services.occurrences_extend(wijk=wijk, now=later) == 0
    assert len(dates(wijk, event)) == before + created
    call_command("extend_event_dates", stdout=open("/dev/null", "w"))


def test_one_date_can_be_moved_and_another_cancelled(client, wijk, alice, bob):
    event = make_event(wijk, alice, recurrence="weekly")
    second, third = dates(wijk, event)[1:3]
    client.force_login(alice)
    local = second.starts_at.astimezone(wijk.tz)
    moved_to = (local + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    moved_end = (local + timedelta(days=1, hours=1)).strftime("%Y-%m-%dT%H:%M")
    edit = reverse("events:occurrence_edit", kwargs={"wijk_slug": wijk.slug, "pk": second.pk})
    response = client.post(edit, {"action": "move", "starts_at": moved_to, "ends_at": moved_end})
    assert response.status_code == 302
    second = reload(second)
    assert second.moved and second.starts_at == local + timedelta(days=1)
    services.rsvp_set(wijk=wijk, event=event, occurrence=third, user=bob, status="going")
    response = client.post(
        reverse("events:occurrence_edit", kwargs={"wijk_slug": wijk.slug, "pk": third.pk}),
        {"action": "cancel"},
    )
    assert response.status_code == 302
    third = reload(third)
    assert third.cancelled
    others = [d for d in dates(wijk, event) if d.pk not in (second.pk, third.pk)]
    assert not any(d.cancelled or d.moved for d in others)
    # The moved date survives the nightly extension.
    services.occurrences_extend(wijk=wijk)
    second = reload(second)
    assert second.moved
    page = client.get(third.get_absolute_url()).content.decode()
    assert "This event is cancelled." in page


def test_moving_a_date_into_the_dst_gap_is_refused(client, wijk, alice):
    event = make_event(wijk, alice, recurrence="weekly")
    date = first_date(event)
    client.force_login(alice)
    response = client.post(
        reverse("events:occurrence_edit", kwargs={"wijk_slug": wijk.slug, "pk": date.pk}),
        {"action": "move", "starts_at": "2031-03-30T02:15", "ends_at": "2031-03-30T04:00"},
    )
    assert response.status_code == 400
    assert "does not exist" in response.content.decode()


def test_only_the_organiser_moves_a_date(client, wijk, alice, bob):
    event = make_event(wijk, alice, recurrence="weekly")
    client.force_login(bob)
    response = client.post(
        reverse("events:occurrence_edit", kwargs={"wijk_slug": wijk.slug, "pk": first_date(event).pk}),
        {"action": "cancel"},
    )
    assert response.status_code == 403
    assert not first_date(event).cancelled


def test_changing_the_time_of_a_series_moves_its_future_dates(wijk, alice, bob):
    event = make_event(wijk, alice, recurrence="weekly")
    kept = dates(wijk, event)[2]
    services.rsvp_set(wijk=wijk, event=event, occurrence=kept, user=bob, status="going")
    new_start = event.starts_at + timedelta(hours=1)
    services.event_update(
        wijk=wijk, event=event, by=alice, starts_at=new_start, ends_at=new_start + timedelta(hours=2)
    )
    current = [d for d in dates(wijk, event) if not d.cancelled]
    assert all(d.starts_at.astimezone(wijk.tz).hour == new_start.astimezone(wijk.tz).hour for d in current)
    kept = reload(kept)
    assert kept.cancelled  # it had an answer: cancelled (and people told), not silently deleted
