from django.contrib.sessions.backends.cached_db import KEY_PREFIX as SESSION_CACHE_PREFIX
from django.core.cache import cache


def round_trips(monkeypatch, *, sessions=True):
    """The calls to the shared cache from now on, by method name: a list that grows as they happen. A call
    the cache makes inside another (the local memory cache's get_many calls its get) is the same round trip.
    With `sessions=False`, a call for a session alone is left out."""
    calls, inside = [], []

    def counted(method):
        original = getattr(cache, method)

        def call(*args, **kwargs):
            session = args and str(args[0]).startswith(SESSION_CACHE_PREFIX)
            if not inside and (sessions or not session):
                calls.append(method)
            inside.append(method)
            try:
                return original(*args, **kwargs)
            finally:
                inside.pop()

        monkeypatch.setattr(cache, method, call)

    for method in ("get", "get_many", "set", "set_many", "add"):
        counted(method)
    return calls
