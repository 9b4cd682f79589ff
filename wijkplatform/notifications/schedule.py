"""The periodic jobs of notifications, for celery beat. Plain data: settings.py may import it.

In settings.py: `from wijkplatform.notifications.schedule import BEAT_SCHEDULE as NOTIFICATIONS_BEAT`
and `CELERY_BEAT_SCHEDULE = {**NOTIFICATIONS_BEAT}`.
"""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    "notifications-send-outbox": {"task": "notifications.send_outbox", "schedule": 60.0},
    # Digests go out early in the morning (Europe/Amsterdam, the project's TIME_ZONE; celery uses it).
    "notifications-daily-digest": {
        "task": "notifications.send_digests",
        "schedule": crontab(hour=7, minute=0),
        "args": ("daily",),
    },
    "notifications-weekly-digest": {
        "task": "notifications.send_digests",
        "schedule": crontab(hour=7, minute=30, day_of_week="mon"),
        "args": ("weekly",),
    },
}
