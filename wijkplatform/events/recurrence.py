"""Dates of a recurring event, in the wijk's wall-clock time (a weekly 19:00 stays 19:00 across DST)."""

import calendar
from datetime import UTC, datetime, timedelta

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

WEEKLY, BIWEEKLY, MONTHLY = "weekly", "biweekly", "monthly"


def local_to_aware(naive, tz, *, field=None):
    """A local wall-clock time in `tz` as an aware datetime; a time that does not exist (DST gap) is refused.

    An ambiguous time (the repeated hour when clocks go back) means the first of the two.
    """
    if naive.tzinfo is not None:
        return naive
    aware = naive.replace(tzinfo=tz, fold=0)
    round_trip = aware.astimezone(UTC).astimezone(tz).replace(tzinfo=None)
    if round_trip != naive:
        message = _(
            "%(time)s does not exist in %(zone)s: the clocks skip that hour when summer time starts. "
            "Please choose another time."
        ) % {"time": naive.strftime("%Y-%m-%d %H:%M"), "zone": str(tz)}
        raise ValidationError({field: message} if field else message, code="dst_gap")
    return aware


def _wall(d, clock, tz):
    """The aware datetime at this wall-clock time; a time in a DST gap moves forward to a real one."""
    return datetime.combine(d, clock, tzinfo=tz).astimezone(UTC).astimezone(tz)


def nth_weekday(year, month, weekday, n):
    """The date of the n-th (1..4, or -1 for the last) weekday of a month."""
    days = [
        d
        for d in calendar.Calendar().itermonthdates(year, month)
        if d.month == month and d.weekday() == weekday
    ]
    return days[-1] if n == -1 or n > len(days) else days[n - 1]


def series_starts(first_start, recurrence, *, tz, until=None, horizon_end):
    """The aware start of each date of the series, up to `until` (a date) and `horizon_end`."""
    local = first_start.astimezone(tz)
    clock = local.time().replace(tzinfo=None)
    first_day = local.date()
    last_day = horizon_end.astimezone(tz).date()
    if until is not None:
        last_day = min(last_day, until)
    starts = []
    if not recurrence:
        return [first_start]
    if recurrence in (WEEKLY, BIWEEKLY):
        step = timedelta(weeks=1 if recurrence == WEEKLY else 2)
        day = first_day
        while day <= last_day:
            starts.append(_wall(day, clock, tz))
            day += step
    elif recurrence == MONTHLY:
        n = (first_day.day - 1) // 7 + 1
        n = -1 if n == 5 else n
        year, month = first_day.year, first_day.month
        while True:
            day = nth_weekday(year, month, first_day.weekday(), n)
            if day > last_day:
                break
            if day >= first_day:
                starts.append(_wall(day, clock, tz))
            month += 1
            if month == 13:
                year, month = year + 1, 1
    else:
        raise ValueError(f"unknown recurrence {recurrence!r}")
    return starts


def ordinal_weekday(first_start, tz):
    """(n, weekday) of a monthly series: n is 1..4 or -1 (last)."""
    local = first_start.astimezone(tz).date()
    n = (local.day - 1) // 7 + 1
    return (-1 if n == 5 else n), local.weekday()


__all__ = ["local_to_aware", "series_starts", "nth_weekday", "ordinal_weekday"]
