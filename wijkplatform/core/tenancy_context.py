"""The escape hatch for deliberate cross-wijk queries, kept apart so that models can use it."""

import contextlib
import contextvars

_cross_wijk_reason = contextvars.ContextVar("cross_wijk_reason", default=None)


@contextlib.contextmanager
def cross_wijk(reason):
    """Mark a block of queries that may read across wijken on purpose (say why)."""
    token = _cross_wijk_reason.set(reason)
    try:
        yield
    finally:
        _cross_wijk_reason.reset(token)


def cross_wijk_allowed():
    return _cross_wijk_reason.get() is not None
