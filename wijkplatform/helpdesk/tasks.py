"""Celery tasks of the help desk: thin wrappers of the services. The beat schedule is in `schedule.py`."""

from celery import shared_task


@shared_task(name="helpdesk.prune_task_failures", ignore_result=True)
def prune_task_failures():
    from .services import task_failures_prune

    return task_failures_prune()
