"""Celery tasks: thin wrappers of the services. The beat schedule is in `schedule.py`."""

from celery import shared_task


@shared_task(name="notifications.send_outbox", ignore_result=True)
def send_outbox():
    from .services import outbox_send_pending

    return outbox_send_pending()


@shared_task(name="notifications.send_digests", ignore_result=True)
def send_digests(period):
    from .digests import LOCAL_HOUR, digests_send

    return digests_send(period=period, local_hour=LOCAL_HOUR)


@shared_task(name="notifications.prune", ignore_result=True)
def prune():
    from .services import prune as prune_service

    return prune_service()
