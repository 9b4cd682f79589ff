"""One rate limiter for the whole platform: a counter per key in the cache, in a fixed window.

    if ratelimit.hit(f"polls:guest:{wijk.pk}:{ip}", limit=10, seconds=3600):
        raise TooMany(...)

Each app keeps its own key, limit, window, message and exception; only the counting lives here.
"""

from django.core.cache import cache


def hit(key, *, limit, seconds):
    """Count one hit on `key`; True when this hit is over `limit` in the current window of `seconds`.

    The window starts at the first hit and is not extended by later ones. A cache that does not answer
    (a Redis that is down, with IGNORE_EXCEPTIONS) counts as under the limit rather than failing the page.
    """
    if cache.add(key, 1, seconds):
        return 1 > limit
    try:
        count = cache.incr(key)
    except ValueError:  # the key expired between add and incr: a new window starts with this hit
        cache.set(key, 1, seconds)
        count = 1
    if count is None:
        return False
    return count > limit
