"""Reads of Points, wijk first."""

import datetime

from django.db.models import Prefetch
from django.http import Http404
from django.utils import timezone

from wijkplatform.core.capabilities import can

from . import hours as hours_lib
from .models import AssistedAction, Consent, OpeningException, OpeningHours, Point, PointHost


def points_of(*, wijk, include_inactive=False):
    qs = Point.objects.in_wijk(wijk)
    if not include_inactive:
        qs = qs.filter(is_active=True)
    return qs.order_by("name")


def points_with_hours(*, wijk, include_inactive=False, today=None):
    """Points with their weekly hours and the coming exceptions prefetched (three queries in all)."""
    today = today or timezone.localdate(timezone=wijk.tz)
    return points_of(wijk=wijk, include_inactive=include_inactive).prefetch_related(
        Prefetch("hours", queryset=OpeningHours.objects.in_wijk(wijk).order_by("weekday", "opens")),
        Prefetch(
            "exceptions",
            queryset=OpeningException.objects.in_wijk(wijk)
            .filter(date__gte=today - datetime.timedelta(days=1))
            .order_by("date", "opens"),
        ),
    )


def point_get(*, wijk, slug, user=None):
    """A Point of this wijk by slug; inactive Points only for those who manage Points. 404 otherwise."""
    point = points_with_hours(wijk=wijk, include_inactive=True).filter(slug=slug).first()
    if point is None:
        raise Http404("No such Point")
    if not point.is_active and not (user and can(user, "point.manage", wijk)):
        raise Http404("No such Point")
    return point


def point_status(point, *, wijk, when=None):
    """Open now, in the wijk's time zone? Uses the prefetched hours and exceptions of the point."""
    when = when or timezone.now()
    return hours_lib.status_at(when, wijk.tz, list(point.hours.all()), list(point.exceptions.all()))


def week_table(point):
    """[(weekday label, [(opens, closes)])] for the seven days, Monday first."""
    rows = []
    weekly = list(point.hours.all())
    for value, label in OpeningHours.Weekday.choices:
        rows.append((label, [(h.opens, h.closes) for h in weekly if h.weekday == value]))
    return rows


def upcoming_exceptions(point, *, wijk, today=None, days=60):
    today = today or timezone.localdate(timezone=wijk.tz)
    end = today + datetime.timedelta(days=days)
    return [e for e in point.exceptions.all() if today <= e.date <= end]


def hosts_of(*, wijk, point):
    return [
        link.user
        for link in PointHost.objects.in_wijk(wijk)
        .filter(point=point)
        .select_related("user")
        .order_by("user__display_name")
    ]


def is_host_of(*, wijk, point, user):
    if not user.is_authenticated:
        return False
    return PointHost.objects.in_wijk(wijk).filter(point=point, user=user).exists()


def points_hosted_by(*, wijk, user):
    ids = PointHost.objects.in_wijk(wijk).filter(user=user).values_list("point_id", flat=True)
    return points_of(wijk=wijk, include_inactive=True).filter(pk__in=list(ids))


def consents_at(*, wijk, point, active_only=False):
    qs = Consent.objects.in_wijk(wijk).filter(point=point).select_related("resident", "host")
    if active_only:
        qs = qs.filter(withdrawn_at__isnull=True)
    return qs.order_by("-given_at")


def consent_active(*, wijk, point, resident, action):
    """The resident's active consent at this Point covering the action, or None."""
    for consent in Consent.objects.in_wijk(wijk).filter(point=point, resident=resident, withdrawn_at__isnull=True):
        if consent.covers(action):
            return consent
    return None


def assisted_actions(*, wijk, point, limit=30):
    return (
        AssistedAction.objects.in_wijk(wijk)
        .filter(point=point)
        .select_related("host", "resident")
        .order_by("-created_at")[:limit]
    )


def points_open_now(*, wijk, when=None):
    return [p for p in points_with_hours(wijk=wijk) if point_status(p, wijk=wijk, when=when)["open"]]
