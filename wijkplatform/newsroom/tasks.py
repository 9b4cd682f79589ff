from celery import shared_task

from . import services


@shared_task(name="newsroom.publish_scheduled")
def publish_scheduled():
    return services.stories_publish_due()
