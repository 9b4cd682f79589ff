"""Reads of safe requests go to a PostgreSQL streaming replica; everything else to the primary.

Settings (see docs/operations.md): `DATABASE_REPLICA_URLS` lists the replicas (they become the database
aliases `replica_0`, `replica_1`, ... named in `DATABASE_REPLICAS`), `READ_YOUR_WRITES_SECONDS` (default 10),
`DATABASE_REPLICA_MAX_LAG_SECONDS` (default 5) and `DATABASE_REPLICA_CHECK_SECONDS` (default 5).

- `ReplicaRoutingMiddleware` marks a GET/HEAD/OPTIONS request as "may read from a replica", unless the
  person made an unsafe request (POST, PUT, PATCH, DELETE) in the last `READ_YOUR_WRITES_SECONDS`: after
  each unsafe request it sets a signed cookie, and while that is fresh, reads go to the primary.
- `PrimaryReplicaRouter` sends writes, migrations, transactions and everything outside a marked request
  (tasks, commands) to the primary ("default"), and marked reads to one healthy replica per request.
- A replica is healthy when a cheap probe (cached per process for `DATABASE_REPLICA_CHECK_SECONDS`)
  connects and finds it no more than `DATABASE_REPLICA_MAX_LAG_SECONDS` behind. A replica that is down or
  lags is skipped; with none healthy, reads go to the primary. A replica that fails in the middle of a
  safe request is marked down and the request is answered again from the primary: no 500 for reads.
"""

import contextvars
import logging
import random
import threading
import time

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.utils import InterfaceError, OperationalError

logger = logging.getLogger(__name__)

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
COOKIE_NAME = "wijk_recent_write"
COOKIE_SALT = "wijkplatform.core.db_router"


class _RequestState:
    __slots__ = ("may_use_replica", "replica", "retried")

    def __init__(self, may_use_replica):
        self.may_use_replica = may_use_replica
        self.replica = None
        self.retried = False


_state = contextvars.ContextVar("wijk_replica_state", default=None)


def replica_aliases():
    return list(getattr(settings, "DATABASE_REPLICAS", ()))


# --- health probe -----------------------------------------------------------------------------------------

_health = {}  # alias -> (checked_at monotonic, healthy, detail)
_health_lock = threading.Lock()

LAG_SQL = """
SELECT pg_is_in_recovery(),
       CASE WHEN NOT pg_is_in_recovery() THEN 0
            WHEN pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn() THEN 0
            ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0)
       END
"""


def probe_replica(alias):
    """Connect to the replica on a separate short-lived connection; return (healthy, detail)."""
    import psycopg

    conf = connections.settings[alias]
    try:
        with psycopg.connect(
            dbname=conf["NAME"],
            user=conf["USER"] or None,
            password=conf["PASSWORD"] or None,
            host=conf["HOST"] or None,
            port=conf["PORT"] or None,
            connect_timeout=2,
            options="-c statement_timeout=2000",
            autocommit=True,
        ) as conn:
            in_recovery, lag = conn.execute(LAG_SQL).fetchone()
    except Exception as error:  # noqa: BLE001 - any failure means "do not read from it"
        return False, f"down: {type(error).__name__}"
    lag = float(lag or 0)
    limit = getattr(settings, "DATABASE_REPLICA_MAX_LAG_SECONDS", 5)
    if lag > limit:
        return False, f"lagging {lag:.1f}s (limit {limit}s)"
    return True, f"lag {lag:.1f}s" if in_recovery else "not in recovery"


def replica_is_healthy(alias):
    now = time.monotonic()
    ttl = getattr(settings, "DATABASE_REPLICA_CHECK_SECONDS", 5)
    cached = _health.get(alias)
    if cached and now - cached[0] < ttl:
        return cached[1]
    healthy, detail = probe_replica(alias)
    with _health_lock:
        previous = _health.get(alias)
        _health[alias] = (time.monotonic(), healthy, detail)
    if previous is None or previous[1] != healthy:
        logger.warning("replica %s is %s (%s)", alias, "healthy" if healthy else "skipped", detail)
    return healthy


def mark_replica_down(alias, reason):
    with _health_lock:
        _health[alias] = (time.monotonic(), False, reason)
    logger.warning("replica %s marked down: %s", alias, reason)


def forget_replica_health():
    """Probe again on the next read (tests, and after an operator fixed a replica)."""
    with _health_lock:
        _health.clear()


def replica_status():
    """{alias: {"ok": bool, "detail": str}} from the cached probes (for /readyz and metrics)."""
    result = {}
    for alias in replica_aliases():
        replica_is_healthy(alias)
        _checked, healthy, detail = _health.get(alias, (0, False, "unknown"))
        result[alias] = {"ok": healthy, "detail": detail}
    return result


# --- the router ------------------------------------------------------------------------------------------


class PrimaryReplicaRouter:
    def db_for_read(self, model, **hints):
        state = _state.get()
        if state is None or not state.may_use_replica:
            return DEFAULT_DB_ALIAS
        if connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS  # reads inside a transaction see its own writes
        if state.replica is None:
            healthy = [alias for alias in replica_aliases() if replica_is_healthy(alias)]
            state.replica = random.choice(healthy) if healthy else DEFAULT_DB_ALIAS
        return state.replica

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replicas hold the same rows as the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db not in replica_aliases()


# --- the middleware --------------------------------------------------------------------------------------


def wrote_recently(request):
    seconds = getattr(settings, "READ_YOUR_WRITES_SECONDS", 10)
    value = request.get_signed_cookie(COOKIE_NAME, default=None, salt=COOKIE_SALT, max_age=seconds)
    return value is not None


class ReplicaRoutingMiddleware:
    """Put it first in MIDDLEWARE: the session and the user are read through the router too."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        safe = request.method in SAFE_METHODS
        may_use_replica = bool(replica_aliases()) and safe and not wrote_recently(request)
        token = _state.set(_RequestState(may_use_replica))
        try:
            response = self.get_response(request)
        finally:
            _state.reset(token)
        if not safe:
            seconds = getattr(settings, "READ_YOUR_WRITES_SECONDS", 10)
            response.set_signed_cookie(
                COOKIE_NAME,
                "1",
                salt=COOKIE_SALT,
                max_age=seconds,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response

    def process_exception(self, request, exception):
        state = _state.get()
        if not isinstance(exception, OperationalError | InterfaceError) or state is None or state.retried:
            return None
        if state.replica in (None, DEFAULT_DB_ALIAS):
            return None
        mark_replica_down(state.replica, f"{type(exception).__name__} during a request")
        connections[state.replica].close_if_unusable_or_obsolete()
        state.retried = True
        state.may_use_replica = False
        state.replica = None
        return self.get_response(request)
