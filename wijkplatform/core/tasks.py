"""Core tasks. Importing this module (Celery's autodiscovery does) also connects the task metrics."""

import time

from celery import shared_task

from . import metrics  # noqa: F401 - connects the Celery signals for wijk_celery_task_* metrics
from .idempotency import once


@shared_task(acks_late=True)
def smoke_task(key, seconds=0.0):
    """The operator's smoke test of the workers (docs/operations.md): takes `seconds`, then finishes `key`
    exactly once, however often it is delivered."""
    with once(key) as first:
        if not first:
            return "finished before"
        time.sleep(float(seconds))
        return "finished"
