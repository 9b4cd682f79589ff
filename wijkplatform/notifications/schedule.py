"""The periodic jobs of notifications, for celery beat. Plain data: settings.py may import it.

In settings.py: `from wijkplatform.notifications.schedule import BEAT_SCHEDULE as NOTIFICATIONS_BEAT` and
add `**NOTIFICATIONS_BEAT` to `CELERY_BEAT_SCHEDULE`.
"""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    "notifications-send-outbox": {"task": "notifications.send_outbox", "schedule": 60.0},
    # Every hour: each wijk's digests go out once it is 07:00 there (each digest is recorded and sent once;
    # the weekly one belongs to the week starting on Monday).
    "notifications-daily-digest": {
        "task": "notifications.send_digests",
        "schedule": crontab(minute=10),
        "args": ("daily",),
    },
    "notifications-weekly-digest": {
        "task": "notifications.send_digests",
        "schedule": crontab(minute=20),
        "args": ("weekly",),
    },
    # Every night: sent emails older than a month and read notifications older than half a year go.
    "notifications-prune": {"task": "notifications.prune", "schedule": crontab(hour=4, minute=40)},
}
