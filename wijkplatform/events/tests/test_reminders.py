from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from wijkplatform.events import services, tasks
from wijkplatform.events.tests.factories import first_date, make_event
from wijkplatform.notifications.models import Notification


def reminders(wijk):
    return Notification.objects.in_wijk(wijk).filter(kind="event_reminder")


def tomorrow_event(wijk, organiser, **fields):
    start = (timezone.now().astimezone(wijk.tz) + timedelta(days=1)).replace(
        hour=15, minute=0, second=0, microsecond=0
    )
    return make_event(wijk, organiser, starts_at=start, ends_at=start + timedelta(hours=1), **fields)


def test_the_command_reminds_those_going_tomorrow_once(wijk, alice, bob, coordinator):
    event = tomorrow_event(wijk, alice)
    later = make_event(wijk, alice, days=5)
    services.rsvp_set(wijk=wijk, event=event, user=bob, status="going")
    services.rsvp_set(wijk=wijk, event=event, user=coordinator, status="maybe")
    services.rsvp_set(wijk=wijk, event=later, user=bob, status="going")
    call_command("send_event_reminders", stdout=open("/dev/null", "w"))
    note = reminders(wijk).get()
    assert note.recipient == bob
    assert event.title in note.title and note.url == first_date(event).get_absolute_url()
    call_command("send_event_reminders", stdout=open("/dev/null", "w"))
    assert reminders(wijk).count() == 1


def test_a_cancelled_date_gets_no_reminder(wijk, alice, bob):
    event = tomorrow_event(wijk, alice)
    services.rsvp_set(wijk=wijk, event=event, user=bob, status="going")
    services.occurrence_cancel(wijk=wijk, occurrence=first_date(event), by=alice)
    assert services.reminders_send(wijk=wijk) == 0
    assert not reminders(wijk).exists()


def test_the_task_waits_for_the_morning_in_the_wijk(wijk, alice, bob):
    event = tomorrow_event(wijk, alice)
    services.rsvp_set(wijk=wijk, event=event, user=bob, status="going")
    tasks.send_reminders.delay(earliest_local_hour=24)  # never: nothing is sent
    assert not reminders(wijk).exists()
    tasks.send_reminders.delay(earliest_local_hour=0)
    assert reminders(wijk).count() == 1


def test_beat_runs_the_reminders_and_the_series_extension(settings):
    from wijkplatform.celery import app

    tasks_scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {"events.send_reminders", "events.extend_occurrences"} <= tasks_scheduled
    app.loader.import_default_modules()
    assert {"events.send_reminders", "events.extend_occurrences"} <= set(app.tasks)


def test_an_english_reminder_ends_with_the_time_not_two_full_stops(wijk, alice, bob):
    wijk.language = "en"
    wijk.save()
    event = tomorrow_event(wijk, alice, title="Kookclub")
    services.rsvp_set(wijk=wijk, event=event, user=bob, status="going")
    services.reminders_send(wijk=wijk)
    title = reminders(wijk).get().title
    assert title.startswith("Tomorrow: Kookclub, ") and title.endswith("3 p.m.")


def test_each_member_is_reminded_and_told_of_a_cancellation_in_their_own_language(wijk, alice, bob, coordinator):
    wijk.language = "nl"
    wijk.save()
    bob.preferred_language = "en"
    bob.save()
    event = tomorrow_event(wijk, alice, title="Buurtsoep")
    services.rsvp_set(wijk=wijk, event=event, user=bob, status="going")
    services.rsvp_set(wijk=wijk, event=event, user=coordinator, status="going")  # no language of their own
    services.reminders_send(wijk=wijk)
    titles = dict(reminders(wijk).values_list("recipient_id", "title"))
    assert titles[bob.pk].startswith("Tomorrow: Buurtsoep")
    assert titles[coordinator.pk].startswith("Morgen: Buurtsoep")
    services.occurrence_cancel(wijk=wijk, occurrence=first_date(event), by=alice)
    cancelled = dict(
        Notification.objects.in_wijk(wijk).filter(kind="event_cancelled").values_list("recipient_id", "title")
    )
    assert cancelled[bob.pk].startswith("Cancelled: Buurtsoep")
    assert cancelled[coordinator.pk].startswith("Afgelast: Buurtsoep")
