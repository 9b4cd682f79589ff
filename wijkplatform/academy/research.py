"""Anonymised participation data per wijk and month, for approved researchers.

Each column counts rows of one model; models of parts that are not installed (yet) are left out. A cell that
describes fewer than MIN_PEOPLE distinct people (but more than none) is suppressed: it becomes empty in CSV
and null in JSON, so nobody can be singled out. The counts read across wijken on purpose.
"""

import csv
import datetime
import io
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkplatform.core.tenancy import cross_wijk

MIN_PEOPLE = 5


@dataclass(frozen=True)
class Column:
    code: str
    description: str
    model: str
    date_field: str
    people: tuple  # candidate person fields; the first that exists is used
    filters: dict = field(default_factory=dict)
    count_people: bool = False  # the value is the number of distinct people instead of rows


COLUMNS = [
    Column(
        "members",
        _("New members who joined the wijk in the month (people)."),
        "wijken.Membership",
        "joined_at",
        ("user",),
        {"status": "active"},
        count_people=True,
    ),
    Column("posts", _("Posts written in the month."), "community.Post", "created_at", ("author",)),
    Column("likes", _("Likes given in the month."), "community.Like", "created_at", ("user",)),
    Column(
        "events",
        _("Events starting in the month (not cancelled)."),
        "events.Event",
        "starts_at",
        ("organiser",),
        {"cancelled_at__isnull": True},
    ),
    Column(
        "rsvps",
        _("RSVPs (going) made in the month."),
        "events.RSVP",
        "created_at",
        ("user",),
        {"status": "going"},
    ),
    Column(
        "volunteers",
        _("People with confirmed volunteer hours in the month (people)."),
        "recognition.HoursLog",
        "date",
        ("volunteer",),
        {"status": "confirmed"},
        count_people=True,
    ),
    Column(
        "tickets",
        _("Help-desk tickets opened in the month."),
        "helpdesk.Ticket",
        "created_at",
        ("asker", "author", "created_by", "user", "requester"),
    ),
]


def _model_and_person(column):
    try:
        model = apps.get_model(column.model)
    except LookupError:
        return None, None
    names = {f.name for f in model._meta.get_fields()}
    needed = {column.date_field, "wijk", *(key.split("__")[0] for key in column.filters)}
    if not needed <= names:
        return None, None
    person = next((p for p in column.people if p in names), None)
    return model, person


def available_columns():
    return [(c, *_model_and_person(c)) for c in COLUMNS if _model_and_person(c)[0] is not None]


def data_dictionary():
    entries = [
        {"column": "wijk", "description": str(_("The address (slug) of the wijk.")), "unit": "text"},
        {"column": "month", "description": str(_("The calendar month, in UTC, as YYYY-MM.")), "unit": "text"},
    ]
    for column, _model, _person in available_columns():
        entries.append(
            {
                "column": column.code,
                "description": str(column.description),
                "unit": str(_("people") if column.count_people else _("count")),
                "suppression": str(
                    _("Empty (null) when the cell describes fewer than %(n)s people.") % {"n": MIN_PEOPLE}
                ),
            }
        )
    return entries


def month_starts(*, months, today=None):
    today = today or timezone.now().date()
    year, month = today.year, today.month
    result = []
    for _step in range(months):
        result.append(datetime.date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return result[::-1]


def participation_rows(*, wijken, months=12, today=None):
    """[{"wijk": slug, "month": "YYYY-MM", column: value or None}, ...] for the given wijken."""
    starts = month_starts(months=months, today=today)
    since = datetime.datetime.combine(starts[0], datetime.time.min, tzinfo=datetime.UTC)
    wijk_ids = {w.pk: w.slug for w in wijken}
    columns = available_columns()
    cells = {}  # (wijk_id, month, code) -> value or None
    with cross_wijk("research export"):
        for column, model, person in columns:
            rows = model.objects.filter(wijk_id__in=list(wijk_ids), **column.filters)
            date_field = model._meta.get_field(column.date_field)
            if date_field.get_internal_type() == "DateField":
                rows = rows.filter(**{f"{column.date_field}__gte": starts[0]})
                month_of = TruncMonth(column.date_field)
            else:
                rows = rows.filter(**{f"{column.date_field}__gte": since})
                month_of = TruncMonth(column.date_field, tzinfo=datetime.UTC)
            aggregates = {"n": Count("pk")}
            if person:
                aggregates["people"] = Count(person, distinct=True)
            grouped = rows.annotate(month=month_of).values("wijk_id", "month").annotate(**aggregates)
            for row in grouped:
                month = row["month"].date() if isinstance(row["month"], datetime.datetime) else row["month"]
                people = row.get("people", row["n"])  # without a person field, rows stand in for people
                value = people if column.count_people else row["n"]
                if 0 < people < MIN_PEOPLE:
                    value = None
                cells[(row["wijk_id"], month.replace(day=1), column.code)] = value
    result = []
    for wijk_id, slug in sorted(wijk_ids.items(), key=lambda item: item[1]):
        for start in starts:
            row = {"wijk": slug, "month": start.strftime("%Y-%m")}
            for column, _model, _person in columns:
                row[column.code] = cells.get((wijk_id, start, column.code), 0)
            result.append(row)
    return result


def as_csv(rows):
    columns = ["wijk", "month", *(c.code for c, _m, _p in available_columns())]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    for row in rows:
        writer.writerow({key: "" if value is None else value for key, value in row.items()})
    return out.getvalue()
