"""Failed background tasks, for the wijk health page: Celery's `task_failure` signal stores each in TaskFailure.

The signal is sent when a task raises on a worker, and in-process (eager) only when
`task_eager_propagates` is off: with the development defaults the error goes up to the request that started the
task instead, and the health page lists it among the errors. The Prometheus counter of failed tasks
(`core/metrics.py`) listens to the same signal.

The wijk a task was about comes from its arguments: a parameter called `wijk_id`, `wijk_slug` or `wijk`
(positional or keyword). A task without one (a nightly job over every wijk) is recorded without a wijk.
"""

import inspect
import logging

log = logging.getLogger(__name__)

WIJK_PARAMETERS = ("wijk_id", "wijk_slug", "wijk")


def _named_arguments(task, args, kwargs):
    named = dict(kwargs or {})
    run = getattr(task, "run", None)
    if args and run is not None:
        try:
            named = dict(inspect.signature(run).bind_partial(*args, **named).arguments)
        except (TypeError, ValueError):  # arguments that do not fit the signature: use the keywords only
            pass
    return named


def wijk_id_of_task(task, args=(), kwargs=None):
    """The id of the wijk the task was about, or None (no such argument, or no such wijk)."""
    from wijkplatform.wijken.models import Wijk

    named = _named_arguments(task, args, kwargs)
    for name in WIJK_PARAMETERS:
        if name in named and named[name] not in (None, ""):
            value = named[name]
            break
    else:
        return None
    if isinstance(value, Wijk):
        return value.pk
    if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
        wijken = Wijk.objects.filter(pk=int(value))
    elif isinstance(value, str):
        wijken = Wijk.objects.filter(slug=value)
    else:
        return None
    return wijken.values_list("pk", flat=True).first()


def on_task_failure(sender=None, exception=None, args=None, kwargs=None, **_extra):
    """Record the failure; never raise (a broken record must not hide the task's own error)."""
    from . import services

    try:
        services.task_failure_record(task=sender, args=args or (), kwargs=kwargs or {}, exception=exception)
    except Exception as error:  # noqa: BLE001 - database down, no table yet: the log still has the failure
        log.warning("could not record a failed task: %s: %s", type(error).__name__, error)


def connect():
    from celery import signals

    signals.task_failure.connect(on_task_failure, weak=False, dispatch_uid="wijk_helpdesk_task_failure")
