"""Reads of the agenda, wijk first."""

from datetime import datetime, time, timedelta

from django.db.models import Count, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkplatform.accounts.selectors import only_name

from .models import RSVP, Event, Occurrence


def _dates(wijk):
    return (
        Occurrence.objects.in_wijk(wijk)
        .filter(event__hidden_at__isnull=True)
        .select_related("event", "event__organiser_partner", "event__point")
    )


def occurrences_upcoming(
    *,
    wijk,
    organisation=None,
    point=None,
    limit=None,
    include_cancelled=False,
    free=False,
    children=False,
    accessible=False,
    within_days=None,
    now=None,
):
    """Dates to come (or under way), soonest first, with optional filters."""
    now = now or timezone.now()
    dates = _dates(wijk).filter(ends_at__gt=now)
    if not include_cancelled:
        dates = dates.filter(cancelled=False)
    if organisation is not None:
        dates = dates.filter(event__organiser_partner=organisation)
    if point is not None:
        dates = dates.filter(event__point=point)
    if free:
        dates = dates.filter(Q(event__cost__isnull=True) | Q(event__cost=0))
    if children:
        dates = dates.filter(event__for_children=True)
    if accessible:
        dates = dates.filter(event__step_free=True)
    if within_days:
        end_of_today = datetime.combine(
            now.astimezone(wijk.tz).date() + timedelta(days=within_days), time.min, tzinfo=wijk.tz
        )
        dates = dates.filter(starts_at__lt=end_of_today)
    dates = dates.order_by("starts_at", "pk")
    return dates[:limit] if limit else dates


def events_upcoming(*, wijk, point=None, limit=None):
    """The cross-app interface: upcoming dates (Occurrence rows; `.event` is the event)."""
    return occurrences_upcoming(wijk=wijk, point=point, limit=limit)


def occurrences_past(*, wijk, now=None):
    now = now or timezone.now()
    return _dates(wijk).filter(ends_at__lte=now, cancelled=False).order_by("-starts_at", "-pk")


def occurrences_between(*, wijk, start, end):
    return _dates(wijk).filter(starts_at__lt=end, ends_at__gt=start).order_by("starts_at", "pk")


def occurrences_of_event(*, wijk, event, upcoming_only=True):
    dates = Occurrence.objects.in_wijk(wijk).filter(event=event)
    if upcoming_only:
        dates = dates.filter(ends_at__gt=timezone.now())
    return dates.order_by("starts_at")


def event_get_for(*, wijk, user, pk):
    """The event, or 404: missing, of another wijk, or hidden by moderation (except for its managers)."""
    event = (
        Event.objects.in_wijk(wijk)
        .select_related("organiser", "organiser_partner", "point")
        .filter(pk=pk)
        .first()
    )
    refuse_hidden(wijk=wijk, user=user, event=event)
    return event


def occurrence_get_for(*, wijk, user, pk):
    occurrence = _dates_with_event(wijk).filter(pk=pk).first()
    refuse_hidden(wijk=wijk, user=user, event=occurrence and occurrence.event)
    return occurrence


def refuse_hidden(*, wijk, user, event):
    """404 for no event, or one hidden by moderation, unless this person manages it."""
    from .services import can_manage

    if event is None or (event.hidden_at is not None and not can_manage(wijk=wijk, user=user, event=event)):
        raise Http404(_("There is no such event in this wijk."))


def date_shown(*, wijk, event_id=None, pk=None):
    """The date an event's page shows, with its event: the next one, else the next cancelled one, else the
    last one; or the date `pk`. None when there is none. Not checked for hiding (`refuse_hidden`), so that
    it can be kept for every reader; of the organiser only their name is read, so only that is kept."""
    if pk is not None:
        return _dates_with_event(wijk).filter(pk=pk).first()
    dates = _dates_with_event(wijk).filter(event_id=event_id)
    now = timezone.now()
    return (
        dates.filter(ends_at__gt=now, cancelled=False).order_by("starts_at").first()
        or dates.filter(ends_at__gt=now).order_by("starts_at").first()
        or dates.order_by("-starts_at").first()
    )


def _dates_with_event(wijk):
    return (
        Occurrence.objects.in_wijk(wijk)
        .select_related("event", "event__organiser", "event__organiser_partner", "event__point")
        .defer(*only_name("event__organiser"))
    )


def rsvp_of(*, wijk, occurrence, user):
    if not user.is_authenticated:
        return None
    return RSVP.objects.in_wijk(wijk).filter(occurrence=occurrence, user=user).select_related("via_point").first()


def waiting_position(*, wijk, rsvp):
    if rsvp is None or rsvp.status != RSVP.Status.WAITING:
        return None
    ahead = (
        RSVP.objects.in_wijk(wijk)
        .filter(occurrence_id=rsvp.occurrence_id, status=RSVP.Status.WAITING)
        .filter(Q(waiting_since__lt=rsvp.waiting_since) | Q(waiting_since=rsvp.waiting_since, pk__lt=rsvp.pk))
    )
    return ahead.count() + 1


def rsvp_counts(*, wijk, occurrence):
    """{status: how many}, plus "guests": how many of those going are guests (visitors without an account).

    Pending guests (address not confirmed yet) are counted under "pending" only: they take no place.
    """
    rows = (
        RSVP.objects.in_wijk(wijk)
        .filter(occurrence=occurrence)
        .values("status")
        .annotate(n=Count("pk"), guests=Count("pk", filter=Q(user__isnull=True)))
    )
    counts = dict.fromkeys(RSVP.Status.values, 0)
    counts["guests"] = 0
    for row in rows:
        counts[row["status"]] = row["n"]
        if row["status"] == RSVP.Status.GOING:
            counts["guests"] = row["guests"]
    return counts


def going_counts(*, wijk, occurrence_ids):
    """{occurrence id: people going}, one query for a page of dates."""
    rows = (
        RSVP.objects.in_wijk(wijk)
        .filter(occurrence_id__in=list(occurrence_ids), status=RSVP.Status.GOING)
        .values("occurrence_id")
        .annotate(n=Count("pk"))
    )
    return {row["occurrence_id"]: row["n"] for row in rows}


ATTENDEE_ORDER = {  # pending guests (address not confirmed) are not in the list
    RSVP.Status.GOING: 0,
    RSVP.Status.WAITING: 1,
    RSVP.Status.MAYBE: 2,
    RSVP.Status.NOT_GOING: 3,
}


def attendees(*, wijk, occurrence):
    rows = list(
        RSVP.objects.in_wijk(wijk)
        .filter(occurrence=occurrence)
        .exclude(status=RSVP.Status.PENDING)
        .select_related("user", "via_point")
        .order_by("created_at", "pk")
    )
    rows.sort(key=lambda r: (ATTENDEE_ORDER.get(r.status, 9), r.waiting_since or r.created_at))
    return rows


def going_for_user(*, wijk, user_id, since=None):
    """Dates a member is going to (for their personal calendar), from a month ago on."""
    since = since or timezone.now() - timedelta(days=31)
    ids = RSVP.objects.in_wijk(wijk).filter(user_id=user_id, status=RSVP.Status.GOING).values("occurrence_id")
    return _dates(wijk).filter(pk__in=ids, ends_at__gt=since).order_by("starts_at")
