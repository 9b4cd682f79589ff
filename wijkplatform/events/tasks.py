"""Celery tasks: thin wrappers of the services. The beat schedule is in `schedule.py`."""

from celery import shared_task

REMINDER_HOUR = 9  # the reminder of tomorrow's events goes out from 09:00 in the wijk's own time zone


@shared_task(name="events.send_reminders", ignore_result=True)
def send_reminders(earliest_local_hour=REMINDER_HOUR):
    from django.utils import timezone

    from wijkplatform.wijken.models import Wijk

    from .services import reminders_send

    now = timezone.now()
    sent = 0
    for wijk in Wijk.objects.filter(is_active=True):
        if now.astimezone(wijk.tz).hour >= earliest_local_hour:
            sent += reminders_send(wijk=wijk, now=now)
    return sent


@shared_task(name="events.extend_occurrences", ignore_result=True)
def extend_occurrences():
    from wijkplatform.wijken.models import Wijk

    from .services import occurrences_extend

    return sum(occurrences_extend(wijk=wijk) for wijk in Wijk.objects.filter(is_active=True))


@shared_task(name="events.tidy_guest_rsvps", ignore_result=True)
def tidy_guest_rsvps():
    from wijkplatform.wijken.models import Wijk

    from .services import guest_rsvps_tidy

    return sum(guest_rsvps_tidy(wijk=wijk) for wijk in Wijk.objects.filter(is_active=True))
