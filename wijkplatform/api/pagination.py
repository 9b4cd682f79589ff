"""Cursor (keyset) pagination: stable however many rows arrive meanwhile, and as fast on page 1,000 as on 1."""

import base64
import datetime
import json

from django.db.models import Q
from ninja.errors import HttpError


def page(rows, *, cursor, limit, order=("-pk",)):
    """(items, next cursor) of a queryset in this order; the last field must be unique (pk)."""
    fields = [name.lstrip("-") for name in order]
    descending = order[0].startswith("-")
    if cursor:
        values = _decode(cursor, len(fields))
        rows = rows.filter(_after(fields, values, descending))
    items = list(rows.order_by(*order)[: limit + 1])
    more = len(items) > limit
    items = items[:limit]
    next_cursor = _encode([getattr(items[-1], name) for name in fields]) if more and items else None
    return items, next_cursor


def _after(fields, values, descending):
    """Rows after the cursor: (a, b) < (x, y) as a lexicographic condition."""
    condition = Q()
    for index, name in enumerate(fields):
        step = Q(**{f"{name}__{'lt' if descending else 'gt'}": values[index]})
        for earlier, value in zip(fields[:index], values[:index], strict=False):
            step &= Q(**{earlier: value})
        condition |= step
    return condition


def _encode(values):
    plain = [value.isoformat() if isinstance(value, datetime.datetime) else value for value in values]
    return base64.urlsafe_b64encode(json.dumps(plain).encode()).decode().rstrip("=")


def _decode(cursor, count):
    try:
        values = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        if not isinstance(values, list) or len(values) != count:
            raise ValueError
        return [datetime.datetime.fromisoformat(v) if isinstance(v, str) and "T" in v else v for v in values]
    except (ValueError, TypeError, UnicodeDecodeError):
        raise HttpError(400, "This cursor is not one we gave out.") from None
