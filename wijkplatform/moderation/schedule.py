"""The periodic jobs of moderation, for celery beat. Plain data: settings.py may import it."""

BEAT_SCHEDULE = {
    "moderation-lift-suspensions": {"task": "moderation.lift_suspensions", "schedule": 300.0},
}
