from wijkplatform.core.testing.leakwalk import sample
from wijkplatform.events import services
from wijkplatform.events.tests.factories import first_date, make_event
from wijkplatform.points.models import Point


@sample
def events(wijk, marker, author):
    event = make_event(wijk, author, title=marker, description=marker, recurrence="weekly")
    occurrence = first_date(event)
    services.rsvp_set(wijk=wijk, event=event, occurrence=occurrence, user=author, status="going")
    token = services.calendar_token(wijk=wijk, user=author)
    guest = services.guest_rsvp_request(wijk=wijk, event=event, occurrence=occurrence, email="guest@example.org")
    date = {"pk": occurrence.pk}
    point = Point.objects.create(wijk=wijk, name=marker, slug="events-leak-point", address=marker)
    make_event(wijk, author, title=marker + " at the point", place="point", point=point)
    return {
        "events:point_feed": {"point_slug": point.slug},
        "events:detail": {"pk": event.pk},
        "events:edit": {"pk": event.pk},
        "events:cancel": {"pk": event.pk},
        "events:event_ics": {"pk": event.pk},
        "events:occurrence": date,
        "events:rsvp": date,
        "events:guest_rsvp": date,
        "events:guest_confirm": {"token": services.guest_token(guest)},
        "events:guest_cancel": {"token": services.guest_token(guest, cancel=True)},
        "events:occurrence_edit": date,
        "events:attendees": date,
        "events:attendees_csv": date,
        "events:occurrence_ics": date,
        "events:personal_feed": {"token": token},
    }
