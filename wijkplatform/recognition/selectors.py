"""Reads of recognition, among them the figures: `volunteer_hours_by_month(*, wijk)`."""

from datetime import timedelta
from decimal import Decimal

from django.db.models import Count, F, Sum
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from wijkplatform.community.models import Initiative, Post
from wijkplatform.newsroom.models import Story
from wijkplatform.wijken.models import Membership, RoleAssignment

from .models import HoursLog, Nomination, VolunteerProfile

HOUR_BADGES = (100, 50, 10)
THANKS_BADGE = 10  # neighbours who thanked the person in a visible thank-you post


def volunteer_hours_by_month(*, wijk, months=12):
    """[(first day of the month, confirmed hours)] for the last `months` months, oldest first."""
    today = timezone.localdate(timezone=wijk.tz)
    first = today.replace(day=1)
    starts = []
    for _i in range(months):
        starts.append(first)
        first = (first - timedelta(days=1)).replace(day=1)
    starts.reverse()
    rows = (
        HoursLog.objects.in_wijk(wijk)
        .filter(status=HoursLog.Status.CONFIRMED, date__gte=starts[0])
        .annotate(month=TruncMonth("date"))
        .values("month")
        .annotate(total=Sum("hours"))
        .values_list("month", "total")
    )
    totals = {_as_date(month): total for month, total in rows}
    return [(start, totals.get(start, Decimal(0))) for start in starts]


def _as_date(value):
    return value.date() if hasattr(value, "date") and callable(value.date) else value


def hours_total(*, wijk):
    return HoursLog.objects.in_wijk(wijk).filter(status=HoursLog.Status.CONFIRMED).aggregate(total=Sum("hours"))[
        "total"
    ] or Decimal(0)


def hours_of(*, wijk, user):
    return HoursLog.objects.in_wijk(wijk).filter(volunteer=user).select_related("confirmed_by")


def hours_pending(*, wijk):
    return (
        HoursLog.objects.in_wijk(wijk)
        .filter(status=HoursLog.Status.PENDING)
        .select_related("volunteer")
        .order_by("date", "pk")
    )


def hours_log_get(*, wijk, pk):
    log = HoursLog.objects.in_wijk(wijk).filter(pk=pk).first()
    if log is None:
        raise Http404(_("There are no such hours in this wijk."))
    return log


def profile_of(*, wijk, user):
    if not user.is_authenticated:
        return None
    return VolunteerProfile.objects.in_wijk(wijk).filter(user=user).first()


def volunteers_public(*, wijk):
    """The volunteers who agreed to be shown, with their confirmed hours and badges, most hours first."""
    active = Membership.objects.in_wijk(wijk).filter(status=Membership.Status.ACTIVE).values("user_id")
    profiles = list(
        VolunteerProfile.objects.in_wijk(wijk).filter(show_publicly=True, user_id__in=active).select_related("user")
    )
    ids = [p.user_id for p in profiles]
    hours = dict(
        HoursLog.objects.in_wijk(wijk)
        .filter(status=HoursLog.Status.CONFIRMED, volunteer_id__in=ids)
        .values("volunteer_id")
        .annotate(total=Sum("hours"))
        .values_list("volunteer_id", "total")
    )
    badges = badges_for(wijk=wijk, user_ids=ids, hours=hours)
    rows = [
        {"user": p.user, "hours": hours.get(p.user_id, Decimal(0)), "badges": badges.get(p.user_id, [])}
        for p in profiles
    ]
    rows.sort(key=lambda r: (-r["hours"], r["user"].name.lower()))
    return rows


def badges_for(*, wijk, user_ids, hours):
    """{user_id: [badge label]}: hours given, a year as point host, a first published story, thanked by ten
    neighbours. One query per kind of badge, whatever the number of people."""
    badges = {pk: [] for pk in user_ids}
    for pk, total in hours.items():
        for threshold in HOUR_BADGES:
            if total >= threshold:
                badges[pk].append(ngettext("%(n)s hour given", "%(n)s hours given", threshold) % {"n": threshold})
                break
    year_ago = timezone.now() - timedelta(days=365)
    hosts = (
        RoleAssignment.objects.in_wijk(wijk)
        .filter(role="point_host", user_id__in=user_ids, granted_at__lte=year_ago)
        .values_list("user_id", flat=True)
    )
    for pk in hosts:
        badges[pk].append(_("A year as point host"))
    reporters = set(
        Story.objects.in_wijk(wijk)
        .filter(status="published", reporter_id__in=user_ids)
        .values_list("reporter_id", flat=True)
    )
    for pk in reporters:
        badges[pk].append(_("First story published"))
    thanked = (
        Post.objects.in_wijk(wijk)
        .visible()
        .filter(kind=Post.Kind.THANKS, thanked_id__in=user_ids)
        .exclude(author_id=F("thanked_id"))
        .values("thanked_id")
        .annotate(n=Count("author_id", distinct=True))
        .filter(n__gte=THANKS_BADGE)
        .values_list("thanked_id", flat=True)
    )
    for pk in thanked:
        badges[pk].append(_("Thanked by ten neighbours"))
    return badges


def initiatives_to_choose(*, wijk):
    """(url, title) of the wijk's visible initiatives, newest first."""
    rows = list(Initiative.objects.in_wijk(wijk).visible().order_by("-pk")[:50])
    for row in rows:
        row.wijk = wijk  # known already: no query per row for its address
    return [(row.get_absolute_url(), row.title) for row in rows]


def neighbour_of_the_month(*, wijk):
    return Nomination.objects.in_wijk(wijk).filter(chosen=True).select_related("nominee").order_by("-month").first()


def nominations_of_month(*, wijk, month):
    return Nomination.objects.in_wijk(wijk).filter(month=month).select_related("nominee", "nominated_by")


def nomination_get(*, wijk, pk):
    nomination = Nomination.objects.in_wijk(wijk).filter(pk=pk).first()
    if nomination is None:
        raise Http404(_("There is no such nomination in this wijk."))
    return nomination


def members_to_nominate(*, wijk, user):
    return (
        Membership.objects.in_wijk(wijk)
        .filter(status=Membership.Status.ACTIVE)
        .exclude(user=user)
        .select_related("user")
        .order_by("user__display_name", "user__email")
    )
