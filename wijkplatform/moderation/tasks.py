from celery import shared_task

from . import services


@shared_task(name="moderation.lift_suspensions")
def lift_suspensions():
    return services.suspensions_lift_due()
