"""iCalendar (RFC 5545) output with the icalendar library: times in the wijk's zone, with its VTIMEZONE."""

import icalendar
from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone

from wijkplatform.core.richtext import plain_text

from .models import Event


def _place(event):
    if event.place == Event.Place.ONLINE:
        return event.online_url
    point = event.point if event.place == Event.Place.POINT else None
    return f"{point.name}, {point.address}" if point else event.address


def build_calendar(*, wijk, occurrences, name, base_url):
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//{settings.BRAND_NAME}//WijkPlatform//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", wijk.time_zone)
    host = base_url.split("://", 1)[-1].split("/", 1)[0] or "wijkplatform"
    stamp = timezone.now()
    tz = wijk.tz
    for occurrence in occurrences:
        event = occurrence.event
        item = icalendar.Event()
        item.add("uid", f"event-{event.pk}-{occurrence.pk}@{host}")
        item.add("dtstamp", stamp)
        item.add("dtstart", occurrence.starts_at.astimezone(tz))
        item.add("dtend", occurrence.ends_at.astimezone(tz))
        item.add("summary", event.title)
        url = base_url + occurrence.get_absolute_url()
        description = plain_text(event.description)
        item.add("description", f"{description}\n\n{url}".strip())
        item.add("url", url)
        location = _place(event)
        if location:
            item.add("location", location)
        item.add("status", "CANCELLED" if occurrence.cancelled or event.cancelled_at else "CONFIRMED")
        item.add("last-modified", event.updated_at)
        item.add("sequence", 1 if occurrence.moved else 0)
        cal.add_component(item)
    if cal.walk("VEVENT"):
        cal.add_missing_timezones()
    else:  # an empty feed still says which zone the wijk lives in
        cal.add_component(icalendar.Timezone.from_tzid(wijk.time_zone))
    return cal


def ics_response(cal, *, filename, attachment):
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = "private, max-age=300"
    return response
