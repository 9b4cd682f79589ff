"""Opening hours arithmetic: pure functions over lists of rows, in the wijk's local time.

A period is (opens, closes) with closes > opens; a closing time of 00:00 means midnight at the end of the day.
"""

import datetime

END_OF_DAY = datetime.time(0, 0)


def minutes(value, *, closing=False):
    """Minutes since midnight; a closing time of 00:00 counts as 24:00."""
    if closing and value == END_OF_DAY:
        return 24 * 60
    return value.hour * 60 + value.minute


def is_inverted(opens, closes):
    return minutes(closes, closing=True) <= minutes(opens)


def overlaps(a_opens, a_closes, b_opens, b_closes):
    return minutes(a_opens) < minutes(b_closes, closing=True) and minutes(b_opens) < minutes(a_closes, closing=True)


def periods_on(day, weekly, exceptions):
    """[(opens, closes)] on a date: the exceptions of that date win over the weekly hours."""
    todays = [e for e in exceptions if e.date == day]
    if todays:
        if any(e.is_closed for e in todays):
            return []
        return sorted((e.opens, e.closes) for e in todays)
    return sorted((h.opens, h.closes) for h in weekly if h.weekday == day.weekday())


def status_at(when, tz, weekly, exceptions):
    """{'open': bool, 'until': time or None, 'next': (date, time) or None} at an aware datetime."""
    local = when.astimezone(tz)
    now_minutes = local.hour * 60 + local.minute
    for opens, closes in periods_on(local.date(), weekly, exceptions):
        if minutes(opens) <= now_minutes < minutes(closes, closing=True):
            return {"open": True, "until": closes, "next": None}
    for offset in range(0, 8):
        day = local.date() + datetime.timedelta(days=offset)
        for opens, _closes in periods_on(day, weekly, exceptions):
            if offset or minutes(opens) > now_minutes:
                return {"open": False, "until": None, "next": (day, opens)}
    return {"open": False, "until": None, "next": None}
