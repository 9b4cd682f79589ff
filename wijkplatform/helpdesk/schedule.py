"""The periodic jobs of the help desk, for celery beat. Plain data: settings.py collects every app's
`schedule.py` into CELERY_BEAT_SCHEDULE."""

from celery.schedules import crontab

BEAT_SCHEDULE = {
    # Every night: failed tasks older than 30 days go (the health page shows the last day).
    "helpdesk-prune-task-failures": {"task": "helpdesk.prune_task_failures", "schedule": crontab(hour=4, minute=50)},
}
