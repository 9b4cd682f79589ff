"""The periodic jobs of the newsroom, for celery beat. Plain data: settings.py may import it.

In settings.py: `from wijkplatform.newsroom.schedule import BEAT_SCHEDULE as NEWSROOM_BEAT` and add it to
`CELERY_BEAT_SCHEDULE`.
"""

BEAT_SCHEDULE = {
    "newsroom-publish-scheduled": {"task": "newsroom.publish_scheduled", "schedule": 60.0},
}
