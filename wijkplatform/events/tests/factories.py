from datetime import timedelta

from django.utils import timezone

from wijkplatform.events import services
from wijkplatform.events.models import Event
from wijkplatform.wijken.services import role_grant


def make_event(wijk, organiser, *, days=3, hours=2, **fields):
    """Publish an event through the service, `days` from now at a round hour (returns the event)."""
    start = (
        (timezone.now() + timedelta(days=days)).astimezone(wijk.tz).replace(minute=0, second=0, microsecond=0)
    )
    data = {
        "title": "Buurtborrel",
        "description": "Kom gezellig langs!",
        "place": Event.Place.ADDRESS,
        "address": "Zwaanshals 1",
        "starts_at": start,
        "ends_at": start + timedelta(hours=hours),
    }
    data.update(fields)
    return services.event_create(wijk=wijk, by=organiser, **data)


def first_date(event):
    return (
        event.occurrences.model.objects.in_wijk(event.wijk).filter(event=event).order_by("starts_at").first()
    )


def past_event(wijk, organiser, **fields):
    """An event that is over (made in the future, then its dates moved to yesterday in the database)."""
    event = make_event(wijk, organiser, **fields)
    yesterday = timezone.now() - timedelta(days=1)
    event.occurrences.model.objects.in_wijk(wijk).filter(event=event).update(
        starts_at=yesterday - timedelta(hours=2), ends_at=yesterday
    )
    Event.objects.in_wijk(wijk).filter(pk=event.pk).update(
        starts_at=yesterday - timedelta(hours=2), ends_at=yesterday
    )
    return Event.objects.in_wijk(wijk).get(pk=event.pk)


__all__ = ["make_event", "first_date", "past_event", "reload", "role_grant"]


def reload(obj):
    """A fresh copy of a wijk-scoped row, read through its wijk."""
    return type(obj).objects.in_wijk(obj.wijk_id).get(pk=obj.pk)
