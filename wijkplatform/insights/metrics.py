"""The participation figures of a wijk, month by month. Each metric names the model and field it counts.

Metrics of parts that are not installed are left out, so the figures grow with the platform.
"""

import datetime
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkplatform.core.tenancy import cross_wijk


@dataclass(frozen=True)
class Metric:
    code: str
    label: str
    model: str
    date_field: str
    filters: dict = field(default_factory=dict)
    total: str = ""  # a field to add up instead of counting rows
    people: str = ""  # a person field: this row makes that person "active" in the month


METRICS = [
    Metric("new_members", _("New members"), "wijken.Membership", "joined_at", {"status": "active"}),
    Metric("posts", _("Posts"), "community.Post", "created_at", people="author_id"),
    Metric("comments", _("Comments"), "community.Comment", "created_at", people="author_id"),
    Metric("likes", _("Likes"), "community.Like", "created_at", people="user_id"),
    Metric("thanks", _("Thank-yous"), "community.Post", "created_at", {"kind": "thanks"}),
    Metric("events", _("Events"), "events.Event", "starts_at", {"cancelled_at__isnull": True}),
    Metric("rsvps", _("RSVPs"), "events.RSVP", "created_at", {"status": "going"}, people="user_id"),
    Metric("stories", _("Stories published"), "newsroom.Story", "published_at", {"published_at__isnull": False}),
    Metric("volunteer_hours", _("Volunteer hours"), "recognition.HoursLog", "date", {"status": "confirmed"},
           total="hours", people="volunteer_id"),
    Metric("tickets_solved", _("Help-desk tickets solved"), "helpdesk.Ticket", "solved_at",
           {"solved_at__isnull": False}),
]
ACTIVE_MEMBERS = ("active_members", _("Active members"))


def last_months(*, tz, count=12, today=None):
    """The first day of each of the last `count` months, oldest first, in the wijk's time zone."""
    today = today or timezone.localtime(timezone.now(), tz).date()
    year, month = today.year, today.month
    months = []
    for _step in range(count):
        months.append(datetime.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


def installed(metric):
    try:
        model = apps.get_model(metric.model)
    except LookupError:
        return None
    names = {f.name for f in model._meta.get_fields()} | {f.attname for f in model._meta.concrete_fields}
    needed = {metric.date_field, metric.total, metric.people.removesuffix("_id"), *(
        key.split("__")[0] for key in metric.filters)} - {""}
    return model if needed <= names else None


def monthly_figures(*, wijk, months=12, today=None):
    """{"months": [date, ...], "series": [(code, label, [value per month]), ...]} for one wijk.

    With wijk=None, the figures of the whole platform (for staff), in UTC.
    """
    if wijk is None:
        with cross_wijk("platform-wide figures for staff"):
            return _figures(wijk=None, tz=datetime.UTC, months=months, today=today)
    return _figures(wijk=wijk, tz=wijk.tz, months=months, today=today)


def _figures(*, wijk, tz, months, today):
    month_starts = last_months(tz=tz, count=months, today=today)
    since = datetime.datetime.combine(month_starts[0], datetime.time.min, tzinfo=tz)
    series, active = [], {month: set() for month in month_starts}
    for metric in METRICS:
        model = installed(metric)
        if model is None:
            continue
        rows = (model.objects.in_wijk(wijk) if wijk else model.objects.all()).filter(**metric.filters)
        date_field = model._meta.get_field(metric.date_field)
        if date_field.get_internal_type() == "DateField":
            rows = rows.filter(**{f"{metric.date_field}__gte": month_starts[0]})
            month_of = TruncMonth(metric.date_field)
        else:
            rows = rows.filter(**{f"{metric.date_field}__gte": since})
            month_of = TruncMonth(metric.date_field, tzinfo=tz)
        rows = rows.annotate(month=month_of)
        value = Sum(metric.total) if metric.total else Count("pk")
        by_month = {_as_date(row["month"]): row["value"] for row in rows.values("month").annotate(value=value)}
        series.append((metric.code, metric.label, [_number(by_month.get(month)) for month in month_starts]))
        if metric.people:
            for month, person in rows.values_list("month", metric.people).distinct():
                if person is not None:  # a guest without an account (a guest RSVP) is no active member
                    active.setdefault(_as_date(month), set()).add(person)
    active_series = (*ACTIVE_MEMBERS, [len(active.get(month, ())) for month in month_starts])
    return {"months": month_starts, "series": [active_series, *series]}


def _as_date(value):
    return value.date() if isinstance(value, datetime.datetime) else value


def _number(value):
    if value is None:
        return 0
    return float(value) if not float(value).is_integer() else int(value)
