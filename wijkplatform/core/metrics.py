"""Prometheus metrics: requests and latency by view, outbox and queue length, task failures.

`/metrics` answers only addresses in `METRICS_ALLOWED_IPS` (default 127.0.0.1 and ::1) on a direct
connection, or a request with `Authorization: Bearer <METRICS_TOKEN>`. A request that came through the
reverse proxy (it carries X-Forwarded-For) needs the token: behind a proxy on the same machine, every
visitor would otherwise look like 127.0.0.1.

With several gunicorn workers set `PROMETHEUS_MULTIPROC_DIR` (an empty directory, emptied at each start):
every process writes its counters there and `/metrics` adds them up (deploy/gunicorn.conf.py marks dead
workers). A Celery worker serves its own metrics on `CELERY_METRICS_PORT` when that is set.
"""

import hmac
import logging
import os
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.cache import never_cache
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily

logger = logging.getLogger(__name__)

REQUESTS = Counter("wijk_http_requests", "HTTP requests answered", ["view", "method", "status"])
LATENCY = Histogram(
    "wijk_http_request_duration_seconds",
    "Time to answer an HTTP request",
    ["view", "method"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
TASKS = Counter("wijk_celery_tasks", "Celery tasks finished", ["task", "state"])
TASK_FAILURES = Counter("wijk_celery_task_failures", "Celery tasks that raised", ["task"])


def observe_request(*, view, method, status, seconds):
    REQUESTS.labels(view=view, method=method, status=str(status)).inc()
    LATENCY.labels(view=view, method=method).observe(seconds)


class QueueCollector:
    """Read at scrape time: the notifications outbox (when that app exists) and the Celery queue in Redis."""

    def collect(self):
        outbox = GaugeMetricFamily("wijk_outbox_messages", "Outbox messages by status", labels=["status"])
        for status, count in outbox_counts().items():
            outbox.add_metric([status], count)
        yield outbox
        length = celery_queue_length()
        if length is not None:
            yield GaugeMetricFamily(
                "wijk_celery_queue_length", "Tasks waiting in the broker queue", value=length
            )

    def describe(self):
        return []


def outbox_counts():
    from django.db.models import Count

    # Notifications builds on core: a module-level import would be circular.
    from wijkplatform.notifications.models import OutboxMessage

    from .tenancy_context import cross_wijk

    try:
        with cross_wijk("metrics: the outbox length of the whole platform"):
            rows = OutboxMessage.objects.exclude(status="sent").values("status").annotate(n=Count("id"))
            return {row["status"]: row["n"] for row in rows}
    except Exception as error:  # noqa: BLE001 - a scrape must not fail because of one gauge
        logger.warning("could not count the outbox: %s: %s", type(error).__name__, error)
        return {}


def celery_queue_length():
    broker = getattr(settings, "CELERY_BROKER_URL", "")
    if not broker or urlsplit(broker).scheme not in {"redis", "rediss"}:
        return None
    try:
        import redis

        client = redis.Redis.from_url(broker, socket_connect_timeout=1, socket_timeout=1)
        return client.llen(getattr(settings, "CELERY_TASK_DEFAULT_QUEUE", "celery"))
    except Exception:  # noqa: BLE001
        return None


_queue_collector = QueueCollector()
try:
    REGISTRY.register(_queue_collector)
except ValueError:  # registered already (module reloaded)
    pass


# --- Celery signals ----------------------------------------------------------------------------------


def _task_name(sender):
    return getattr(sender, "name", None) or str(sender)


def connect_celery_signals():
    from celery import signals

    def on_failure(sender=None, **kwargs):
        TASK_FAILURES.labels(task=_task_name(sender)).inc()

    def on_postrun(sender=None, state=None, **kwargs):
        TASKS.labels(task=_task_name(sender), state=state or "UNKNOWN").inc()

    def on_worker_ready(**kwargs):
        port = os.environ.get("CELERY_METRICS_PORT")
        if port:
            from prometheus_client import start_http_server

            start_http_server(int(port), addr=os.environ.get("CELERY_METRICS_ADDR", "127.0.0.1"))

    signals.task_failure.connect(on_failure, weak=False, dispatch_uid="wijk_metrics_task_failure")
    signals.task_postrun.connect(on_postrun, weak=False, dispatch_uid="wijk_metrics_task_postrun")
    signals.worker_ready.connect(on_worker_ready, weak=False, dispatch_uid="wijk_metrics_worker_ready")


connect_celery_signals()


# --- the endpoint ----------------------------------------------------------------------------------------


def allowed(request):
    token = getattr(settings, "METRICS_TOKEN", "")
    header = request.headers.get("Authorization", "")
    if token and header.startswith("Bearer "):
        return hmac.compare_digest(header.removeprefix("Bearer ").strip().encode(), token.encode())
    if "X-Forwarded-For" in request.headers:
        return False
    return request.META.get("REMOTE_ADDR", "") in getattr(settings, "METRICS_ALLOWED_IPS", ["127.0.0.1"])


def registry():
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        combined = CollectorRegistry()
        multiprocess.MultiProcessCollector(combined)
        combined.register(_queue_collector)
        return combined
    return REGISTRY


@never_cache
def metrics_view(request):
    if not allowed(request):
        return HttpResponse("Forbidden\n", status=403, content_type="text/plain")
    return HttpResponse(generate_latest(registry()), content_type=CONTENT_TYPE_LATEST)
